"""``multiple``: every right choice among 2 to 8, one or more."""

from __future__ import annotations

from quizapp.domain.field_checks import FieldReader
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
from quizapp.domain.yaml_reader import Mapping, Sequence


class Multiple(ChoiceType):
    """One or more right choices; the learner picks every right one."""

    name = "multiple"

    def read_key(self, node: Mapping, reader: FieldReader) -> Key | None:
        """The choices and the list of right ones, each one of them, none twice."""
        choices = read_entries(node, reader, "choices")
        found = answer_node(node, reader)
        if found is None or choices is None:
            return None
        key_node, value = found
        if not isinstance(value, Sequence):
            reader.problem(key_node.line, msg("a multiple question's answer must be a list of the "
                                              "right choices (- ...), even when only one is right"))
            return None
        answers = reader.text_list(node, "answer", required=True) or []
        if len(answers) != len(value.items):
            return None
        if not answers:
            reader.problem(key_node.line, msg("the answer list is empty: list the right choices"))
            return None
        picked: list[str] = []
        for entry in answers:
            if entry.text not in choices:
                reader.problem(entry.line, msg("the answer %(answer)s is not one of the choices: "
                                               "copy it exactly from the list of choices",
                                               answer=repr(entry.text)))
            elif entry.text in picked:
                reader.problem(entry.line, msg("the answer %(answer)r is listed twice: keep it "
                                               "once", answer=entry.text))
            else:
                picked.append(entry.text)
        if len(picked) != len(answers):
            return None
        return {"choices": choices, "answer": picked}

    def read_response(self, key: Key, shown: list[int], values: list[str]) -> ReadResponse:
        """The choices picked, in the bank's order."""
        entries = self.shown_entries(key)
        picked = [shown_choice(entries, shown, value) for value in values]
        if None in picked:
            return ReadResponse(error=ResponseError.UNKNOWN_CHOICE)
        return ReadResponse([entry for entry in entries if entry in picked])

    def is_correct(self, key: Key, response: Response) -> bool:
        """Exactly the right choices, in any order."""
        return isinstance(response, list) and set(response) == set(key["answer"])

    def analysed_choices(self, key: Key) -> AnalysedChoices:
        """Every choice, the answers right."""
        return AnalysedChoices(list(key["choices"]), list(key["answer"]))
