"""Question banks: parse a bank file and check it against the bank format, reporting every mistake."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from quizapp.domain.field_checks import FieldReader, describe, is_null
from quizapp.domain.messages import Message, msg
from quizapp.domain.numbers import MAX_SIGNIFICANT_DIGITS, NumberProblem, read_decimal
from quizapp.domain.problems import Problem
from quizapp.domain.yaml_reader import (
    Mapping,
    Scalar,
    Sequence,
    YamlProblem,
    decode_text,
    read_yaml,
)

QUESTION_TYPES = ("single", "multiple", "true_false", "number", "order")
DIFFICULTIES = ("easy", "medium", "hard")
BANK_KEYS = ("bank", "title", "description", "language", "tags", "questions")
COMMON_KEYS = ("id", "type", "prompt", "explanation", "cite", "points", "difficulty", "tags")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("choices", "answer"),
    "multiple": ("choices", "answer"),
    "true_false": ("answer",),
    "number": ("answer", "tolerance", "unit"),
    "order": ("items",),
}
ALL_TYPE_KEYS = ("choices", "answer", "tolerance", "unit", "items")
CITATION_KEYS = ("source", "quote")
MAX_TITLE_LENGTH = 120
MIN_ENTRIES, MAX_ENTRIES = 2, 8
MAX_POINTS = 100
# The format's limits: a citation points at a passage, not at the article.
MAX_QUOTE_LENGTH = 600
MAX_QUESTIONS = 500


@dataclass(frozen=True)
class Citation:
    """A passage quoted from a source article as evidence for an answer."""

    source: str
    quote: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Question:
    """One checked question; ``key`` holds its type's keys as plain JSON values."""

    id: str
    type: str
    prompt: str
    explanation: str
    citations: tuple[Citation, ...]
    key: dict[str, Any]
    points: int = 1
    difficulty: str | None = None
    tags: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)

    def content(self) -> dict[str, Any]:
        """Everything a learner sees or is scored on; any change to it makes a new version."""
        return {
            "type": self.type,
            "prompt": self.prompt,
            "explanation": self.explanation,
            "citations": [{"source": c.source, "quote": c.quote} for c in self.citations],
            "key": self.key,
            "points": self.points,
            "difficulty": self.difficulty,
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Bank:
    """A checked bank of questions."""

    id: str
    title: str
    questions: tuple[Question, ...]
    description: str | None = None
    language: str = "en"
    tags: tuple[str, ...] = ()
    line: int = field(default=1, compare=False)


# Given a citation's source and quote, says which of the two is wrong and why, or None.
CitationCheck = Callable[[str, str], tuple[str, Message] | None]


def parse_bank(path: str, fallback_id: str, data: bytes,
               check_citation: CitationCheck | None = None) -> tuple[Bank | None, list[Problem]]:
    """Parse and check one bank file; the bank is None if anything at all is wrong."""
    problems: list[Problem] = []
    reader = FieldReader(path, fallback_id, problems)
    reader.check_citation = check_citation
    try:
        root = read_yaml(decode_text(data))
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None, problems
    if not isinstance(root, Mapping):
        reader.problem(root.line, msg("a bank must be a mapping of keys (bank:, title:, "
                                      "questions:), not %(found)s", found=describe(root)))
        return None, problems

    bank_id = reader.identifier(root, "bank", msg("the bank id"))
    if bank_id is not None:
        reader.subject = bank_id
    reader.check_keys(root, BANK_KEYS, msg("a bank"), misplaced={
        key: msg("%(key)r belongs to a question, not to the bank: move it into a question", key=key)
        for key in (*COMMON_KEYS, *ALL_TYPE_KEYS) if key not in BANK_KEYS
    })
    title = reader.text(root, "title", required=True, max_length=MAX_TITLE_LENGTH)
    description = reader.text(root, "description", required=False)
    language = reader.language(root)
    tags = reader.tags(root)
    questions = _read_questions(root, reader)
    if problems or bank_id is None or title is None:
        return None, problems
    bank = Bank(bank_id, title, tuple(questions), description, language, tags,
                reader.line_of(root, "bank"))
    return bank, problems


def _read_questions(root: Mapping, reader: FieldReader) -> list[Question]:
    found = reader.question_list(root, msg("the key 'questions' is missing: add a list of questions"))
    if found is None:
        return []
    key_node, value = found
    if not value.items:
        reader.problem(key_node.line, msg("'questions' is empty: write at least one question"))
        return []
    if len(value.items) > MAX_QUESTIONS:
        reader.problem(key_node.line, msg("the bank has %(count)d questions: a bank may have at "
                                          "most %(limit)d, so split it into two banks",
                                          count=len(value.items), limit=MAX_QUESTIONS))
        return []
    questions: list[Question] = []
    seen: dict[str, int] = {}
    bank_subject = reader.subject
    for number, node in enumerate(value.items, start=1):
        question_reader = FieldReader(reader.path, f"{bank_subject}/#{number}", reader.problems)
        question_reader.check_citation = reader.check_citation
        question = _read_question(node, question_reader, seen)
        if question is not None:
            questions.append(question)
    return questions


def _read_question(node: Any, reader: FieldReader, seen: dict[str, int]) -> Question | None:
    if not isinstance(node, Mapping):
        reader.problem(node.line, msg("each question must be a mapping of keys (id:, type:, "
                                      "...), not %(found)s", found=describe(node)))
        return None
    before = len(reader.problems)
    bank_subject = reader.subject.rsplit("/", 1)[0]
    question_id = reader.identifier(node, "id", msg("the question id"))
    if question_id is not None:
        reader.subject = f"{bank_subject}/{question_id}"
        if question_id in seen:
            reader.problem(reader.line_of(node, "id"),
                           msg("the id %(id)r is already used on line %(line)d: give each "
                               "question of a bank its own id", id=question_id,
                               line=seen[question_id]))
        else:
            seen[question_id] = reader.line_of(node, "id")

    question_type = _read_type(node, reader)
    allowed = (*COMMON_KEYS, *TYPE_KEYS.get(question_type or "", ALL_TYPE_KEYS))
    reader.check_keys(node, allowed, msg("a question"), misplaced={
        key: msg("%(key)r does not belong to a %(type)s question: remove it", key=key,
                 type=question_type)
        for key in ALL_TYPE_KEYS
    } if question_type else None)
    prompt = reader.text(node, "prompt", required=True)
    explanation = reader.text(node, "explanation", required=True)
    citations = _read_citations(node, reader)
    points = _read_points(node, reader)
    difficulty = _read_difficulty(node, reader)
    tags = reader.tags(node)
    key = _KEY_READERS[question_type](node, reader) if question_type else None

    if len(reader.problems) > before or None in (question_id, prompt, explanation, key):
        return None
    assert question_id and question_type and prompt and explanation and key is not None
    return Question(question_id, question_type, prompt, explanation, tuple(citations), key,
                    points, difficulty, tags, node.line)


def _read_type(node: Mapping, reader: FieldReader) -> str | None:
    value = reader.text(node, "type", required=True)
    if value is None:
        return None
    if value not in QUESTION_TYPES:
        reader.problem(reader.line_of(node, "type"),
                       msg("unknown type %(value)r: use one of %(types)s", value=value,
                           types=", ".join(QUESTION_TYPES)))
        return None
    return value


def _read_points(node: Mapping, reader: FieldReader) -> int:
    value = reader.text(node, "points", required=False)
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit() and len(value) <= 3 and 1 <= int(value) <= MAX_POINTS):
        reader.problem(reader.line_of(node, "points"),
                       msg("'points' %(value)r must be a whole number from 1 to %(limit)d",
                           value=value, limit=MAX_POINTS))
        return 1
    return int(value)


