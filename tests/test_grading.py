"""Reading learners' responses and scoring them by the rules of the bank format."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from quizapp.domain.grading import (
    ReadResponse,
    ResponseError,
    is_correct,
    keeps_written_order,
    parse_learner_number,
    presentation_order,
    read_response,
)

SINGLE = {"choices": ["2019", "2020", "2021"], "answer": "2021"}
MULTIPLE = {"choices": ["a", "b", "c", "d"], "answer": ["a", "c"]}
NUMBER = {"answer": "6238", "tolerance": "0", "unit": "BTC"}
ORDER = {"items": ["first", "second", "third"]}


@pytest.mark.parametrize(("typed", "value"), [
    ("7", "7"), ("7.0", "7.0"), (" 7 ", "7"), ("6,238", "6238"), ("1,234,567.5", "1234567.5"),
    ("-3", "-3"), ("\u22123", "-3"), (".5", "0.5"), ("6\u00a0", "6"),
])
def test_learner_numbers_are_read(typed: str, value: str) -> None:
    assert parse_learner_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["", "seven", "6,23", "6,2380", "1.2.3", "7 8", ",", ".", "1e5"])
def test_unreadable_numbers_are_refused(typed: str) -> None:
    assert parse_learner_number(typed) is None


@pytest.mark.parametrize(("key", "response", "right"), [
    (NUMBER, "6238", True),
    (NUMBER, "6238.0", True),
    (NUMBER, "6239", False),
    ({"answer": "6200", "tolerance": "50", "unit": None}, "6250", True),   # tolerance is inclusive
    ({"answer": "6200", "tolerance": "50", "unit": None}, "6150", True),
    ({"answer": "6200", "tolerance": "50", "unit": None}, "6250.01", False),
    ({"answer": "0.3", "tolerance": "0", "unit": None}, "0.30", True),      # no float rounding
    (NUMBER, None, False),
])
def test_number_scoring(key: dict[str, str], response: str | None, right: bool) -> None:
    assert is_correct("number", key, response) is right


@pytest.mark.parametrize(("question_type", "key", "response", "right"), [
    ("single", SINGLE, "2021", True),
    ("single", SINGLE, "2020", False),
    ("multiple", MULTIPLE, ["a", "c"], True),
    ("multiple", MULTIPLE, ["c", "a"], True),
    ("multiple", MULTIPLE, ["a"], False),            # fewer
    ("multiple", MULTIPLE, ["a", "b", "c"], False),  # more
    ("true_false", {"answer": False}, False, True),
    ("true_false", {"answer": False}, True, False),
    ("order", ORDER, ["first", "second", "third"], True),
    ("order", ORDER, ["second", "first", "third"], False),
    ("single", SINGLE, None, False),
])
def test_scoring_by_type(question_type: str, key: dict, response: object, right: bool) -> None:
    assert is_correct(question_type, key, response) is right  # type: ignore[arg-type]


def test_form_values_are_positions_in_the_shown_order() -> None:
    shown = [2, 0, 1]  # shown: 2021, 2019, 2020
    assert read_response("single", SINGLE, shown, ["0"]) == ReadResponse("2021")
    assert read_response("multiple", MULTIPLE, [3, 2, 1, 0], ["1", "3"]) == ReadResponse(["a", "c"])


@pytest.mark.parametrize(("question_type", "key", "values", "error"), [
    ("single", SINGLE, ["7"], ResponseError.UNKNOWN_CHOICE),
    ("single", SINGLE, ["x"], ResponseError.UNKNOWN_CHOICE),
    ("true_false", {"answer": True}, ["maybe"], ResponseError.UNKNOWN_CHOICE),
    ("number", NUMBER, ["lots"], ResponseError.NOT_A_NUMBER),
    ("order", ORDER, ["1", "", "2"], ResponseError.ORDER_INCOMPLETE),
    ("order", ORDER, ["1", "1", "2"], ResponseError.ORDER_REPEATED),
    ("order", ORDER, ["1", "2", "9"], ResponseError.ORDER_INCOMPLETE),
])
def test_unreadable_responses(question_type: str, key: dict, values: list[str],
                              error: ResponseError) -> None:
    assert read_response(question_type, key, [0, 1, 2], values).error is error


@pytest.mark.parametrize(("question_type", "key"), [
    ("single", SINGLE), ("multiple", MULTIPLE), ("true_false", {"answer": True}),
    ("number", NUMBER), ("order", ORDER)])
def test_no_values_is_a_blank_answer(question_type: str, key: dict) -> None:
    read = read_response(question_type, key, [0, 1, 2], ["", " "])
    assert read.blank and read.error is None


def test_order_positions_become_the_learners_sequence() -> None:
    shown = [2, 0, 1]  # third, first, second
    read = read_response("order", ORDER, shown, ["3", "1", "2"])
    assert read.value == ["first", "second", "third"]
    assert is_correct("order", ORDER, read.value)


@pytest.mark.parametrize(("entries", "kept"), [
    (["2019", "2020", "2021"], True),
    (["6,200", "6,238", "6,240"], True),
    (["a", "b", "All of the above"], True),
    (["a", "None of the above"], True),
    (["a", "b", "c"], False),
    (["2021", "never"], False),
])
def test_which_lists_keep_their_written_order(entries: list[str], kept: bool) -> None:
    assert keeps_written_order(entries) is kept


def test_choices_are_shuffled_afresh_but_number_lists_are_not() -> None:
    key = {"choices": [str(n) for n in "abcdefgh"], "answer": "a"}
    orders = {tuple(presentation_order("single", key, random.Random(seed))) for seed in range(20)}
    assert len(orders) > 10
    assert presentation_order("single", SINGLE, random.Random(1)) == [0, 1, 2]


def test_order_items_are_never_shown_in_the_right_order() -> None:
    two = {"items": ["a", "b"]}
    assert all(presentation_order("order", two, random.Random(seed)) == [1, 0] for seed in range(30))
    numbers = {"items": ["1", "2", "3"]}  # even all-number items are shuffled: they are the answer
    assert all(presentation_order("order", numbers, random.Random(seed)) != [0, 1, 2]
               for seed in range(30))


# The limits are the bank format's: 10^15 itself is a number a bank may hold, so learners may type it.
@pytest.mark.parametrize("typed", ["9" * 1_000_000, "1" * 16, "2,000,000,000,000,000", "-2" + "0" * 15,
                                   "1.0000000000000001", "0." + "0" * 60 + "1"])
def test_numbers_past_15_significant_digits_or_10_to_the_15_are_refused(typed: str) -> None:
    assert parse_learner_number(typed) is None


@pytest.mark.parametrize("typed", ["999,999,999,999,999", "-123456789012345", "0.000123456789012345",
                                   "6238.000000", "1,000,000,000,000,000"])
def test_numbers_within_the_limits_are_read(typed: str) -> None:
    assert parse_learner_number(typed) is not None


@pytest.mark.parametrize(("question_type", "key", "values", "error"), [
    ("single", SINGLE, ["\u00b2"], ResponseError.UNKNOWN_CHOICE),
    ("single", SINGLE, ["9" * 5000], ResponseError.UNKNOWN_CHOICE),
    ("multiple", MULTIPLE, ["0", "1" * 5000], ResponseError.UNKNOWN_CHOICE),
    ("order", ORDER, ["\u00b2", "1", "3"], ResponseError.ORDER_INCOMPLETE),
    ("order", ORDER, ["9" * 5000, "1", "3"], ResponseError.ORDER_INCOMPLETE),
    ("number", NUMBER, ["9" * 1_000_000], ResponseError.NOT_A_NUMBER),
])
def test_odd_digits_and_huge_numbers_are_mistakes_to_correct(question_type, key, values, error) -> None:
    shown = list(range(len(key.get("choices", key.get("items", [])))))
    assert read_response(question_type, key, shown, values) == ReadResponse(error=error)
