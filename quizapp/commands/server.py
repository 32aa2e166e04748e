"""The ``quizapp`` command: validate banks, prepare the database, load banks, run the server."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import (
    FlaskGroup,
    ScriptInfo,
    routes_command,
    run_command,
    shell_command,
    with_appcontext,
)

from quizapp.domain.bank_translation import is_translation_file
from quizapp.domain.catalog import bank_files, read_catalog
from quizapp.extensions import db
from quizapp.schema import upgrade_schema
from quizapp.services.catalog_loading import LoadReport, load_catalog
from quizapp.web.message_catalogs import command_line_catalog


def ensure_secret_key(app: Flask) -> None:
    """Keep one secret key in the instance folder, so every server process signs alike."""
    from quizapp import SECRET_KEY_FILE

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


@click.command("create-teacher")
@click.option("--username", prompt=True, help="What the teacher types to sign in.")
@click.option("--name", "display_name", prompt="Name learners see", help="Shown to learners.")
@click.option("--email", default="", help="Optional; the teacher may sign in with it too.")
@click.password_option(help="At least 8 characters; asked twice when not given.")
@with_appcontext
def create_teacher_command(username: str, display_name: str, email: str, password: str) -> None:
    """Create a teacher account."""
    from quizapp.services.accounts import AccountProblem, create_teacher

    upgrade_schema(db.engine)
    with db.writer() as session:
        outcome = create_teacher(session, username, display_name, password, email or None)
    if isinstance(outcome, AccountProblem):
        messages = {
            AccountProblem.USERNAME_TAKEN: gettext("that username is taken: choose another"),
            AccountProblem.USERNAME_INVALID: gettext("a username has at most 64 characters and no "
                                                     "spaces"),
            AccountProblem.EMAIL_TAKEN: gettext("an account with that e-mail exists"),
            AccountProblem.NAME_EMPTY: gettext("give the name learners see"),
            AccountProblem.PASSWORD_TOO_SHORT: gettext("the password needs at least 8 characters"),
            AccountProblem.PASSWORD_TOO_LONG: gettext("the password may have at most 256 characters"),
        }
        raise click.ClickException(messages.get(outcome, outcome.value))
    click.echo(gettext("teacher %(username)r created: sign in at /login")
               % {"username": username.strip().lower()})


def gettext(message: str) -> str:
    """``message`` in the command line's language (LANG's catalog), or in English."""
    return command_line_catalog().ugettext(message)  # type: ignore[no-any-return]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path: str) -> None:
    """Copy the live SQLite database to PATH (consistent, while learners keep working)."""
    from quizapp.database import backup_sqlite

    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        plain = url.set(drivername="postgresql").render_as_string(hide_password=True)
        raise click.ClickException(
            "this database is PostgreSQL: back it up with its own tool, for example\n"
            f"  pg_dump --format=custom --file={path} '{plain}'\n"
            f"and restore it into an empty database with\n"
            f"  pg_restore --no-owner --dbname='<empty database URL>' {path}")
    if url.database in (None, "", ":memory:"):
        raise click.ClickException("this SQLite database lives in memory: there is nothing to copy")
    started = time.perf_counter()
    size = backup_sqlite(url.database, path)
    click.echo(f"backed up {url.database} to {path}: {size / 1024 / 1024:.1f} MiB in "
               f"{time.perf_counter() - started:.2f} s, integrity check ok")


def register(app: Flask) -> None:
    """Add the commands to ``flask --app quizapp`` as well as ``quizapp``."""
    from quizapp.commands.import_article import import_article_command
    from quizapp.commands.validate import validate_command

    app.cli.add_command(validate_command)
    app.cli.add_command(import_article_command)
    app.cli.add_command(create_teacher_command)
    app.cli.add_command(init_command)
    app.cli.add_command(load_banks_command)
    app.cli.add_command(backup_command)


@click.pass_context
def _run_after_prepare(ctx: click.Context, **options: Any) -> None:
    app = ctx.ensure_object(ScriptInfo).load_app()
    with app.app_context():
        click.echo(prepare(app).summary(gettext))
        db.dispose()  # the server opens its own connections
    ctx.invoke(run_command, **options)


run_and_prepare_command = click.Command(
    "run", params=run_command.params, callback=_run_after_prepare,
    help="Prepare the database and bundled banks, then serve on http://127.0.0.1:5000.",
)


def _create_app() -> Flask:
    from quizapp import create_app

    return create_app()


class QuizappGroup(FlaskGroup):
    """``flask`` for quizapp: its app is built in, and ``run`` prepares the database first."""

    def __init__(self, **extra: Any) -> None:
        super().__init__(create_app=_create_app, add_default_commands=False,
                         set_debug_flag=False, **extra)
        self.add_command(run_and_prepare_command)
        self.add_command(shell_command)
        self.add_command(routes_command)

