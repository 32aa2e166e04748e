"""Engines and sessions, with SQLite set up for a web app; no Flask here."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Engine, MetaData, Select, create_engine, event
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
    path = make_url(url).database
    on_disk = path not in (None, "", ":memory:") and not path.startswith("file:")
    if on_disk:
        make_private(path)  # type: ignore[arg-type]

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        if on_disk:  # SQLite gives the WAL and SHM files the database file's mode
            for name in (path, f"{path}-wal", f"{path}-shm"):
                make_private(name, create=False)  # type: ignore[arg-type]
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
        writing = connection.get_execution_options().get("quizapp_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """The one way services write: a short transaction holding the write lock only for its writes.

    On SQLite, whatever the session was reading ends first (its transaction holds no lock
    worth keeping), then a new transaction begins that takes the write lock at BEGIN, so
    writers queue instead of failing to upgrade a stale read. On PostgreSQL the write goes on
    in the read's transaction: at READ COMMITTED (its default, and quizapp's) each statement
    sees what is committed when it starts and a read takes no lock, so a new transaction would
    only cost a COMMIT, a pool checkout with its ping, and a BEGIN; the objects it read are
    expired, as a commit would. Hash passwords, check
    banks and render pages before entering: everything inside runs while every other
    writer waits. Commits on leaving; rolls back on an error. Used inside another
    write_transaction of the same session, it is part of that one.
    """
    if session.info.get(_WRITING):
        yield session
        return
    assert not (session.new or session.dirty or session.deleted), (
        "change rows inside write_transaction, not before it")
    if not session.in_transaction():
        session.connection(execution_options=WRITE_TRANSACTION)  # begins IMMEDIATE on SQLite
    elif session.get_bind().dialect.name == "sqlite":
        session.commit()  # ends the read; nothing is pending, so nothing is written
        session.connection(execution_options=WRITE_TRANSACTION)
    else:
        # What the commit did for the ORM: objects read before are loaded again when used, so
        # no write starts from a value another request has changed since (a class total, say).
        session.expire_all()
    session.info[_WRITING] = True
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_WRITING, None)


_WRITING = "quizapp_writing"


def make_private(path: str, create: bool = True) -> None:
    """Make a file readable by its owner only (0600), creating it so if ``create``.

    The database holds password hashes and session tokens: no other user of the
    machine may read it, nor its WAL and SHM files.
    """
    try:
        if create and not os.path.exists(path):
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if os.path.exists(path) and os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
    except PermissionError:  # not ours (a read-only copy, say): SQLite reports what matters
        pass


def make_sessions(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Session factories for reading and for writing (the latter begins IMMEDIATE on SQLite)."""
    readers = sessionmaker(bind=engine, expire_on_commit=False)
    writers = sessionmaker(bind=engine.execution_options(**WRITE_TRANSACTION),
                           expire_on_commit=False)
    return readers, writers


def holds_schema(path: str) -> bool:
    """Whether the SQLite file at ``path`` holds a migrated database (an alembic_version table).

    Opened read only: looking never creates a file, as connecting to a missing one would.
    False for a file that is not a SQLite database at all.
    """
    import sqlite3
    from urllib.parse import quote

    try:
        connection = sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                  "AND name = 'alembic_version'").fetchone() is not None
    except sqlite3.DatabaseError:  # "file is not a database"
        return False
    finally:
        connection.close()


def backup_sqlite(source: str, target: str) -> int:
    """Copy a live SQLite database to ``target`` with SQLite's online backup API; returns its size.

    The copy is one consistent snapshot, taken while others keep reading and writing
    (they wait only while the pages are copied). It is written beside the target and
    renamed into place once it passed ``PRAGMA integrity_check``, so a failed backup
    never leaves a half-written file under the target's name. The copy is 0600.
    """
    import sqlite3

    partial = f"{target}.partial"
    if os.path.exists(partial):
        os.remove(partial)
    make_private(partial)
    with sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000) as live, \
            sqlite3.connect(partial) as copy:
        live.backup(copy)  # every page in one step: one snapshot
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        (check,) = copy.execute("PRAGMA integrity_check").fetchone()
    live.close()
    copy.close()
    if check != "ok":
        os.remove(partial)
        raise RuntimeError(f"the copy failed its integrity check: {check}")
    os.replace(partial, target)
    return os.path.getsize(target)


