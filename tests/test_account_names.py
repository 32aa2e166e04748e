"""Names as learners and teachers type them: nothing invisible, no look-alike twins in a class."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Account
from quizapp.services import class_management, classrooms
from tests.conftest import People
from tests.helpers import soup

INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff"


def _join(app: Flask, name: str, password: str = "long enough"):  # type: ignore[no-untyped-def]
    return app.test_client().post("/join", data={"code": "K7PM3X", "display_name": name,
                                                 "password": password})


def _names(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Account.display_name).where(Account.role == "learner")
                                       .order_by(Account.id)))


def test_a_name_of_zero_width_characters_is_refused(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    response = _join(app, INVISIBLES)
    assert response.status_code == 422
    assert "Write your name." in response.get_data(as_text=True)
    assert _names(app) == []


def test_a_look_alike_twin_cannot_join_the_same_class(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "Learner1A").status_code == 303
    for twin in ("Learner1A\u200b", "LEARNER1A", "Ｌｅａｒｎｅｒ１Ａ"):
        response = _join(app, twin, "another password")  # someone else: not the same password
        assert response.status_code == 422, twin
        error = soup(response).select_one("#display_name-error, .error").get_text(" ", strip=True)
        assert "already has a name that looks the same" in error
        assert "Ali K." in error
    assert _join(app, "Learner1A K.").status_code == 303
    assert _names(app) == ["Learner1A", "Learner1A K."]


def test_right_to_left_overrides_never_reach_the_board_or_the_csv(app: Flask, people: People,
                                                                  sample_bank: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    assert _join(app, "\u202eilA\u202c Khan").status_code == 303
    assert _names(app) == ["ilA Khan"]
    client = people.sign_in(app.test_client(), teacher, "ms-rana")
    for path in (f"/teach/classes/{classroom}", f"/teach/classes/{classroom}/report",
                 f"/teach/classes/{classroom}/report.csv"):
        body = client.get(path).get_data(as_text=True)
        assert "ilA Khan" in body, path
        assert not any(c in body for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), path


def test_login_cards_leave_out_look_alike_names_and_say_so(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    people.join(classroom, people.account("ayesha", name="Ayesha"))
    client = people.sign_in(app.test_client(), teacher, "ms-rana")
    names = "Zara\nayesha\nZara\u200b\n\u200b\u200b\nBilal"
    page = soup(client.post(f"/teach/classes/{classroom}/roster", data={"names": names}))
    assert [p.get_text() for p in page.select(".card-name")] == ["Zara", "Bilal"]
    flash = page.select_one(".flash").get_text(" ", strip=True)
    assert "No card was made for these names" in flash
    assert "ayesha, Zara" in flash
    assert "Add a family name or its first letter" in flash


def test_joining_again_with_ones_name_and_password_signs_in_instead_of_making_a_twin(
        app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    client = app.test_client()
    first = client.post("/join", data={"code": "K7PM3X", "display_name": "Zara Malik",
                                       "password": "zara's secret"})
    assert first.status_code == 303
    again = app.test_client()
    response = again.post("/join", data={"code": "K7PM3X", "display_name": "zara malik",
                                         "password": "zara's secret"}, follow_redirects=True)
    assert response.status_code == 200
    assert _names(app) == ["Zara Malik"]  # no second Zara on the board
    assert "Zara Malik" in soup(response).select_one("header").get_text()  # signed in as herself


def _usernames(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Account.username).where(Account.role == "learner")))


@pytest.mark.parametrize("typed", ["Sofia Ramirez", "sofia ramirez", "SOFÍA RAMÍREZ", " Sofía  Ramírez "])
def test_joining_again_without_accents_or_in_another_case_signs_in_to_the_same_account(
        app: Flask, people: People, typed: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "Sofía Ramírez", "sofía's secret").status_code == 303
    first = _usernames(app)
    again = app.test_client()
    response = again.post("/join", data={"code": "K7PM3X", "display_name": typed,
                                         "password": "sofía's secret"}, follow_redirects=True)
    assert response.status_code == 200
    assert _names(app) == ["Sofía Ramírez"] and _usernames(app) == first  # no second account
    assert "Sofía Ramírez" in soup(response).select_one("header").get_text()


def test_a_namesake_with_another_password_is_told_the_name_is_taken_and_what_to_do(
        app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "Sofía Ramírez", "sofía's secret").status_code == 303
    response = _join(app, "Sofia Ramirez", "not her password")
    assert response.status_code == 422
    error = soup(response).select_one("#display_name-error").get_text(" ", strip=True)
    assert "already has a name that looks the same: Sofia Ramirez" in error
    assert "If that is you, type the password you chose when you joined" in error
    assert "your teacher can give you a new one" in error and "Ali K." in error
    assert _names(app) == ["Sofía Ramírez"]
    assert _join(app, "Sofia Ramirez K.", "not her password").status_code == 303  # told apart


def test_a_removed_learner_comes_back_joining_without_accents(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    classroom = people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "José Pérez", "josé's secret").status_code == 303
    with app.app_context():
        account = db.session.scalar(select(Account.id).where(Account.role == "learner"))
        class_management.remove_learner(db.session, classroom, account)
    assert _join(app, "Jose Perez", "josé's secret").status_code == 303
    with app.app_context():
        assert classrooms.is_member(db.session, classroom, account)
    assert _names(app) == ["José Pérez"]


PROBES_LOOK_ALIKES = ["\u0410lice Alpha", "\u0391lice Alpha", "Al\u0131ce Alpha", "Alice\ufe0f Alpha",
                      "Ali\u0307ce Alpha", "Alice\u034f Alpha", "AIice Alpha"]
PROBES_INVISIBLES = ["\u3164\u3164\u3164", "\u2800\u2800", "\u0301\u0302\u0303", "\ufe0f\u3164"]


def _join_from(app: Flask, address: str, name: str, password: str = "long enough"):  # type: ignore[no-untyped-def]
    return app.test_client().post("/join", data={"code": "K7PM3X", "display_name": name,
                                                 "password": password},
                                  environ_base={"REMOTE_ADDR": address})


def test_a_name_confusable_with_a_classmates_cannot_join(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "Alice Alpha").status_code == 303
    for n, twin in enumerate(PROBES_LOOK_ALIKES):
        response = _join_from(app, f"198.51.100.{n + 1}", twin, "another password")
        assert response.status_code == 422, twin
        error = soup(response).select_one("#display_name-error, .error").get_text(" ", strip=True)
        assert "already has a name that looks the same" in error, twin
        assert "Ali K." in error  # what to change
    assert _join(app, "Alice Alpha B.").status_code == 303
    assert _names(app) == ["Alice Alpha", "Alice Alpha B."]


def test_a_name_with_no_letter_that_shows_is_refused_and_told_what_to_write(app: Flask,
                                                                           people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    for name in PROBES_INVISIBLES:
        response = _join(app, name)
        assert response.status_code == 422, name
        error = soup(response).select_one("#display_name-error, .error").get_text(" ", strip=True)
        assert error.startswith("Write your name in letters: that one has none that shows"), error
    assert _names(app) == []


def test_urdu_names_with_their_joiners_still_join(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    people.classroom(people.account("ms-rana", "teacher"))
    assert _join(app, "نیک\u200cنام").status_code == 303
    assert _join(app, "عائشہ\u200dخان").status_code == 303
    assert _names(app) == ["نیک\u200cنام", "عائشہ\u200dخان"]


def test_a_teacher_cannot_rename_a_learner_to_a_classmates_look_alike(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    alice, bilal = people.account("alice", name="Alice Alpha"), people.account("bilal", name="Bilal")
    people.join(classroom, alice, bilal)
    client = people.sign_in(app.test_client(), teacher, "ms-rana")
    page = f"/teach/classes/{classroom}/learners/{bilal}/name"
    clash = client.post(page, data={"name": "\u0410lice Alpha"})
    assert clash.status_code == 422
    assert "Another learner of the class has a name that looks the same" in soup(clash).get_text()
    blank = client.post(page, data={"name": "\u3164\u3164"})
    assert blank.status_code == 422
    assert "Write the learner's name in letters: that one has none that shows" in soup(blank).get_text()
    assert _names(app) == ["Alice Alpha", "Bilal"]
