"""Every page of the URL map, as anonymous, learner and teacher, on the narrowest phones: no page
scrolls sideways, and each passes axe-core's checks at each width."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD
from tests.test_access_control import MATRIX, MATRIX_ALSO, ROLES, world  # noqa: F401  (fixture)
from tests.test_accessibility import violations

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 390)
SWEPT_ROLES = ("anonymous", "learner_a", "teacher_a")
NOT_PAGES = ("/static/", "/healthz", ".csv", ".yaml", "/changed")  # /changed: live.js's plain-text tag
LIVE_POLLED = re.compile(r"/live/\d+(/host)?")


def pages_for(role: str, values: dict[str, object]) -> list[str]:
    """Every HTML page of the URL map this role may open (status 200), once each."""
    column = ROLES.index(role)
    entries = [(method, template, statuses) for (_, method), (template, statuses) in MATRIX.items()]
    entries += [(method, template, statuses) for (_, method), template, statuses in MATRIX_ALSO]
    paths = [template.format(**values) for method, template, statuses in entries
             if method == "GET" and statuses[column] == 200
             and not any(part in template for part in NOT_PAGES)]
    # The wall refreshes itself, which axe rightly flags; its paused form is the page to check.
    # So do the live game's host screen and phone page: their stopped form (?still) is checked.
    return list(dict.fromkeys(path + "?paused=1" if path.startswith("/board/")
                              else path + "?still=1" if LIVE_POLLED.fullmatch(path) else path
                              for path in paths))


@pytest.mark.parametrize("role", SWEPT_ROLES)
def test_no_page_scrolls_sideways_on_a_phone_and_every_page_passes_axe(app, browser, live_server: str,
                                                                      world: dict, role: str) -> None:  # noqa: F811
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("pages are laid out the same on either database: swept on SQLite only")
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 740})
    page = context.new_page()
    if role != "anonymous":
        page.goto(live_server + "/login")
        page.locator("input[name=login]").fill(world["ids"][role][1])
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form input[type=submit]").first.click()
        page.wait_for_load_state()
    too_wide: dict[str, int] = {}
    failing: dict[str, list[str]] = {}
    paths = pages_for(role, world["values"])
    assert len(paths) >= (7 if role == "anonymous" else 10)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 740})
        for path in paths:
            response = page.goto(live_server + path)
            assert response is not None and response.status == 200, path
            assert page.url == live_server + path, f"{path} went to {page.url}"  # not sent to sign in
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                too_wide[f"{path} at {width} px"] = overflow
            found = violations(page)
            if found:
                failing[f"{path} at {width} px"] = found
    context.close()
    assert too_wide == {}
    assert failing == {}
