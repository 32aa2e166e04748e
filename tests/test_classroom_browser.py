"""A whole lesson in a real Chromium: class, code, two learners, the board, the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import PASSWORD, People
from tests.test_browser import RIGHT_ORDER

pytestmark = pytest.mark.browser


def answer_everything(page, number: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("2021").check()
    page.locator("#q2").get_by_label("False").check()
    page.get_by_label("Your answer").fill(number)
    for choice in ["Bitcoin mining", "strategic reserves", "educational programs"]:
        page.locator("#q4").get_by_text(choice, exact=True).click()
    for position, item in enumerate(RIGHT_ORDER, start=1):
        page.get_by_label(item).select_option(str(position))
    page.get_by_role("button", name="Submit my answers").click()


def test_a_lesson_from_class_to_board_and_csv(app, browser, live_server: str, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    people.account("ms-rana", "teacher", "Ms Rana")

    teacher = browser.new_context(java_script_enabled=False, accept_downloads=True).new_page()
    teacher.goto(live_server + "/login")
    teacher.get_by_label("Username or e-mail").fill("ms-rana")
    teacher.get_by_label("Password").fill(PASSWORD)
    teacher.get_by_role("button", name="Sign in").click()
    teacher.get_by_label("Class name").fill("Class 8B")
    teacher.get_by_role("button", name="Create the class").click()
    code = teacher.locator(".code").inner_text()
    teacher.get_by_label("Quiz", exact=True).select_option("sample")
    teacher.get_by_role("button", name="Assign").click()
    assert "Quiz assigned." in teacher.locator(".flash").inner_text()

    for name, number in [("Bilal", "1"), ("Ayesha", "6,238")]:
        learner = browser.new_context(java_script_enabled=False,
                                      viewport={"width": 360, "height": 740}).new_page()
        learner.goto(live_server + "/join")
        learner.get_by_label("Class code").fill(code.lower())
        learner.get_by_label("Your name, as your class will see it").fill(name)
        learner.get_by_label("Choose a password (at least 8 characters)").fill("learner password")
        learner.get_by_role("button", name="Join the class").click()
        assert "Your username is" in learner.locator(".flash").inner_text()
        learner.get_by_role("button", name="Start").click()
        answer_everything(learner, number)
        assert learner.locator(".score-line").inner_text().startswith("You scored")
        learner.goto(live_server + "/")
        learner.get_by_role("link", name="Class board").click()
        last = learner

    rows = [row.inner_text().split("\t") for row in last.locator("table.board tbody tr").all()]
    assert rows == [["1", "Ayesha (you)", "6"], ["2", "Bilal", "5"]]

    teacher.reload()
    with teacher.expect_download() as download:
        teacher.get_by_role("link", name="Download it as CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    table = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in table[1:]] == ["Ayesha", "Bilal"]
    assert [row[2] for row in table[1:]] == ["6", "5"]


def test_the_projectors_qr_code_decodes_to_the_join_link(app, browser, live_server: str,
                                                         people: People) -> None:
    import zxingcpp
    from PIL import Image

    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher, code="K7PM3X")
    with app.app_context():
        from quizapp.extensions import db
        from quizapp.models import Classroom
        from quizapp.services import classrooms

        row = db.session.get(Classroom, classroom)
        classrooms.set_projector(db.session, row, True)
        token = db.session.get(Classroom, classroom).projector_token
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server}/board/{token}")
    picture = Image.open(io.BytesIO(page.locator("svg.qr").screenshot()))
    assert [code.text for code in zxingcpp.read_barcodes(picture)] == [f"{live_server}/join/K7PM3X"]
    page.close()


def join_in_spanish(browser, base: str, name: str, password: str):  # type: ignore[no-untyped-def]
    """A new phone, in Spanish, joins class K7PM3X; controls found by name, not by English label."""
    page = browser.new_context(locale="es", viewport={"width": 360, "height": 740}).new_page()
    page.goto(base + "/join/K7PM3X")
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator("input[name=display_name]").fill(name)
    page.locator("input[name=password]").fill(password)
    page.locator("form [type=submit]").last.click()
    return page


def test_rejoining_as_sofia_ramirez_without_accents_signs_in_as_sofia_ramirez(
        app, browser, live_server: str, people: People) -> None:
    from sqlalchemy import select

    from quizapp.extensions import db
    from quizapp.models import Account

    app.config["WTF_CSRF_ENABLED"] = True
    people.classroom(people.account("sra-lopez", "teacher", "Sra. López"), "Clase 9A", "K7PM3X")
    first = join_in_spanish(browser, live_server, "Sofía Ramírez", "contraseña de sofía")
    username = first.locator("header bdi[dir=ltr]").first.text_content()  # hidden on a phone
    assert username.startswith("sofia-ramirez-")
    assert username in first.locator("main .signed-in-as").inner_text()  # shown on the page

    again = join_in_spanish(browser, live_server, "Sofia Ramirez", "contraseña de sofía")
    signed_in = again.locator("main .signed-in-as").inner_text()
    assert "Sofía Ramírez" in signed_in and username in signed_in  # the same account, signed in
    assert again.locator(".flash").count() == 1

    stranger = join_in_spanish(browser, live_server, "Sofia Ramirez", "otra contraseña")
    error = stranger.locator("#display_name-error")
    assert "Sofia Ramirez" in error.inner_text()
    assert stranger.locator("input[name=display_name]").get_attribute("aria-invalid") == "true"
    with app.app_context():
        names = db.session.scalars(select(Account.display_name).where(Account.role == "learner"))
        assert list(names) == ["Sofía Ramírez"]
