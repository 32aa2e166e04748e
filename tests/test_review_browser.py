"""A learner answers, a week passes (the review clock is moved), the card is due, they review it:
the class board does not change. In Chromium, through Playwright."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.domain import clock
from tests.conftest import PASSWORD, People, bank_yaml
from tests.helpers import whole_quiz_in_browser
from tests.test_accessibility import violations
from tests.test_review import FACTS

pytestmark = pytest.mark.browser


def answer_everything_true(page) -> None:  # type: ignore[no-untyped-def]
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator("input[value=true]").check()
    page.locator("form.quiz input[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_week_later_the_card_is_due_and_reviewing_it_leaves_the_board_alone(
        browser, live_server: str, people: People, write_bank, load_banks,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    write_bank(bank_yaml("facts", FACTS))
    load_banks()
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    people.join(classroom, people.account("ayesha"), people.account("bilal"))
    people.assign(classroom, "facts")
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server + "/login")
    page.locator("input[name=login]").fill("ayesha")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form input[type=submit]").first.click()
    page.wait_for_load_state()
    page.locator("form[action$='/start'] input[type=submit]").first.click()
    answer_everything_true(page)
    assert "You scored 3 out of 3." in page.locator(".score-line").inner_text()
    page.goto(f"{live_server}/classes/{classroom}/board")
    board = page.locator("main").inner_text()
    page.goto(live_server + "/")
    assert page.locator("#nav-review").inner_text() == "Review (0 due)"
    assert page.locator(".concept-levels li").first.inner_text().startswith("Money and legal tender")

    monkeypatch.setattr(clock, "_offset", dt.timedelta(days=7))
    page.reload()
    assert page.locator("#nav-review").inner_text() == "Review (3 due)"
    # The progress list fits a 360 px phone and passes axe.
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert violations(page) == []
    page.locator("#nav-review").click()
    assert page.locator("#due-count").inner_text() == "3 questions are due now."
    page.get_by_role("button", name="Review up to 20 questions").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Review"
    whole_quiz_in_browser(page)  # a review run starts in learn mode
    page.wait_for_load_state()
    answer_everything_true(page)
    assert "You scored 3 out of 3." in page.locator(".score-line").inner_text()
    assert page.locator("figure.evidence").count() == 3
    assert page.locator("#nav-review").inner_text() == "Review (0 due)"
    page.goto(f"{live_server}/classes/{classroom}/board")
    assert page.locator("main").inner_text() == board
    page.close()
