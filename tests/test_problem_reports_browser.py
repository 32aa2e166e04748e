"""In a real Chromium, in English: a learner's report is counted on the teacher's home, and the
count leads to the page of open reports, where the teacher reads it beside the question's figures
and closes it."""

from __future__ import annotations

import pytest

from tests.conftest import People
from tests.test_item_reports import (  # noqa: F401  (quality: a fixture)
    class_of,
    position_of,
    publish_own_bank,
    quality,
)
from tests.test_item_reports_browser import signed_in

pytestmark = pytest.mark.browser


def test_a_report_reaches_the_teachers_home_and_is_closed_from_the_list(
        app, browser, live_server: str, people: People, quality) -> None:  # noqa: F811
    app.config["WTF_CSRF_ENABLED"] = True
    owner = quality["teacher"]
    publish_own_bank(app, owner)
    classroom = people.classroom(owner, "Class 8C", "CCCCCC")
    assignment = people.assign(classroom, bank="own-quality")
    learners = class_of(app, people, {"teacher": owner}, 3, 9, assignment, classroom)

    _learner, token = learners[0]
    learner = signed_in(browser, live_server, "learner-9")
    learner.goto(f"{live_server}/attempts/{token}/result")
    question = learner.locator(f"#q{position_of(app, token, 'bad-key')}")
    question.get_by_text("Report a problem with this question").click()
    question.get_by_label("The answer looks wrong").check()
    question.get_by_label("Anything to add? (optional, at most 500 characters)").fill(
        "CoinDesk says 2021, not 2020.")
    question.get_by_role("button", name="Send the report").click()

    teacher = signed_in(browser, live_server, "ms-rana")
    teacher.goto(live_server + "/teach/")
    assert teacher.locator(".card", has_text="Class 8C").get_by_role(
        "link", name="1 open problem reported").is_visible()
    teacher.get_by_role("link", name="1 open problem reported by learners").click()
    assert teacher.get_by_role("heading", level=1, name="Problems learners reported").is_visible()
    card = teacher.locator("section.item").filter(has_text="Which year does CoinDesk give")
    for words in ("CoinDesk says 2021, not 2020.", "The answer looks wrong", "from Learner 9",
                  "Answers, one per learner (their first attempt that counts): 3."):
        assert words in card.inner_text()
    assert teacher.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    card.get_by_role("button", name="Close this report").click()
    assert "The report is closed." in teacher.locator(".flash").inner_text()
    assert "No open reports." in teacher.locator("main").inner_text()
    teacher.goto(live_server + "/teach/banks")
    assert "0 open problems reported by learners" in teacher.locator("#open-reports").inner_text()
