"""Signing in and out, sessions, passwords, rate limits, sign-up and joining with a code."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Account, Membership
from tests.conftest import PASSWORD
from tests.helpers import csrf, post_form, soup


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config.update(WTF_CSRF_ENABLED=True, LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
                      LOGIN_LIMIT_PER_ADDRESS="5 per 15 minutes")
    return app


def sign_in(client, login: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return post_form(client, "/login", {"login": login, "password": password})


def signed_in_as(client) -> str | None:  # type: ignore[no-untyped-def]
    nav = soup(client.get("/")).select_one("nav.account span")
    return nav.get_text(strip=True) if nav else None


def test_teacher_and_learner_land_on_their_pages(csrf_app, client, people) -> None:
    people.account("ms-rana", "teacher", "Ms Rana")
    people.account("ali", "learner", "Ali")
    response = sign_in(client, "ms-rana")
    assert (response.status_code, response.headers["Location"]) == (303, "/teach/")
    other = csrf_app.test_client()
    assert sign_in(other, "ALI ").headers["Location"] == "/"  # usernames ignore case and spaces
    assert signed_in_as(other) == "Ali"


@pytest.mark.parametrize(("login", "password"), [("nobody", PASSWORD), ("ali", "wrong password")])
def test_unknown_account_and_wrong_password_look_the_same(csrf_app, client, people, login,
                                                         password) -> None:
    people.account("ali")
    response = sign_in(client, login, password)
    assert response.status_code == 401
    assert soup(response).select_one(".error").get_text(strip=True) == (
        "That username or password is not right.")
    assert signed_in_as(client) is None


def test_a_session_is_dead_after_logout_even_from_a_copied_cookie(csrf_app, client, people) -> None:
    people.account("ali")
    sign_in(client, "ali")
    stolen = client.get_cookie("session").value
    page = soup(client.get("/"))
    client.post("/logout", data={"csrf_token": csrf(page)})
    assert signed_in_as(client) is None
    thief = csrf_app.test_client()
    thief.set_cookie("session", stolen)
    assert signed_in_as(thief) is None


@pytest.mark.parametrize("forged", ["{id}:wrong-token", "{id}", "x:{token}", "99999999999999999999:{token}",
                                    "-1:{token}", "{id}:tökеn", ""])
def test_a_forged_session_id_is_signed_out_not_an_error(csrf_app, people, forged) -> None:
    account = people.account("ali")
    with csrf_app.app_context():
        token = db.session.get(Account, account).session_token
    client = csrf_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = f"{account}:{token}"
    assert signed_in_as(client) == "Ali"  # the same cookie, unforged, signs in
    with client.session_transaction() as session:
        session["_user_id"] = forged.format(id=account, token=token)
    assert signed_in_as(client) is None
    assert client.get("/me/attempts").status_code == 302


def test_signing_in_starts_a_fresh_session(csrf_app, client, people) -> None:
    people.account("ali")
    with client.session_transaction() as session:
        session["left-over"] = "from before"
    sign_in(client, "ali")
    with client.session_transaction() as session:
        assert "left-over" not in session


def test_session_cookie_flags(csrf_app, people) -> None:
    people.account("ali")
    plain = csrf_app.test_client()
    cookie = sign_in(plain, "ali").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = csrf_app.test_client()
    token = csrf(soup(secure.get("/login", base_url="https://quiz.example")))
    response = secure.post("/login", base_url="https://quiz.example",
                           headers={"Referer": "https://quiz.example/login"},
                           data={"csrf_token": token, "login": "ali", "password": PASSWORD})
    assert "Secure" in response.headers["Set-Cookie"]


def test_failed_sign_ins_are_limited_per_account(csrf_app, client, people) -> None:
    people.account("ali")
    for _ in range(3):
        assert sign_in(client, "ali", "wrong password").status_code == 401
    blocked = sign_in(client, "ali", PASSWORD)
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.get_data(as_text=True)
    assert "Retry-After" in blocked.headers
    assert sign_in(client, "someone-else", "x").status_code == 401  # other accounts still try


def test_failed_sign_ins_are_limited_per_address(csrf_app, client, people) -> None:
    for n in range(5):
        assert sign_in(client, f"user{n}", "wrong password").status_code == 401
    assert sign_in(client, "user9", "wrong password").status_code == 429


def test_successful_sign_ins_do_not_count(csrf_app, client, people) -> None:
    people.account("ali")
    for _ in range(4):
        assert sign_in(client, "ali").status_code == 303


def test_change_password_checks_the_current_one_and_ends_other_sessions(csrf_app, people) -> None:
    people.account("ali")
    here, elsewhere = csrf_app.test_client(), csrf_app.test_client()
    sign_in(here, "ali")
    sign_in(elsewhere, "ali")
    wrong = post_form(here, "/account/password", {"current": "nope", "new": "a new password"})
    assert wrong.status_code == 422
    assert "Your current password is not right" in wrong.get_data(as_text=True)
    short = post_form(here, "/account/password", {"current": PASSWORD, "new": "short"})
    assert "at least 8 characters" in short.get_data(as_text=True)
    done = post_form(here, "/account/password", {"current": PASSWORD, "new": "a new password"})
    assert done.status_code == 303
    assert signed_in_as(here) == "Ali"
    assert signed_in_as(elsewhere) is None
    assert sign_in(csrf_app.test_client(), "ali", "a new password").status_code == 303


def test_teacher_sign_up_is_off_unless_configured(csrf_app, client) -> None:
    assert client.get("/signup").status_code == 404
    csrf_app.config["TEACHER_SIGNUP"] = True
    response = post_form(client, "/signup", {"display_name": "Mr Khan", "username": "mr-khan",
                                             "email": "khan@school.example",
                                             "password": "long enough"})
    assert (response.status_code, response.headers["Location"]) == (303, "/teach/")
    again = post_form(csrf_app.test_client(), "/signup", {
        "display_name": "Other", "username": "MR-KHAN", "password": "long enough"})
    assert "That username is taken" in again.get_data(as_text=True)


def test_a_learner_joins_with_a_code_and_no_email(csrf_app, client, people) -> None:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher, code="K7PM3X")
    response = post_form(client, "/join", {"code": "k7p-m3x", "display_name": "  Ayesha   Khan ",
                                           "password": "my own password"}, page_url="/join/K7PM3X")
    assert response.status_code == 303
    welcome = soup(client.get("/")).select_one(".flash").get_text(" ", strip=True)
    assert welcome.startswith("Welcome to Class 8B! Your username is ayesha-khan-")
    with csrf_app.app_context():
        account = db.session.scalar(select(Account).where(Account.display_name == "Ayesha Khan"))
        assert account is not None and account.email is None and account.role == "learner"
        assert db.session.get(Membership, (classroom, account.id)) is not None


@pytest.mark.parametrize(("form", "message"), [
    ({"code": "ZZZZZZ", "display_name": "A", "password": "long enough"}, "There is no class with that code"),
    ({"code": "K7PM3X", "display_name": "A", "password": "short"}, "at least 8 characters"),
    ({"code": "K7PM3X", "display_name": "   ", "password": "long enough"}, "Write your name"),
])
def test_joining_explains_what_to_fix(csrf_app, client, people, form, message) -> None:
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
    response = post_form(client, "/join", form)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_the_join_link_fills_in_the_code(csrf_app, client, people) -> None:
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
    assert soup(client.get("/join/K7PM3X")).find("input", {"name": "code"})["value"] == "K7PM3X"


def test_create_teacher_command(app, runner) -> None:
    result = runner.invoke(args=["create-teacher", "--username", "Ms-Rana", "--name", "Ms Rana",
                                 "--password", "long enough"])
    assert result.exit_code == 0, result.output
    assert result.output == "teacher 'ms-rana' created: sign in at /login\n"
    again = runner.invoke(args=["create-teacher", "--username", "ms-rana", "--name", "X",
                                "--password", "long enough"])
    assert again.exit_code == 1
    assert "that username is taken" in again.output
    blank = runner.invoke(args=["create-teacher", "--username", "ms-khan", "--name", "\u3164\u3164",
                                "--password", "long enough"])
    assert blank.exit_code == 1
    assert "give the name learners see in letters: that one has none that shows" in blank.output


def test_create_teacher_asks_again_on_a_short_password_and_for_an_optional_email(
        app, runner) -> None:
    typed = "ms-rana\nMs Rana\nrana\nRana@Example.org\nshort\nlong enough\nlong enough\n"
    result = runner.invoke(args=["create-teacher"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Error: an e-mail address has an @ in it" in result.output  # asked again
    assert "Error: the password needs at least 8 characters\nPassword: " in result.output
    assert result.output.endswith("teacher 'ms-rana' created: sign in at /login\n")
    skipped = runner.invoke(args=["create-teacher"],
                            input="mr-khan\nMr Khan\n\nlong enough\nlong enough\n")
    assert skipped.exit_code == 0, skipped.output
    assert "E-mail (optional, press Enter to skip): " in skipped.output
    with app.app_context():
        emails = {row.username: row.email for row in db.session.execute(
            select(Account.username, Account.email))}
    assert emails == {"ms-rana": "rana@example.org", "mr-khan": None}


def test_create_teacher_refuses_a_short_password_given_as_an_option(app, runner) -> None:
    result = runner.invoke(args=["create-teacher", "--username", "ms-rana", "--name", "Ms Rana",
                                 "--password", "short"])
    assert result.exit_code == 2
    assert "the password needs at least 8 characters" in result.output


REDIS_URL = "redis://127.0.0.1:6379"


def test_sign_in_limits_can_live_in_redis_for_several_workers(people, database_url, tmp_path) -> None:
    import redis

    from quizapp import create_app

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not running at {REDIS_URL}: start it (see README)")
    redis.Redis.from_url(REDIS_URL).flushdb()
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url,
                "RATELIMIT_STORAGE_URI": REDIS_URL, "LOGIN_LIMIT_PER_ACCOUNT": "2 per 15 minutes"}
    # Two apps stand for two workers: the failures one sees count in the other.
    first, second = create_app(settings), create_app(settings)
    for app in (first, second):
        app.config["WTF_CSRF_ENABLED"] = False
    people.app = first
    people.account("ali")
    assert first.test_client().post("/login", data={"login": "ali", "password": "x"}).status_code == 401
    assert second.test_client().post("/login", data={"login": "ali", "password": "x"}).status_code == 401
    assert first.test_client().post("/login", data={"login": "ali", "password": "x"}).status_code == 429
    stored = [key.decode() for key in redis.Redis.from_url(REDIS_URL).keys("*")]
    assert any("login:ali" in key for key in stored), stored  # the counts live in Redis
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_the_new_username_reads_left_to_right_in_the_welcome(csrf_app, client, people) -> None:
    people.classroom(people.account("ms-rana", "teacher"), name="<b>8B</b>", code="K7PM3X")
    post_form(client, "/join", {"code": "K7PM3X", "display_name": "عائشہ خان",
                                "password": "my own password"}, page_url="/join/K7PM3X")
    flash = soup(client.get("/")).select_one(".flash")
    assert flash.select_one("bdi[dir=ltr]").get_text().startswith("learner-")  # usernames are ASCII
    assert "<b>8B</b>" in flash.get_text() and flash.select_one("b") is None  # still escaped


def test_a_signed_in_learner_sees_their_username_on_every_page(app, people) -> None:
    client = people.sign_in(app.test_client(), people.account("zara-malik-6707", name="Zara Malik"),
                            "zara-malik-6707")
    for path in ("/", "/me/attempts", "/account/password"):
        header = soup(client.get(path)).select_one("header").get_text(" ", strip=True)
        assert "Zara Malik" in header and "zara-malik-6707" in header, path


@pytest.mark.parametrize("typed", ["carlos-mejia-9366", "Carlos-Mejía-9366", "CARLOS-MEJIA-9366"])
def test_sign_in_takes_the_username_with_or_without_accents_and_in_any_case(app, people, typed) -> None:
    from werkzeug.security import generate_password_hash

    from quizapp.models import Account

    with app.app_context(), db.writer() as session:
        session.add(Account(username="carlos-mejia-9366", display_name="Carlos Mejía", role="learner",
                            password_hash=generate_password_hash("a good password"), session_token="t"))
        session.commit()
    app.config["WTF_CSRF_ENABLED"] = False
    response = app.test_client().post("/login", data={"login": typed, "password": "a good password"})
    assert response.status_code == 303
