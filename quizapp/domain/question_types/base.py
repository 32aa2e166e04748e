"""What every question type states: how it is read from a bank, shown, read back, graded and analysed.

A response is a plain value: the chosen text (single), a list of texts (multiple, and order
in the learner's order), a bool (true_false) or a number's text (number). Form fields carry
positions in the order shown, never positions in the file, so the page gives nothing away
about which entry the teacher wrote first.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.domain.field_checks import FieldReader
from quizapp.domain.messages import msg
from quizapp.domain.yaml_reader import Mapping

Response = str | bool | list[str] | None
Key = dict[str, Any]


class ResponseError(enum.Enum):
    """Why a learner's response cannot be read; the edge turns these into words."""

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


@dataclass(frozen=True)
class AnalysedChoices:
    """The choices item analysis counts for a question, in the bank's order, and the right ones."""

    choices: list[str | bool]
    right: list[str | bool]


class QuestionType:
    """One type of question. A new type is a subclass in a module of its own, listed in the
    registry (``question_types/__init__.py``), with its template part
    ``templates/questions/<name>.html``."""

    name: ClassVar[str]
    bank_keys: ClassVar[tuple[str, ...]]  # the keys a bank gives beside the common ones
    entry_key: ClassVar[str | None] = None  # the list a translation renders, in the bank's order
    counts_choices: ClassVar[bool] = False  # item analysis counts how often each choice is picked
    flags_unchosen: ClassVar[bool] = False  # item analysis: a wrong choice no one picked

    @property
    def template(self) -> str:
        """The template part that shows a question of this type and an answer to it."""
        return f"questions/{self.name}.html"

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """The type's keys of a bank question, checked; None when a problem was reported."""
        raise NotImplementedError

    def shown_entries(self, key: Key) -> list[str]:
        """The entries a question shows: its choices, its items, or nothing."""
        return list(key[self.entry_key]) if self.entry_key else []

    def presentation_order(self, key: Key, rng: random.Random) -> list[int]:
        """Positions (into the written list) in the order to show them on one attempt."""
        return list(range(len(self.shown_entries(key))))

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """Read the form's values (stripped, blanks left out) given the order entries were shown in."""
        raise NotImplementedError

    def is_correct(self, key: Key, response: Response) -> bool:
        """Whether a response (never None here) is right, by the rules of the bank format."""
        raise NotImplementedError

    def right_answer(self, key: Key) -> Response:
        """The right answer in the same shape as a response, for showing after submission."""
        return key["answer"]  # type: ignore[no-any-return]

    def analysed_choices(self, key: Key) -> AnalysedChoices:
        """The choices item analysis counts (for a type that ``counts_choices``)."""
        return AnalysedChoices([], [])

    def translated(self, key: Key, response: Response, entries: list[str]) -> Response:
        """A response or right answer with each chosen entry in a translation's ``entries``."""
        return response


def small_number(value: str) -> int | None:
    """A form's index or position: ASCII digits only ('²' is a digit to Python), a few of them."""
    if value.isascii() and value.isdigit() and len(value) <= 4:
        return int(value)
    return None


def answer_node(node: Mapping, reader: FieldReader) -> tuple[Any, Any] | None:
    """The ``answer`` key and its value; reported when missing."""
    return reader.find(node, "answer", required=True,
                       missing=msg("the key 'answer' is missing: add the right answer"))
