"""Read what a learner answered, decide whether it is right, and choose the order entries are shown in.

Each rule is the question type's own (``domain/question_types``); these functions find the
type by its name, so callers hold plain values: a type name, its key and a response.
"""

from __future__ import annotations

import random
from typing import Any

from quizapp.domain.numbers import parse_learner_number
from quizapp.domain.question_types import TYPES, ReadResponse, Response, ResponseError
from quizapp.domain.question_types.entries import keeps_written_order

__all__ = ["ReadResponse", "Response", "ResponseError", "is_correct", "keeps_written_order",
           "parse_learner_number", "presentation_order", "read_response", "right_answer",
           "shown_entries"]


def shown_entries(question_type: str, key: dict[str, Any]) -> list[str]:
    """The entries a question shows: its choices, its items, or nothing."""
    return TYPES[question_type].shown_entries(key)


def presentation_order(question_type: str, key: dict[str, Any], rng: random.Random) -> list[int]:
    """Positions (into the written list) in the order to show them on one attempt."""
    return TYPES[question_type].presentation_order(key, rng)


def read_response(question_type: str, key: dict[str, Any], shown: list[int],
                  values: list[str]) -> ReadResponse:
    """Read the raw form values of one question, given the order its entries were shown in."""
    return TYPES[question_type].read_response(
        key, shown, [value.strip() for value in values if value.strip()])


def is_correct(question_type: str, key: dict[str, Any], response: Response) -> bool:
    """Decide whether a response is right, by the rules of the bank format."""
    if response is None:
        return False
    kind = TYPES.get(question_type)
    if kind is None:
        raise ValueError(f"unknown question type {question_type!r}")
    return kind.is_correct(key, response)


def right_answer(question_type: str, key: dict[str, Any]) -> Response:
    """The right answer in the same shape as a response, for showing after submission."""
    return TYPES[question_type].right_answer(key)
