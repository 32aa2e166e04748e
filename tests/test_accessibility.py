"""Every learner page passes axe-core's checks (labels, contrast, structure) on a phone and a desktop."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import whole_quiz_in_browser

pytestmark = pytest.mark.browser

AXE = Axe()
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations on the page, one line each: rule, impact, where."""
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_every_learner_page_passes_axe(browser, live_server: str, viewport: dict) -> None:
    # axe runs as a script the test injects; the pages themselves use none.
    page = browser.new_page(viewport=viewport)
    seen: dict[str, list[str]] = {}
    page.goto(live_server + "/")
    seen["home"] = violations(page)
    page.get_by_role("link", name="Sample bank").click()
    seen["bank"] = violations(page)
    page.get_by_role("button", name="Start the quiz").click()
    seen["learn mode question"] = violations(page)
    whole_quiz_in_browser(page)
    seen["quiz"] = violations(page)
    page.get_by_label("Your answer").fill("lots")
    page.get_by_role("button", name="Submit my answers").click()
    seen["quiz with problems"] = violations(page)
    page.get_by_label("Your answer").fill("6238")
    page.get_by_role("button", name="Submit with blank answers").click()
    seen["result"] = violations(page)
    page.locator("#q3 summary").click()  # answered right: folded until opened
    page.locator("#q3").get_by_role("link", name="Read it in the article").click()
    seen["source with a highlighted passage"] = violations(page)
    page.goto(live_server + "/no-such-page")
    seen["not found"] = violations(page)
    assert {name: found for name, found in seen.items() if found} == {}
    page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_class_pages_pass_axe(app, browser, live_server: str, people, viewport: dict) -> None:
    from tests.conftest import PASSWORD
    from tests.test_teacher_content_views import FIXTURES, own_bank

    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    learner_id = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner_id)
    assignment = people.assign(classroom)
    seen: dict[str, list[str]] = {}

    page = browser.new_page(viewport=viewport)
    for name, path in [("sign in", "/login"), ("join", "/join")]:
        page.goto(live_server + path)
        seen[name] = violations(page)
    page.goto(live_server + "/login")
    page.get_by_label("Username or e-mail").fill("ms-rana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    seen["teacher's classes"] = violations(page)
    base = f"{live_server}/teach/classes/{classroom}"
    for name, path in [("class", base), ("class report", f"{base}/report"),
                       ("assignment report", f"{base}/assignments/{assignment}"),
                       ("learner history", f"{base}/learners/{learner_id}")]:
        page.goto(path)
        seen[name] = violations(page)
    for name, path in [("banks", "/teach/banks"), ("new bank", "/teach/banks/new"),
                       ("new article", "/teach/articles/new")]:
        page.goto(live_server + path)
        seen[name] = violations(page)
    page.goto(live_server + "/teach/banks/new")
    page.get_by_label("Or paste the bank's text").fill(own_bank(source="coindeks"))
    page.get_by_role("button", name="Check the bank").click()
    seen["bank with mistakes"] = violations(page)
    page.get_by_label("Or paste the bank's text").fill(own_bank())
    page.get_by_role("button", name="Check the bank").click()
    seen["bank preview"] = violations(page)
    page.goto(live_server + "/teach/articles/new")
    page.get_by_label("A saved web page (.html)").set_input_files(
        FIXTURES / "no-metadata.html")
    page.get_by_role("button", name="Fill in from the page").click()
    seen["article read from a page"] = violations(page)
    page.goto(base)
    page.get_by_label("Names, one per line").fill("Zara Ahmed\nJosé Pérez")
    page.get_by_role("button", name="Make login cards").click()
    seen["login cards"] = violations(page)
    page.goto(base)
    page.get_by_role("button", name="Make a projector link").click()
    page.get_by_role("link", name="/board/").click()
    # The wall display must refresh itself (meta refresh, no script); WCAG 2.2.1 asks that
    # the reader can stop it, which the page's "Pause refreshing" link does.
    assert violations(page) == ["meta-refresh (critical): [['meta[http-equiv=\"refresh\"]']]"]
    page.get_by_role("link", name="Pause refreshing").click()
    seen["projector, paused"] = violations(page)
    page.close()

    learner = browser.new_page(viewport=viewport)
    learner.goto(live_server + "/login")
    learner.get_by_label("Username or e-mail").fill("ayesha")
    learner.get_by_label("Password").fill(PASSWORD)
    learner.get_by_role("button", name="Sign in").click()
    seen["learner's classes"] = violations(learner)
    learner.goto(f"{live_server}/classes/{classroom}/board")
    seen["class board"] = violations(learner)
    learner.close()
    assert {name: found for name, found in seen.items() if found} == {}


# In every language ------------------------------------------------------------------------
# The same pages with the browser's locale set, so each page comes in that language (Urdu
# right to left). Controls are found by name and place: their labels are translated.
LANGUAGES = ["en", "es", "ur"]
BANK = "el-salvador"  # a bundled bank with Spanish and Urdu translations


def serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations of impact serious or critical, one line each."""
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found
            if v["impact"] in ("serious", "critical")]


def _go(locator) -> None:  # type: ignore[no-untyped-def]
    with locator.page.expect_navigation():
        locator.click()


def _answer_any(page) -> None:  # type: ignore[no-untyped-def]
    """Answer the one question of a learn-mode page, rightly or not."""
    fields = page.locator("form.learn fieldset").locator("input, select")
    kind = fields.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
    if kind == "select":
        for position, select in enumerate(fields.all(), start=1):
            select.select_option(str(position))
    elif kind == "text":
        fields.first.fill("1")
    else:
        fields.first.check()


def _submit(page) -> None:  # type: ignore[no-untyped-def]
    _go(page.locator("main form input[type=submit], main form button[type=submit]").first)


def _sign_in(page, live_server: str, username: str) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import PASSWORD

    page.goto(live_server + "/login")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    _submit(page)


@pytest.fixture
def translated_bank(live_server: str, questions_dir, load_banks) -> str:  # type: ignore[no-untyped-def]
    import shutil

    from tests.conftest import PROJECT

    for suffix in ["", ".es", ".ur"]:
        shutil.copyfile(PROJECT / "questions" / f"{BANK}{suffix}.yaml",
                        questions_dir / f"{BANK}{suffix}.yaml")
    load_banks()
    return BANK


@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_pages_pass_axe_in_every_language(browser, live_server: str, translated_bank: str,
                                                  language: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale=language)
    page = context.new_page()
    seen: dict[str, list[str]] = {}

    def check(name: str) -> None:
        assert page.locator("html").get_attribute("lang") == language, name
        seen[name] = serious(page)

    for name, path in [("home", "/"), ("bank", f"/banks/{translated_bank}"),
                       ("source", "/sources/islamabad-report"), ("not found", "/no-such-page")]:
        page.goto(live_server + path)
        check(name)
    page.goto(f"{live_server}/banks/{translated_bank}")
    _go(page.locator("main form input[name=start]"))
    check("learn mode question")
    _go(page.locator("form.learn input[type=submit]"))  # nothing chosen: asked again
    check("learn mode question, asked again")
    _answer_any(page)
    _go(page.locator("form.learn input[type=submit]"))
    check("learn mode feedback")
    _go(page.locator(".actions a.button"))
    _go(page.locator("form.switch-mode input[type=submit]"))
    check("quiz")
    assert {p.get_attribute("lang") for p in page.locator(".prompt").all()} == {language}
    while page.locator("form.quiz input[name=next_page]").count():  # a few questions a page
        _go(page.locator("form.quiz input[name=next_page]"))
    check("last page of the quiz")
    _go(page.locator("form.quiz input[name=submit]"))
    check("quiz with problems")
    _go(page.locator("form.quiz input[name=submit_with_blanks]"))
    check("result")
    if language != "en":
        assert page.locator(".quote-translation").count() > 0
    _go(page.locator("details[open] .evidence figcaption a").first)  # a missed question: open
    check("source with a highlighted passage")
    context.close()
    assert {name: found for name, found in seen.items() if found} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_class_pages_pass_axe_in_every_language(app, browser, live_server: str, people,
                                                translated_bank: str, language: str) -> None:
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    learner_id = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner_id)
    assignment = people.assign(classroom, bank=translated_bank)
    seen: dict[str, list[str]] = {}
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale=language)
    page = context.new_page()

    def check(name: str) -> None:
        assert page.locator("html").get_attribute("lang") == language, name
        seen[name] = serious(page)

    for name, path in [("sign in", "/login"), ("join", "/join")]:
        page.goto(live_server + path)
        check(name)
    _sign_in(page, live_server, "ms-rana")
    check("teacher's classes")
    base = f"{live_server}/teach/classes/{classroom}"
    for name, path in [("class", base), ("class report", f"{base}/report"),
                       ("assignment report", f"{base}/assignments/{assignment}"),
                       ("learner history", f"{base}/learners/{learner_id}"),
                       ("banks", f"{live_server}/teach/banks"),
                       ("new bank", f"{live_server}/teach/banks/new"),
                       ("new article", f"{live_server}/teach/articles/new")]:
        page.goto(path)
        check(name)
    page.goto(base)
    page.locator("textarea[name=names]").fill("Zara Ahmed\nJosé Pérez\nعائشہ")
    _go(page.locator("form[action$='/roster'] input[type=submit]"))
    check("login cards")
    page.goto(base)
    _go(page.locator("form[action$='/projector/new'] input[type=submit]"))
    page.goto(urljoin(page.url, page.locator("a[href*='/board/']").first.get_attribute("href")))
    # The wall display refreshes itself (meta-refresh, critical): its "Pause" link stops it.
    assert [v for v in serious(page) if not v.startswith("meta-refresh")] == []
    context.close()

    context = browser.new_context(viewport=VIEWPORTS["phone"], locale=language)
    page = context.new_page()
    _sign_in(page, live_server, "ayesha")
    check("learner's classes")
    _go(page.locator(".assignments form input[type=submit]"))
    check("assigned quiz")
    page.goto(f"{live_server}/classes/{classroom}/board")
    check("class board")
    page.goto(live_server + "/me/attempts")
    check("my attempts")
    context.close()
    assert {name: found for name, found in seen.items() if found} == {}
