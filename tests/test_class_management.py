"""A term's housekeeping, as the teacher does it and as learners then see it: renaming,
removing learners, archiving classes, editing and deleting assignments, a new code."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import Account, Assignment, Membership
from quizapp.services import authoring, class_management, classrooms, login_cards
from quizapp.services.accounts import AccountProblem
from tests.conftest import PASSWORD, People
from tests.helpers import post_form, right_form, soup, whole_quiz_form
from tests.test_classroom_views import board_rows, learner_client, take


@pytest.fixture
def lesson(app: Flask, people: People, sample_bank: str) -> dict[str, int]:
    """A teacher, a class with the sample bank assigned, and two learners who took it."""
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher)
    ayesha = people.account("ayesha", name="Ayesha")
    bilal = people.account("bilal", name="Bilal")
    people.join(classroom, ayesha, bilal)
    assignment = people.assign(classroom)
    take(learner_client(app, people, ayesha, "ayesha"), assignment)               # 6 of 6
    take(learner_client(app, people, bilal, "bilal"), assignment, number="1")     # 5 of 6
    return {"teacher": teacher, "classroom": classroom, "ayesha": ayesha, "bilal": bilal,
            "assignment": assignment}


def teacher_client(app: Flask, people: People, lesson: dict[str, int]) -> FlaskClient:
    return people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")


def text(client: FlaskClient, url: str) -> str:
    return soup(client.get(url)).get_text(" ", strip=True)


def flash(response, client: FlaskClient) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.get_data(as_text=True)
    shown = soup(client.get(response.headers["Location"])).select_one(".flash").get_text()
    return " ".join(shown.split())


def test_a_learner_is_renamed_and_keeps_their_username(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    page = f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}"
    response = post_form(teacher, f"{page}/name", {"name": "  Ayesha   Khan "}, page)
    assert "Name changed. Their username stays the same." in flash(response, teacher)
    members = [li.get_text("", strip=True) for li in
               soup(teacher.get(f"/teach/classes/{lesson['classroom']}")).select("#members-heading ~ ul li")]
    assert "Ayesha Khan(ayesha)" in members
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert board_rows(ayesha, lesson["classroom"])[0][1] == "Ayesha Khan (you)"

    clash = post_form(teacher, f"{page}/name", {"name": "BILAL"}, page)
    assert clash.status_code == 422
    assert "Another learner of the class has a name that looks the same" in soup(clash).get_text()
    with app.app_context():
        assert db.session.get(Account, lesson["ayesha"]).display_name == "Ayesha Khan"


def test_removing_a_learner_asks_first_and_keeps_their_history(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    class_url = f"/teach/classes/{lesson['classroom']}"
    remove = f"{class_url}/learners/{lesson['ayesha']}/remove"
    asked = text(teacher, remove)
    assert "Remove Ayesha from Class 8B?" in asked
    assert "Every attempt and score of theirs stays recorded" in asked
    assert board_rows(learner_client(app, people, lesson["bilal"], "bilal"),
                      lesson["classroom"])[0][1] == "Ayesha"  # nothing happened yet

    response = post_form(teacher, remove, {"submit": "Remove from the class"})
    assert "Ayesha was removed from the class." in flash(response, teacher)
    class_page = soup(teacher.get(class_url))
    assert "Learners (1)" in class_page.get_text()
    assert "Removed from the class" in class_page.get_text()

    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    assert board_rows(bilal, lesson["classroom"]) == [["1", "Bilal (you)", "5"]]
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert "Class 8B" not in text(ayesha, "/")
    assert ayesha.get(f"/classes/{lesson['classroom']}/board").status_code == 404
    refused = post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "Start"}, "/")
    assert refused.status_code == 404

    history = text(teacher, f"{class_url}/learners/{lesson['ayesha']}")
    assert "Ayesha (removed)" in history and "6/6" in history
    report = text(teacher, f"{class_url}/report")
    assert "Ayesha (removed)" in report and "6/6" in report
    with app.app_context():
        row = db.session.get(Membership, (lesson["classroom"], lesson["ayesha"]))
        assert row is not None and row.removed_at is not None and row.total == 6


def test_a_removed_learner_who_joins_again_comes_back_with_their_history(app, people,
                                                                         lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    remove = f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}/remove"
    post_form(teacher, remove, {"submit": "Remove"})
    app.config["RATELIMIT_ENABLED"] = False
    visitor = app.test_client()
    joined = post_form(visitor, "/join", {"code": "K7PM3X", "display_name": "Ayesha",
                                          "password": PASSWORD})
    assert joined.status_code == 303, joined.get_data(as_text=True)
    assert board_rows(visitor, lesson["classroom"])[0] == ["1", "Ayesha (you)", "6"]
    assert "Learners (2)" in text(teacher, f"/teach/classes/{lesson['classroom']}")

    post_form(teacher, remove, {"submit": "Remove"})
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")  # signed in: join another
    again = post_form(ayesha, "/join", {"code": "K7PM3X"})
    assert "You joined Class 8B." in flash(again, ayesha)
    assert board_rows(ayesha, lesson["classroom"])[0] == ["1", "Ayesha (you)", "6"]


def test_a_class_is_renamed(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    response = post_form(teacher, f"{url}/name", {"name": "Class 9B"}, url)
    assert "The class is now called Class 9B." in flash(response, teacher)
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert "Class 9B" in text(ayesha, "/")
    empty = post_form(teacher, f"{url}/name", {"name": "   "}, url)
    assert empty.status_code == 422
    assert soup(empty).select_one("h1").get_text() == "Class 9B"


def test_an_archived_class_is_closed_to_learners_until_it_is_restored(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    projector = soup(teacher.get(url)).find("a", href=lambda h: h and "/board/" in h)["href"]
    asked = text(teacher, f"{url}/archive")
    assert "Archive Class 8B?" in asked and "Nothing is deleted" in asked

    response = post_form(teacher, f"{url}/archive", {"submit": "Archive the class"})
    assert response.headers["Location"] == "/teach/"
    dashboard = soup(teacher.get("/teach/"))
    assert dashboard.select(".cards .card") == []
    assert "Archived classes" in dashboard.get_text() and "Class 8B" in dashboard.get_text()
    assert "This class is archived" in text(teacher, url)

    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert "Class 8B" not in text(ayesha, "/")
    assert post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "Start"},
                     "/").status_code == 404
    wall = app.test_client().get(projector)  # closed, and it says so (no board: no names)
    assert wall.status_code == 410 and soup(wall).select("table, .podium") == []
    app.config["RATELIMIT_ENABLED"] = False
    closed = post_form(app.test_client(), "/join", {"code": "K7PM3X", "display_name": "Chand",
                                                    "password": PASSWORD})
    assert closed.status_code == 422
    assert "This class is closed" in soup(closed).get_text()

    restored = post_form(teacher, f"{url}/restore", {"submit": "Restore the class"}, url)
    assert "The class is restored" in flash(restored, teacher)
    assert "Class 8B" in text(ayesha, "/")
    assert app.test_client().get(projector).status_code == 200
    assert len(soup(teacher.get("/teach/")).select(".cards .card")) == 1


def edit_url(lesson: dict[str, int], assignment: int | None = None) -> str:
    return (f"/teach/classes/{lesson['classroom']}/assignments/"
            f"{assignment or lesson['assignment']}/edit")


def test_editing_an_assignment_keeps_every_recorded_score(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    page = soup(teacher.get(edit_url(lesson)))
    assert "Scores already recorded stay as they are" in page.get_text()
    due = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(teacher, edit_url(lesson), {"due_at": due, "attempts_allowed": "1"})
    assert "Assignment saved. Scores already recorded stay as they are." in flash(response, teacher)
    assert soup(teacher.get(edit_url(lesson))).find("input", {"name": "due_at"})["value"] == due

    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert "No attempts left." in text(ayesha, "/")
    with app.app_context():  # the due date comes: what counted still counts
        db.session.get(Assignment, lesson["assignment"]).due_at = clock.now() - dt.timedelta(minutes=1)
        db.session.commit()
    assert board_rows(ayesha, lesson["classroom"]) == [["1", "Ayesha (you)", "6"], ["2", "Bilal", "5"]]
    assert "6/6" in text(teacher, f"/teach/classes/{lesson['classroom']}/report")


def test_an_edited_assignment_gets_the_checks_of_a_new_one(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = post_form(teacher, edit_url(lesson), {"due_at": past}, edit_url(lesson))
    assert refused.status_code == 422
    assert "That due date has already passed" in soup(refused).get_text()
    too_many = post_form(teacher, edit_url(lesson), {"attempts_allowed": "0"}, edit_url(lesson))
    assert too_many.status_code == 422
    assert teacher.get(edit_url(lesson, 999)).status_code == 404


def test_an_opening_time_already_past_may_stay_as_it_was(app, people, lesson) -> None:
    opened = people.assign(lesson["classroom"],
                           opens_at=clock.now().replace(second=0, microsecond=0) - dt.timedelta(days=2))
    teacher = teacher_client(app, people, lesson)
    form = soup(teacher.get(edit_url(lesson, opened)))
    kept = form.find("input", {"name": "opens_at"})["value"]
    assert kept
    response = post_form(teacher, edit_url(lesson, opened), {"opens_at": kept, "attempts_allowed": "3"})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_deleting_an_assignment_takes_its_points_off_the_board_and_keeps_the_attempts(
        app, people, lesson) -> None:
    second = people.assign(lesson["classroom"])
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    take(ayesha, second)
    assert board_rows(ayesha, lesson["classroom"])[0] == ["1", "Ayesha (you)", "12"]
    teacher = teacher_client(app, people, lesson)
    delete = f"/teach/classes/{lesson['classroom']}/assignments/{lesson['assignment']}/delete"
    asked = text(teacher, delete)
    assert "its points are taken out of the class board totals" in asked
    assert "as practice that does not count" in asked

    response = post_form(teacher, delete, {"submit": "Delete the assignment"})
    assert "is deleted. Its attempts stay in learners' histories, as practice." in flash(response,
                                                                                          teacher)
    assert board_rows(ayesha, lesson["classroom"]) == [["1", "Ayesha (you)", "6"], ["2", "Bilal", "0"]]
    assert len(soup(ayesha.get("/")).select(".assignments > li")) == 1
    assert post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "Start"},
                     "/").status_code == 404
    mine = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup(ayesha.get("/me/attempts")).select("tbody tr")]
    assert sorted(row[-1] for row in mine) == ["practice", "yes"]
    assert teacher.get(delete).status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Assignment.deleted_at)
                                 .where(Assignment.id == lesson["assignment"])) is not None


def test_a_new_code_is_made_only_once_the_teacher_confirms(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    link = soup(teacher.get(url)).find("a", string="Make a new code")
    assert link["href"] == f"{url}/code"
    asked = text(teacher, link["href"])
    assert "The old code stops working at once" in asked
    assert soup(teacher.get(url)).select_one(".code").get_text() == "K7P-M3X"
    post_form(teacher, link["href"], {"submit": "Make a new code"})
    assert soup(teacher.get(url)).select_one(".code").get_text() != "K7P-M3X"


@pytest.mark.parametrize(("name", "filename"), [
    ("Class 8B", "class-8b-report.csv"),
    ("Clase 8º B — Niñas", "class-clase-8o-b-ninas-report.csv"),
    ('8"B"; rm -rf', "class-8-b-rm-rf-report.csv"),
])
def test_the_csv_report_is_named_after_the_class(app, people, lesson, name: str,
                                                 filename: str) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/name", {"name": name}, url)
    response = teacher.get(f"{url}/report.csv")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_learner_page_shows_their_own_practice(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    started = post_form(ayesha, "/banks/sample", {"start": "Start"})
    whole_quiz_form(ayesha, started.headers["Location"])
    quiz = soup(ayesha.get(started.headers["Location"]))
    ayesha.post(started.headers["Location"], data={"csrf_token": quiz.find(
        "input", {"name": "csrf_token"})["value"], "submit_with_blanks": "Submit"})
    teacher = teacher_client(app, people, lesson)
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup(teacher.get(
        f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}")).select("tbody tr")]
    assert [(row[2], row[3]) for row in rows] == [("0/6", "practice, does not count"),
                                                  ("6/6", "yes")]


def test_an_attempt_open_when_its_assignment_is_deleted_does_not_count(app, people, lesson) -> None:
    second = people.assign(lesson["classroom"])
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    started = post_form(bilal, f"/assignments/{second}/start", {"start": "Start"}, "/")
    teacher = teacher_client(app, people, lesson)
    post_form(teacher, f"/teach/classes/{lesson['classroom']}/assignments/{second}/delete",
              {"submit": "Delete"})
    quiz = soup(bilal.get(started.headers["Location"]))
    assert bilal.post(started.headers["Location"], data=right_form(quiz)).status_code == 303
    assert board_rows(bilal, lesson["classroom"])[1] == ["2", "Bilal (you)", "5"]


def test_an_attempt_started_before_its_class_was_archived_is_kept_as_practice(app, people, lesson,
                                                                              runner) -> None:
    second = people.assign(lesson["classroom"])
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    started = post_form(bilal, f"/assignments/{second}/start", {"start": "Start"}, "/")
    quiz = soup(bilal.get(started.headers["Location"]))
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/archive", {"submit": "Archive the class"})
    sent = bilal.post(started.headers["Location"], data=right_form(quiz))
    assert sent.status_code == 303
    result = text(bilal, sent.headers["Location"])
    assert "You scored 6 out of 6." in result
    assert ("Your teacher archived this class before you sent this quiz, so it is kept as "
            "practice: it does not count towards the assignment.") in result
    post_form(teacher, f"{url}/restore", {"submit": "Restore the class"}, url)
    assert board_rows(bilal, lesson["classroom"])[1] == ["2", "Bilal (you)", "5"]  # not 11
    checked = runner.invoke(args=["check"])
    assert checked.exit_code == 0 and checked.output.startswith("every figure matches"), checked.output


def test_an_attempt_that_counts_says_nothing_of_practice(app, people, lesson) -> None:
    second = people.assign(lesson["classroom"])
    result = text(learner_client(app, people, lesson["bilal"], "bilal"),
                  take(learner_client(app, people, lesson["bilal"], "bilal"), second))
    assert "You scored 6 out of 6." in result and "kept as practice" not in result


def test_an_archived_class_s_board_link_says_it_is_closed_in_the_class_s_language(
        app, client, people) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom_id = people.classroom(teacher)
    with app.test_request_context():
        classroom = classrooms.owned_classroom(db.session, teacher, classroom_id)
        assert classroom is not None
        classrooms.set_projector(db.session, classroom, enabled=True)
        token = classroom.projector_token
        classroom.language = "ur"
        db.session.commit()
        class_management.archive_class(db.session, classroom, True)
    page = client.get(f"/board/{token}", headers={"Accept-Language": "en"})
    assert page.status_code == 410
    html = soup(page)
    assert (html.html["lang"], html.html["dir"]) == ("ur", "rtl")
    assert html.h1.get_text(strip=True) == "کلاس کا یہ اسکور بورڈ بند ہے"  # "This class board is closed"
    assert client.get("/board/no-such-link").status_code == 404


def test_a_removed_learner_is_out_of_reach_and_sees_what_a_stranger_sees(app, people, sample_bank) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learner = people.account("ayesha", name="Ayesha")
    people.join(classroom, learner)
    own_bank = b"""bank: own-quiz
