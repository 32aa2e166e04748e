"""The result page at a glance in a real Chromium: on a 360 × 740 phone, in English, Spanish
and Urdu, the score, the questions missed and their practice button come first and fit in
three screens for a 20-question quiz; each question's details fold, the missed ones open;
answers never wrap a word a line.

Positions are measured on screen (bounding boxes), never read from the HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from flask import Flask

from quizapp.extensions import db
from quizapp.services import attempts, quiz_pages
from tests.conftest import PROJECT
from tests.helpers import post_form

pytestmark = pytest.mark.browser

SCREEN = {"width": 360, "height": 740}
THREE_SCREENS = 3 * SCREEN["height"]
BANK = "reading-the-news"  # 19 questions; one of the IMF bank's makes 20


def _twenty_question_bank(questions_dir: Path) -> dict[str, str]:
    """reading-the-news and its translations with the IMF bank's first question added: 20 in all.

    Returns each question's right answer (English), by its position in the bank."""
    for suffix in ["", ".es", ".ur"]:
        bank = yaml.safe_load((PROJECT / "questions" / f"{BANK}{suffix}.yaml").read_text("utf-8"))
        extra = yaml.safe_load((PROJECT / "questions" / f"imf{suffix}.yaml").read_text("utf-8"))
        bank["questions"].append(extra["questions"][0])
        (questions_dir / f"{BANK}{suffix}.yaml").write_text(
            yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
    return {question["prompt"]: question["answer"] for question in bank_questions(questions_dir)}


def bank_questions(questions_dir: Path) -> list[dict]:
    return yaml.safe_load((questions_dir / f"{BANK}.yaml").read_text("utf-8"))["questions"]


def _submit(app: Flask, token: str, right_at: set[int], answers: dict[str, object]) -> None:
    """Answer the questions at ``right_at`` right, leave the others blank."""
    with app.test_request_context(method="POST"):
        page = quiz_pages.quiz_page(db.session, token)
        assert page is not None
        values: dict[int, list[str]] = {}
        for q in page.questions:
            right = answers[" ".join(q.prompt.split())]
            if q.position not in right_at:
                continue
            if q.type == "true_false":
                values[q.position] = ["true" if right else "false"]
            elif q.type == "multiple":
                values[q.position] = [str(q.entries.index(entry)) for entry in right]  # type: ignore[union-attr]
            else:
                values[q.position] = [str(q.entries.index(str(right)))]
        attempts.submit_attempt(db.session, token, values, allow_blanks=True)


@pytest.fixture
def results(app: Flask, live_server: str, questions_dir: Path, load_banks) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Two results of the 20-question quiz: every answer missed, and 6 missed of 20."""
    answers = {" ".join(prompt.split()): answer
               for prompt, answer in _twenty_question_bank(questions_dir).items()}
    load_banks()
    client = app.test_client()
    paths = {}
    for name, right_at in [("all missed", set()), ("six missed", set(range(1, 21)) - {2, 5, 9, 13, 17, 20})]:
        quiz = post_form(client, f"/banks/{BANK}", {"start": "x"}).headers["Location"]
        token = quiz.rsplit("/", 1)[-1]
        _submit(app, token, right_at, answers)
        paths[name] = f"/attempts/{token}/result"
    return paths


@pytest.mark.parametrize("language", ["en", "es", "ur"])
def test_the_missed_questions_come_first_and_fit_in_three_screens(
        browser, live_server: str, results: dict[str, str], language: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SCREEN, locale=language, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + results["all missed"])
    assert page.locator("html").get_attribute("lang") == language
    missed = page.locator(".missed-list li")
    assert missed.count() == 20
    # The score, the 20 missed questions' headings and the practice button: three screens at most.
    last = missed.last.bounding_box()
    button = page.locator(".missed input[type=submit], .missed button").bounding_box()
    assert last is not None and button is not None
    assert last["y"] + last["height"] <= THREE_SCREENS, (language, last)
    assert button["y"] + button["height"] <= THREE_SCREENS, (language, button)
    # Each line of the summary is one short line, inside the screen.
    for index in range(20):
        line = missed.nth(index).bounding_box()
        assert line is not None and line["height"] < 80 and line["x"] >= 0
        assert line["x"] + line["width"] <= SCREEN["width"]
    # Each is a link to the question's details, which are open (it was missed).
    missed.nth(6).locator("a").click()
    assert page.url.endswith("#q7")
    details = page.locator("#q7 details")
    assert details.get_attribute("open") is not None
    heading = page.locator("#q7 summary").bounding_box()
    assert heading is not None and 0 <= heading["y"] < SCREEN["height"]
    context.close()


@pytest.mark.parametrize("language", ["en", "es", "ur"])
def test_missed_details_open_right_ones_folded_answers_one_column(
        browser, live_server: str, results: dict[str, str], language: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SCREEN, locale=language, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + results["six missed"])
    assert [page.locator(".missed-list a").nth(i).get_attribute("href") for i in range(6)] == [
        "#q2", "#q5", "#q9", "#q13", "#q17", "#q20"]
    shown = page.evaluate("""() => [...document.querySelectorAll('li.result')].map(li =>
        [li.id, li.querySelector('details').open, li.querySelector('.answers').checkVisibility()])""")
    missed = {"q2", "q5", "q9", "q13", "q17", "q20"}
    assert shown == [[f"q{n}", f"q{n}" in missed, f"q{n}" in missed] for n in range(1, 21)]
    # The summary comes before the first question's details, and is little more than a screen.
    last = page.locator(".missed-list li").last.bounding_box()
    first = page.locator("#q1").bounding_box()
    assert last is not None and first is not None
    assert last["y"] + last["height"] <= min(first["y"], 1.25 * SCREEN["height"])
    # Answers under their labels, across the card: never squeezed to a word a line.
    for dl in page.locator("details[open] .answers").all():
        width = dl.bounding_box()["width"]
        for dd in dl.locator("dd").all():
            assert dd.bounding_box()["width"] >= 0.95 * width
    # A folded question opens with a tap, no script.
    page.locator("#q1 summary").click()
    assert page.locator("#q1 .answers").is_visible()
    context.close()
