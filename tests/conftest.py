"""Fixtures: an app on a fresh database (SQLite, and PostgreSQL when configured), and factories.

Set QUIZAPP_TEST_DATABASE_URL to a PostgreSQL URL and every test that uses the
database runs twice: once on SQLite, once on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Engine, text
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.database import Base, make_engine
from quizapp.extensions import db
from quizapp.schema import upgrade_schema

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
POSTGRES_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the schema applied once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "schema.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_schema(engine)
    with engine.connect() as connection:  # fold the WAL back so one file holds everything
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """The PostgreSQL test database, emptied and migrated once per run."""
    assert POSTGRES_URL, "QUIZAPP_TEST_DATABASE_URL is not set"
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path,
                 sqlite_template: Path) -> Iterator[str]:
    """A database with the schema and no rows, for one test."""
    if request.param == "sqlite":
        path = tmp_path / "quizapp.sqlite"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    engine: Engine = request.getfixturevalue("postgres_engine")
    yield POSTGRES_URL  # type: ignore[misc]
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def questions_dir(tmp_path: Path) -> Path:
    """An empty folder of banks for the test to write into."""
    path = tmp_path / "questions"
    path.mkdir()
    return path


@pytest.fixture
def app(database_url: str, questions_dir: Path, tmp_path: Path) -> Iterator[Flask]:
    """The app on a fresh database, with the bundled articles and the test's own banks folder."""
    instance = tmp_path / "instance"
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": database_url,
        "QUESTIONS_DIR": str(questions_dir),
        "SEEDS_DIR": str(SEEDS),
    })
    app.instance_path = str(instance)
    yield app
    with app.app_context():
        db.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's commands."""
    return app.test_cli_runner()


def bank_yaml(bank: str = "sample", questions: str | None = None, **extra: str) -> str:
    """A bank's YAML; ``questions`` is its question list, indented by two spaces."""
    header = "".join(f"{key}: {value}\n" for key, value in extra.items())
    body = questions if questions is not None else EVERY_TYPE
    return f"bank: {bank}\ntitle: Sample bank\n{header}questions:\n" + body.strip("\n") + "\n"


# One question of each type, all cited from the bundled articles.
EVERY_TYPE = """
  - id: legal-tender
    type: single
    prompt: In which year did El Salvador make bitcoin legal tender?
    explanation: CoinDesk says it did so in 2021.
    choices: [2019, 2020, 2021, 2022]
    answer: 2021
    cite:
      - source: coindesk
        quote: "El Salvador was the first country to adopt bitcoin as legal tender, doing so in 2021."
  - id: imf-subsidy
    type: true_false
    prompt: The IMF agreed to subsidized power for crypto miners.
    explanation: The IMF rejected the request.
    answer: false
    cite:
      - source: forge-collaboration
        quote: "The IMF rejected a request to offer subsidized power to energy-intensive industries"
  - id: btc-held
    type: number
    prompt: How many BTC did El Salvador hold as of July 2025, by the report from Islamabad?
    explanation: The report gives 6,238 BTC.
    answer: 6238
    unit: BTC
    cite:
      - source: islamabad-report
        quote: "As of July 2025, the country amassed 6,238 BTC"
  - id: areas
    type: multiple
    prompt: Which areas does the collaboration centre on, according to AInvest?
    explanation: AInvest names mining, strategic reserves and educational programs.
    choices: [Bitcoin mining, strategic reserves, educational programs, football clubs]
    answer: [Bitcoin mining, strategic reserves, educational programs]
    cite:
      - source: ainvest
        quote: "including Bitcoin mining, strategic reserves, and educational programs"
  - id: sequence
    type: order
    prompt: Put these events in the order they happened, earliest first.
    explanation: Legal tender came in 2021, the Bitcoin Conference in May 2025, the authority in July 2025.
    points: 2
    items:
      - El Salvador adopts bitcoin as legal tender
      - Saqib speaks at The Bitcoin Conference
      - Pakistan launches its Virtual Assets Regulatory Authority
    cite:
      - source: ainvest
        quote: "launching the Pakistan Virtual Assets Regulatory Authority in July 2025"
"""


