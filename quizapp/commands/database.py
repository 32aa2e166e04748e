"""Commands that prepare, fill and copy the database: init, load-banks, backup."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from quizapp.commands.translated import gettext
from quizapp.config import SECRET_KEY_FILE
from quizapp.domain.bank_translation import is_translation_file
from quizapp.domain.catalog import bank_files, read_catalog
from quizapp.extensions import db
from quizapp.schema import upgrade_schema
from quizapp.services.catalog_loading import LoadReport, load_catalog


def ensure_secret_key(app: Flask) -> None:
    """Keep one secret key in the instance folder, so every server process signs alike."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / SECRET_KEY_FILE
    if not path.exists():  # created 0600: never readable by others, not even for a moment
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(32) + "\n")
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)


def load_bundled_banks(app: Flask) -> LoadReport:
    """Check the bundled banks and load the ones that pass; report the others on stderr."""
    questions = Path(app.config["QUESTIONS_DIR"])
    catalog = read_catalog(questions, Path(app.config["SEEDS_DIR"]))
    for problem in catalog.problems:
        click.echo(gettext("not loaded: %(problem)s") % {"problem": problem.render(gettext)}, err=True)
    present = ([path.stem for path in bank_files(questions) if not is_translation_file(path.stem)]
               if questions.exists() else [])
    with db.writer() as session:
        return load_catalog(session, catalog, present)


def prepare(app: Flask) -> LoadReport:
    """Everything a first start needs: instance folder, secret key, schema, bundled banks."""
    ensure_secret_key(app)
    upgrade_schema(db.engine)
    return load_bundled_banks(app)


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database and load the bundled banks (safe to run again)."""
    report = prepare(current_app)
    click.echo(report.summary(gettext))


@click.command("load-banks")
@with_appcontext
def load_banks_command() -> None:
    """Reload the bundled banks: changed questions get new versions, old scores stay."""
    upgrade_schema(db.engine)
    click.echo(load_bundled_banks(current_app).summary(gettext))


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path: str) -> None:
    """Copy the live SQLite database to PATH (consistent, while learners keep working)."""
    from sqlalchemy.engine import make_url

    from quizapp.database import backup_sqlite

    # Read from the settings, not from an engine: making one would create an empty database
    # where none is, and the copy of that would pass its integrity check.
    url = make_url(current_app.config["DATABASE_URL"])
    if url.get_backend_name() != "sqlite":
        plain = url.set(drivername="postgresql").render_as_string(hide_password=True)
        raise click.ClickException(
            "this database is PostgreSQL: back it up with its own tool, for example\n"
            f"  pg_dump --format=custom --file={path} '{plain}'\n"
            f"and restore it into an empty database with\n"
            f"  pg_restore --no-owner --dbname='<empty database URL>' {path}")
    if url.database in (None, "", ":memory:"):
        raise click.ClickException("this SQLite database lives in memory: there is nothing to copy")
    refuse_a_database_not_there(url.database)
    started = time.perf_counter()
    size = backup_sqlite(url.database, path)
    click.echo(f"backed up {url.database} to {path}: {size / 1024 / 1024:.1f} MiB in "
               f"{time.perf_counter() - started:.2f} s, integrity check ok")


def refuse_a_database_not_there(database: str) -> None:
    """Stop with a message unless ``database`` is a SQLite file that quizapp made."""
    from quizapp.database import holds_schema

    instance = Path(current_app.instance_path)
    where = gettext("set QUIZAPP_INSTANCE to the folder that holds quizapp.sqlite (and its "
                    "config.py), or DATABASE_URL to the database")
    if not instance.is_dir() and Path(database).resolve().is_relative_to(instance.resolve()):
        raise click.ClickException(gettext(
            "the instance folder %(folder)s does not exist, so there is no database to copy: "
            "%(where)s") % {"folder": instance, "where": where})
    if not Path(database).is_file():
        raise click.ClickException(gettext("there is no database at %(path)s: %(where)s")
                                   % {"path": database, "where": where})
    if not holds_schema(database):
        raise click.ClickException(gettext(
            "%(path)s is not a quizapp database (it has no alembic_version table), so it is "
            "not copied: %(where)s") % {"path": database, "where": where})
