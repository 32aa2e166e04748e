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

