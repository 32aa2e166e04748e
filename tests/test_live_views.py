"""The live game's pages: the teacher opens a game and runs it, learners join and answer on phones."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from quizapp.domain import clock
from quizapp.extensions import db
from quizapp.models import Classroom
from tests.conftest import People
from tests.helpers import RIGHT_ORDER, csrf, soup
from tests.test_translated_quizzes import translated_bank  # noqa: F401  (fixture)


@pytest.fixture
def moved_clock() -> Iterator[None]:
    yield
    clock.move(dt.timedelta(0))


@pytest.fixture
def room(app: Flask, people: People, sample_bank: str) -> dict[str, object]:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    ali, bina = people.account("ali", name="Ali"), people.account("bina", name="Bina")
    people.join(classroom, ali, bina)
    outsider = people.account("zed")
    assignment = people.assign(classroom)
    return {
        "classroom": classroom, "assignment": assignment,
        "teacher": people.sign_in(app.test_client(), teacher_id, "ms-rana"),
        "ali": people.sign_in(app.test_client(), ali, "ali"),
        "bina": people.sign_in(app.test_client(), bina, "bina"),
        "zed": people.sign_in(app.test_client(), outsider, "zed"),
    }


def open_game(room: dict, **options: str) -> str:
    """Open a game from the class's assignment; returns the host screen's path."""
    teacher: FlaskClient = room["teacher"]
    page = teacher.get(f"/teach/classes/{room['classroom']}/live")
    assert page.status_code == 200
    response = teacher.post(f"/teach/classes/{room['classroom']}/live", data={
        "source": f"a:{room['assignment']}", "seconds": "20", "board_each": "y", "late_join": "y",
        **options})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"]


def press(teacher: FlaskClient, host: str, button: str) -> BeautifulSoup:
    page = soup(teacher.get(host + "?still"))
    version = page.find("input", {"name": "version"})["value"]
    game = host.removesuffix("/host")
    response = teacher.post(f"{game}/control", data={"version": version, "back": "host", button: "x"})
    assert response.status_code == 303
    return page


def right_values(page: BeautifulSoup) -> dict[str, object]:
    """The play page's form, answered right."""
    form = page.select_one("form.live-answer-form")
    data: dict[str, object] = {"csrf_token": csrf(page),
                               "position": form.find("input", {"name": "position"})["value"],
                               "shown": form.find("input", {"name": "shown"})["value"]}
    labels = {label.get_text(" ", strip=True): label for label in form.find_all("label")}
    if form.select("input[type=text]"):
        data["answer"] = "6238"
    elif form.select("select"):
        data["answer"] = [str(RIGHT_ORDER.index(text) + 1) for text in labels]
    elif "True" in labels:
        data["answer"] = "false"
    elif form.select("input[type=checkbox]"):
        data["answer"] = [label.input["value"] for text, label in labels.items() if text != "football clubs"]
    else:
        data["answer"] = labels["2021"].input["value"]
    return data


def test_a_whole_question_from_the_lobby_to_the_board(room: dict, moved_clock: None) -> None:
    host = open_game(room)
    teacher, ali, bina = room["teacher"], room["ali"], room["bina"]
    game = host.removesuffix("/host")
    lobby = soup(teacher.get(host))
    assert "Join the live game" in lobby.text and lobby.select_one(".wall-join svg") is not None
    assert "Join the live game" in soup(ali.get("/")).text
    for learner in (ali, bina):
        assert soup(learner.get(game)).find("input", {"value": "Join the live game"}) is not None
        assert learner.post(f"{game}/join").status_code == 303
    names = soup(teacher.get(host)).select(".live-names li")
    assert [li.get_text(strip=True) for li in names] == ["Ali", "Bina"]
    assert "You are in" in soup(ali.get(game)).text

    press(teacher, host, "start")
    assert "the choices come in a moment" in soup(ali.get(game)).text
    clock.move(dt.timedelta(seconds=6))
    answering = ali.get(game)
    assert len(answering.get_data()) <= 8 * 1024  # a question page, at most 8 KB over the wire
    page = soup(answering)
    assert page.select_one("form.live-answer-form") is not None
    assert "20 seconds left" in page.text or "19 seconds left" in page.text
    assert ali.post(f"{game}/answer", data=right_values(page)).status_code == 303
    assert "Answer received." in soup(ali.get(game)).text
    # Sent again: the first answer stays, and the page says nothing new.
    assert ali.post(f"{game}/answer", data=right_values(page)).status_code == 303
    assert "1 of 2 have answered" in soup(teacher.get(host)).text

    press(teacher, host, "reveal")
    revealed = soup(teacher.get(host))
    assert "The answer: 2021" in revealed.get_text(" ", strip=True)
    assert [m["value"] for m in revealed.select("meter.live-bar")] == ["0", "0", "100", "0"]
    assert "El Salvador was the first country" in revealed.select_one(".live-evidence").text
    assert [li.select_one(".live-name").text for li in revealed.select(".live-board li")] == ["Ali", "Bina"]
    phone = " ".join(soup(ali.get(game)).get_text(" ").split())
    assert "Right! 100 points" in phone and "place 1" in phone
    assert "You did not answer this one." in soup(bina.get(game)).text


