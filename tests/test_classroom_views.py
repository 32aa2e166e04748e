"""Classes as teachers and learners use them: codes, assignments, best scores, boards, reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.domain import clock
from tests.conftest import People
from tests.helpers import csrf, post_form, right_form, soup, whole_quiz_form


@pytest.fixture
def lesson(app: Flask, people: People, sample_bank: str) -> dict[str, int]:
    """A teacher, a class with the sample bank assigned, and two learners in it."""
    teacher = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher)
    ayesha = people.account("ayesha", name="Ayesha")
    bilal = people.account("bilal", name="Bilal")
    people.join(classroom, ayesha, bilal)
    assignment = people.assign(classroom)
    return {"teacher": teacher, "classroom": classroom, "ayesha": ayesha, "bilal": bilal,
            "assignment": assignment}


def learner_client(app: Flask, people: People, account_id: int, username: str) -> FlaskClient:
    return people.sign_in(app.test_client(), account_id, username)


def take(client: FlaskClient, assignment: int, number: str = "6,238", blanks: bool = False) -> str:
    """Start the assignment from the learner's home page and submit; returns the result URL."""
    started = post_form(client, f"/assignments/{assignment}/start", {"start": "Start"}, "/")
    assert started.status_code == 303, started.get_data(as_text=True)
    quiz = soup(client.get(started.headers["Location"]))
    data = right_form(quiz, number)
    if blanks:
        data = {"csrf_token": data["csrf_token"], "submit_with_blanks": "Submit"}
    response = client.post(started.headers["Location"], data=data)
    assert response.status_code == 303
    return response.headers["Location"]


def board_rows(client: FlaskClient, classroom: int) -> list[list[str]]:
    page = soup(client.get(f"/classes/{classroom}/board"))
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in page.select("table.board tbody tr")]


def test_teacher_creates_a_class_and_renews_its_code(app, client, people) -> None:
    teacher = people.account("ms-rana", "teacher")
    people.sign_in(client, teacher, "ms-rana")
    response = post_form(client, "/teach/", {"name": "Class 8B"})
    page = soup(client.get(response.headers["Location"]))
    code = page.select_one(".code").get_text()
    assert len(code) == 7 and code[3] == "-" and not set(code) & set("0O1Il")
    assert page.find("a", string=lambda s: s and "/join/" in s)["href"].endswith(code.replace("-", ""))
    url = response.headers["Location"]
    post_form(client, f"{url}/code", {"submit": "Go"}, url)
    assert soup(client.get(url)).select_one(".code").get_text() != code


