"""Numbers as teachers and learners write them, within the bank format's limits.

A number has at most 15 significant digits and lies between -10^15 and 10^15. Text is
checked for length and shape before Decimal sees it, so ``1e999999999`` or a
million-digit answer costs no more than reading it.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal, InvalidOperation

NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,6})?")
MAX_SIGNIFICANT_DIGITS = 15
MAX_MAGNITUDE = Decimal(10) ** 15
# Room for 15 digits, a sign, a point, leading zeros of a small fraction and an exponent.
MAX_NUMBER_TEXT = 64


class NumberProblem(enum.Enum):
    """Why a text is not a number the format accepts."""

    NOT_A_NUMBER = "not_a_number"
    TOO_PRECISE = "too_precise"
    OUT_OF_RANGE = "out_of_range"


def read_decimal(text: str) -> Decimal | NumberProblem:
    """Parse a number as YAML writes one (``7``, ``-2.5``, ``1e3``), or say why it is refused."""
    text = text.strip().replace("_", "")
    if len(text) > MAX_NUMBER_TEXT * 4 or not NUMBER.fullmatch(text):
        return NumberProblem.NOT_A_NUMBER
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        return NumberProblem.NOT_A_NUMBER
    digits = number.as_tuple().digits
    first = next((i for i, digit in enumerate(digits) if digit), len(digits))
    last = next((i for i in range(len(digits) - 1, -1, -1) if digits[i]), -1)
    if last - first + 1 > MAX_SIGNIFICANT_DIGITS:
        return NumberProblem.TOO_PRECISE
    if number and (number.adjusted() > 15 or abs(number) > MAX_MAGNITUDE):
        return NumberProblem.OUT_OF_RANGE
    return number


def parse_decimal(text: str) -> Decimal | None:
    """The number ``text`` writes, or None when it is not one within the limits."""
    number = read_decimal(text)
    return number if isinstance(number, Decimal) else None


_LEARNER_NUMBER = re.compile(r"[-+\u2212]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?")
# Longer text is refused before any parsing, so it costs nothing; the limits above apply too.
MAX_LEARNER_NUMBER_TEXT = 48


def parse_learner_number(text: str) -> Decimal | None:
    """Read a number as learners type it: ``7``, ``7.0``, `` 7 ``, ``6,238`` (thousands commas)."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if not text or len(text) > MAX_LEARNER_NUMBER_TEXT:
        return None
    if not _LEARNER_NUMBER.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    return parse_decimal(text.replace(",", "").replace("\u2212", "-"))