def test_pages_poll_with_an_etag_and_get_304_until_the_game_moves(room: dict) -> None:
    host = open_game(room)
    teacher, ali = room["teacher"], room["ali"]
    game = host.removesuffix("/host")
    ali.post(f"{game}/join")
    first = ali.get(game)
    assert first.headers["Cache-Control"] == "private, no-cache"
    tag = first.headers["ETag"]
    again = ali.get(game, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b""
    host_tag = teacher.get(host).headers["ETag"]
    assert teacher.get(host, headers={"If-None-Match": host_tag}).status_code == 304
    press(teacher, host, "start")
    assert ali.get(game, headers={"If-None-Match": tag}).status_code == 200
    assert len(first.get_data()) < 8 * 1024


def test_a_button_pressed_twice_acts_once(room: dict) -> None:
    host = open_game(room)
    teacher = room["teacher"]
    game = host.removesuffix("/host")
    page = soup(teacher.get(host))
    version = page.find("input", {"name": "version"})["value"]
    for _ in range(2):
        teacher.post(f"{game}/control", data={"version": version, "back": "host", "start": "x"})
    screen = soup(teacher.get(host)).get_text(" ", strip=True)
    assert "Question 1 of 5" in screen
    assert "The game had already moved on" in screen


def test_outsiders_never_see_the_game_and_the_signed_out_sign_in(room: dict, app: Flask) -> None:
    host = open_game(room)
    game = host.removesuffix("/host")
    assert room["zed"].get(game).status_code == 404
    assert room["zed"].post(f"{game}/join").status_code == 404
    assert room["ali"].get(host).status_code == 403
    signed_out = app.test_client()
    assert signed_out.get(game).status_code == 302
    assert signed_out.post(f"{game}/join").status_code == 302


def test_an_unreadable_answer_says_what_to_change(room: dict, moved_clock: None) -> None:
    host = open_game(room, seconds="", no_timer="y")
    teacher, ali = room["teacher"], room["ali"]
    game = host.removesuffix("/host")
    ali.post(f"{game}/join")
    press(teacher, host, "start")
    press(teacher, host, "skip")
    press(teacher, host, "skip")  # the number question
    clock.move(dt.timedelta(seconds=6))
    page = soup(ali.get(game))
    assert page.find("meta", {"http-equiv": "refresh"}) is None  # no timer: the page waits for them
    data = {**right_values(page), "answer": "six"}
    response = ali.post(f"{game}/answer", data=data)
    assert response.status_code == 422
    assert "Write a number in digits" in soup(response).select_one(".error").text


def test_late_joining_off_and_removing_a_player(room: dict) -> None:
    host = open_game(room, late_join="")
    teacher, ali, bina = room["teacher"], room["ali"], room["bina"]
    game = host.removesuffix("/host")
    ali.post(f"{game}/join")
    press(teacher, host, "start")
    bina.post(f"{game}/join")
    assert "did not allow joining late" in soup(bina.get(game)).text
    remote = soup(teacher.get(f"{game}/remote"))
    form = remote.select_one(".live-roster form")
    assert teacher.post(form["action"], data={"remove": "x"}).status_code == 303
    assert "took you out of this game" in soup(ali.get(game)).text
    assert soup(teacher.get(f"{game}/remote")).select(".live-roster li") == []


def test_the_host_screen_speaks_the_class_language_right_to_left_in_urdu(room: dict, app: Flask) -> None:
    with app.app_context():
        classroom = db.session.get(Classroom, room["classroom"])
        classroom.language = "ur"
        db.session.commit()
    host = open_game(room)
    page = soup(room["teacher"].get(host))
    assert page.html["lang"] == "ur" and page.html["dir"] == "rtl"


def test_a_phone_can_stop_refreshing(room: dict) -> None:
    host = open_game(room)
    game = host.removesuffix("/host")
    room["ali"].post(f"{game}/join")
    assert soup(room["ali"].get(game)).find("meta", {"http-equiv": "refresh"})["content"] == "2"
    still = soup(room["ali"].get(f"{game}?still=1"))
    assert still.find("meta", {"http-equiv": "refresh"}) is None
    assert still.find("a", string="Refresh") is not None


def test_the_report_says_who_answered_what_and_the_csv_keeps_it(room: dict, moved_clock: None) -> None:
    host = open_game(room)
    teacher, ali = room["teacher"], room["ali"]
    game = host.removesuffix("/host")
    ali.post(f"{game}/join")
    room["bina"].post(f"{game}/join")
    press(teacher, host, "start")
    clock.move(dt.timedelta(seconds=6))
    ali.post(f"{game}/answer", data=right_values(soup(ali.get(game))))
    press(teacher, host, "end")
    rows = [[" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
            for row in soup(teacher.get(f"{game}/report")).select("tbody tr")]
    assert rows[0][:3] == ["Ali", "2021 ✓ right", "No answer"] and rows[0][-1] == "100"
    assert rows[1][:2] == ["Bina", "No answer"] and rows[1][-1] == "0"
    csv_text = teacher.get(f"{game}/report.csv").get_data(as_text=True)
    header = "\ufeffname," + ",".join(f"question {n}" for n in range(1, 6)) + ",points"
    assert csv_text.splitlines()[:3] == [header, "Ali,2021,,,,,100", "Bina,,,,,,0"]
    listed = soup(teacher.get(f"/teach/classes/{room['classroom']}/live"))
    assert listed.find("a", string="Who answered what")["href"] == f"{game}/report"


def test_a_flood_of_joins_from_outside_the_class_lets_no_one_in(room: dict, app: Flask,
                                                                people: People) -> None:
    from sqlalchemy import func, select

    from quizapp.models import LivePlayer

    host = open_game(room)
    game = host.removesuffix("/host")
    outsiders = [people.sign_in(app.test_client(), people.account(f"bot-{n}"), f"bot-{n}") for n in range(20)]
    signed_out = app.test_client()
    refused = 0
    for attempt in range(500):
        if attempt % 2:
            refused += signed_out.post(f"{game}/join").status_code == 302
        else:
            refused += outsiders[attempt % 20].post(f"{game}/join").status_code == 404
        if attempt == 250:  # the class joins in the middle of the flood
            assert room["ali"].post(f"{game}/join").status_code == 303
            assert room["bina"].post(f"{game}/join").status_code == 303
    assert refused == 500
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LivePlayer)) == 2


