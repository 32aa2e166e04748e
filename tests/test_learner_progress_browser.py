"""A learner's levels and streak on a 360 px phone in Urdu: the bars fill from the right (the
line's start), the streak shows, nothing sticks out, axe finds nothing. In Chromium, through Playwright."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from quizapp.extensions import db
from quizapp.models import Classroom
from quizapp.services import attempts, learner_progress
from tests.conftest import PASSWORD, People, bank_yaml
from tests.test_accessibility import violations
from tests.test_languages_browser import box
from tests.test_review import FACTS

pytestmark = pytest.mark.browser


def test_levels_as_bars_and_the_streak_in_urdu_at_360_px(app, browser, live_server: str, people: People,  # type: ignore[no-untyped-def]
                                                         write_bank, load_banks) -> None:
    write_bank(bank_yaml("facts", FACTS))
    load_banks()
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    ayesha = people.account("ayesha", name="عائشہ خان")
    people.join(classroom, ayesha)
    with app.app_context(), db.writer() as session:
        session.execute(update(Classroom).values(timezone="Asia/Karachi"))
        session.commit()
    with app.app_context():
        learner_progress.set_daily_goal(db.session, ayesha, 3)
        token = attempts.start_attempt(db.session, "facts", account_id=ayesha)
        assert token is not None
        # Tender right, law wrong (money: attempted), scam right (scams: familiar).
        attempts.submit_attempt(db.session, token, {1: ["true"], 2: ["false"], 3: ["true"]})
    # Script on, for axe only: the home page itself runs none.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ur")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server + "/login")
    page.locator("input[name=login]").fill("ayesha")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form input[type=submit]").click()
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    streak = page.locator("#streak")
    assert streak.is_visible()
    days = page.locator("#streak-days")
    assert "1" in days.inner_text() or "۱" in days.inner_text()
    card = box(streak)
    for piece in (days, page.locator("#streak-today"), streak.locator("input[name=goal]")):
        inner = box(piece)
        assert card["x"] <= inner["x"] and inner["x"] + inner["width"] <= card["x"] + card["width"] + 0.5

    scams = page.locator("#me-level-scams")
    steps = scams.locator(".level-bar span")
    assert steps.count() == 4
    boxes = [box(steps.nth(i)) for i in range(4)]
    filled, empty = boxes[:2], boxes[2:]
    # Right to left: the two filled steps are the rightmost, the first at the very right.
    assert filled[0]["x"] > filled[1]["x"] > empty[0]["x"] > empty[1]["x"]
    assert all(step["width"] > 10 and step["height"] > 5 for step in filled)
    fills = [steps.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(4)]
    assert fills[0] == fills[1] != fills[2] == fills[3]
    # The level is said in words beside the bar, not by colour alone.
    assert scams.locator(".level-name strong").is_visible()
    assert page.locator("#me-level-money .level-name strong").inner_text() \
        != scams.locator(".level-name strong").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert violations(page) == []
    context.close()
