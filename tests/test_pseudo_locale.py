"""No string escapes gettext: every page rendered in a pseudo-language shows only marked messages and data.

The pseudo-language wraps every translated message in ⟦…⟧. Whatever visible text is left
outside the markers must be data: bank and article text (marked with its own ``lang``),
names and codes (isolated in ``<bdi>``, ``<code>``, or ``translate="no"``), dates
(``<time>``), numbers and punctuation. Anything else is an English string that Spanish
and Urdu readers would see. The page's ``<title>`` holds no markup, so data there is
recognised as text the page shows as data elsewhere. A CSV file's header row is checked the same
way: a column a spreadsheet shows in English is a string that escaped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import flask_babel
import pytest
from babel.support import NullTranslations
from bs4 import BeautifulSoup, NavigableString, Tag
from flask import Flask

from quizapp.services import caches
from quizapp.web import i18n
from tests.conftest import People
from tests.test_access_control import MATRIX, MATRIX_ALSO, ROLES, world  # noqa: F401

MARKED = re.compile(r"⟦[^⟦⟧]*⟧", re.S)
DATA_TAGS = {"bdi", "code", "time", "textarea", "pre", "kbd", "samp", "script", "style", "template"}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
ALLOWED = re.compile(r"^[\W\d_]*$")
BRAND = "quizapp"
DATA_MARK = "∎"


class Pseudo(NullTranslations):
    """Every message comes back wrapped in markers."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self.ngettext(singular, plural, n)

    ugettext = gettext
    ungettext = ngettext


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    translations = Pseudo()
    monkeypatch.setattr(flask_babel.Domain, "get_translations", lambda self: translations)
    monkeypatch.setattr(flask_babel, "get_translations", lambda: translations)
    monkeypatch.setattr(i18n, "get_translations", lambda: translations)
    caches.forget_rendered_pages()  # rendered by earlier tests in real English
    yield
    caches.forget_rendered_pages()


def is_data(node: Tag) -> bool:
    """Text inside bank or article text, names, codes or dates is data, not interface."""
    for parent in [node, *node.parents]:
        if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
            continue
        if parent.name in DATA_TAGS or parent.has_attr("lang") or parent.get("translate") == "no":
            return True
    return False


def unmarked_text(html: str) -> list[str]:
    """Visible text and labelling attributes that are neither marked messages nor data.

    A message may hold data in markup (``⟦Back to <bdi>8B</bdi>⟧``), so the page's text is
    read as one stream, each piece of data standing in it as ∎.
    """
    page = BeautifulSoup(html, "html.parser")
    stream: list[str] = []
    for text in page.find_all(string=True):
        if type(text) is not NavigableString or text.parent is None or text.parent.name == "title":
            continue  # comments and the doctype are not shown; the title is read below
        stream.append(DATA_MARK if is_data(text.parent) else str(text))
    found = re.split(f"{DATA_MARK}|\n", MARKED.sub(DATA_MARK, "".join(stream)))
    for tag in page.find_all(True):
        if is_data(tag):
            continue
        found.extend(MARKED.sub("", str(tag[name])) for name in ATTRIBUTES if tag.has_attr(name))
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.has_attr("value"):
            found.append(MARKED.sub("", str(tag["value"])))
    title = page.find("title")
    if title is not None:
        shown_as_data = sorted({t.strip() for t in page.find_all(string=True)
                                if t.parent is not None and t.parent.name != "title"
                                and is_data(t.parent) and t.strip()}, key=len, reverse=True)
        text = MARKED.sub("", title.get_text())
        for data in shown_as_data:
            text = text.replace(data, "")
        found.append(text)
    return [text.replace(BRAND, "").strip() for text in found
            if not ALLOWED.match(text.replace(BRAND, ""))]


def unmarked_csv_header(body: str) -> list[str]:
    """The header cells of a CSV file with words outside the markers: a spreadsheet's English column."""
    header = next(csv.reader(io.StringIO(body.lstrip("\ufeff"))), [])
    return [cell for cell in header if not ALLOWED.match(MARKED.sub("", cell))]


def test_the_csv_detector_finds_an_english_column() -> None:
    assert unmarked_csv_header("⟦name⟧,⟦Quiz: best⟧\r\nZara,3\r\n") == []
    assert unmarked_csv_header("⟦name⟧,points\r\n") == ["points"]


def test_the_detector_finds_an_unmarked_string() -> None:
    assert unmarked_text("<p>⟦Marked⟧ <bdi>Zara</bdi> 12/20</p>") == []
    assert unmarked_text("<p>⟦Back to <bdi>8B</bdi>⟧</p><p>Back to <bdi>8B</bdi></p>") == ["Back to"]
    assert unmarked_text("<p>⟦Marked⟧ and English</p><p lang='ur'>بٹ کوائن</p>") == ["and English"]
    assert unmarked_text("<input type=submit value='Send'>") == ["Send"]
    assert unmarked_text("<title>⟦Result⟧: Quiz · quizapp</title><h1><bdi>Quiz</bdi></h1>") == []
    assert unmarked_text("<title>Result: Quiz</title><h1><bdi>Quiz</bdi></h1>") == ["Result:"]


def test_every_page_shows_only_translated_messages_and_data(app: Flask, people: People, world,  # noqa: F811
                                                             pseudo) -> None:
    seen: dict[str, list[str]] = {}
    checks = [(key, MATRIX[key]) for key in MATRIX] + [(key, (path, expected))
                                                      for key, path, expected in MATRIX_ALSO]
    for role in ("anonymous", "learner_a", "teacher_a"):
        client = app.test_client()
        if world["ids"][role]:
            people.sign_in(client, *world["ids"][role])
        for (endpoint, method), (template, expected) in checks:
            status = expected[ROLES.index(role)]
            if endpoint in ("auth.logout", "static") or status in (302, 303):
                continue
            path = template.format(**world["values"])
            response = client.open(path, method=method, data={} if method == "POST" else None)
            if response.content_type.startswith("text/csv"):
                leftovers = unmarked_csv_header(response.get_data(as_text=True))
            elif response.content_type.startswith("text/html"):
                leftovers = unmarked_text(response.get_data(as_text=True))
            else:
                continue
            if leftovers:
                seen[f"{method} {path} as {role} ({response.status_code})"] = leftovers
    assert seen == {}, "\n".join(f"{page}: {texts}" for page, texts in seen.items())
