"""Learn mode in a real Chromium on a 360 px phone, in Urdu, with JavaScript off."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, People
from tests.helpers import RIGHT_ORDER
from tests.test_languages_browser import PHONE, box, sideways_scroll

pytestmark = pytest.mark.browser


def check(page) -> None:  # type: ignore[no-untyped-def]
    """Send the one question on the page to be checked."""
    page.locator("form.learn input[type=submit]").click()


def next_question(page) -> None:  # type: ignore[no-untyped-def]
    page.locator(".actions a.button").click()


def on_screen(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """The element is drawn within the phone's width, and the page does not scroll sideways."""
    found = box(page.locator(selector).first)
    assert found["x"] >= -0.5 and found["x"] + found["width"] <= PHONE["width"] + 0.5, selector
    assert sideways_scroll(page) == 0


def test_a_learner_answers_in_learn_mode_leaves_comes_back_and_finishes(
        browser, live_server: str, people: People) -> None:
    people.account("ayesha", name="Ayesha")
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="ur")
    page = context.new_page()
    page.goto(live_server + "/login")
    page.locator("input[name=login]").fill("ayesha")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form input[type=submit], main form button[type=submit]").first.click()
    page.goto(live_server + "/banks/sample")
    page.locator("main form input[type=submit]").first.click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    attempt = re.sub(r"/questions/1$", "", page.url)
    assert page.url == f"{attempt}/questions/1"
    assert page.locator("fieldset.question").count() == 1
    assert "CoinDesk says it did so in 2021" not in page.content()  # the key waits for the answer
    on_screen(page, "form.learn input[type=submit]")

    # Question 1, right: checked at once, with the right answer, why, and the evidence.
    page.get_by_label("2021").check()
    check(page)
    assert page.url == f"{attempt}/questions/1/feedback"
    assert page.locator(".verdict .mark-correct").is_visible()
    assert "CoinDesk says it did so in 2021." in page.locator(".explanation").inner_text()
    assert "doing so in 2021" in page.locator("figure.evidence blockquote").inner_text()
    assert page.locator("figure.evidence a").get_attribute("href").startswith("/sources/coindesk?cite=")
    on_screen(page, ".actions a.button")
    next_question(page)

    # Question 2, wrong; opening it again shows its feedback: the first answer counts.
    assert page.url == f"{attempt}/questions/2"
    page.locator("#q2 input[value=true]").check()
    check(page)
    assert page.locator(".verdict .mark-incorrect").is_visible()
    page.goto(f"{attempt}/questions/2")
    assert page.url == f"{attempt}/questions/2/feedback"

    # Leave, and come back from My attempts to the next question.
    page.goto(live_server + "/")
    page.goto(live_server + "/me/attempts")
    page.locator(f"a[href='{attempt.removeprefix(live_server)}']").click()
    assert page.url == f"{attempt}/questions/3"

    page.locator("#q3-input").fill("6,238")
    check(page)
    assert page.locator(".verdict .mark-correct").is_visible()
    next_question(page)
    for choice in ["Bitcoin mining", "strategic reserves", "educational programs"]:
        page.locator("#q4").get_by_text(choice, exact=True).click()
    check(page)
    next_question(page)
    for item in page.locator("#q5 li").all():
        position = RIGHT_ORDER.index(item.locator("label").inner_text().strip()) + 1
        item.locator("select").select_option(str(position))
    check(page)
    assert page.url == f"{attempt}/questions/5/feedback"
    on_screen(page, ".result.feedback")

    # The last feedback leads to the result: recorded once, the first answers counted.
    next_question(page)
    assert page.url == f"{attempt}/result"
    assert page.locator(".result .mark-incorrect").count() == 1
    assert page.locator(".result .mark-correct").count() == 4
    context.close()
