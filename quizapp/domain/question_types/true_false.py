"""``true_false``: a statement that is true or false."""

from __future__ import annotations

from quizapp.domain.field_checks import FieldReader, describe
from quizapp.domain.messages import msg
from quizapp.domain.question_types.base import (
    AnalysedChoices,
    Key,
    QuestionType,
    ReadResponse,
    Response,
    ResponseError,
    answer_node,
)
from quizapp.domain.yaml_reader import Mapping, Scalar

FORM_VALUES = {"true": True, "false": False}


class TrueFalse(QuestionType):
    """The learner says whether the prompt is true."""

    name = "true_false"
    bank_keys = ("answer",)
    counts_choices = True

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """``answer: true`` or ``answer: false``, without quotes."""
        found = answer_node(node, reader)
        if found is None:
            return None
        key_node, value = found
        if isinstance(value, Scalar) and value.plain and value.text.lower() in FORM_VALUES:
            return {"answer": FORM_VALUES[value.text.lower()]}
        shown = repr(value.text) if isinstance(value, Scalar) else describe(value)
        reader.problem(key_node.line, msg("the answer of a true_false question must be true or "
                                          "false (without quotes), not %(found)s", found=shown))
        return None

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """``true`` or ``false`` as a bool."""
        if not values:
            return ReadResponse()
        if values[0] not in FORM_VALUES:
            return ReadResponse(error=ResponseError.UNKNOWN_CHOICE)
        return ReadResponse(FORM_VALUES[values[0]])

    def is_correct(self, key: Key, response: Response) -> bool:
        """The right one of true and false."""
        return response == key["answer"]

    def analysed_choices(self, key: Key) -> AnalysedChoices:
        """True and False."""
        return AnalysedChoices([True, False], [key["answer"]])
