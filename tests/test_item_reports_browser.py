"""In a real Chromium: a teacher sees a badly keyed question flagged, and a learner's report
of it reaches the bank's owner, who closes it."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, People
from tests.test_item_reports import (  # noqa: F401  (quality: a fixture)
    class_of,
    position_of,
    publish_own_bank,
    quality,
)

pytestmark = pytest.mark.browser


def signed_in(browser, live_server: str, username: str):  # type: ignore[no-untyped-def]
    page = browser.new_context(java_script_enabled=False,
                               viewport={"width": 360, "height": 740}).new_page()
    page.goto(live_server + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_a_bad_question_is_flagged_and_a_learners_report_reaches_the_owner(
        app, browser, live_server: str, people: People, quality) -> None:  # noqa: F811
    app.config["WTF_CSRF_ENABLED"] = True
    owner = quality["teacher"]
    publish_own_bank(app, owner)
    classroom = people.classroom(owner, "Class 8C", "CCCCCC")
    assignment = people.assign(classroom, bank="own-quality")
    learners = class_of(app, people, {"teacher": owner}, 12, 0, assignment, classroom)

    teacher = signed_in(browser, live_server, "ms-rana")
    teacher.goto(f"{live_server}/teach/classes/{classroom}/assignments/{assignment}")
    bad = teacher.locator("section.item").filter(has_text="Which year does CoinDesk give")
    assert ("Strong learners chose another answer more often than weak ones: check the key and "
            "the wording.") in bad.inner_text()
    assert teacher.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    _learner, token = learners[11]
    learner = signed_in(browser, live_server, "learner-11")
    learner.goto(f"{live_server}/attempts/{token}/result")
    question = learner.locator(f"#q{position_of(app, token, 'bad-key')}")
    question.get_by_text("Report a problem with this question").click()
    question.get_by_label("The answer looks wrong").check()
    question.get_by_label("Anything to add? (optional, at most 500 characters)").fill(
        "CoinDesk says 2021, not 2020.")
    question.get_by_role("button", name="Send the report").click()
    assert "Thank you: the quiz's author will look at your report." in learner.locator(
        ".flash").inner_text()

    teacher.goto(live_server + "/teach/banks")
    teacher.locator("tr", has_text="own-quality").get_by_role(
        "link", name="How its questions work, and problems reported").click()
    bad = teacher.locator("section.item").filter(has_text="Which year does CoinDesk give")
    assert "CoinDesk says 2021, not 2020." in bad.inner_text()
    assert "The answer looks wrong" in bad.inner_text()
    assert "Strong learners chose another answer" in bad.inner_text()
    bad.get_by_role("button", name="Close this report").click()
    assert "The report is closed." in teacher.locator(".flash").inner_text()
    assert "CoinDesk says 2021, not 2020." not in teacher.locator("main").inner_text()
