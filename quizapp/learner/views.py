"""Learner views: parse the request, call a service, render."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping
from functools import lru_cache

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from werkzeug.wrappers import Response

from quizapp.domain.classroom_rules import AttemptKind
from quizapp.extensions import db
from quizapp.i18n import select_locale
from quizapp.learner.forms import StartQuizForm, SubmitAttemptForm
from quizapp.services import attempts, classrooms, library

learner = Blueprint("learner", __name__)

_ANSWER_FIELD = re.compile(r"q(\d{1,4})")


_CSRF_SLOT = "\x00csrf\x00"
_PAGE_CACHE_SIZE = 2048


class _QuizPageCache:
    """Rendered quiz pages by (attempt, locale), without their CSRF token.

    An attempt's questions and their order never change, so its page does not either;
    learners on poor connections reload it often. Each request puts its own token back.
    """

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str, str], str] = OrderedDict()

    def get(self, key: tuple[str, str]) -> str | None:
        html = self._pages.get(key)
        if html is not None:
            self._pages.move_to_end(key)
        return html

    def put(self, key: tuple[str, str], html: str, token: str) -> str:
        self._pages[key] = html.replace(token, _CSRF_SLOT)
        if len(self._pages) > _PAGE_CACHE_SIZE:
            self._pages.popitem(last=False)
        return html


_quiz_pages = _QuizPageCache()
_signed_tokens: OrderedDict[str, str] = OrderedDict()


def form_token() -> str:
    """This browser's CSRF token for forms, signed once per session token in this process.

    Tokens do not expire (WTF_CSRF_TIME_LIMIT is None), so one signature serves every view;
    signing anew on each request was a tenth of a quiz page's cost.
    """
    raw = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if raw is None or current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return generate_csrf()
    signed = _signed_tokens.get(raw)
    if signed is None:
        signed = _signed_tokens[raw] = generate_csrf()
        if len(_signed_tokens) > _PAGE_CACHE_SIZE:
            _signed_tokens.popitem(last=False)
    return signed


@lru_cache(maxsize=8192)
def _unanswered_question(question: attempts.ShownQuestion, total: int, language: str,
                         locale: str) -> Markup:
    """A question with nothing chosen: the same for every attempt that shows it alike."""
    return Markup(render_template("learner/_question.html", q=question, total=total,
                                  language=language, chosen=(), problem=None))


def question_html(question: attempts.ShownQuestion, total: int, language: str,
                  given: Mapping[int, list[str]], errors: Mapping[int, object]) -> Markup:
    """One question of the quiz page, with what the learner chose and what is wrong, if anything."""
    chosen = given.get(question.position)
    problem = errors.get(question.position)
    if not chosen and problem is None:
        return _unanswered_question(question, total, language, str(get_locale()))
    return Markup(render_template("learner/_question.html", q=question, total=total,
                                  language=language, chosen=chosen or (), problem=problem))


@learner.get("/")
def home() -> str:
    """The list of quizzes, and for a signed-in learner their classes and assignments."""
    classes = []
    if current_user.is_authenticated and current_user.is_learner:
        classes = classrooms.learner_classes(db.session, current_user.account_id, classrooms.now())
    return render_template("learner/home.html", banks=library.list_banks(db.session),
                           classes=classes, start_form=StartQuizForm())


@learner.post("/assignments/<int:assignment_id>/start")
@login_required
def start_assignment(assignment_id: int) -> Response:
    """Start (or resume) an attempt on one of the learner's assignments."""
    if not StartQuizForm().validate_on_submit():
        abort(400)
    outcome = classrooms.start_assignment(db.session, current_user.account_id, assignment_id,
                                          classrooms.now())
    if outcome is None:
        abort(404)
    if isinstance(outcome, AttemptKind):
        flash(_("This quiz is not open yet.") if outcome is AttemptKind.NOT_OPEN
              else _("You have used every attempt that counts for this quiz."))
        return redirect(url_for(".home"), code=303)
    return redirect(url_for(".attempt", token=outcome), code=303)


@learner.get("/classes/<int:classroom_id>/board")
@login_required
def class_board(classroom_id: int) -> str:
    """A class board, for the class's learners, as the teacher chose to show it."""
    me = current_user.account_id
    page = classrooms.board_for_member(db.session, classroom_id, me) or abort(404)
    return render_template("learner/board.html", board=page, me=me)


