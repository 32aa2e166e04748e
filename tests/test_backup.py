"""``quizapp backup``: a consistent copy of a live database, taken while learners submit."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import Answer, Attempt
from tests.conftest import People
from tests.helpers import right_form, soup
from tests.test_concurrency import Browser

LEARNERS = 24


def test_a_backup_taken_while_learners_submit_keeps_every_acknowledged_answer(
        app: Flask, people: People, live_server: str, tmp_path: Path) -> None:
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("PostgreSQL is backed up with pg_dump (see the next test)")
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher)
    learners = [people.account(f"learner-{n}", name=f"Learner {n}") for n in range(LEARNERS)]
    people.join(classroom, *learners)
    assignment = people.assign(classroom)
    forms = []
    for n, account in enumerate(learners):
        client = people.sign_in(app.test_client(), account, f"learner-{n}")
        client.get("/")
        browser = Browser(live_server, f"session={client.get_cookie('session').value}")
        _, location, _ = browser.request("POST", f"/assignments/{assignment}/start", {})
        _, _, page = browser.request("GET", location)
        forms.append((browser, location, right_form(soup(page))))

    acknowledged: list[tuple[float, str]] = []  # when the answer was acknowledged, its attempt
    lock = threading.Lock()

    def submit(index: int) -> None:
        browser, location, form = forms[index]
        time.sleep(0.02 * index)  # spread over the backup
        status, target, _ = browser.request("POST", location, form)
        if status == 303 and target and target.endswith("/result"):
            with lock:
                acknowledged.append((time.monotonic(), location.rsplit("/", 1)[1]))

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(LEARNERS)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    backup_started = time.monotonic()
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite")])
    for thread in threads:
        thread.join()
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    assert len(acknowledged) == LEARNERS
    before = [token for when, token in acknowledged if when < backup_started]
    assert before, "no submission was acknowledged before the backup began"

    restored = tmp_path / "restored.sqlite"  # restoring is copying the file back
    restored.write_bytes((tmp_path / "backup.sqlite").read_bytes())
    with sqlite3.connect(restored) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored_app = create_app({"TESTING": True, "SECRET_KEY": "test",
                               "DATABASE_URL": f"sqlite:///{restored}"})
    with restored_app.app_context():
        for token in before:
            attempt = db.session.scalar(select(Attempt).where(Attempt.token == token))
            assert attempt is not None and attempt.submitted_at is not None, token
        for attempt in db.session.scalars(select(Attempt)):  # all of a submission, or none
            answers = db.session.scalar(select(func.count()).select_from(Answer)
                                        .where(Answer.attempt_id == attempt.id))
            assert answers == (5 if attempt.submitted_at is not None else 0)
        db.dispose()


def test_postgresql_backups_are_explained(app: Flask, runner, tmp_path: Path) -> None:
    app.config["DATABASE_URL"] = "postgresql+psycopg://quiz:secret@db.school.example/quizapp"
    result = runner.invoke(args=["backup", str(tmp_path / "quizapp.dump")])
    assert result.exit_code == 1
    assert "pg_dump --format=custom" in result.output and "pg_restore" in result.output
    assert "postgresql://quiz:***@db.school.example/quizapp" in result.output
    assert "secret" not in result.output


def test_a_backup_is_private(app: Flask, runner, sample_bank: str, tmp_path: Path) -> None:
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite only")
    result = runner.invoke(args=["backup", str(tmp_path / "copy.sqlite")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "copy.sqlite").stat().st_mode & 0o777 == 0o600


def backup_with_instance(instance: Path, target: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``quizapp backup`` as cron runs it: the instance folder from QUIZAPP_INSTANCE only."""
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(instance))
    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    return app.test_cli_runner().invoke(args=["backup", str(target)])


def test_a_missing_instance_folder_is_named_and_nothing_is_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    instance = tmp_path / "not-here"
    result = backup_with_instance(instance, tmp_path / "copy.sqlite", monkeypatch)
    assert result.exit_code == 1
    assert f"the instance folder {instance} does not exist" in result.output
    assert "set QUIZAPP_INSTANCE to the folder that holds quizapp.sqlite" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("database", "said"), [
    (None, "there is no database at"),
    (b"", "is not a quizapp database (it has no alembic_version table)"),
    (b"not a database at all, " * 100, "is not a quizapp database"),
    ("CREATE TABLE notes (text TEXT)", "is not a quizapp database"),
])
def test_a_database_that_is_not_there_is_not_copied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: bytes | str | None,
        said: str) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    path = instance / "quizapp.sqlite"
    if isinstance(database, bytes):
        path.write_bytes(database)
    elif isinstance(database, str):
        with sqlite3.connect(path) as connection:
            connection.execute(database)
        connection.close()
    before = sorted(instance.iterdir())
    result = backup_with_instance(instance, tmp_path / "copy.sqlite", monkeypatch)
    assert result.exit_code == 1
    assert said in result.output and str(path) in result.output
    assert not (tmp_path / "copy.sqlite").exists()
    assert sorted(instance.iterdir()) == before  # no empty database made where none was


def test_the_instance_folder_set_as_in_the_readme_is_backed_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    instance = tmp_path / "instance"
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(instance))
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "QUESTIONS_DIR": str(tmp_path / "none"), "SEEDS_DIR": str(tmp_path / "none")})
    assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    result = backup_with_instance(instance, tmp_path / "copy.sqlite", monkeypatch)
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    with sqlite3.connect(tmp_path / "copy.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    connection.close()
