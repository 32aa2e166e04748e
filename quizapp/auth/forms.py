"""Forms for accounts and joining a class."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from quizapp.domain.classroom_rules import MAX_DISPLAY_NAME, MAX_PASSWORD
from quizapp.web.forms import QuizappForm


class LoginForm(QuizappForm):
    """Sign in with a username (or e-mail) and password."""

    login = StringField(_l("Username or e-mail"),
                        validators=[DataRequired(_l("Write your username or e-mail."))],
                        render_kw={"autocomplete": "username", "autocapitalize": "none", "dir": "ltr"})
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Write your password."))],
                             render_kw={"autocomplete": "current-password", "dir": "ltr"})
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(QuizappForm):
    """Change one's password."""

    current = PasswordField(_l("Current password"),
                            validators=[DataRequired(_l("Write your current password."))],
                            render_kw={"autocomplete": "current-password", "dir": "ltr"})
    new = PasswordField(_l("New password (at least 8 characters)"),
                        validators=[DataRequired(_l("Choose a new password."))],
                        render_kw={"autocomplete": "new-password", "maxlength": MAX_PASSWORD,
                                        "dir": "ltr"})
    submit = SubmitField(_l("Change password"))


class TeacherSignupForm(QuizappForm):
    """Create a teacher account, where the instance allows it."""

    display_name = StringField(_l("Your name, as learners see it"),
                               validators=[DataRequired(_l("Write your name.")),
                                           Length(max=MAX_DISPLAY_NAME)],
                               render_kw={"dir": "auto"})
    username = StringField(_l("Username"),
                           validators=[DataRequired(_l("Choose a username.")), Length(max=64)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none", "dir": "ltr"})
    email = EmailField(_l("E-mail (optional)"), validators=[Optional(), Length(max=254)],
                       render_kw={"dir": "ltr"})
    password = PasswordField(_l("Password (at least 8 characters)"),
                             validators=[DataRequired(_l("Choose a password."))],
                             render_kw={"autocomplete": "new-password", "maxlength": MAX_PASSWORD,
                                        "dir": "ltr"})
    submit = SubmitField(_l("Create my teacher account"))


def class_code_field() -> StringField:
    """The class code a learner types to join: short, never autocorrected, left to right."""
    return StringField(_l("Class code"),
                       validators=[DataRequired(_l("Write the class code your teacher gave you.")),
                                   Length(max=16)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"})


class JoinForm(QuizappForm):
    """Join a class with its code, as a new learner."""

    code = class_code_field()
    display_name = StringField(_l("Your name, as your class will see it"),
                               validators=[DataRequired(_l("Write your name.")),
                                           Length(max=MAX_DISPLAY_NAME)],
                               render_kw={"dir": "auto"})
    password = PasswordField(_l("Choose a password (at least 8 characters)"),
                             validators=[DataRequired(_l("Choose a password."))],
                             render_kw={"autocomplete": "new-password", "maxlength": MAX_PASSWORD,
                                        "dir": "ltr"})
    submit = SubmitField(_l("Join the class"))


class JoinAnotherForm(QuizappForm):
    """Join one more class, as a signed-in learner."""

    code = class_code_field()
    submit = SubmitField(_l("Join the class"))
