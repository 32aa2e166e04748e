"""An Urdu or Spanish learner follows "read it in the explainer" from a result and reads it in their
language, the cited passage highlighted and in view; the original is one link away. No script."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import PROJECT
from tests.helpers import post_form, whole_quiz_form
from tests.test_languages_browser import PHONE

pytestmark = pytest.mark.browser

BANK = "custody-and-keys"


@pytest.fixture
def result_path(app, live_server: str, questions_dir, load_banks) -> str:  # type: ignore[no-untyped-def]
    """A practice attempt on the custody bank, submitted blank; the path of its result."""
    for suffix in ["", ".es", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"{BANK}{suffix}.yaml",
                        questions_dir / f"{BANK}{suffix}.yaml")
    load_banks()
    return submitted_blank(app, BANK)


def submitted_blank(app, bank: str) -> str:  # type: ignore[no-untyped-def]
    """A practice attempt on ``bank`` started and submitted blank, as a browser would; its result's path."""
    client = app.test_client()
    quiz = post_form(client, f"/banks/{bank}", {"start": "x"}).headers["Location"]
    whole_quiz_form(client, quiz)
    result = post_form(client, quiz, {"submit_with_blanks": "x"}).headers["Location"]
    assert result.endswith("/result")
    return result


def in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the element is inside the phone's screen."""
    return bool(page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""", selector))


@pytest.mark.parametrize(("language", "name"), [("ur", "انگریزی"), ("es", "inglés")])
def test_the_explainer_opens_in_the_learner_s_language_at_the_cited_passage(
        browser, live_server: str, result_path: str, language: str, name: str) -> None:
    context = browser.new_context(viewport=PHONE, locale=language, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + result_path)
    evidence = page.locator("figure.evidence").filter(
        has=page.locator("a[href*='/sources/explainer-']")).first
    gloss = evidence.locator(".quote-translation span[lang]").inner_text()
    quote = evidence.locator("blockquote").inner_text()
    with page.expect_navigation():
        evidence.locator("a[href*='/sources/explainer-']").click()

    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".article-body").get_attribute("lang") == language
    assert page.locator("h1").get_attribute("lang") == language
    assert page.locator("mark#cited").inner_text().strip() == gloss.strip()
    assert in_view(page, "mark#cited")
    # The original is one link away, and says which language it is in.
    original = page.locator(".source-language a[hreflang=en]")
    assert name in original.inner_text()
    with page.expect_navigation():
        original.click()
    assert page.locator(".article-body").get_attribute("lang") == "en"
    assert page.locator("mark#cited").inner_text().strip() == quote.strip()
    assert page.locator(f".source-language a[hreflang={language}]").count() == 1
    context.close()


def test_a_news_article_says_its_language_and_shows_the_passage_translated_first(
        app, browser, live_server: str, questions_dir, load_banks) -> None:
    for suffix in ["", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"el-salvador{suffix}.yaml",
                        questions_dir / f"el-salvador{suffix}.yaml")
    load_banks()
    result = submitted_blank(app, "el-salvador")
    context = browser.new_context(viewport=PHONE, locale="ur", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + result)
    evidence = page.locator("figure.evidence").filter(
        has=page.locator("a[href*='/sources/coindesk']")).first
    gloss = evidence.locator(".quote-translation span[lang]").inner_text()
    with page.expect_navigation():
        evidence.locator("a[href*='/sources/coindesk']").click()
    assert page.locator(".article-body").get_attribute("lang") == "en"
    assert "انگریزی" in page.locator(".source-language").inner_text()
    top = page.locator("article figure.evidence")
    assert top.locator(".quote-translation span[lang=ur]").inner_text() == gloss
    assert page.locator("mark#cited").count() == 1
    context.close()
