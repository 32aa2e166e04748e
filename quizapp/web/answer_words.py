"""Answers in words, in the page's language: True and False, a response, why a response was refused."""

from __future__ import annotations

from flask_babel import gettext as _

from quizapp.domain.question_types import TYPES, ResponseError
from quizapp.domain.question_types.true_false import FORM_VALUES


def question_part(question_type: str) -> str:
    """The template part that shows questions of this type and answers to them."""
    return TYPES[question_type].template


def true_false_words(value: object) -> str:
    """True or False, as learners read them."""
    return _("True") if value else _("False")


def true_false_choices() -> list[tuple[str, str]]:
    """The two choices of a true/false question: each form value with its words."""
    return [(value, true_false_words(truth)) for value, truth in FORM_VALUES.items()]


def response_words(response: object) -> str:
    """A stored response as learners gave it: True/False in words, several choices joined."""
    if isinstance(response, bool):
        return true_false_words(response)
    if isinstance(response, list):
        return " | ".join(str(item) for item in response)
    return str(response)


def response_error_words(problem: ResponseError) -> str:
    """What to change in a response that could not be read."""
    if problem is ResponseError.NOT_A_NUMBER:
        return _("Write a number in digits, such as 12 or 3.5; a comma may separate thousands.")
    if problem is ResponseError.ORDER_INCOMPLETE:
        return _("Give every item a position.")
    if problem is ResponseError.ORDER_REPEATED:
        return _("Give each item a different position.")
    return _("Choose one of the answers shown.")


TEMPLATE_GLOBALS = (question_part, true_false_words, true_false_choices, response_words,
                    response_error_words)