def assigned_class(app: Flask, people: People) -> dict[str, object]:
    """Ms Rana's class with the sample bank assigned, and her signed-in client (no CSRF)."""
    app.config["WTF_CSRF_ENABLED"] = False
    teacher_id = people.account("ms-rana", "teacher", "Ms Rana")
    classroom = people.classroom(teacher_id)
    return {"classroom": classroom, "assignment": people.assign(classroom),
            "teacher": people.sign_in(app.test_client(), teacher_id, "ms-rana")}


@pytest.mark.usefixtures("translated_bank")
def test_each_phone_shows_the_question_in_its_learners_language(app: Flask, people: People,
                                                                moved_clock: None) -> None:
    from quizapp.models import Account

    room = assigned_class(app, people)
    sofia = people.account("sofia", name="Sofía")
    people.join(room["classroom"], sofia)
    with app.app_context():
        db.session.get(Account, sofia).language = "es"
        db.session.commit()
    host = open_game(room)
    game = host.removesuffix("/host")
    phone = people.sign_in(app.test_client(), sofia, "sofia")
    phone.post(f"{game}/join")
    press(room["teacher"], host, "start")
    for _ in range(3):
        press(room["teacher"], host, "skip")  # to the multiple choice question
    clock.move(dt.timedelta(seconds=6))
    page = soup(phone.get(game))
    assert "¿En qué áreas se centra la colaboración" in page.select_one(".prompt").text
    form = page.select_one("form.live-answer-form")
    chosen = [label.input["value"] for label in form.find_all("label")
              if label.get_text(strip=True) != "clubes de fútbol"]
    shown = form.find("input", {"name": "shown"})["value"]
    phone.post(f"{game}/answer", data={"position": "4", "shown": shown, "answer": chosen})
    received = " ".join(soup(phone.get(game)).select_one(".live-status").get_text(" ").split())
    assert "minería de bitcoin; reservas estratégicas; programas educativos" in received
    press(room["teacher"], host, "reveal")
    verdict = " ".join(soup(phone.get(game)).get_text(" ").split())
    assert "minería de bitcoin; reservas estratégicas; programas educativos" in verdict
    bars = soup(room["teacher"].get(host)).select(".live-bar-label")
    labels = [label.get_text(strip=True) for label in bars]
    assert labels[0].startswith("Bitcoin mining")  # the projector speaks the class's language


LIVE_JS = Path(__file__).resolve().parent.parent / "quizapp" / "static" / "live.js"


def test_the_live_script_stays_under_2_kb() -> None:
    assert len(LIVE_JS.read_bytes()) < 2048  # as served, uncompressed


