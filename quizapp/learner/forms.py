"""The learner's forms. Answers are read by the grading module; these carry CSRF and the buttons."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectChoice, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from quizapp.domain.streak import MAX_GOAL, MIN_GOAL
from quizapp.services.problem_reports import MAX_COMMENT
from quizapp.web.forms import QuizappForm
from quizapp.web.item_words import FLAG_REASON_WORDS


class StartQuizForm(QuizappForm):
    """Starts a new attempt on a bank."""

    start = SubmitField(_l("Start the quiz"))


class DailyGoalForm(QuizappForm):
    """The learner's daily goal: how many questions a day keep their streak going."""

    goal = IntegerField(_l("Questions a day"), validators=[InputRequired(), NumberRange(MIN_GOAL, MAX_GOAL)],
                        render_kw={"inputmode": "numeric", "min": MIN_GOAL, "max": MAX_GOAL})
    save = SubmitField(_l("Set my goal"))


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


class CheckAnswerForm(QuizappForm):
    """One question of a learn-mode attempt: its answer is checked at once."""

    check = SubmitField(_l("Check my answer"))


class WholeQuizForm(QuizappForm):
    """Take a practice or review run on the whole-quiz form, every question at once."""

    submit = SubmitField(_l("Check my answers at the end instead"))


class FlagQuestionForm(QuizappForm):
    """A problem with one question of a result; each question's form has its own prefix."""

    reason = RadioField(_l("What is wrong with this question?"),
                        choices=[SelectChoice(value, words) for value, words in FLAG_REASON_WORDS.items()],
                        validators=[InputRequired()])
    comment = TextAreaField(_l("Anything to add? (optional, at most 500 characters)"),
                            validators=[Optional(), Length(max=MAX_COMMENT)],
                            render_kw={"maxlength": MAX_COMMENT, "rows": 3})
    send = SubmitField(_l("Send the report"))


def flag_form(position: int, formdata: bool = True) -> FlagQuestionForm:
    """The report form of the question at ``position``; its fields' names and ids are its own."""
    prefix = f"flag{position}"
    return FlagQuestionForm(prefix=prefix) if formdata else FlagQuestionForm(prefix=prefix, formdata=None)


_ANSWER_FIELD = re.compile(r"q(\d{1,4})")


def answer_field(position: int) -> str:
    """The form field (and page anchor) of the question at ``position``: ``q3``."""
    return f"q{position}"


def answers_sent(form: Mapping[str, object]) -> dict[int, list[str]]:
    """The values sent for each question's field, by position; other fields are left out."""
    return {int(match.group(1)): form.getlist(name)  # type: ignore[attr-defined]
            for name in form if (match := _ANSWER_FIELD.fullmatch(name))}
