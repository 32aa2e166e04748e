"""Question banks: parse a bank file and check it against the bank format, reporting every mistake."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain.field_checks import FieldReader, describe
from quizapp.domain.messages import Message, msg
from quizapp.domain.problems import Problem
from quizapp.domain.question_types import TYPES
from quizapp.domain.yaml_reader import (
    Mapping,
    Sequence,
    YamlProblem,
    decode_text,
    read_yaml,
)

QUESTION_TYPES = tuple(TYPES)
DIFFICULTIES = ("easy", "medium", "hard")
BANK_KEYS = ("bank", "title", "description", "language", "tags", "questions")
COMMON_KEYS = ("id", "type", "prompt", "explanation", "cite", "points", "difficulty", "tags")
TYPE_KEYS: dict[str, tuple[str, ...]] = {name: kind.bank_keys for name, kind in TYPES.items()}
ALL_TYPE_KEYS = tuple(dict.fromkeys(key for keys in TYPE_KEYS.values() for key in keys))
CITATION_KEYS = ("source", "quote")
MAX_TITLE_LENGTH = 120
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
    key = TYPES[question_type].read_key(node, reader) if question_type else None

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
