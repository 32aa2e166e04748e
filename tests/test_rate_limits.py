"""Rate limits that fit a school, with the counts in Redis shared by two app instances (two workers)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time

import flask_limiter._extension
import pytest
import redis
from flask import Flask

from quizapp import create_app
from quizapp.web.rate_limits import SharedCountsNeeded, serving_workers
from tests.conftest import PASSWORD, People

# A database of its own, so other tests' Redis keys and ours never meet.
REDIS_URL = "redis://127.0.0.1:6379/5"


def _two_workers(database_url: str, people: People, **limits: str):  # type: ignore[no-untyped-def]
    """Two apps on one database and one Redis: the counts one sees, the other sees too."""
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not running at {REDIS_URL}: start it (see README)")
    store.flushdb()
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url,
                "RATELIMIT_STORAGE_URI": REDIS_URL, "WTF_CSRF_ENABLED": False, **limits}
    apps = [create_app(settings), create_app(settings)]
    people.app = apps[0]
    yield apps
    store.flushdb()


@pytest.fixture
def workers(database_url: str, people: People):  # type: ignore[no-untyped-def]
    """Two workers with small limits."""
    yield from _two_workers(database_url, people, LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
                            LOGIN_LIMIT_PER_ADDRESS="5 per 15 minutes",
                            JOIN_LIMIT_PER_ADDRESS="4 per 15 minutes")


@pytest.fixture
def school(database_url: str, people: People):  # type: ignore[no-untyped-def]
    """Two workers with the limits a school gets."""
    yield from _two_workers(database_url, people)


def _post(app: Flask, address: str, path: str, form: dict[str, str]) -> int:
    """A form sent from ``address``, as the server sees it."""
    return app.test_client().post(path, data=form, environ_base={"REMOTE_ADDR": address}).status_code


def _sign_in(app: Flask, address: str, login: str, password: str) -> int:
    return _post(app, address, "/login", {"login": login, "password": password})


def test_a_lockout_from_one_address_does_not_lock_the_owner_out(workers, people: People) -> None:
    first, second = workers
    people.account("ali")
    attacker, classroom = "203.0.113.9", "198.51.100.20"
    for app in (first, second, first):
        assert _sign_in(app, attacker, "ali", "guess") == 401
    assert _sign_in(second, attacker, "ali", "guess") == 429
    assert _sign_in(first, attacker, "ali", PASSWORD) == 429  # the attacker stays locked out
    assert _sign_in(second, classroom, "ali", PASSWORD) == 303  # Ali, from class, signs in
    assert _sign_in(first, classroom, "ali", "typo") == 401  # and has tries of their own
    keys = [key.decode() for key in redis.Redis.from_url(REDIS_URL).keys("*")]
    assert any(f"login:ali:{attacker}" in key for key in keys), keys


def test_spraying_many_accounts_from_one_address_is_capped(workers, people: People) -> None:
    first, second = workers
    for n in range(5):
        assert _sign_in((first, second)[n % 2], "203.0.113.9", f"user{n}", "guess") == 401
    assert _sign_in(first, "203.0.113.9", "user9", "guess") == 429
    assert _sign_in(second, "198.51.100.20", "user9", "guess") == 401


def test_a_class_behind_one_router_joins_freely(workers, people: People) -> None:
    first, second = workers
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
    statuses = [_post((first, second)[n % 2], "198.51.100.20", "/join", {
        "code": "K7PM3X", "display_name": f"Learner {n}", "password": "long enough"})
        for n in range(60)]
    assert statuses == [303] * 60


def test_guessing_codes_stays_slow(workers, people: People) -> None:
    first, second = workers
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")

    def join(app: Flask, address: str, code: str) -> int:
        return _post(app, address, "/join", {"code": code, "display_name": "Guesser",
                                             "password": "long enough"})

    for n, code in enumerate(["AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD"]):
        assert join((first, second)[n % 2], "203.0.113.9", code) == 422
    assert join(first, "203.0.113.9", "EEEEEE") == 429
    assert join(second, "198.51.100.20", "K7PM3X") == 303  # the class's own router is not slowed


def test_spelling_variants_of_a_username_share_its_ten_tries(school, people: People) -> None:
    first, second = school
    people.account("jose")
    guesser, classroom = "203.0.113.9", "198.51.100.20"
    variants = ["José", "jose", "JOSE", "ｊｏｓｅ", "ＪＯＳＥ", " Jose ", "JOSÉ", "jösé", "Jóse",
                "jose\u0301"]
    for n, login in enumerate(variants):
        assert _sign_in((first, second)[n % 2], guesser, login, f"guess {n}") == 401, login
    assert _sign_in(first, guesser, "jose", PASSWORD) == 429
    assert _sign_in(second, guesser, "ｊｏｓｅ", PASSWORD) == 429
    assert _sign_in(first, classroom, "José", PASSWORD) == 303  # José, from class, signs in


def test_guessing_a_learners_password_by_joining_hits_the_sign_in_limit(school, people: People) -> None:
    first, second = school
    store = redis.Redis.from_url(REDIS_URL)
    ali = people.account("ali-1234", name="Ali Khan")
    people.join(people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X"), ali)
    guesser, classroom = "203.0.113.9", "198.51.100.20"

    def join(app: Flask, address: str, name: str, password: str) -> int:
        return _post(app, address, "/join", {"code": "K7PM3X", "display_name": name,
                                             "password": password})

    # The name is on the class board; every spelling of it finds Ali.
    statuses = [join((first, second)[n % 2], guesser, ("Ali Khan", "ali khan", "ÁLI KHAN")[n % 3],
                     f"guess number {n}") for n in range(30)]
    assert statuses == [422] * 10 + [429] * 20
    assert join(first, guesser, "Ali Khan", PASSWORD) == 429  # the right one too, for now
    assert _sign_in(second, guesser, "ali-1234", PASSWORD) == 429  # one limit for both doors
    assert join(second, classroom, "Ali Khan", PASSWORD) == 303  # Ali, from class, comes back
    assert store.keys("*login:ali-1234:203.0.113.9*")
    store.delete(*store.keys("*login:ali-1234:203.0.113.9*"))  # the fifteen minutes pass
    client = first.test_client()
    assert client.post("/join", data={"code": "K7PM3X", "display_name": "Ali Khan",
                                      "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": guesser}).status_code == 303
    assert "ali-1234" in client.get("/").get_data(as_text=True)  # signed in as Ali, no twin made


def test_a_flood_of_bad_joins_from_one_address_closes_the_class_to_no_one(school, people: People) -> None:
    first, second = school
    people.join(people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X"),
                people.account("ali-1234", name="Ali Khan"))
    flood = [{"display_name": "Ali Khan", "password": "guess guess"},  # a classmate's name
             {"display_name": "Intruder", "password": "short"},
             {"display_name": "", "password": "long enough"},
             {"display_name": "Intruder", "password": "x" * 300}]
    statuses = {_post((first, second)[n % 2], "203.0.113.9", "/join",
                      {"code": "K7PM3X", **flood[n % 4]}) for n in range(100)}
    assert statuses == {422, 429}  # the guessed password stops at the sign-in limit
    assert _join(second, "198.51.100.20", "Bilal") == 303  # a learner elsewhere joins
    assert _join(first, "203.0.113.9", "Chand") == 303  # and so does one at the flood's address


def test_a_burst_of_new_accounts_from_one_address_is_slowed_there_only(database_url: str,
                                                                      people: People) -> None:
    for first, second in _two_workers(database_url, people, JOIN_LIMIT_PER_CLASS="5 per 15 minutes"):
        people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
        assert [_join((first, second)[n % 2], "203.0.113.9", f"Fake {n}") for n in range(6)] == [
            303] * 5 + [429]
        assert _join(second, "198.51.100.20", "Bilal") == 303


def test_several_workers_with_counts_in_memory_refuse_to_start(database_url: str, monkeypatch) -> None:
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url}
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(SharedCountsNeeded, match=r"4 workers .*redis://127\.0\.0\.1:6379"):
        create_app({**settings, "RATELIMIT_STORAGE_URI": "memory://"})
    assert create_app({**settings, "RATELIMIT_STORAGE_URI": REDIS_URL}) is not None
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert create_app({**settings, "RATELIMIT_STORAGE_URI": "memory://"}) is not None


@pytest.mark.parametrize(("argv", "environ", "workers"), [
    (["/srv/.venv/bin/gunicorn", "--workers", "4", "quizapp:create_app()"], {}, 4),
    (["/srv/.venv/bin/gunicorn", "-w3", "quizapp:create_app()"], {}, 3),
    (["/srv/.venv/bin/gunicorn", "quizapp:create_app()"], {"GUNICORN_CMD_ARGS": "--workers=2"}, 2),
    (["/srv/.venv/bin/gunicorn", "quizapp:create_app()"], {"WEB_CONCURRENCY": "5"}, 5),
    (["/srv/.venv/bin/gunicorn", "quizapp:create_app()"], {}, 1),
    (["/srv/.venv/bin/quizapp", "run"], {}, 1),
    (["/srv/.venv/bin/pytest", "--workers", "9"], {}, 1),
])
def test_gunicorn_workers_are_counted(argv: list[str], environ: dict[str, str], workers: int) -> None:
    assert serving_workers(argv, environ) == workers


def test_anonymous_practice_starts_are_limited_per_address_but_not_a_signed_in_learner(
        app: Flask, sample_bank: str, people: People) -> None:
    app.config.update(WTF_CSRF_ENABLED=False, PRACTICE_LIMIT_PER_ADDRESS="3 per minute")
    script, classroom = "203.0.113.9", "198.51.100.20"
    assert [_post(app, script, "/banks/sample", {"start": "x"}) for _ in range(4)] == [303, 303, 303, 429]
    assert _post(app, classroom, "/banks/sample", {"start": "x"}) == 303  # another address
    learner = people.sign_in(app.test_client(), people.account("ayesha"), "ayesha")
    assert [learner.post("/banks/sample", data={"start": "x"},
                         environ_base={"REMOTE_ADDR": script}).status_code for _ in range(4)] == [303] * 4


def test_a_signed_out_report_is_taken_only_where_a_teacher_reads_it(app: Flask, sample_bank: str) -> None:
    from tests.helpers import soup

    app.config.update(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    quiz = client.post("/banks/sample", data={"start": "x"}).headers["Location"]
    result = client.post(quiz, data={"submit_with_blanks": "x"}).headers["Location"]
    assert soup(client.get(result)).select("form[action*='/flag']") == []  # a bundled bank: no reader
    sent = client.post(quiz + "/questions/1/flag", data={"flag1-reason": "unclear", "flag1-send": "x"})
    assert sent.status_code == 403


# Redis down ---------------------------------------------------------------------------

NOTHING_LISTENS = "redis://127.0.0.1:1"


class RedisDoor:
    """A door in front of the test Redis: shut, Redis is unreachable (as while it restarts)."""

    def __init__(self) -> None:
        self.port = 0
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.port, self.listener = listener.getsockname()[1], listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def shut(self) -> None:
        if self.listener is None:
            return
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone would not
        self.listener.close()
        self.listener = None
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # shut
                return
            redis_side = socket.create_connection(("127.0.0.1", 6379))
            self.connections += [client, redis_side]
            for source, target in ((client, redis_side), (redis_side, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)


def _app_counting_in(storage: str, database_url: str, people: People) -> Flask:
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url,
                      "RATELIMIT_STORAGE_URI": storage, "WTF_CSRF_ENABLED": False,
                      "LOGIN_LIMIT_PER_ACCOUNT": "3 per 15 minutes"})
    people.app = app
    return app


def _join(app: Flask, address: str, name: str) -> int:
    return _post(app, address, "/join", {"code": "K7PM3X", "display_name": name,
                                         "password": "long enough"})


def test_sign_in_and_join_work_while_redis_is_unreachable(database_url: str, people: People,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    app = _app_counting_in(NOTHING_LISTENS, database_url, people)
    people.account("ali")
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
    with caplog.at_level(logging.WARNING):
        assert _sign_in(app, "198.51.100.20", "ali", PASSWORD) == 303
        assert _join(app, "198.51.100.20", "Bilal") == 303
    assert "Rate limit storage unreachable - falling back to in-memory storage" in caplog.text
    for _ in range(3):  # the limits still hold, counted in this worker's memory
        assert _sign_in(app, "203.0.113.9", "ali", "guess") == 401
    assert _sign_in(app, "203.0.113.9", "ali", "guess") == 429
    assert _join(app, "198.51.100.20", "Chand") == 303


def test_redis_is_used_again_when_it_comes_back(database_url: str, people: People,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Flask-Limiter looks for the storage again after 1, 2, 4 ... 32 s; here, every second.
    monkeypatch.setattr(flask_limiter._extension, "MAX_BACKEND_CHECKS", -1)
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    door = RedisDoor()
    door.open()
    app = _app_counting_in(f"redis://127.0.0.1:{door.port}/5", database_url, people)
    people.account("ali")
    people.classroom(people.account("ms-rana", "teacher"), code="K7PM3X")
    try:
        assert _sign_in(app, "203.0.113.9", "ali", "guess") == 401
        assert store.keys("*login:ali:203.0.113.9*")
        door.shut()
        assert _sign_in(app, "198.51.100.20", "ali", PASSWORD) == 303
        assert _join(app, "198.51.100.20", "Bilal") == 303
        store.flushdb()
        door.open()
        deadline = time.monotonic() + 10
        while not store.keys("*join:K7PM3X*") and time.monotonic() < deadline:
            assert _join(app, "198.51.100.20", f"Learner {time.monotonic()}") == 303
            time.sleep(0.2)
        assert store.keys("*join:K7PM3X*"), "Redis was not used again"
    finally:
        door.shut()
        store.flushdb()