def _read_difficulty(node: Mapping, reader: FieldReader) -> str | None:
    value = reader.text(node, "difficulty", required=False)
    if value is not None and value not in DIFFICULTIES:
        reader.problem(reader.line_of(node, "difficulty"),
                       msg("'difficulty' %(value)r must be one of %(allowed)s", value=value,
                           allowed=", ".join(DIFFICULTIES)))
        return None
    return value


def _read_citations(node: Mapping, reader: FieldReader) -> list[Citation]:
    found = reader.find(node, "cite", required=True,
                        missing=msg("the key 'cite' is missing: quote the passage of an article "
                                    "that supports the answer (cite: - source: ... quote: ...)"))
    if found is None:
        return []
    key_node, value = found
    if not isinstance(value, Sequence) or not value.items:
        what = msg("empty") if isinstance(value, Sequence) else describe(value)
        reader.problem(key_node.line, msg("'cite' must be a list of at least one citation "
                                          "(- source: ... quote: ...), not %(found)s", found=what))
        return []
    citations: list[Citation] = []
    for entry in value.items:
        if not isinstance(entry, Mapping):
            reader.problem(entry.line, msg("each citation must have 'source:' and 'quote:' keys, "
                                           "not be %(found)s", found=describe(entry)))
            continue
        reader.check_keys(entry, CITATION_KEYS, msg("a citation"))
        source = reader.identifier(entry, "source", msg("the source"))
        quote = reader.text(entry, "quote", required=True, max_length=MAX_QUOTE_LENGTH)
        if source is None or quote is None:
            continue
        verdict = reader.check_citation(source, quote) if reader.check_citation else None
        if verdict is not None:
            wrong_key, message = verdict
            reader.problem(reader.line_of(entry, wrong_key), message)
        citations.append(Citation(source, quote, reader.line_of(entry, "quote")))
    return citations


