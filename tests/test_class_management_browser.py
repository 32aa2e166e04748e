"""Removing a learner in a real Chromium: asked first, then off the board, history kept."""

from __future__ import annotations

import pytest

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.services import attempts, classrooms
from tests.conftest import PASSWORD, People
from tests.helpers import whole_quiz_in_browser

pytestmark = pytest.mark.browser


def sign_in(browser, live_server: str, username: str):  # type: ignore[no-untyped-def]
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(live_server + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_a_teacher_removes_a_learner_who_keeps_their_history(app, browser, live_server: str,
                                                             people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    ayesha, bilal = people.account("ayesha", name="Ayesha"), people.account("bilal", name="Bilal")
    people.join(classroom, ayesha, bilal)
    assignment = people.assign(classroom)
    with app.test_request_context(method="POST"):
        token = classrooms.start_assignment(db.session, ayesha, assignment, clock.now())
        assert isinstance(token, str)
        attempts.submit_attempt(db.session, token, {}, allow_blanks=True)

    teacher = sign_in(browser, live_server, "ms-rana")
    teacher.get_by_role("link", name="Class 8B").click()
    teacher.get_by_role("link", name="Ayesha").click()
    teacher.get_by_role("link", name="Remove from the class").click()
    assert "Every attempt and score of theirs stays recorded" in teacher.content()
    teacher.get_by_role("button", name="Remove from the class").click()
    assert "Ayesha was removed from the class." in teacher.locator(".flash").inner_text()
    assert "Learners (1)" in teacher.locator("#members-heading").inner_text()

    teacher.get_by_role("link", name="Ayesha").click()
    assert "(removed)" in teacher.locator("h1").inner_text()
    assert "0/6" in teacher.locator("tbody").inner_text()  # her attempt is still there

    learner = sign_in(browser, live_server, "bilal")
    learner.get_by_role("link", name="Class board").click()
    rows = [row.inner_text().split("\t") for row in learner.locator("table.board tbody tr").all()]
    assert rows == [["1", "Bilal (you)", "0"]]


def test_a_teacher_gives_a_new_password_and_the_learner_signs_in_with_the_new_card(
        app, browser, live_server: str, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    people.join(classroom, people.account("ayesha", name="Ayesha"))
    teacher = sign_in(browser, live_server, "ms-rana")
    teacher.get_by_role("link", name="Class 8B").click()
    teacher.get_by_role("link", name="Ayesha").click()
    assert teacher.locator(".account dd").inner_text() == "ayesha"  # the page shows the username
    teacher.get_by_role("link", name="Give a new password").click()
    # Asked first, like removing or archiving: nothing has changed yet.
    assert "Their old password stops working at once" in teacher.locator("main").inner_text()
    teacher.get_by_role("button", name="Give a new password").click()
    card = teacher.locator(".login-card")
    username, password = (code.inner_text() for code in card.locator("dd code").all())
    assert (username, card.locator(".card-name").inner_text()) == ("ayesha", "Ayesha")

    old = browser.new_context(java_script_enabled=False).new_page()
    old.goto(live_server + "/login")
    old.get_by_label("Username or e-mail").fill("ayesha")
    old.get_by_label("Password").fill(PASSWORD)
    old.get_by_role("button", name="Sign in").click()
    assert old.url.endswith("/login")  # the old password no longer works
    learner = browser.new_context(java_script_enabled=False).new_page()
    learner.goto(live_server + "/login")
    learner.get_by_label("Username or e-mail").fill(username.upper())
    learner.get_by_label("Password").fill(password)
    learner.get_by_role("button", name="Sign in").click()
    assert learner.locator("nav.account .username").inner_text() == "(ayesha)"


def test_practice_while_signed_in_is_in_my_attempts_and_the_teachers_view_but_not_on_the_board(
        app, browser, live_server: str, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    people.join(classroom, people.account("ayesha", name="Ayesha"))
    learner = sign_in(browser, live_server, "ayesha")
    learner.goto(live_server + "/banks/sample")
    learner.get_by_role("button", name="Start the quiz").click()
    whole_quiz_in_browser(learner)
    learner.get_by_label("2021").check()
    learner.get_by_role("button", name="Submit my answers").click()
    learner.get_by_role("button", name="Submit with blank answers").click()
    assert "You scored 1 out of 6." in learner.locator(".score-line").inner_text()
    learner.get_by_role("link", name="My attempts").click()
    row = learner.locator("tbody tr").first.inner_text()
    assert "Sample bank" in row and "practice" in row
    learner.goto(f"{live_server}/classes/{classroom}/board")
    assert [r.inner_text().split("\t") for r in learner.locator("table.board tbody tr").all()] == [
        ["1", "Ayesha (you)", "0"]]

    teacher = sign_in(browser, live_server, "ms-rana")
    teacher.get_by_role("link", name="Class 8B").click()
    teacher.get_by_role("link", name="Ayesha").click()
    history = teacher.locator("tbody tr").first.inner_text()
    assert "Sample bank" in history and "1/6" in history and "practice, does not count" in history
