"""A 320 × 568 phone, in English and Urdu: the header is two short lines, and the quiz's first
choice is on the first screen, with the longest first question of the bundled banks' lesson on
reading the news. Measured on screen (bounding boxes), never read from the HTML."""

from __future__ import annotations

import pytest

from tests import test_quiz_counter_browser
from tests.conftest import PASSWORD, People
from tests.test_languages_browser import box

pytestmark = pytest.mark.browser

news = test_quiz_counter_browser.news  # the reading-the-news bank, four pages, with its Urdu

PHONE = {"width": 320, "height": 568}


def _rows(page) -> list[float]:  # type: ignore[no-untyped-def]
    """The distinct rows (by their middle) of the header's visible parts."""
    middles = page.evaluate("""() => [...document.querySelectorAll(
        'header.site .brand, header.site nav.languages button, header.site nav.account > *')]
        .filter(e => e.checkVisibility()).map(e => { const r = e.getBoundingClientRect();
                                                      return (r.top + r.bottom) / 2; })""")
    rows: list[float] = []
    for middle in sorted(middles):
        if not rows or middle - rows[-1] > 8:
            rows.append(middle)
    return rows


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_two_header_lines_and_the_first_choice_on_the_first_screen(
        browser, live_server: str, news: str, people: People, language: str,  # type: ignore[no-untyped-def]
        signed_in: bool) -> None:
    context = browser.new_context(viewport=PHONE, locale=language)
    page = context.new_page()
    if signed_in:
        people.account("ayesha-khan", name="Ayesha Khan")
        page.goto(live_server + "/login")
        page.locator("input[name=login]").fill("ayesha-khan")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form input[type=submit]").click()
    page.goto(live_server + news)
    page.locator("main form input[type=submit]").first.click()
    page.wait_for_url("**/attempts/**")
    assert len(_rows(page)) == 2, _rows(page)
    assert box(page.locator("header.site"))["height"] <= 72
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Every choice's button sits on the first screen for the first choice, whichever is shuffled first.
    first = page.locator("fieldset.question").first.locator(".choices input").first
    assert box(first)["y"] + box(first)["height"] <= PHONE["height"]
    # The account's links stay whole on their one row, which scrolls sideways: a link out of
    # sight comes at least 24 px into it when it takes the keyboard's focus, and whole when
    # the row is scrolled to it.
    row = box(page.locator("header.site nav.account"))
    links = page.locator("header.site nav.account a, header.site nav.account input[type=submit]")
    assert links.count() == (4 if signed_in else 2)
    for index in range(links.count()):
        link = links.nth(index)
        link.focus()
        found = box(link)
        assert found["height"] < 36  # one line
        seen = min(found["x"] + found["width"], row["x"] + row["width"]) - max(found["x"], row["x"])
        assert seen >= 24
        link.evaluate("e => e.scrollIntoView({block: 'nearest', inline: 'nearest'})")
        found = box(link)
        assert row["x"] - 1 <= found["x"] and found["x"] + found["width"] <= row["x"] + row["width"] + 1
    context.close()
