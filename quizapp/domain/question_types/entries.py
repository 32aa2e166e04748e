"""What the types with a list of entries share: choices (single, multiple) and items (order)."""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

from quizapp.domain.field_checks import FieldReader
from quizapp.domain.messages import msg
from quizapp.domain.numbers import parse_learner_number
from quizapp.domain.question_types.base import Key, QuestionType, Response, small_number
from quizapp.domain.yaml_reader import Mapping, Scalar, Sequence

MIN_ENTRIES, MAX_ENTRIES = 2, 8
_KEEPS_WRITTEN_ORDER = ("all of the above", "none of the above")


def keeps_written_order(entries: list[str]) -> bool:
    """True for lists the bank format shows as written: all numbers, or with 'all/none of the above'."""
    if all(parse_learner_number(entry) is not None for entry in entries):
        return True
    return any(entry.strip().lower() in _KEEPS_WRITTEN_ORDER for entry in entries)


class ChoiceType(QuestionType):
    """A question whose learner picks among written choices (shuffled unless the list says not)."""

    entry_key = "choices"
    bank_keys = ("choices", "answer")
    counts_choices = True
    flags_unchosen = True

    def presentation_order(self, key: Key, rng: random.Random) -> list[int]:
        """Shuffled, except lists that keep their written order."""
        entries = self.shown_entries(key)
        order = list(range(len(entries)))
        if not keeps_written_order(entries):
            rng.shuffle(order)
        return order

    def translated(self, key: Key, response: Response, entries: list[str]) -> Response:
        """Each chosen choice in the translation's words."""
        by_original = _by_original(self.shown_entries(key), entries)
        if by_original is None or response is None:
            return response
        if isinstance(response, list):
            return [by_original.get(entry, entry) for entry in response]
        return by_original.get(response, response) if isinstance(response, str) else response


def shown_choice(entries: list[str], shown: list[int], value: str) -> str | None:
    """The choice a form value names by its shown position; None for one not shown."""
    index = small_number(value)
    return entries[shown[index]] if index is not None and index < len(shown) else None


def _by_original(originals: list[str], entries: list[str]) -> dict[str, str] | None:
    if not entries or len(entries) != len(originals):
        return None
    return dict(zip(originals, entries, strict=True))


def translated_list(originals: list[str], response: Response, entries: list[str]) -> Response:
    """A list response (order's items) in the translation's words."""
    by_original = _by_original(originals, entries)
    if by_original is None or not isinstance(response, list):
        return response
    return [by_original.get(entry, entry) for entry in response]


def read_entries(node: Mapping, reader: FieldReader, key: str) -> list[str] | None:
    """A bank question's list of choices or items, checked: 2 to 8, all different."""
    entries = reader.text_list(node, key, required=True)
    if entries is None:
        return None
    written = node.get(key)
    if written is not None and isinstance(written[1], Sequence) and len(written[1].items) != len(entries):
        return None  # the bad entries are reported already; counting them would mislead
    line = reader.line_of(node, key)
    if written is not None and _split_number(written[1]):
        reader.problem(line, msg("in %(key)r written as [a, b], every comma starts a new entry, "
                                 "so a number such as 6,200 became two: put each entry on its own "
                                 "line ('- 6,200') or in quotes", key=key))
        return None
    if not MIN_ENTRIES <= len(entries) <= MAX_ENTRIES:
        reader.problem(line, msg("%(key)r has %(count)d entries: write from %(least)d to "
                                 "%(most)d", key=key, count=len(entries), least=MIN_ENTRIES,
                                 most=MAX_ENTRIES))
        return None
    first_line: dict[str, int] = {}
    for entry in entries:
        if entry.text in first_line:
            reader.problem(entry.line, msg("%(entry)r is already in %(key)r on line %(line)d: "
                                           "every entry must be different", entry=entry.text,
                                           key=key, line=first_line[entry.text]))
            return None
        first_line[entry.text] = entry.line
    return [entry.text for entry in entries]


def _split_number(node: Any) -> bool:
    """True when a [a, b] list holds an entry ending in a digit followed by one of 3 digits."""
    if not isinstance(node, Sequence) or not node.flow:
        return False
    texts = [item.text for item in node.items if isinstance(item, Scalar)]
    return any(before[-1:].isdigit() and re.match(r"\d{3}(\D|$)", after)
               for before, after in itertools.pairwise(texts))
