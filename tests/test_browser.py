"""A learner takes a whole quiz in a real Chromium, by keyboard and mouse, with JavaScript off."""

from __future__ import annotations

import pytest

from tests.helpers import whole_quiz_in_browser

pytestmark = pytest.mark.browser

RIGHT_ORDER = ["El Salvador adopts bitcoin as legal tender", "Saqib speaks at The Bitcoin Conference",
               "Pakistan launches its Virtual Assets Regulatory Authority"]

NUMBER_HINT = "Write a number in digits, such as 12 or 3.5; a comma may separate thousands."


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 900}],
                         ids=["phone", "desktop"])
def test_learner_takes_a_quiz_of_every_type(browser, live_server: str, viewport: dict) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_role("link", name="Sample bank").click()
    page.get_by_role("button", name="Start the quiz").click()
    whole_quiz_in_browser(page)
    assert page.locator("fieldset.question").count() == 5

    # Question 1 (single, numbers keep their written order) and 2 (true/false) by keyboard.
    page.locator("#q1 input").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("2021").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # from True to False
    assert page.locator("#q2").get_by_label("False").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("6,238")

    # Question 4 (multiple) with the mouse.
    for choice in ["Bitcoin mining", "strategic reserves", "educational programs"]:
        page.locator("#q4").get_by_text(choice, exact=True).click()

    # Question 5 (order): each select by keyboard, typing its position.
    for item in RIGHT_ORDER:
        page.get_by_label(item).focus()
        page.keyboard.press(str(RIGHT_ORDER.index(item) + 1))
    page.get_by_role("button", name="Submit my answers").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/result")

    assert page.locator(".score-line").inner_text() == "You scored 6 out of 6."
    assert page.locator(".result.right").count() == 5

    page.locator("#q3 summary").focus()  # every answer right: each folded, opened by keyboard
    page.keyboard.press("Enter")
    page.locator("#q3").get_by_role("link", name="Read it in the article").click()
    mark = page.locator("mark#cited")
    assert mark.inner_text() == "As of July 2025, the country amassed 6,238 BTC"
    assert mark.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(255, 229, 138)"
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < viewport["height"]  # scrolled into view
    context.close()


def test_unreadable_number_is_shown_beside_the_question(browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/banks/sample")
    page.get_by_role("button", name="Start the quiz").click()
    whole_quiz_in_browser(page)
    page.get_by_label("Your answer").fill("lots")
    page.get_by_label("2021").check()
    page.get_by_role("button", name="Submit my answers").click()
    assert page.locator("#q3-error").inner_text() == NUMBER_HINT
    assert page.get_by_label("2021").is_checked()
    assert page.get_by_label("Your answer").input_value() == "lots"
    context.close()


@pytest.fixture
def twelve_questions(write_bank, load_banks) -> None:  # type: ignore[no-untyped-def]
    from tests.test_saved_answers import TWELVE, bank_yaml

    write_bank(bank_yaml("twelve", TWELVE).replace("Sample bank", "Twelve statements"))
    load_banks()


def test_a_reload_mid_quiz_keeps_every_answer_given_with_javascript(browser, live_server: str,
                                                                   twelve_questions: None) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server + "/banks/twelve")
    page.get_by_role("button", name="Start the quiz").click()
    whole_quiz_in_browser(page)
    page.locator("#q2").get_by_label("False").check()
    page.locator("#q3").get_by_label("True").check()
    page.get_by_text("Your answers are saved.").wait_for()
    page.reload()
    assert page.locator("#q2").get_by_label("False").is_checked()
    assert page.locator("#q3").get_by_label("True").is_checked()
    assert page.locator("#progress-label").inner_text() == "Page 1 of 3 · 2 of 12 answered"
    context.close()


def test_without_javascript_each_page_is_saved_when_the_learner_goes_on(browser, live_server: str,
                                                                        twelve_questions: None) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/banks/twelve")
    page.get_by_role("button", name="Start the quiz").click()
    whole_quiz_in_browser(page)
    for n in range(1, 5):
        page.locator(f"#q{n}").get_by_label("True").check()
    page.get_by_role("button", name="Save and go on").click()
    page.locator("#q5").get_by_label("False").check()
    address = page.url
    page.goto(address)  # the connection dropped; the learner opens the page again
    assert not page.locator("#q5").get_by_label("False").is_checked()  # that page was never sent
    page.get_by_role("button", name="Back").click()
    assert all(page.locator(f"#q{n}").get_by_label("True").is_checked() for n in range(1, 5))
    assert "4 of 12 answered" in page.locator("#progress-label").inner_text()
    context.close()
