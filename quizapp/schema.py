"""Bring a database's schema up to date with Alembic; no Flask here."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the database at ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_schema(engine: Engine) -> None:
    """Apply every migration the database does not have yet."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:  # Alembic begins and commits the transaction
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
