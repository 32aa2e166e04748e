"""``quizapp create-teacher``: a teacher account from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from quizapp.commands.translated import gettext
from quizapp.extensions import db
from quizapp.schema import upgrade_schema


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
