"""Numbers within the bank format's limits: worked examples of what is read and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from quizapp.domain.numbers import NumberProblem, parse_decimal, read_decimal


@pytest.mark.parametrize(("text", "expected"), [
    ("7", Decimal(7)), (" -2.5 ", Decimal("-2.5")), ("1e3", Decimal(1000)), ("6_238", Decimal(6238)),
    ("999999999999999", Decimal("999999999999999")), ("1e15", Decimal(10) ** 15),
    (".5", Decimal("0.5")),
])
def test_numbers_within_the_limits_are_read(text: str, expected: Decimal) -> None:
    assert read_decimal(text) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("many", NumberProblem.NOT_A_NUMBER), ("²", NumberProblem.NOT_A_NUMBER),
    ("1e999999999", NumberProblem.NOT_A_NUMBER), ("9" * 5000, NumberProblem.NOT_A_NUMBER),
    ("1234567890123456", NumberProblem.TOO_PRECISE), ("0.1234567890123456", NumberProblem.TOO_PRECISE),
    ("1e16", NumberProblem.OUT_OF_RANGE), ("-2e15", NumberProblem.OUT_OF_RANGE),
    ("1e999999", NumberProblem.OUT_OF_RANGE),
])
def test_numbers_past_the_limits_say_why(text: str, problem: NumberProblem) -> None:
    assert read_decimal(text) is problem
    assert parse_decimal(text) is None
