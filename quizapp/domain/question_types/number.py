"""``number``: a number the learner types, right within the bank's tolerance, with an optional unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from quizapp.domain.field_checks import FieldReader, describe, is_null
from quizapp.domain.messages import msg
from quizapp.domain.numbers import (
    MAX_SIGNIFICANT_DIGITS,
    NumberProblem,
    parse_decimal,
    parse_learner_number,
    read_decimal,
)
from quizapp.domain.question_types.base import (
    Key,
    QuestionType,
    ReadResponse,
    Response,
    ResponseError,
    answer_node,
)
from quizapp.domain.yaml_reader import Mapping, Scalar


class Number(QuestionType):
    """The learner types a number; the bank gives the answer, a tolerance and a unit."""

    name = "number"
    bank_keys = ("answer", "tolerance", "unit")

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """The answer and tolerance as exact decimal text (within the format's limits), the unit."""
        found = answer_node(node, reader)
        answer = _read_number(found, reader, "answer") if found else None
        tolerance_found = node.get("tolerance")
        tolerance = _read_number(tolerance_found, reader, "tolerance") if tolerance_found else "0"
        if tolerance is not None and tolerance.startswith("-"):
            reader.problem(reader.line_of(node, "tolerance"),
                           msg("'tolerance' %(value)s must be 0 or more", value=tolerance))
            tolerance = None
        unit = reader.text(node, "unit", required=False, max_length=40)
        if answer is None or tolerance is None:
            return None
        return {"answer": answer, "tolerance": tolerance, "unit": unit}

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """The number typed, as exact decimal text."""
        if not values:
            return ReadResponse()
        number = parse_learner_number(values[0])
        if number is None:
            return ReadResponse(error=ResponseError.NOT_A_NUMBER)
        return ReadResponse(str(number))

    def is_correct(self, key: Key, response: Response) -> bool:
        """Within the tolerance of the answer."""
        given = parse_decimal(str(response))
        if given is None:
            return False
        return abs(given - Decimal(key["answer"])) <= Decimal(key["tolerance"])


def _read_number(found: tuple[Scalar, Any], reader: FieldReader, key: str) -> str | None:
    key_node, value = found
    text = value.text if isinstance(value, Scalar) and not is_null(value) else None
    number = read_decimal(text) if text is not None else NumberProblem.NOT_A_NUMBER
    if number is NumberProblem.TOO_PRECISE:
        reader.problem(key_node.line, msg("%(key)r has more than %(limit)d significant digits: "
                                          "round it, and give a tolerance if learners may round "
                                          "too", key=key, limit=MAX_SIGNIFICANT_DIGITS))
        return None
    if number is NumberProblem.OUT_OF_RANGE:
        reader.problem(key_node.line, msg("%(key)r must lie between -10^15 and 10^15: give it "
                                          "in a larger unit (billions instead of units, say)",
                                          key=key))
        return None
    if not isinstance(number, Decimal):
        shown = (repr(_shortened(text)) if text is not None
                 else describe(value) if not is_null(value) else msg("empty"))
        hint = msg(" (write it without thousands commas, such as 6238)") if text and "," in text else ""
        reader.problem(key_node.line, msg("%(key)r must be a number, not %(found)s%(hint)s",
                                          key=key, found=shown, hint=hint))
        return None
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def _shortened(text: str, limit: int = 60) -> str:
    """Enough of a long value to recognise it in a message, without copying all of it."""
    return text if len(text) <= limit else text[:limit] + "…"
