"""In a real Chromium on a 1920 × 1080 wall: the projector's board shows every learner of a
class of 30 within a minute, turning its pages by itself (no script), with no podium until
someone has points and the address and code readable from the back of the room."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from sqlalchemy import update

from quizapp.extensions import db
from quizapp.models import Classroom, Membership
from quizapp.services import classrooms
from tests.conftest import People

pytestmark = pytest.mark.browser

WALL = {"width": 1920, "height": 1080}
NAMES = [f"Learner {n:02d}" for n in range(1, 31)]


def class_of_thirty(app: Flask, people: People, totals: dict[str, int], language: str | None = None) -> str:
    """A class of 30 with a projector link; the learners named in ``totals`` have those points."""
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher, "Class 8B", "K7PM3X")
    ids = {name: people.account(f"learner-{n}", name=name) for n, name in enumerate(NAMES)}
    people.join(classroom, *ids.values())
    with app.app_context(), db.writer() as session:
        for name, total in totals.items():
            session.execute(update(Membership).where(Membership.account_id == ids[name])
                            .values(total=total))
        session.commit()
    with app.app_context():
        row = db.session.get(Classroom, classroom)
        classrooms.set_projector(db.session, row, True)
        if language:
            classrooms.set_settings(db.session, row, timezone="UTC", language=language)
        return str(db.session.get(Classroom, classroom).projector_token)


def names_on_screen(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The learners' names drawn wholly inside the 1920 × 1080 screen, without scrolling."""
    seen = set()
    for cell in page.locator(".podium-name, table.board tbody td:nth-child(2)").all():
        box = cell.bounding_box()
        if box and box["y"] >= 0 and box["y"] + box["height"] <= WALL["height"] \
                and box["x"] >= 0 and box["x"] + box["width"] <= WALL["width"]:
            seen.add(cell.inner_text())
    return seen


def font_px(locator) -> float:  # type: ignore[no-untyped-def]
    return float(locator.evaluate("e => getComputedStyle(e).fontSize")[:-2])


def test_thirty_learners_all_come_round_within_a_minute(app, browser, live_server: str,
                                                        people: People) -> None:
    token = class_of_thirty(app, people, {"Learner 07": 12, "Learner 21": 9, "Learner 30": 4})
    page = browser.new_context(viewport=WALL, java_script_enabled=False).new_page()
    started = time.monotonic()
    page.goto(f"{live_server}/board/{token}")
    assert [name.inner_text() for name in page.locator(".podium-name").all()] == [
        "Learner 07", "Learner 21", "Learner 30"]
    assert page.locator(".wall-address").inner_text() == f"{live_server}/join/K7PM3X"
    assert font_px(page.locator(".wall-address")) >= 32
    assert font_px(page.locator(".wall-join .code")) >= 32
    assert page.evaluate("document.documentElement.scrollWidth") <= WALL["width"]
    seen: set[str] = set()
    pages = 0
    while True:
        pages += 1
        seen |= names_on_screen(page)
        # Those without points are not ranked: no "4" for someone with 0 points.
        ranks = [cell.inner_text() for cell in page.locator("table.board tbody td:first-child").all()]
        assert ranks and all(rank.startswith("—") and not any(c.isdigit() for c in rank) for rank in ranks)
        if "page=" not in (page.locator("meta[http-equiv=refresh]").get_attribute("content") or ""):
            break
        with page.expect_navigation(timeout=15_000):
            pass  # the meta refresh turns the page
        if page.url.endswith("page=1"):
            break
    assert seen == set(NAMES)
    assert pages >= 2 and time.monotonic() - started < 60


def test_before_anyone_scores_nobody_is_first_and_the_wall_speaks_the_classs_language(
        app, browser, live_server: str, people: People) -> None:
    token = class_of_thirty(app, people, {}, language="es")
    page = browser.new_context(viewport=WALL, java_script_enabled=False, locale="en").new_page()
    page.goto(f"{live_server}/board/{token}?paused=1")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(".podium").count() == 0
    ranks = [cell.inner_text() for cell in page.locator("table.board tbody td:first-child").all()]
    assert ranks and all(rank.startswith("—") and not any(c.isdigit() for c in rank) for rank in ranks)
    seen = names_on_screen(page)
    while page.locator("a[href*='paused=1'][href*='page=']").count():
        link = page.locator("a[href*='paused=1'][href*='page=']").first
        if link.get_attribute("href").endswith("page=1"):
            break
        link.click()
        seen |= names_on_screen(page)
    assert seen == set(NAMES)
