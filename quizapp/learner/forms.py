"""The learner's forms. Answers are read by the grading module; these carry CSRF and the buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from quizapp.web.forms import QuizappForm


class StartQuizForm(QuizappForm):
    """Starts a new attempt on a bank."""

    start = SubmitField(_l("Start the quiz"))


class SubmitAttemptForm(QuizappForm):
    """Submits an attempt's answers; the second button confirms leaving some blank."""

    submit = SubmitField(_l("Submit my answers"))
    submit_with_blanks = SubmitField(_l("Submit with blank answers"))
