"""The learner's forms. Answers are read by the grading module; these carry CSRF and the buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class StartQuizForm(FlaskForm):
    """Starts a new attempt on a bank."""

    start = SubmitField(_l("Start the quiz"))


class SubmitAttemptForm(FlaskForm):
    """Submits an attempt's answers; the second button confirms leaving some blank."""

    submit = SubmitField(_l("Submit my answers"))
    submit_with_blanks = SubmitField(_l("Submit with blank answers"))
