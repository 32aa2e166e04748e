"""The ``quizapp`` command group; the app factory is handed to it, so it never imports the package."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo, routes_command, run_command, shell_command

from quizapp.commands.accounts import create_teacher_command
from quizapp.commands.check import check_command
from quizapp.commands.database import backup_command, init_command, load_banks_command, prepare
from quizapp.commands.import_article import import_article_command
from quizapp.commands.translated import gettext
from quizapp.commands.validate import validate_command
from quizapp.extensions import db


def register_commands(app: Flask) -> None:
    """Add the commands to ``flask --app quizapp`` as well as ``quizapp``."""
    app.cli.add_command(validate_command)
    app.cli.add_command(import_article_command)
    app.cli.add_command(create_teacher_command)
    app.cli.add_command(init_command)
    app.cli.add_command(load_banks_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(check_command)


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


class QuizappGroup(FlaskGroup):
    """``flask`` for quizapp: its app is built in, and ``run`` prepares the database first."""

    def __init__(self, create_app: Callable[[], Flask], **extra: Any) -> None:
        super().__init__(create_app=create_app, add_default_commands=False,
                         set_debug_flag=False, **extra)
        self.add_command(run_and_prepare_command)
        self.add_command(shell_command)
        self.add_command(routes_command)