@pytest.fixture
def write_bank(questions_dir: Path):  # type: ignore[no-untyped-def]
    """Write a bank file into the test's banks folder and return its path."""

    def write(text: str, name: str | None = None) -> Path:
        stem = name or text.split("\n", 1)[0].removeprefix("bank:").strip()
        path = questions_dir / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_banks(app: Flask, runner: FlaskCliRunner):  # type: ignore[no-untyped-def]
    """Load the banks folder into the database as ``quizapp load-banks`` does."""

    def load() -> Any:
        result = runner.invoke(args=["load-banks"])
        assert result.exit_code == 0, result.output
        return result

    return load


@pytest.fixture
def sample_bank(write_bank, load_banks) -> str:  # type: ignore[no-untyped-def]
    """The five-question bank of every type, loaded; returns its id."""
    write_bank(bank_yaml())
    load_banks()
    return "sample"


CHROMIUM = os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright; a missing browser fails, it never skips."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app: Flask, sample_bank: str) -> Iterator[str]:
    """The app served on a free port of 127.0.0.1 for the length of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


# Accounts -----------------------------------------------------------------------------

PASSWORD = "correct horse battery"
_PASSWORD_HASH: list[str] = []


def password_hash() -> str:
    """The scrypt hash of PASSWORD, computed once: each hash takes a noticeable moment."""
    if not _PASSWORD_HASH:
        from werkzeug.security import generate_password_hash

        _PASSWORD_HASH.append(generate_password_hash(PASSWORD))
    return _PASSWORD_HASH[0]


@dataclass
class People:
    """Makes accounts and classes straight in the database, and signs clients in."""

    app: Flask

    def account(self, username: str, role: str = "learner", name: str | None = None) -> int:
        from quizapp.models import Account

        with self.app.app_context(), db.writer() as session:
            account = Account(username=username, display_name=name or username.title(),
                              password_hash=password_hash(), role=role,
                              session_token=f"token-{username}")
            session.add(account)
            session.commit()
            return account.id

    def classroom(self, teacher_id: int, name: str = "Class 8B", code: str = "K7PM3X") -> int:
        from quizapp.models import Classroom

        with self.app.app_context(), db.writer() as session:
            classroom = Classroom(teacher_id=teacher_id, name=name, join_code=code)
            session.add(classroom)
            session.commit()
            return classroom.id

    def join(self, classroom_id: int, *account_ids: int) -> None:
        from quizapp.models import Membership

        with self.app.app_context(), db.writer() as session:
            session.add_all(Membership(classroom_id=classroom_id, account_id=a) for a in account_ids)
            session.commit()

    def assign(self, classroom_id: int, bank: str = "sample", **window: Any) -> int:
        from sqlalchemy import select as select_

        from quizapp.models import Assignment, Bank

        with self.app.app_context(), db.writer() as session:
            bank_id = session.scalar(select_(Bank.id).where(Bank.slug == bank))
            assignment = Assignment(classroom_id=classroom_id, bank_id=bank_id, **window)
            session.add(assignment)
            session.commit()
            return assignment.id

    @staticmethod
    def sign_in(client: FlaskClient, account_id: int, username: str) -> FlaskClient:
        """Sign a test client in as the account, without the cost of checking a password."""
        with client.session_transaction() as session:
            session["_user_id"] = f"{account_id}:token-{username}"
            session["_fresh"] = True
        return client


@pytest.fixture
def people(app: Flask) -> People:
    """Factories for accounts, classes, memberships and assignments."""
    return People(app)


@pytest.fixture
def csrf_app_client(app: Flask) -> FlaskClient:
    """A test client of the app with CSRF checks on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()
