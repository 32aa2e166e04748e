"""``quizapp create-teacher``: a teacher account from the command line."""

from __future__ import annotations

import click
from click.core import ParameterSource
from flask.cli import with_appcontext

from quizapp.commands.translated import gettext
from quizapp.domain.classroom_rules import PasswordProblem, password_problem
from quizapp.extensions import db
from quizapp.schema import upgrade_schema


def _password_problem_text(problem: PasswordProblem) -> str:
    if problem is PasswordProblem.TOO_SHORT:
        return gettext("the password needs at least 8 characters")
    return gettext("the password may have at most 256 characters")


def _checked_password(_ctx: click.Context, _param: click.Parameter, password: str) -> str:
    """Refuse a password that is too short or too long before it is asked again: click then
    asks for it once more, instead of the command ending after both were typed."""
    problem = password_problem(password)
    if problem is not None:
        raise click.BadParameter(_password_problem_text(problem))
    return password


def _email_or_nothing(typed: str) -> str:
    """An e-mail as typed at the prompt, or nothing; one without an @ is asked again."""
    email = typed.strip()
    if email and "@" not in email:
        raise click.BadParameter(gettext("an e-mail address has an @ in it: type it again, or "
                                         "press Enter to skip it"))
    return email


def _asked_email(ctx: click.Context, _param: click.Parameter, email: str | None) -> str:
    """The e-mail, asked for (optional: Enter skips it) when the username was asked too."""
    if email is None and ctx.get_parameter_source("username") is ParameterSource.PROMPT:
        return str(click.prompt(gettext("E-mail (optional, press Enter to skip)"), default="",
                                show_default=False, value_proc=_email_or_nothing))
    return (email or "").strip()


@click.command("create-teacher")
@click.option("--username", prompt=True, help="What the teacher types to sign in.")
@click.option("--name", "display_name", prompt="Name learners see", help="Shown to learners.")
@click.option("--email", default=None, callback=_asked_email,
              help="Optional; the teacher may sign in with it too. Asked for with the username.")
@click.password_option(callback=_checked_password,
                       help="At least 8 characters; asked twice when not given.")
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
            AccountProblem.NAME_NO_LETTER: gettext("give the name learners see in letters: that "
                                                   "one has none that shows"),
        }
        raise click.ClickException(messages.get(outcome, outcome.value))
    click.echo(gettext("teacher %(username)r created: sign in at /login")
               % {"username": username.strip().lower()})