title: Ms Rana's own quiz
questions:
  - id: when
    type: true_false
    prompt: El Salvador made bitcoin legal tender in 2021.
    answer: true
    explanation: CoinDesk says so.
    cite:
      - source: coindesk
        quote: "doing so in 2021."
"""
    with app.test_request_context():
        assert authoring.publish_bank(db.session, teacher, own_bank, "own-quiz.yaml").passed
    ayesha = people.sign_in(app.test_client(), learner, "ayesha")
    assert "Ms Rana's own quiz" in soup(ayesha.get("/")).get_text()
    with app.test_request_context():
        assert class_management.remove_learner(db.session, classroom, learner)
        assert login_cards.reset_learner_password(db.session, classroom, learner) is None
        assert class_management.rename_learner(db.session, classroom, learner, "Someone") \
            is AccountProblem.NOT_A_LEARNER
    assert "Ms Rana's own quiz" not in soup(ayesha.get("/")).get_text()
    assert ayesha.get("/banks/own-quiz").status_code == 404


# Papercuts a term ran into -------------------------------------------------------------

@pytest.mark.parametrize(("language", "zone"), [
    ("es", "America/El_Salvador"), ("ur", "Asia/Karachi"), ("en", "UTC")])
def test_a_first_class_starts_on_the_clock_of_the_pages_language(app, client, people,
                                                                  language: str, zone: str) -> None:
    people.sign_in(client, people.account("ms-rana", "teacher"), "ms-rana")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    form = soup(client.get("/teach/"))
    assert form.select_one("select[name=timezone] option[selected]")["value"] == zone


def test_a_new_class_starts_on_the_clock_of_the_teachers_last_class(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/settings", {"timezone": "Asia/Karachi", "language": ""}, url)
    teacher.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"  # the last class wins over the language
    form = soup(teacher.get("/teach/"))
    assert form.select_one("select[name=timezone] option[selected]")["value"] == "Asia/Karachi"
    created = post_form(teacher, "/teach/", {"name": "Clase 5A", "timezone": "America/Lima"})
    assert created.status_code == 303
    form = soup(teacher.get("/teach/"))
    assert form.select_one("select[name=timezone] option[selected]")["value"] == "America/Lima"


def test_the_csv_report_of_an_urdu_class_is_named_in_latin_letters(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/name", {"name": "جماعت نہم ب"}, url)
    response = teacher.get(f"{url}/report.csv")
    assert (response.headers["Content-Disposition"]
            == 'attachment; filename="class-jmt-nhm-b-report.csv"')


def test_the_csv_times_are_on_the_class_clock_with_the_zone_in_the_header(app, people,
                                                                          lesson) -> None:
    from quizapp.domain.class_time import utc_to_local
    from quizapp.models import AssignmentScore

    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/settings", {"timezone": "Asia/Karachi", "language": ""}, url)
    rows = list(csv.reader(io.StringIO(
        teacher.get(f"{url}/report.csv").get_data().decode("utf-8-sig"))))
    assert rows[0][5] == "Sample bank: last activity (Pakistan Time)"
    with app.app_context():
        stored = db.session.scalar(select(AssignmentScore.last_activity).where(
            AssignmentScore.account_id == lesson["ayesha"]))
    ayesha = next(row for row in rows if row[0] == "Ayesha")
    assert ayesha[5] == utc_to_local(stored, "Asia/Karachi").strftime("%Y-%m-%d %H:%M")
    assert ayesha[5] != stored.strftime("%Y-%m-%d %H:%M")  # five hours ahead of UTC


def test_learner_names_are_listed_in_the_pages_language_order(app, people, lesson) -> None:
    for username, name in [("sofia", "sofia"), ("oscar", "Óscar"), ("angel", "Ángel"),
                           ("zara", "Zara"), ("nandu", "Ñandú"), ("nube", "Nube")]:
        people.join(lesson["classroom"], people.account(username, name=name))
    teacher = teacher_client(app, people, lesson)
    teacher.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    url = f"/teach/classes/{lesson['classroom']}"
    in_spanish = ["Ángel", "Ayesha", "Bilal", "Nube", "Ñandú", "Óscar", "sofia", "Zara"]
    members = [a.get_text() for a in soup(teacher.get(url)).select(
        "#members-heading ~ ul a[href*='/learners/']")]
    assert members == in_spanish
    report = [th.get_text(" ", strip=True) for th in soup(teacher.get(f"{url}/report")).select(
        "table tbody th[scope=row]")]
    assert report[:len(in_spanish)] == in_spanish
    rows = list(csv.reader(io.StringIO(
        teacher.get(f"{url}/report.csv").get_data().decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == in_spanish
    # On the board, Ayesha (6) and Bilal (5) lead; the others tie on 0, in the reader's order.
    zara = learner_client(app, people, people_id(app, "zara"), "zara")
    zara.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert [row[1].removesuffix(" (you)") for row in board_rows(zara, lesson["classroom"])] == [
        "Ayesha", "Bilal", "Ángel", "Ñandú", "Nube", "Óscar", "sofia", "Zara"]


def people_id(app: Flask, username: str) -> int:
    with app.app_context():
        account = db.session.scalar(select(Account.id).where(Account.username == username))
        assert account is not None
        return account


def test_the_learner_page_shows_their_username(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    page = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}"))
    assert page.select_one("#username").get_text(strip=True) == "ayesha"


def test_a_new_password_is_given_only_once_the_teacher_confirms(app, people, lesson) -> None:
    teacher = teacher_client(app, people, lesson)
    url = f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}/password"
    asked = soup(teacher.get(url))
    assert asked.select_one(".login-card") is None
    assert asked.select_one(f"a[href$='/learners/{lesson['ayesha']}']").get_text() == "Cancel"
    with app.app_context():
        before = db.session.scalar(select(Account.password_hash).where(Account.username == "ayesha"))
    assert teacher.post(url, data={"submit": "Give a new password"}).status_code == 400  # no CSRF
    with app.app_context():
        assert db.session.scalar(select(Account.password_hash).where(
            Account.username == "ayesha")) == before
    card = soup(post_form(teacher, url, {"submit": "Give a new password"}))
    assert "ayesha" in card.select_one(".login-card").get_text()
    stranger = people.account("stranger")
    other = f"/teach/classes/{lesson['classroom']}/learners/{stranger}/password"
    assert teacher.get(other).status_code == 404