def test_best_attempt_counts_and_the_board_ranks_members(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    take(ayesha, lesson["assignment"], number="1")       # 5 of 6
    take(ayesha, lesson["assignment"])                   # 6 of 6: the best counts
    take(ayesha, lesson["assignment"], number="1")       # worse again: still 6
    home = soup(ayesha.get("/")).select_one(".assignments").get_text(" ", strip=True)
    assert "Your best: 6 out of 6" in home
    assert board_rows(ayesha, lesson["classroom"]) == [["1", "Ayesha (you)", "6"], ["2", "Bilal", "0"]]
    take(bilal, lesson["assignment"])
    assert board_rows(bilal, lesson["classroom"]) == [["1", "Ayesha", "6"], ["1", "Bilal (you)", "6"]]


def test_attempts_allowed_are_enforced_and_an_open_attempt_is_resumed(app, people, lesson) -> None:
    limited = people.assign(lesson["classroom"], attempts_allowed=1)
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    first = post_form(ayesha, f"/assignments/{limited}/start", {"start": "Start"}, "/")
    again = post_form(ayesha, f"/assignments/{limited}/start", {"start": "Start"}, "/")
    assert first.headers["Location"] == again.headers["Location"]  # resumed, not spent
    quiz = soup(ayesha.get(first.headers["Location"]))
    ayesha.post(first.headers["Location"], data=right_form(quiz))
    refused = post_form(ayesha, f"/assignments/{limited}/start", {"start": "Start"}, "/")
    assert refused.headers["Location"] == "/"
    assert "You have used every attempt that counts" in soup(ayesha.get("/")).get_text()


def test_after_the_due_date_attempts_are_practice_and_do_not_count(app, people, lesson) -> None:
    late = people.assign(lesson["classroom"], due_at=clock.now() - dt.timedelta(hours=1))
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    take(ayesha, late)
    assert board_rows(ayesha, lesson["classroom"])[0] == ["1", "Ayesha (you)", "0"]
    assert "Not done yet" in soup(ayesha.get("/")).get_text()


def test_an_assignment_not_open_yet_cannot_start(app, people, lesson) -> None:
    later = people.assign(lesson["classroom"], opens_at=clock.now() + dt.timedelta(days=1))
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    response = post_form(ayesha, f"/assignments/{later}/start", {"start": "Start"}, "/")
    assert response.headers["Location"] == "/"
    assert "This quiz is not open yet." in soup(ayesha.get("/")).get_text()


def test_board_modes(app, people, lesson) -> None:
    ranked = [people.account(f"aaron{n:02}", name=f"Aaron {n:02}") for n in range(12)]
    people.join(lesson["classroom"], *ranked)
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert len(board_rows(ayesha, lesson["classroom"])) == 14
    post_form(teacher, f"{url}/board", {"mode": "top10"}, url)
    rows = board_rows(ayesha, lesson["classroom"])
    assert len(rows) == 11 and rows[-1][1] == "Ayesha (you)"
    post_form(teacher, f"{url}/board", {"mode": "hidden"}, url)
    page = soup(ayesha.get(f"/classes/{lesson['classroom']}/board"))
    assert "Your teacher has hidden the class board." in page.get_text()
    assert page.select("table.board") == []


def test_projector_link_shows_display_names_and_can_be_revoked(app, people, lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    link = soup(teacher.get(url)).find("a", href=lambda h: h and "/board/" in h)["href"]
    wall = app.test_client()
    page = wall.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "Ayesha" in html and "ayesha" not in html.replace("Ayesha", "")  # never usernames
    assert soup(page).find("meta", {"http-equiv": "refresh"})["content"] == "30"
    post_form(teacher, f"{url}/projector/revoke", {"submit": "Go"}, url)
    assert wall.get(link).status_code == 404


def test_review_and_redo_only_the_wrong_questions(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    result_url = take(ayesha, lesson["assignment"], number="1")
    result = soup(ayesha.get(result_url))
    assert result.select_one(".score-line").get_text(strip=True) == "You scored 5 out of 6."
    redo = ayesha.post(result_url.replace("/result", "/redo"), data={"csrf_token": csrf(result)})
    whole_quiz_form(ayesha, redo.headers["Location"])
    quiz = soup(ayesha.get(redo.headers["Location"]))
    assert [f.select_one(".prompt").get_text(strip=True) for f in quiz.select("fieldset")] == [
        "How many BTC did El Salvador hold as of July 2025, by the report from Islamabad?"]
    board_before = board_rows(ayesha, lesson["classroom"])
    ayesha.post(redo.headers["Location"], data={"csrf_token": csrf(quiz), "q1": "6238"})
    assert board_rows(ayesha, lesson["classroom"]) == board_before  # practice never counts


def test_the_result_opens_with_the_missed_questions_and_practise_my_mistakes(app, people,
                                                                             lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    result_url = take(ayesha, lesson["assignment"], number="1")
    result = soup(ayesha.get(result_url))
    missed = result.select_one("section.missed")
    assert missed.h2.get_text(strip=True) == "1 question to look at again"
    assert [(a["href"], a.get_text(" ", strip=True)) for a in missed.select("li a")] == [
        ("#q3", "Question 3 How many BTC did El Salvador hold as of July 2025, by the report "
                "from Islamabad?")]
    button = missed.select_one("form input[type=submit]")
    assert button["value"] == "Practise my mistakes"
    assert missed.form["action"] == result_url.replace("/result", "/redo")
    folded = {li["id"]: li.details.has_attr("open") for li in result.select("li.result")}
    assert folded == {"q1": False, "q2": False, "q3": True, "q4": False, "q5": False}
    # Her teacher reads the same summary, without a button that is not theirs to press.
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    seen = soup(teacher.get(result_url)).select_one("section.missed")
    assert len(seen.select("li a")) == 1 and seen.form is None


def test_learners_see_only_their_own_attempts(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    result_url = take(ayesha, lesson["assignment"])
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    assert bilal.get(result_url).status_code == 404
    assert bilal.get(result_url.replace("/result", "")).status_code == 404
    signed_out = app.test_client().get(result_url)  # sign in first: nothing shown before
    assert signed_out.status_code == 303 and signed_out.headers["Location"].startswith("/login?next=")
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    assert teacher.get(result_url).status_code == 200  # the class's teacher may review it


def test_roster_makes_printable_login_cards_that_work(app, people, lesson) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    response = post_form(teacher, f"{url}/roster", {"names": "Zara Ahmed\n\n  José Pérez \nعائشہ\n"}, url)
    cards = soup(response).select(".login-card")
    assert [c.select_one(".card-name").get_text() for c in cards] == ["Zara Ahmed", "José Pérez", "عائشہ"]
    username, password = [code.get_text() for code in cards[0].select("code")]
    assert username.startswith("zara-ahmed-") and len(password) == 11
    learner = app.test_client()
    signed = post_form(learner, "/login", {"login": username, "password": password})
    assert signed.status_code == 303
    assert "Class 8B" in soup(learner.get("/")).get_text()


def test_class_report_and_csv_export(app, people, lesson) -> None:
    people.join(lesson["classroom"], people.account("urdu", name="عائشہ خان"))
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    take(ayesha, lesson["assignment"], number="1")
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    report = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/report"))
    first_row = report.select("tbody tr")[0].get_text(" ", strip=True)
    assert first_row.startswith("Ayesha turned in 5/6 · 1 attempt")
    response = teacher.get(f"/teach/classes/{lesson['classroom']}/report.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: spreadsheets read UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:6] == ["name", "username", "Sample bank: best", "Sample bank: out of",
                           "Sample bank: attempts", "Sample bank: last activity (UTC)"]
    assert rows[1][:5] == ["Ayesha", "ayesha", "5", "6", "1"]
    assert ["عائشہ خان", "urdu", "", "", "0", ""] in rows


def test_class_report_says_where_each_learner_is(app, people, lesson) -> None:
    overdue = people.assign(lesson["classroom"], due_at=clock.now() - dt.timedelta(hours=1))
    people.join(lesson["classroom"], people.account("chen", name="Chen"))
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    take(ayesha, lesson["assignment"])
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    quiz = post_form(bilal, f"/assignments/{lesson['assignment']}/start", {"start": "Start"}, "/")
    page = soup(bilal.get(quiz.headers["Location"]))
    bilal.post(quiz.headers["Location"], data={"csrf_token": csrf(page), "save": "1",
                                               "q1": "0", "q2": "true"})
    # Past the due date an attempt is practice: the quiz is still missing.
    post_form(bilal, f"/assignments/{overdue}/start", {"start": "Start"}, "/")
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    table = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/report")).select_one("table")
    statuses = {row.th.get_text(strip=True): [td.select_one(".status").get_text(strip=True)
                                              for td in row.select("td")]
                for row in table.select("tbody tr")}
    assert statuses == {"Ayesha": ["turned in", "missing"],
                        "Bilal": ["in progress (2/5)", "missing"],
                        "Chen": ["not started", "missing"]}
    assert len(table.select(".status.missing")) == 3


def test_question_statistics_show_the_commonest_wrong_answer(app, people, lesson) -> None:
    for name, number in [("ayesha", "1"), ("bilal", "1")]:
        take(learner_client(app, people, lesson[name], name), lesson["assignment"], number=number)
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    page = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/assignments/{lesson['assignment']}"))
    rows = {tr.td.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
            for tr in page.select("tbody tr")}
    number_row = rows["How many BTC did El Salvador hold as of July 2025, by the report from Islamabad?"]
    assert number_row == ["0% (0/2)", "1 (2)"]
    assert rows["In which year did El Salvador make bitcoin legal tender?"] == ["100% (2/2)", "—"]


def test_the_commonest_wrong_answer_reads_as_learners_saw_it(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    started = post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "Start"}, "/")
    quiz = soup(ayesha.get(started.headers["Location"]))
    ayesha.post(started.headers["Location"], data={**right_form(quiz), "q2": "true"})
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    page = soup(teacher.get(f"/teach/classes/{lesson['classroom']}/assignments/{lesson['assignment']}"))
    rows = {tr.td.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
            for tr in page.select("tbody tr")}
    assert rows["The IMF agreed to subsidized power for crypto miners."] == ["0% (0/1)", "True (1)"]


def test_the_first_projector_link_is_announced_as_new_and_a_second_as_replacing_it(app, people,
                                                                                  lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    first = post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    flash = soup(teacher.get(first.headers["Location"])).select_one(".flash").get_text(strip=True)
    assert flash == "Projector link made: open it on the classroom's screen."
    second = post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    flash = soup(teacher.get(second.headers["Location"])).select_one(".flash").get_text(strip=True)
    assert flash == "New projector link made: the old one no longer works."


def test_a_learner_cannot_start_another_class_assignment(app, people, lesson) -> None:
    other_class = people.classroom(people.account("mr-khan", "teacher"), "Other", "ABCDEF")
    other_assignment = people.assign(other_class)
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    response = post_form(ayesha, f"/assignments/{other_assignment}/start", {"start": "Start"}, "/")
    assert response.status_code == 404


def test_the_projector_shows_how_to_join_then_the_podium_then_everyone_else(app, people, lesson) -> None:
    from sqlalchemy import update

    from quizapp.extensions import db
    from quizapp.models import Membership

    others = [people.account(name.lower(), name=name) for name in ("Carlos", "Sana", "Usman")]
    people.join(lesson["classroom"], *others)
    totals = {lesson["ayesha"]: 9, lesson["bilal"]: 4, others[0]: 12, others[1]: 7, others[2]: 1}
    with app.app_context(), db.writer() as session:
        for account_id, total in totals.items():
            session.execute(update(Membership).where(Membership.account_id == account_id).values(total=total))
        session.commit()
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    link = soup(teacher.get(url)).find("a", href=lambda h: h and "/board/" in h)["href"]
    wall = soup(app.test_client().get(link))
    join = wall.select_one(".wall-join")
    assert join.select_one("svg.qr")["aria-label"] == "QR code of the join link"
    assert "Class code: K7P-M3X" in join.get_text(" ", strip=True)
    assert "http://localhost/join" in join.get_text(" ", strip=True)
    podium = [(li.select_one(".podium-rank").get_text(), li.select_one(".podium-name").get_text(),
               li.select_one(".podium-points").get_text()) for li in wall.select(".podium li")]
    assert podium == [("1", "Carlos", "12 points"), ("2", "Ayesha", "9 points"), ("3", "Sana", "7 points")]
    rest = [[td.get_text(strip=True) for td in tr.select("td")] for tr in wall.select(".board tbody tr")]
    assert rest == [["4", "Bilal", "4"], ["5", "Usman", "1"]]


def test_the_projector_refresh_can_be_paused(app, people, lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    link = soup(teacher.get(url)).find("a", href=lambda h: h and "/board/" in h)["href"]
    paused = soup(app.test_client().get(link + "?paused=1"))
    assert paused.find("meta", {"http-equiv": "refresh"}) is None
    assert "Refreshing is paused." in paused.get_text()


def test_an_attempt_sent_after_the_due_date_does_not_count(app, people, lesson) -> None:
    from sqlalchemy import update

    from quizapp.extensions import db
    from quizapp.models import Assignment

    due_soon = people.assign(lesson["classroom"], due_at=clock.now() + dt.timedelta(hours=1))
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    started = post_form(ayesha, f"/assignments/{due_soon}/start", {"start": "Start"}, "/")
    quiz = soup(ayesha.get(started.headers["Location"]))
    with app.app_context(), db.writer() as session:  # the due date passes while she works
        session.execute(update(Assignment).where(Assignment.id == due_soon)
                        .values(due_at=clock.now() - dt.timedelta(minutes=1)))
        session.commit()
    assert ayesha.post(started.headers["Location"], data=right_form(quiz)).status_code == 303
    assert board_rows(ayesha, lesson["classroom"])[0] == ["1", "Ayesha (you)", "0"]


def test_a_learner_finds_and_reviews_past_attempts(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    first = take(ayesha, lesson["assignment"], number="1")
    take(ayesha, lesson["assignment"])
    rows = soup(ayesha.get("/me/attempts")).select("tbody tr")
    assert [[td.get_text(" ", strip=True) for td in row.find_all("td")][2:] for row in rows] == [
        ["6/6", "yes"], ["5/6", "yes"]]
    oldest = rows[1].a["href"]
    assert oldest == first
    review = soup(ayesha.get(oldest))
    number = review.select(".result")[2]
    assert "Not right" in number.get_text() and number.select_one(".evidence blockquote")


# Time zones and languages of a class ---------------------------------------------------

def test_a_class_is_created_on_its_clock_with_the_likely_zones_first(app, client, people) -> None:
    teacher = people.account("ms-rana", "teacher")
    people.sign_in(client, teacher, "ms-rana")
    form = soup(client.get("/teach/"))
    zones = [option["value"] for option in form.select("select[name=timezone] option")]
    assert zones[:3] == ["Asia/Karachi", "America/El_Salvador", "UTC"]
    assert len(zones) > 300 and len(set(zones)) == len(zones)
    languages = form.select("select[name=language] option")
    assert [(o["value"], o.get("lang")) for o in languages] == [
        ("", None), ("en", "en"), ("es", "es"), ("ur", "ur")]
    response = post_form(client, "/teach/", {"name": "Clase 5A", "timezone": "America/El_Salvador",
                                             "language": "es"})
    settings = soup(client.get(response.headers["Location"]))
    assert settings.select_one("#settings-heading") is not None
    assert settings.select_one("select[name=timezone] option[selected]")["value"] == "America/El_Salvador"
    assert settings.select_one("select[name=language] option[selected]")["value"] == "es"
    assert "El Salvador Time" in settings.select_one("label[for=due_at]").get_text()


def test_after_an_assign_form_error_the_class_page_keeps_its_join_link(app, people, lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    shown = soup(teacher.get(url)).select_one("#join-heading ~ p a.address")["href"]
    response = post_form(teacher, f"{url}/assignments", {"bank": "sample", "attempts_allowed": "-3"}, url)
    assert response.status_code == 422
    assert soup(response).select_one("#join-heading ~ p a.address")["href"] == shown == "http://localhost/join/K7PM3X"


def test_an_unknown_zone_is_refused(app, client, people) -> None:
    teacher = people.account("ms-rana", "teacher")
    people.sign_in(client, teacher, "ms-rana")
    response = post_form(client, "/teach/", {"name": "Class", "timezone": "Mars/Olympus"})
    assert response.status_code == 422


def _set_class(app: Flask, classroom: int, **values: object) -> None:
    from sqlalchemy import update as update_

    from quizapp.extensions import db as db_
    from quizapp.models import Classroom

    with app.app_context(), db_.writer() as session:
        session.execute(update_(Classroom).where(Classroom.id == classroom).values(**values))
        session.commit()


def test_dates_are_typed_and_shown_on_the_class_clock(app, people, lesson) -> None:
    from quizapp.extensions import db as db_
    from quizapp.models import Assignment

    _set_class(app, lesson["classroom"], timezone="America/El_Salvador")
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    response = post_form(teacher, f"{url}/assignments", {
        "bank": "sample", "opens_at": "2099-12-01T08:00", "due_at": "2099-12-01T15:00"}, url)
    assert response.status_code == 303
    with app.app_context():
        stored = db_.session.scalars(select(Assignment).order_by(Assignment.id.desc())).first()
        # El Salvador is UTC-6: stored six hours later, in UTC.
        assert (stored.opens_at, stored.due_at) == (dt.datetime(2099, 12, 1, 14, 0),
                                                    dt.datetime(2099, 12, 1, 21, 0))
    page = soup(teacher.get(url))
    row = page.select("table tbody tr")[0].get_text(" ", strip=True)
    assert "Dec 1, 2099, 8:00\u202fAM" in row and "Dec 1, 2099, 3:00\u202fPM" in row
    assert "El Salvador Time" in page.select_one("section[aria-labelledby=assign-heading] caption").get_text()
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    home = soup(ayesha.get("/", headers={"Accept-Language": "es"})).select_one(".card")
    home = home.get_text(" ", strip=True)
    assert "1 de diciembre de 2099, 15:00" in home and "1 de diciembre de 2099, 8:00" in home
    assert "hora de El Salvador" in home


def test_a_due_date_in_the_past_is_refused_with_the_time_it_is_now(app, people, lesson) -> None:
    _set_class(app, lesson["classroom"], timezone="Asia/Karachi")
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    # Ten minutes ago on Karachi's clock (UTC+5): a time that looks later than UTC's.
    past = (clock.now() + dt.timedelta(hours=5) - dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    response = post_form(teacher, f"{url}/assignments", {"bank": "sample", "due_at": past}, url)
    assert response.status_code == 422
    error = soup(response).select_one("#due_at-error").get_text(" ", strip=True)
    assert error.startswith("That due date has already passed: it is now ")
    assert error.endswith("(Pakistan Time). Choose a later one.")
    response = post_form(teacher, f"{url}/assignments", {"bank": "sample", "opens_at": past}, url)
    assert "That opening time has already passed" in soup(response).select_one("#opens_at-error").get_text()
    # Ten minutes from now there is fine.
    soon = (clock.now() + dt.timedelta(hours=5, minutes=10)).strftime("%Y-%m-%dT%H:%M")
    assert post_form(teacher, f"{url}/assignments", {"bank": "sample", "due_at": soon},
                     url).status_code == 303


def test_the_teacher_changes_the_class_zone_and_language(app, people, lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    url = f"/teach/classes/{lesson['classroom']}"
    response = post_form(teacher, f"{url}/settings", {"timezone": "Asia/Karachi", "language": "ur"}, url)
    assert response.status_code == 303
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    root = soup(ayesha.get("/")).html
    assert (root["lang"], root["dir"]) == ("ur", "rtl")
    assert "Pakistan" in soup(teacher.get(url)).select_one("label[for=due_at]").get_text()
    # The wall follows the class's language too.
    post_form(teacher, f"{url}/projector/new", {"submit": "Go"}, url)
    link = soup(teacher.get(url)).find("a", href=lambda h: h and "/board/" in h)["href"]
    wall = soup(app.test_client().get(link, headers={"Accept-Language": "es"})).html
    assert (wall["lang"], wall["dir"]) == ("ur", "rtl")
    assert post_form(teacher, f"{url}/settings", {"timezone": "Nowhere/Else"}, url).status_code == 422


def test_the_csv_header_row_is_in_the_teachers_language(app, people, lesson) -> None:
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    teacher.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    body = teacher.get(f"/teach/classes/{lesson['classroom']}/report.csv").get_data()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["nombre", "nombre de usuario", "Sample bank: mejor puntaje"]


def test_practice_while_signed_in_is_the_learners_own_and_never_on_the_board(app, people, lesson) -> None:
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    bank_page = soup(ayesha.get("/banks/sample"))
    started = ayesha.post("/banks/sample", data={"csrf_token": csrf(bank_page), "start": "Start"})
    quiz_url = started.headers["Location"]
    whole_quiz_form(ayesha, quiz_url)
    assert ayesha.post(quiz_url, data=right_form(soup(ayesha.get(quiz_url)))).status_code == 303
    rows = soup(ayesha.get("/me/attempts")).select("tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.find_all("td")][2:] for row in rows]
    assert cells == [["6/6", "practice"]]
    assert board_rows(ayesha, lesson["classroom"])[0] == ["1", "Ayesha (you)", "0"]
    bilal = learner_client(app, people, lesson["bilal"], "bilal")
    assert bilal.get(quiz_url).status_code == 404  # not his: her practice is hers alone


def test_a_teacher_gives_a_learner_a_new_password_and_the_old_one_stops_working(
        app, people, lesson) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    assert ayesha.get("/me/attempts").status_code == 200
    teacher = people.sign_in(app.test_client(), lesson["teacher"], "ms-rana")
    history = f"/teach/classes/{lesson['classroom']}/learners/{lesson['ayesha']}"
    link = soup(teacher.get(history)).find("a", string="Give a new password")
    asked = soup(teacher.get(link["href"]))  # it asks first, like removing and archiving
    assert "Give Ayesha a new password?" in asked.select_one("h1").get_text()
    assert "Their old password stops working at once" in asked.get_text()
    assert ayesha.get("/me/attempts").status_code == 200  # nothing changed yet
    form = asked.select_one("form[action$='/password']")
    response = teacher.post(form["action"], data={"submit": "Give a new password"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    card = soup(response).select_one(".login-card")
    text = " ".join(card.get_text(" ").split())
    assert "ayesha" in text
    password = re.search(r"\b[a-z2-9]{5}-[a-z2-9]{5}\b", text).group(0)
    assert ayesha.get("/me/attempts").status_code == 302  # her old session ended
    fresh = app.test_client()
    signed = fresh.post("/login", data={"login": "ayesha", "password": password})
    assert signed.status_code == 303
    other = people.account("stranger")
    assert teacher.post(f"/teach/classes/{lesson['classroom']}/learners/{other}/password",
                        data={"submit": "Go"}).status_code == 404  # not in her class


def test_a_quiz_in_progress_says_continue_with_how_far_the_learner_got(app, people, lesson) -> None:
    from quizapp.extensions import db
    from quizapp.services import saved_answers

    ayesha = learner_client(app, people, lesson["ayesha"], "ayesha")
    home = soup(ayesha.get("/"))
    assert home.select_one("ul.assignments input[type=submit]")["value"] == "Start"
    quiz = post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "Start"}, "/")
    token = quiz.headers["Location"].rsplit("/", 1)[-1]
    with app.test_request_context(method="POST"):
        saved_answers.save_answers(db.session, token, {1: ["0"], 3: ["6238"]}, [1, 3])
    home = soup(ayesha.get("/"))
    assert home.select_one("ul.assignments input[type=submit]")["value"] == "Continue (2 of 5 answered)"
    assert "In progress" in home.select_one("ul.assignments li").get_text()
    again = post_form(ayesha, f"/assignments/{lesson['assignment']}/start", {"start": "x"}, "/")
    assert again.headers["Location"] == quiz.headers["Location"]  # the same attempt, resumed