class HotQuery:
    """A prebuilt SELECT run straight on the driver, for the few queries every page view makes.

    SQLAlchemy's execution machinery and pool cost more than a one-row lookup by a unique
    key. Here the statement is compiled once per dialect and run on a driver connection that
    each thread keeps for these queries, in autocommit mode, outside the pool. Services pass
    their session, as for any query; only its engine is used (the session never connects).
    Values come as the driver returns them, except JSON columns, which are read on SQLite
    too (its driver returns their text; PostgreSQL's reads them itself).
    """

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}
        self._json_columns = tuple(index for index, column in enumerate(statement.selected_columns)
                                   if isinstance(column.type, JSON))

    def first(self, bind: Session | Engine, **params: Any) -> tuple[Any, ...] | None:
        """The first row for ``params``, as the driver returns it (no type conversion), or None."""
        rows = self._run(_engine_of(bind), params, many=False)
        return rows[0] if rows else None

    def all(self, bind: Session | Engine, **params: Any) -> list[tuple[Any, ...]]:
        """Every row for ``params``, as the driver returns them (no type conversion)."""
        return self._run(_engine_of(bind), params, many=True)

    def _run(self, engine: Engine, params: dict[str, Any], many: bool) -> list[tuple[Any, ...]]:
        compiled = self._compiled.get(engine.dialect.name)
        if compiled is None:
            statement = self.statement.compile(dialect=engine.dialect)
            order = tuple(statement.positiontup or ()) if engine.dialect.positional else None
            compiled = self._compiled[engine.dialect.name] = (str(statement), order,
                                                              statement.params)
        sql, order, defaults = compiled
        params = {**defaults, **params}  # literals in the statement are parameters too
        arguments: Any = tuple(params[name] for name in order) if order is not None else params
        cursor = _hot_connection(engine).cursor()
        try:
            cursor.execute(sql, arguments)
            if many:
                rows = [tuple(row) for row in cursor.fetchall()]
            else:
                row = cursor.fetchone()
                rows = [tuple(row)] if row is not None else []
        finally:
            cursor.close()
        if self._json_columns and engine.dialect.name == "sqlite":
            rows = [self._read_json(row) for row in rows]
        return rows

    def _read_json(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for index in self._json_columns:
            if values[index] is not None:  # SQL NULL: an outer join found nothing
                values[index] = json.loads(values[index])
        return tuple(values)


def _engine_of(bind: Session | Engine) -> Engine:
    """The engine a service's session is bound to (or the engine itself), without its options:
    the writers' sessions are bound to the engine with options, which shares its connections."""
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    return getattr(engine, "_proxied", engine)  # type: ignore[no-any-return]


_hot_connections: dict[tuple[int, int], Any] = {}
_hot_lock = threading.Lock()


def _hot_connection(engine: Engine) -> Any:
    key = (id(engine), threading.get_ident())
    connection = _hot_connections.get(key)
    if connection is None:
        pooled = engine.raw_connection()
        pooled.detach()  # ours until close_hot_connections, not the pool's
        connection = pooled.dbapi_connection
        if engine.dialect.name != "sqlite":  # SQLite connections already autocommit here
            connection.autocommit = True
        with _hot_lock:
            _hot_connections[key] = connection
    return connection


def close_hot_connections(engine: Engine) -> None:
    """Close every thread's hot-query connection to ``engine``; call it before disposing it."""
    with _hot_lock:
        keys = [key for key in _hot_connections if key[0] == id(engine)]
        connections = [_hot_connections.pop(key) for key in keys]
    for connection in connections:
        connection.close()
