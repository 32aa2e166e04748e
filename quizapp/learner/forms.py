"""The learner's forms. Answers are read by the grading module; these carry CSRF and the buttons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SubmitField
from wtforms.validators import Optional

from quizapp.web.forms import QuizappForm


class StartQuizForm(QuizappForm):
    """Starts a new attempt on a bank."""

    start = SubmitField(_l("Start the quiz"))


class SubmitAttemptForm(QuizappForm):
    """One page of an attempt's answers: saved on every button, submitted on the last page's.

    ``submit_with_blanks`` confirms leaving some blank; ``save`` is what the page's script
    sends to keep answers as they are given, without leaving the page.
    """

    page = IntegerField(validators=[Optional()])
    next_page = SubmitField(_l("Save and go on"))
    previous_page = SubmitField(_l("Back"))
    submit = SubmitField(_l("Submit my answers"))
    submit_with_blanks = SubmitField(_l("Submit with blank answers"))
    save = SubmitField(_l("Save my answers"))
