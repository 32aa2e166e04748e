"""Urdu pages mirror as a whole in a real Chromium, and no page scrolls sideways on a phone."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest

from quizapp.domain import clock
from tests.conftest import PASSWORD, People
from tests.helpers import whole_quiz_in_browser

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def box(locator) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found is not None
    return found


# How far the page is wider than the window, and the elements that stick out of it.
# What sticks out, leaving aside what may (a scrolling table, hidden text, the skip link); when
# nothing else does, those are named too, so that a failure always says where to look.
_OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
  });
  const allowed = e => e.closest('.table-wrap, .visually-hidden, .skip');
  const out = wide.some(e => !allowed(e)) ? wide.filter(e => !allowed(e)) : wide;
  return [root.scrollWidth - width, out.map(e => {
    const r = e.getBoundingClientRect();
    return e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
      + ` [${Math.round(r.left)}..${Math.round(r.right)}]: ` + e.textContent.trim().slice(0, 40);
  }).slice(0, 5)];
}"""


def sideways_scroll(page) -> int | tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """0 when the page does not scroll sideways; else how far, and what sticks out."""
    wider, sticking_out = page.evaluate(_OVERFLOW)
    return (wider, sticking_out) if wider > 0 else 0


def test_an_urdu_page_mirrors_and_an_english_bank_inside_it_does_not(browser, live_server: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/banks/sample")
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.locator("nav.languages").get_by_role("button", name="اردو").click()  # no script needed
    assert page.url.endswith("/banks/sample")
    assert (page.locator("html").get_attribute("lang"), page.locator("html").get_attribute("dir")) == (
        "ur", "rtl")
    assert page.locator("html").evaluate("e => getComputedStyle(e).direction") == "rtl"
    body = page.locator("body").evaluate(
        "e => [getComputedStyle(e).fontFamily, parseFloat(getComputedStyle(e).lineHeight)"
        " / parseFloat(getComputedStyle(e).fontSize)]")
    assert "Noto Nastaliq Urdu" in body[0] and 1.9 <= body[1] <= 2.2
    page.locator("main form input[name=start]").click()
    whole_quiz_in_browser(page)

    # True or false: the page's own words, so the radio button sits to the right of its label.
    radio, text = page.locator("#q2 input[value=true]"), page.locator("#q2 label span").first
    assert box(radio)["x"] >= box(text)["x"] + box(text)["width"] - 1
    # The bank is English: its choices read left to right, radio first, even on an Urdu page.
    radio, text = page.locator("#q1 input").first, page.locator("#q1 label span").first
    assert page.locator("#q1 .choices").evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert box(radio)["x"] + box(radio)["width"] <= box(text)["x"] + 1
    # Nothing clipped: the buttons and the answer box are tall enough for Nastaliq.
    for element in [page.locator("input[name=submit]"), page.locator("#q3-input")]:
        assert element.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    assert page.locator("#q3-input").get_attribute("dir") == "ltr"
    assert sideways_scroll(page) == 0
    context.close()


def _sign_in(page, live_server: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/login")
    page.locator("input[name=login]").fill(username)  # the label is in the page's language
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form input[type=submit], main form button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["en", "es", "ur"])
def test_no_page_scrolls_sideways_on_a_phone(app, browser, live_server: str, people: People,
                                             language: str) -> None:

    teacher = people.account("ms-rana", "teacher", "Ms Rana Abdul-Rehman Chaudhry")
    classroom = people.classroom(teacher, "Clase 5A de la Escuela Nacional de El Salvador")
    learner = people.account("ayesha", name="عائشہ خان")
    people.join(classroom, learner)
    assignment = people.assign(classroom, due_at=clock.now() + dt.timedelta(days=3),
                               opens_at=clock.now() - dt.timedelta(days=1), attempts_allowed=3)
    too_wide: dict[str, object] = {}

    def check(page, name: str) -> None:  # type: ignore[no-untyped-def]
        assert page.locator("html").get_attribute("lang") == language, name
        too_wide[name] = sideways_scroll(page)

    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale=language)
    page = context.new_page()
    for name, path in [("home", "/"), ("bank", "/banks/sample"), ("sign in", "/login"),
                       ("join", "/join"), ("source", "/sources/islamabad-report"),
                       ("not found", "/no-such-page")]:
        page.goto(live_server + path)
        check(page, name)
    page.goto(live_server + "/banks/sample")
    page.locator("main form button, main form input[type=submit]").first.click()
    check(page, "learn mode question")
    whole_quiz_in_browser(page)
    check(page, "quiz")
    page.locator("#q3-input").fill("lots")
    page.locator("input[name=submit]").click()
    check(page, "quiz with problems")
    page.locator("#q3-input").fill("6238")
    page.locator("input[name=submit_with_blanks]").click()
    check(page, "result")
    page.locator("#q3 summary").click()  # answered right: folded until opened
    page.locator("#q3 .evidence a").click()
    check(page, "source with a highlighted passage")

    _sign_in(page, live_server, "ms-rana")
    check(page, "teacher's classes")
    base = f"{live_server}/teach/classes/{classroom}"
    for name, path in [("class", base), ("class report", f"{base}/report"),
                       ("assignment report", f"{base}/assignments/{assignment}"),
                       ("learner history", f"{base}/learners/{learner}"),
                       ("banks", "/teach/banks"), ("new bank", "/teach/banks/new"),
                       ("new article", "/teach/articles/new"), ("password", "/account/password")]:
        page.goto(path if path.startswith("http") else live_server + path)
        check(page, name)
    page.goto(base)
    page.locator("textarea[name=names]").fill("Zara Ahmed\nJosé Pérez\nعائشہ")
    page.locator("form[action$='/roster'] input[type=submit]").click()
    check(page, "login cards")
    page.goto(base)
    page.locator("form[action$='/projector/new'] input[type=submit]").click()
    page.goto(urljoin(page.url, page.locator("a[href*='/board/']").first.get_attribute("href")))
    too_wide["projector"] = sideways_scroll(page)
    context.close()

    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale=language)
    page = context.new_page()
    _sign_in(page, live_server, "ayesha")
    check(page, "learner's classes")
    page.locator(".assignments form input[type=submit]").click()
    check(page, "assigned quiz")
    for name, path in [("class board", f"/classes/{classroom}/board"), ("my attempts", "/me/attempts")]:
        page.goto(live_server + path)
        check(page, name)
    context.close()
    assert {name: found for name, found in too_wide.items() if found} == {}
