"""Engine settings and the hot-query path, on every configured database."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import bindparam, select, text

from quizapp import database
from quizapp.database import HotQuery, close_hot_connections, make_engine, make_sessions
from quizapp.models import Source

SOURCE_TITLE = HotQuery(select(Source.title).where(Source.id == bindparam("id")))


@pytest.fixture
def engine(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO source (id, title, language, body, updated_at) "
                                "VALUES ('a', 'Title A', 'en', 'Body', CURRENT_TIMESTAMP)"))
    yield engine
    close_hot_connections(engine)
    engine.dispose()


def test_hot_query_finds_a_row_or_none(engine) -> None:
    assert SOURCE_TITLE.first(engine, id="a") == ("Title A",)
    assert SOURCE_TITLE.first(engine, id="missing") is None


def test_hot_query_sees_rows_committed_after_its_connection_opened(engine) -> None:
    assert SOURCE_TITLE.first(engine, id="b") is None  # opens this thread's connection
    with engine.begin() as connection:
        connection.execute(text("UPDATE source SET id = 'b' WHERE id = 'a'"))
    assert SOURCE_TITLE.first(engine, id="b") == ("Title A",)  # autocommit: no stale snapshot


def test_each_thread_has_its_own_hot_connection_and_dispose_closes_them(engine) -> None:
    SOURCE_TITLE.first(engine, id="a")
    thread = threading.Thread(target=SOURCE_TITLE.first, args=(engine,), kwargs={"id": "a"})
    thread.start()
    thread.join()
    mine = [key for key in database._hot_connections if key[0] == id(engine)]
    assert len(mine) == 2
    close_hot_connections(engine)
    assert [key for key in database._hot_connections if key[0] == id(engine)] == []


def test_sqlite_is_set_up_for_a_web_app(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with engine.connect() as connection:
        pragma = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "busy_timeout", "foreign_keys")}
    assert pragma == {"journal_mode": "wal", "busy_timeout": 10_000, "foreign_keys": 1}
    engine.dispose()


def test_sqlite_writers_take_the_lock_at_begin(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    readers, writers = make_sessions(engine)
    statements: list[str] = []

    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    with readers() as session:
        session.execute(text("SELECT 1"))
    with writers() as session:
        session.execute(text("SELECT 1"))
    assert statements == ["BEGIN", "SELECT 1", "BEGIN IMMEDIATE", "SELECT 1"]
    engine.dispose()


def test_postgres_urls_use_psycopg() -> None:
    assert database.normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database.normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database.normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_a_write_transaction_ends_the_read_and_takes_the_lock_only_for_its_writes(tmp_path) -> None:
    from sqlalchemy import event

    from quizapp.database import write_transaction

    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    readers, _ = make_sessions(engine)
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    @event.listens_for(engine, "commit")
    def record_commit(_conn):  # type: ignore[no-untyped-def]
        statements.append("COMMIT")

    with readers() as session:
        session.execute(text("SELECT 1"))  # a read, as every request starts
        with write_transaction(session):
            session.execute(text("SELECT 2"))
            with write_transaction(session):  # a nested one is part of the outer one
                session.execute(text("SELECT 3"))
        session.execute(text("SELECT 4"))
    assert statements == ["BEGIN", "SELECT 1", "COMMIT", "BEGIN IMMEDIATE", "SELECT 2", "SELECT 3",
                          "COMMIT", "BEGIN", "SELECT 4"]
    engine.dispose()


def test_the_database_and_its_wal_and_shm_are_private(tmp_path) -> None:
    import os
    import stat

    old = os.umask(0o022)  # the usual umask, which would make files 0644
    try:
        path = tmp_path / "quizapp.sqlite"
        engine = make_engine(f"sqlite:///{path}")
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE secret (hash TEXT)"))
            connection.execute(text("INSERT INTO secret VALUES ('scrypt:...')"))
        files = {name: stat.S_IMODE(os.stat(tmp_path / name).st_mode)
                 for name in ("quizapp.sqlite", "quizapp.sqlite-wal", "quizapp.sqlite-shm")}
        engine.dispose()
        assert files == dict.fromkeys(files, 0o600)
        copied = tmp_path / "copied.sqlite"  # an existing world-readable file is mended
        copied.write_bytes(path.read_bytes())
        copied.chmod(0o644)
        engine = make_engine(f"sqlite:///{copied}")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        assert stat.S_IMODE(os.stat(copied).st_mode) == 0o600
    finally:
        os.umask(old)
