"""Sessions end on the server after SESSION_IDLE_MINUTES unused; reading pages writes nothing."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import update

from quizapp.extensions import db
from quizapp.models import Account, unix_now
from tests.conftest import PASSWORD, People
from tests.helpers import soup


def _signed_in_as(client) -> str | None:  # type: ignore[no-untyped-def]
    nav = soup(client.get("/")).select_one("nav.account span")
    return nav.get_text(strip=True) if nav else None


def _seen(app: Flask, account: int, seconds_ago: int | None = None) -> int | None:
    with app.app_context():
        if seconds_ago is not None:
            with db.writer() as session:
                session.execute(update(Account).where(Account.id == account)
                                .values(session_seen_at=unix_now() - seconds_ago))
                session.commit()
        with db.writer() as session:
            return session.get(Account, account).session_seen_at


def _sign_in(app: Flask):  # type: ignore[no-untyped-def]
    client = app.test_client()
    assert client.post("/login", data={"login": "ali", "password": PASSWORD}).status_code == 303
    return client


def test_an_idle_session_is_over_and_its_cookie_stays_dead(app: Flask, people: People) -> None:
    app.config.update(WTF_CSRF_ENABLED=False, SESSION_IDLE_MINUTES=60)
    account = people.account("ali", name="Ali")
    client = _sign_in(app)
    assert _signed_in_as(client) == "Ali"
    _seen(app, account, seconds_ago=61 * 60)
    assert _signed_in_as(client) is None
    assert client.get("/me/attempts").status_code == 302  # sent to sign in
    again = _sign_in(app)  # signing in again starts a new session...
    assert _signed_in_as(again) == "Ali"
    assert _signed_in_as(client) is None  # ...and the idle one's cookie does not come back


def test_a_session_in_use_lives_on_with_one_write_every_few_minutes(app: Flask, people: People) -> None:
    app.config.update(WTF_CSRF_ENABLED=False, SESSION_IDLE_MINUTES=60)
    account = people.account("ali", name="Ali")
    client = _sign_in(app)
    seen = _seen(app, account, seconds_ago=2 * 60)
    for _ in range(3):
        assert _signed_in_as(client) == "Ali"
    assert _seen(app, account) == seen  # read pages, nothing written
    _seen(app, account, seconds_ago=59 * 60)
    assert _signed_in_as(client) == "Ali"
    assert unix_now() - _seen(app, account) < 5  # seen again, now


def test_the_idle_time_is_a_school_day_by_default(app: Flask) -> None:
    assert app.config["SESSION_IDLE_MINUTES"] == 600
