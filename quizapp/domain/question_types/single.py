"""``single``: one right choice among 2 to 8."""

from __future__ import annotations

from quizapp.domain.field_checks import FieldReader, describe
from quizapp.domain.messages import msg
from quizapp.domain.question_types.base import (
    AnalysedChoices,
    Key,
    ReadResponse,
    Response,
    ResponseError,
    answer_node,
)
from quizapp.domain.question_types.entries import ChoiceType, read_entries, shown_choice
from quizapp.domain.yaml_reader import Mapping, Scalar, Sequence


class Single(ChoiceType):
    """One right choice; the learner picks one."""

    name = "single"

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """The choices and the one right answer, which must be one of them."""
        choices = read_entries(node, reader, "choices")
        found = answer_node(node, reader)
        if found is None or choices is None:
            return None
        key_node, value = found
        if isinstance(value, Sequence):
            reader.problem(key_node.line, msg("a single question has one answer, not a list: "
                                              "write one of the choices, or use type: multiple"))
            return None
        if not isinstance(value, Scalar) or value.text not in choices:
            shown = repr(value.text) if isinstance(value, Scalar) else describe(value)
            reader.problem(key_node.line, msg("the answer %(answer)s is not one of the choices: "
                                              "copy it exactly from the list of choices",
                                              answer=shown))
            return None
        return {"choices": choices, "answer": value.text}

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """The choice at the first value's shown position."""
        picked = [shown_choice(self.shown_entries(key), shown, value) for value in values]
        if None in picked:
            return ReadResponse(error=ResponseError.UNKNOWN_CHOICE)
        return ReadResponse(picked[0] if picked else None)

    def is_correct(self, key: Key, response: Response) -> bool:
        """The right choice."""
        return response == key["answer"]

    def analysed_choices(self, key: Key) -> AnalysedChoices:
        """Every choice, the answer right."""
        return AnalysedChoices(list(key["choices"]), [key["answer"]])
