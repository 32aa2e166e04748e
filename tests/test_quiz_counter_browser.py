"""The quiz page's "3 of 19 answered" counter moves as answers are ticked, when the script runs,
in English and in Urdu, on a 360 px phone; it counts what the server counts, other pages too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import PROJECT
from tests.helpers import whole_quiz_in_browser

pytestmark = pytest.mark.browser

WORDS = {"en": "{page} · {n} of 19 answered", "ur": "{page} · 19 میں سے {n} کے جواب دیے گئے"}
PAGES = {"en": "Page {page} of 4", "ur": "صفحہ {page} (کل 4 صفحات)"}


@pytest.fixture
def news(app: Flask, live_server: str, questions_dir: Path, load_banks) -> str:  # type: ignore[no-untyped-def]
    """The 19 questions of reading-the-news, in four pages, with its Urdu translation."""
    for suffix in ["", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"reading-the-news{suffix}.yaml",
                        questions_dir / f"reading-the-news{suffix}.yaml")
    load_banks()
    return "/banks/reading-the-news"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_counter_moves_as_answers_are_ticked(browser, live_server: str, news: str,
                                                 language: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale=language)
    page = context.new_page()
    page.goto(live_server + news)
    page.locator("main form input[type=submit]").first.click()
    whole_quiz_in_browser(page)  # practice starts in learn mode: the counter is the whole form's
    label, bar = page.locator("#progress-label"), page.locator("#progress progress")

    def says(n: int, on_page: int = 1) -> str:
        return WORDS[language].format(page=PAGES[language].format(page=on_page), n=n)

    assert label.inner_text() == says(0)
    assert label.get_attribute("aria-live") == "polite"
    questions = page.locator("fieldset.question")
    questions.nth(0).locator("input").first.check()
    assert label.inner_text() == says(1)
    questions.nth(2).locator("input").nth(1).check()
    assert label.inner_text() == says(2)
    questions.nth(2).locator("input").nth(2).check()  # another choice of the same question
    assert label.inner_text() == says(2)
    assert bar.evaluate("e => e.value") == 2
    # The next page starts from the server's count (two), and goes on from there.
    page.locator("input[name=next_page]").click()
    page.wait_for_url("**page=2**")
    assert label.inner_text() == says(2, 2)
    page.locator("fieldset.question").nth(1).locator("input").first.check()
    assert label.inner_text() == says(3, 2)
    # Back on page 1, the server counts what the script counted.
    page.locator("input[name=previous_page]").click()
    page.wait_for_url("**page=1**")
    assert label.inner_text() == says(3)
    context.close()


def test_without_the_script_the_count_is_the_servers(browser, live_server: str, news: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en",
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + news)
    page.locator("main form input[type=submit]").first.click()
    whole_quiz_in_browser(page)  # practice starts in learn mode: the counter is the whole form's
    page.locator("fieldset.question").nth(0).locator("input").first.check()
    assert page.locator("#progress-label").inner_text() == "Page 1 of 4 · 0 of 19 answered"
    page.get_by_role("button", name="Save and go on").click()
    assert page.locator("#progress-label").inner_text() == "Page 2 of 4 · 1 of 19 answered"
    context.close()
