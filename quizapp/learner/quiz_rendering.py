"""Rendering the quiz page fast: its questions, and whole pages, cached without their CSRF token.

An attempt's questions and their order never change, so neither does its page; learners
on poor connections reload it often, and a class sees the same questions. What varies
per request, the CSRF token, is put back into the cached page each time.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from flask import Response, current_app, render_template, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from werkzeug.http import parse_accept_header

from quizapp.services.caches import (
    COMPRESSED_QUIZ_PAGES,
    QUIZ_PAGES,
    UNANSWERED_QUESTIONS,
)
from quizapp.services.quiz_pages import ShownQuestion
from quizapp.web.forms import form_token
from quizapp.web.headers import OWN_SCRIPT_POLICY
from quizapp.web.i18n import number, select_locale
from quizapp.web.viewer import viewer_id

_CSRF_SLOT = "\x00csrf\x00"
# How many questions are answered differs between views of the same page (other pages may
# have been saved): the cached page keeps a slot for it, as it does for the CSRF token.
ANSWERED_SLOT = "\x00answered\x00"
_ANSWERED_LABEL_SLOT = "\x00answered-label\x00"
_INDENT = re.compile(r"\n[ \t]+")


def _without_indentation(html: str) -> str:
    """The page without the templates' indentation: a third of a quiz page's bytes.

    Safe here because the quiz page has no <pre> or <textarea>, where spaces would count;
    anywhere else in HTML a run of white space reads as one space.
    """
    return _INDENT.sub("\n", html)

def answered_label(answered: int | str) -> str:
    """The count of answered questions as the page shows it (a slot while the page is cached)."""
    return _ANSWERED_LABEL_SLOT if answered == ANSWERED_SLOT else number(int(answered))


_SLOTS = re.compile("(" + "|".join(map(re.escape, (_CSRF_SLOT, ANSWERED_SLOT, _ANSWERED_LABEL_SLOT)))
                    + ")")


def _pieces(html: str) -> tuple[str, ...]:
    """The page cut at its slots: text, slot, text, ..., so that a view joins a few pieces
    instead of scanning the whole page once per slot."""
    return tuple(_SLOTS.split(html))


def _filled(pieces: tuple[str, ...], answered: int) -> str:
    values = {_CSRF_SLOT: form_token(), ANSWERED_SLOT: str(answered),
              _ANSWERED_LABEL_SLOT: number(answered)}
    return "".join(piece if index % 2 == 0 else values[piece] for index, piece in enumerate(pieces))


def _page_key(attempt_token: str, page: int) -> tuple[str, str, int, int | None]:
    """A rendered page is kept per attempt, language, page and viewer: its header names whoever
    is signed in, and an anonymous practice link may be opened by several people."""
    # The selector's language code: cheaper than parsing a Babel Locale on every view.
    return attempt_token, select_locale(), page, viewer_id()


def cached_quiz_response(attempt_token: str, page: int, answered: int = 0) -> Response | None:
    """A page of the attempt's quiz in this browser's language, with its CSRF token and the
    number of questions answered so far; None if not cached. Its own questions are blank.

    A browser that takes gzip gets the page compressed once per session and count, then kept:
    learners on slow connections reload the same page, and compressing it anew each time would
    cost more than everything else this view does.
    """
    key = _page_key(attempt_token, page)
    pieces = QUIZ_PAGES.get(key)
    if pieces is None:
        return None
    csrf_secret = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if csrf_secret is None or not _takes_gzip(request.headers.get("Accept-Encoding", "")):
        # Not kept compressed before the session has its CSRF secret: the key must name it.
        return quiz_response(_filled(pieces, answered))
    compressed_key = (*key, csrf_secret, answered)
    body = COMPRESSED_QUIZ_PAGES.get(compressed_key)
    if body is None:
        body = gzip.compress(_filled(pieces, answered).encode(), compresslevel=6, mtime=0)
        COMPRESSED_QUIZ_PAGES.put(compressed_key, body)
    response = quiz_response(body)
    response.headers["Content-Encoding"] = "gzip"  # Flask-Compress leaves an encoded response be
    response.vary.add("Accept-Encoding")
    return response


@lru_cache(maxsize=256)
def _takes_gzip(accept_encoding: str) -> bool:
    # Browsers send the same few headers again and again: each is parsed once.
    return parse_accept_header(accept_encoding).quality("gzip") > 0


def remember_quiz_page(attempt_token: str, page: int, html: str, answered: int = 0) -> str:
    """Keep a page rendered with its questions blank and the answered count as a slot; returns
    it filled in for this view."""
    # The token to cut out is the one this request rendered (Flask-WTF keeps it for the
    # request), which may differ from a signature remembered from an earlier page.
    html = _without_indentation(html)
    rendered = generate_csrf()
    pieces = _pieces(html.replace(rendered, _CSRF_SLOT))
    if rendered in html:  # never keep a page that would hand one browser's token to another
        QUIZ_PAGES.put(_page_key(attempt_token, page), pieces)
    return _filled(pieces, answered)


def quiz_response(html: str | bytes) -> Response:
    """The quiz page as a response: the one page allowed a script, its own, which saves answers as given."""
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = OWN_SCRIPT_POLICY
    return response


_ENTRY_SLOT = re.compile("\x00entry(\\d+)\x00")


@UNANSWERED_QUESTIONS.memoise
def _unanswered_pieces(question: ShownQuestion, total: int, language: str,
                       locale: str) -> tuple[str, ...]:
    """A question with nothing chosen and a slot for each entry, cut at the slots (text, entry
    index, text, ...): the same for every attempt that shows it, whatever order it shuffled."""
    html = _without_indentation(render_template(
        "learner/_question.html", q=question, total=total, language=language, chosen=(),
        problem=None))
    return tuple(_ENTRY_SLOT.split(html))


def _unanswered_question(question: ShownQuestion, total: int, language: str, locale: str) -> Markup:
    """A question with nothing chosen, its entries in this attempt's order."""
    slots = tuple(f"\x00entry{index}\x00" for index in range(len(question.entries)))
    pieces = _unanswered_pieces(replace(question, entries=slots), total, language, locale)
    entries = question.entries
    return Markup("".join(piece if index % 2 == 0 else escape(entries[int(piece)])
                          for index, piece in enumerate(pieces)))


def question_html(question: ShownQuestion, total: int, language: str,
                  given: Mapping[int, list[str]], errors: Mapping[int, object]) -> Markup:
    """One question of the quiz page, with what the learner chose and what is wrong, if anything."""
    chosen = given.get(question.position)
    problem = errors.get(question.position)
    if not chosen and problem is None:
        return _unanswered_question(question, total, language, str(get_locale()))
    return Markup(_without_indentation(render_template(
        "learner/_question.html", q=question, total=total, language=language,
        chosen=chosen or (), problem=problem)))