def _read_entries(node: Mapping, reader: FieldReader, key: str) -> list[str] | None:
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


def _answer(node: Mapping, reader: FieldReader) -> tuple[Scalar, Any] | None:
    return reader.find(node, "answer", required=True,
                       missing=msg("the key 'answer' is missing: add the right answer"))


def _single_key(node: Mapping, reader: FieldReader) -> dict[str, Any] | None:
    choices = _read_entries(node, reader, "choices")
    found = _answer(node, reader)
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
                                          "copy it exactly from the list of choices", answer=shown))
        return None
    return {"choices": choices, "answer": value.text}


def _multiple_key(node: Mapping, reader: FieldReader) -> dict[str, Any] | None:
    choices = _read_entries(node, reader, "choices")
    found = _answer(node, reader)
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
            reader.problem(entry.line, msg("the answer %(answer)r is listed twice: keep it once",
                                           answer=entry.text))
        else:
            picked.append(entry.text)
    if len(picked) != len(answers):
        return None
    return {"choices": choices, "answer": picked}


def _true_false_key(node: Mapping, reader: FieldReader) -> dict[str, Any] | None:
    found = _answer(node, reader)
    if found is None:
        return None
    key_node, value = found
    if isinstance(value, Scalar) and value.plain and value.text.lower() in ("true", "false"):
        return {"answer": value.text.lower() == "true"}
    shown = repr(value.text) if isinstance(value, Scalar) else describe(value)
    reader.problem(key_node.line, msg("the answer of a true_false question must be true or false "
                                      "(without quotes), not %(found)s", found=shown))
    return None


def _number_key(node: Mapping, reader: FieldReader) -> dict[str, Any] | None:
    found = _answer(node, reader)
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


def _order_key(node: Mapping, reader: FieldReader) -> dict[str, Any] | None:
    items = _read_entries(node, reader, "items")
    return None if items is None else {"items": items}


_KEY_READERS: dict[str, Callable[[Mapping, FieldReader], dict[str, Any] | None]] = {
    "single": _single_key,
    "multiple": _multiple_key,
    "true_false": _true_false_key,
    "number": _number_key,
    "order": _order_key,
}


def _shortened(text: str, limit: int = 60) -> str:
    """Enough of a long value to recognise it in a message, without copying all of it."""
    return text if len(text) <= limit else text[:limit] + "…"
