"""Every learner page passes axe-core's checks (labels, contrast, structure) on a phone and a desktop."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

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
    seen["quiz"] = violations(page)
    page.get_by_label("Your answer").fill("lots")
    page.get_by_role("button", name="Submit my answers").click()
    seen["quiz with problems"] = violations(page)
    page.get_by_label("Your answer").fill("6238")
    page.get_by_role("button", name="Submit with blank answers").click()
    seen["result"] = violations(page)
    page.locator("#q3").get_by_role("link", name="Read it in the article").click()
    seen["source with a highlighted passage"] = violations(page)
    page.goto(live_server + "/no-such-page")
    seen["not found"] = violations(page)
    assert {name: found for name, found in seen.items() if found} == {}
    page.close()
