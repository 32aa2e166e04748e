"""``order``: 2 to 8 items to put in their right order, written in that order in the bank."""

from __future__ import annotations

import random

from quizapp.domain.field_checks import FieldReader
from quizapp.domain.question_types.base import (
    Key,
    QuestionType,
    ReadResponse,
    Response,
    ResponseError,
    small_number,
)
from quizapp.domain.question_types.entries import read_entries, translated_list
from quizapp.domain.yaml_reader import Mapping


class Order(QuestionType):
    """The learner gives each item its position."""

    name = "order"
    bank_keys = ("items",)
    entry_key = "items"

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """The items, in their right order."""
        items = read_entries(node, reader, "items")
        return None if items is None else {"items": items}

    def presentation_order(self, key: Key, rng: random.Random) -> list[int]:
        """Shuffled, never in the right order (it would answer itself)."""
        order = list(range(len(key["items"])))
        rng.shuffle(order)
        if order == sorted(order) and len(order) > 1:
            order = order[1:] + order[:1]
        return order

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """A position per shown item, in shown order: the items in the learner's order."""
        if not values:
            return ReadResponse()
        positions: list[int] = []
        for value in values:
            position = small_number(value)
            if position is None or not 1 <= position <= len(shown):
                return ReadResponse(error=ResponseError.ORDER_INCOMPLETE)
            positions.append(position)
        if len(positions) != len(shown):
            return ReadResponse(error=ResponseError.ORDER_INCOMPLETE)
        if len(set(positions)) != len(positions):
            return ReadResponse(error=ResponseError.ORDER_REPEATED)
        items = key["items"]
        return ReadResponse([items[index] for _, index in sorted(zip(positions, shown, strict=True))])

    def is_correct(self, key: Key, response: Response) -> bool:
        """The items in the bank's order."""
        return response == key["items"]

    def right_answer(self, key: Key) -> Response:
        """The items in their right order."""
        return list(key["items"])

    def translated(self, key: Key, response: Response, entries: list[str]) -> Response:
        """Each item in the translation's words."""
        return translated_list(key["items"], response, entries)
