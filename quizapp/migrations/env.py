"""Alembic's entry point: runs migrations on the connection or URL quizapp hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from quizapp import models  # noqa: F401  (registers every table on the metadata)
from quizapp.database import Base, make_engine

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only change a table by rebuilding it
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_with_tables_rebuilt_safely(connection: Connection) -> None:
    """On SQLite, rebuilding a table that others reference needs foreign keys off meanwhile.

    The pragma only works outside a transaction, so it is set on the driver before
    Alembic begins one; afterwards every reference is checked, then enforcement returns.
    """
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        _run(connection)
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        _run(connection)
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the migration broke references: {broken[:5]}")
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def run_migrations_online() -> None:
    """Migrate the connection passed in ``config.attributes``, or the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with_tables_rebuilt_safely(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run_with_tables_rebuilt_safely(connection)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
