"""Engines and sessions, with SQLite set up for a web app; no Flask here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Execution option that makes a SQLite transaction take the write lock at BEGIN.
WRITE_TRANSACTION = {"quizapp_write": True}
# Execution option for a connection that runs one SELECT: on SQLite it needs no BEGIN.
SINGLE_READ = {"quizapp_single_read": True}
SQLITE_BUSY_TIMEOUT_MS = 10_000


class Base(DeclarativeBase):
    """Base of every model; constraint names follow one convention so migrations can name them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written without a driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, **options: Any) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout, foreign keys and IMMEDIATE writes."""
    url = normalise_database_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **options)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not pysqlite, decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if make_url(url).database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Writers queue on the lock at BEGIN instead of failing to upgrade a read lock later.
        options = connection.get_execution_options()
        if options.get("quizapp_single_read"):
            return  # one statement is its own transaction
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get("quizapp_write") else "BEGIN")

    return engine


def make_sessions(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Session factories for reading and for writing (the latter begins IMMEDIATE on SQLite)."""
    readers = sessionmaker(bind=engine, expire_on_commit=False)
    writers = sessionmaker(bind=engine.execution_options(**WRITE_TRANSACTION),
                           expire_on_commit=False)
    return readers, writers