def test_with_javascript_the_phone_asks_whether_anything_changed(room: dict) -> None:
    host = open_game(room)
    game = host.removesuffix("/host")
    ali = room["ali"]
    ali.post(f"{game}/join")
    response = ali.get(game)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    page = soup(response)
    digest = hashlib.sha256(LIVE_JS.read_bytes()).hexdigest()[:12]
    script = page.head.find("script")
    assert script["src"] == f"/static/live.js?v={digest}"
    assert script["data-ask"] == f"{game}/changed" and script["data-page"] == game
    # Without JavaScript the page still reloads itself; with it, live.js does the asking.
    assert page.head.select_one("noscript meta[http-equiv=refresh]")["content"] == "2"
    assert page.head.select("meta[http-equiv=refresh]") == page.head.select("noscript meta")
    assert page.find("a", string="Stop refreshing") is not None
    # Its answer 304 keeps the page allowed to run it (a 304's headers replace the kept page's).
    again = ali.get(game, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and "script-src 'self'" in again.headers["Content-Security-Policy"]
    # "Stop refreshing" stops the script too: no script, no meta refresh.
    still = soup(ali.get(f"{game}?still=1"))
    assert still.find("script") is None and still.find("meta", {"http-equiv": "refresh"}) is None
    hosted = soup(room["teacher"].get(host)).head.find("script")
    assert hosted["data-ask"] == f"{game}/changed" and hosted["data-page"] == host


def test_the_changed_endpoint_answers_304_until_the_game_moves(room: dict, app: Flask,
                                                               moved_clock: None) -> None:
    host = open_game(room)
    game = host.removesuffix("/host")
    teacher, ali = room["teacher"], room["ali"]
    ali.post(f"{game}/join")
    tag = soup(ali.get(game)).head.find("script")["data-tag"]
    asked = {"If-None-Match": f'"{tag}"'}
    unchanged = ali.get(f"{game}/changed", headers=asked)
    assert unchanged.status_code == 304 and unchanged.get_data() == b""
    host_tag = soup(teacher.get(host)).head.find("script")["data-tag"]
    assert teacher.get(f"{game}/changed", headers={"If-None-Match": f'"{host_tag}"'}).status_code == 304
    press(teacher, host, "start")
    moved = ali.get(f"{game}/changed", headers=asked)
    assert moved.status_code == 200 and moved.headers["ETag"] != f'"{tag}"'
    # While the learner chooses, the countdown moves but their tag does not: no reload each second.
    clock.move(dt.timedelta(seconds=6))
    choosing = soup(ali.get(game)).head.find("script")["data-tag"]
    clock.move(dt.timedelta(seconds=8))
    assert ali.get(f"{game}/changed", headers={"If-None-Match": f'"{choosing}"'}).status_code == 304
    # Only the class's learners and its teacher may ask.
    assert room["zed"].get(f"{game}/changed", headers=asked).status_code == 404
    assert app.test_client().get(f"{game}/changed").status_code == 302


def test_the_teachers_phone_follows_the_game_without_its_countdown(room: dict, moved_clock: None) -> None:
    host = open_game(room)
    game = host.removesuffix("/host")
    teacher = room["teacher"]
    remote = teacher.get(f"{game}/remote")
    assert "script-src 'self'" in remote.headers["Content-Security-Policy"]
    script = soup(remote).head.find("script")
    assert script["data-ask"] == f"{game}/changed?steady=1" and script["data-page"] == f"{game}/remote"
    room["ali"].post(f"{game}/join")
    joined = teacher.get(script["data-ask"], headers={"If-None-Match": f'"{script["data-tag"]}"'})
    assert joined.status_code == 200  # someone joined: the page reloads
    press(teacher, host, "start")
    clock.move(dt.timedelta(seconds=6))
    tag = soup(teacher.get(f"{game}/remote")).head.find("script")["data-tag"]
    clock.move(dt.timedelta(seconds=9))  # the countdown moved, nothing else
    assert teacher.get(f"{game}/changed?steady=1", headers={"If-None-Match": f'"{tag}"'}).status_code == 304
    still = soup(teacher.get(f"{game}/remote?still=1"))
    assert still.find("script") is None and still.find("a", string="Refresh") is not None


@pytest.mark.usefixtures("translated_bank")
def test_the_reveal_shows_the_evidence_glossed_in_the_class_s_language(app: Flask, people: People) -> None:
    room = assigned_class(app, people)
    with app.app_context():
        db.session.get(Classroom, room["classroom"]).language = "es"
        db.session.commit()
    host = open_game(room)
    press(room["teacher"], host, "start")
    press(room["teacher"], host, "reveal")
    evidence = soup(room["teacher"].get(host)).select_one(".live-evidence")
    assert evidence.blockquote["lang"] == "en"  # the passage as published, marked as English
    gloss = evidence.select_one(".quote-translation span[lang=es]").get_text(strip=True)
    assert gloss == ("El Salvador fue el primer país en adoptar el bitcoin como moneda de curso legal, "
                     "en 2021.")