@learner.get("/banks/<slug>")
def bank(slug: str) -> str:
    """A bank's description and the button that starts it."""
    summary = library.bank_summary(db.session, slug) or abort(404)
    return render_template("learner/bank.html", bank=summary, form=StartQuizForm())


@learner.post("/banks/<slug>")
def start(slug: str) -> Response:
    """Start an attempt and go to its questions."""
    form = StartQuizForm()
    if not form.validate_on_submit():
        abort(400)
    token = attempts.start_attempt(db.session, slug) or abort(404)
    return redirect(url_for(".attempt", token=token), code=303)


def _is_owner(account_id: int | None) -> bool:
    """Practice attempts without an account are open to whoever has the link."""
    return account_id is None or (current_user.is_authenticated
                                  and current_user.account_id == account_id)


def _may_review(token: str) -> bool:
    owner = attempts.ownership(db.session, token)
    if owner is None:
        return False
    return _is_owner(owner.account_id) or (current_user.is_authenticated
                                           and current_user.account_id == owner.teacher_id)


@learner.get("/attempts/<token>")
def attempt(token: str) -> str | Response:
    """The questions of an attempt; a submitted attempt shows its result instead."""
    state = attempts.attempt_state(db.engine, token)
    if state is None or not _is_owner(state.account_id):
        abort(404)
    if state.submitted:
        return redirect(url_for(".result", token=token), code=303)
    key = (token, select_locale())  # the selector's code: cheaper than parsing a Babel Locale
    cached = _quiz_pages.get(key)
    if cached is not None:
        return cached.replace(_CSRF_SLOT, form_token())
    page = attempts.quiz_page(db.session, token) or abort(404)
    html = render_template("learner/quiz.html", page=page, form=SubmitAttemptForm(), given={},
                           errors={}, blanks=[], question_html=question_html)
    return _quiz_pages.put(key, html, form_token())


@learner.post("/attempts/<token>")
def submit(token: str) -> tuple[str, int] | Response:
    """Grade and record the answers once, then show the result."""
    form = SubmitAttemptForm()
    if not form.validate_on_submit():
        abort(400)
    state = attempts.attempt_state(db.engine, token)
    if state is None or not _is_owner(state.account_id):
        abort(404)
    given = {int(match.group(1)): request.form.getlist(name)
             for name in request.form if (match := _ANSWER_FIELD.fullmatch(name))}
    outcome = attempts.submit_attempt(db.session, token, given,
                                      allow_blanks=bool(form.submit_with_blanks.data))
    if outcome.status is attempts.SubmitStatus.NOT_FOUND:
        abort(404)
    if outcome.status in (attempts.SubmitStatus.RECORDED, attempts.SubmitStatus.ALREADY_SUBMITTED):
        return redirect(url_for(".result", token=token), code=303)
    page = attempts.quiz_page(db.session, token) or abort(404)
    return render_template("learner/quiz.html", page=page, form=form, given=given,
                           errors=outcome.errors, blanks=outcome.blanks,
                           question_html=question_html), 422


@learner.get("/attempts/<token>/result")
def result(token: str) -> str | Response:
    """Score, answers, explanations and evidence of a submitted attempt."""
    if not _may_review(token):
        abort(404)
    outcome = attempts.attempt_result(db.session, token)
    if outcome is None:
        return redirect(url_for(".attempt", token=token), code=303)
    return render_template("learner/result.html", result=outcome, redo_form=StartQuizForm())


@learner.post("/attempts/<token>/redo")
def redo(token: str) -> Response:
    """Practise again just the questions answered wrongly."""
    if not StartQuizForm().validate_on_submit():
        abort(400)
    state = attempts.attempt_state(db.engine, token)
    if state is None or not _is_owner(state.account_id):
        abort(404)
    owner = current_user.account_id if current_user.is_authenticated else None
    new_token = attempts.start_redo(db.session, token, owner)
    if new_token is None:
        flash(_("There is nothing to redo: every answer was right."))
        return redirect(url_for(".result", token=token), code=303)
    return redirect(url_for(".attempt", token=new_token), code=303)


@learner.get("/sources/<source_id>")
def source(source_id: str) -> str:
    """A source article in full, with the cited passage highlighted."""
    citation = request.args.get("cite", type=int)
    page = library.source_page(db.session, source_id, citation) or abort(404)
    return render_template("learner/source.html", source=page)
