"""Read what a learner answered, decide whether it is right, and choose the order choices are shown in.

A response is a plain value: the chosen text (single), a list of texts (multiple,
and order in the learner's order), a bool (true_false) or a number's text (number).
Form fields carry positions in the order shown, never positions in the file, so
the page gives nothing away about which entry the teacher wrote first.
"""

from __future__ import annotations

import enum
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from quizapp.domain.numbers import parse_decimal

Response = str | bool | list[str] | None

_LEARNER_NUMBER = re.compile(r"[-+\u2212]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?")
# Longer text is refused before any parsing, so it costs nothing; the format's limits
# (15 significant digits, within ±10^15) are domain.numbers', the same as for banks.
MAX_NUMBER_TEXT = 48
_KEEPS_WRITTEN_ORDER = ("all of the above", "none of the above")


class ResponseError(enum.Enum):
    """Why a learner's response cannot be read; the view turns these into words."""

    NOT_A_NUMBER = "not_a_number"
    ORDER_INCOMPLETE = "order_incomplete"
    ORDER_REPEATED = "order_repeated"
    UNKNOWN_CHOICE = "unknown_choice"


@dataclass(frozen=True)
class ReadResponse:
    """A response read from a form: the value (None when blank) or why it could not be read."""

    value: Response = None
    error: ResponseError | None = None

    @property
    def blank(self) -> bool:
        """True when the learner gave no answer at all."""
        return self.error is None and self.value in (None, [])


def parse_learner_number(text: str) -> Decimal | None:
    """Read a number as learners type it: ``7``, ``7.0``, `` 7 ``, ``6,238`` (thousands commas)."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if not text or len(text) > MAX_NUMBER_TEXT:
        return None
    if not _LEARNER_NUMBER.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    return parse_decimal(text.replace(",", "").replace("\u2212", "-"))


def shown_entries(question_type: str, key: dict[str, Any]) -> list[str]:
    """The entries a question shows: its choices, its items, or nothing."""
    if question_type in ("single", "multiple"):
        return list(key["choices"])
    if question_type == "order":
        return list(key["items"])
    return []


def keeps_written_order(entries: list[str]) -> bool:
    """True for lists the bank format shows as written: all numbers, or with 'all/none of the above'."""
    if all(parse_learner_number(entry) is not None for entry in entries):
        return True
    return any(entry.strip().lower() in _KEEPS_WRITTEN_ORDER for entry in entries)


def presentation_order(question_type: str, key: dict[str, Any], rng: random.Random) -> list[int]:
    """Positions (into the written list) in the order to show them on one attempt."""
    entries = shown_entries(question_type, key)
    order = list(range(len(entries)))
    if question_type != "order" and keeps_written_order(entries):
        return order
    rng.shuffle(order)
    if question_type == "order" and order == sorted(order) and len(order) > 1:
        # Shown in the right order, an order question would answer itself.
        order = order[1:] + order[:1]
    return order


def read_response(question_type: str, key: dict[str, Any], shown: list[int],
                  values: list[str]) -> ReadResponse:
    """Read the raw form values of one question, given the order its entries were shown in."""
    values = [value.strip() for value in values if value.strip()]
    entries = shown_entries(question_type, key)

    def entry_at(value: str) -> str | None:
        index = _small_number(value)
        return entries[shown[index]] if index is not None and index < len(shown) else None

    if question_type == "true_false":
        if not values:
            return ReadResponse()
        if values[0] not in ("true", "false"):
            return ReadResponse(error=ResponseError.UNKNOWN_CHOICE)
        return ReadResponse(values[0] == "true")
    if question_type == "number":
        if not values:
            return ReadResponse()
        number = parse_learner_number(values[0])
        if number is None:
            return ReadResponse(error=ResponseError.NOT_A_NUMBER)
        return ReadResponse(str(number))
    if question_type == "order":
        return _read_order(values, entries, shown)
    picked = [entry_at(value) for value in values]
    if None in picked:
        return ReadResponse(error=ResponseError.UNKNOWN_CHOICE)
    if question_type == "single":
        return ReadResponse(picked[0] if picked else None)
    return ReadResponse([entry for entry in entries if entry in picked])


def _small_number(value: str) -> int | None:
    """A form's index or position: ASCII digits only ('²' is a digit to Python), a few of them."""
    if value.isascii() and value.isdigit() and len(value) <= 4:
        return int(value)
    return None


def _read_order(values: list[str], entries: list[str], shown: list[int]) -> ReadResponse:
    """Order values are 'position' per shown item, in shown order; blank when none is chosen."""
    if not values:
        return ReadResponse()
    positions: list[int] = []
    for value in values:
        position = _small_number(value)
        if position is None or not 1 <= position <= len(shown):
            return ReadResponse(error=ResponseError.ORDER_INCOMPLETE)
        positions.append(position)
    if len(positions) != len(shown):
        return ReadResponse(error=ResponseError.ORDER_INCOMPLETE)
    if len(set(positions)) != len(positions):
        return ReadResponse(error=ResponseError.ORDER_REPEATED)
    placed = sorted(zip(positions, shown, strict=True))
    return ReadResponse([entries[index] for _, index in placed])


def is_correct(question_type: str, key: dict[str, Any], response: Response) -> bool:
    """Decide whether a response is right, by the rules of the bank format."""
    if response is None:
        return False
    if question_type in ("single", "true_false"):
        return response == key["answer"]
    if question_type == "multiple":
        return isinstance(response, list) and set(response) == set(key["answer"])
    if question_type == "order":
        return response == key["items"]
    if question_type == "number":
        given = parse_decimal(str(response))
        if given is None:
            return False
        return abs(given - Decimal(key["answer"])) <= Decimal(key["tolerance"])
    raise ValueError(f"unknown question type {question_type!r}")


def right_answer(question_type: str, key: dict[str, Any]) -> Response:
    """The right answer in the same shape as a response, for showing after submission."""
    if question_type == "order":
        return list(key["items"])
    return key["answer"]  # type: ignore[no-any-return]
