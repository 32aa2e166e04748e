"""Translations of a bank: ``<bank-id>.<lang>.yaml`` files, checked against the bank they translate.

A translation carries the words of every question in another language and no answers:
right answers come from the bank, by position. Each translated question names the
version of the bank's question it translates by a fingerprint of that question's words
(``translates: 1a2b3c4d``); when the bank's question changes, the translation is out of
date and learners see the bank's own words for it until it is brought up to date.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain.bank_format import MAX_QUOTE_LENGTH, MAX_TITLE_LENGTH, Bank, Question
from quizapp.domain.curriculum import topic_tags
from quizapp.domain.field_checks import FieldReader, describe
from quizapp.domain.grading import shown_entries
from quizapp.domain.identifiers import did_you_mean
from quizapp.domain.messages import msg
from quizapp.domain.problems import Problem
from quizapp.domain.question_types import TYPES
from quizapp.domain.yaml_reader import Mapping, Scalar, Sequence, YamlProblem, decode_text, read_yaml

TRANSLATION_KEYS = ("translation_of", "language", "title", "description", "tags", "questions")
QUESTION_KEYS = ("id", "translates", "prompt", "explanation", "cite")
ENTRY_KEYS = {name: kind.entry_key for name, kind in TYPES.items() if kind.entry_key}
FINGERPRINT_LENGTH = 8


def text_fingerprint(question_type: str, prompt: str, explanation: str, key: dict[str, Any],
                     quotes: list[str]) -> str:
    """A short fingerprint of the words of a question that a translation renders."""
    words = {"type": question_type, "prompt": prompt, "explanation": explanation,
             "entries": shown_entries(question_type, key), "unit": key.get("unit"),
             "quotes": quotes}
    canonical = json.dumps(words, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def fingerprint_of(question: Question) -> str:
    """The fingerprint of a checked bank question."""
    return text_fingerprint(question.type, question.prompt, question.explanation, question.key,
                            [citation.quote for citation in question.citations])


@dataclass(frozen=True)
class TranslatedQuestion:
    """One question's words in the translation's language; ``entries`` in the bank's order."""

    id: str
    fingerprint: str
    prompt: str
    explanation: str
    entries: tuple[str, ...] = ()
    unit: str | None = None
    quote_translations: tuple[str | None, ...] = ()
    line: int = field(default=0, compare=False)

    def as_json(self) -> dict[str, Any]:
        """The question as stored with the translation."""
        return {"fingerprint": self.fingerprint, "prompt": self.prompt,
                "explanation": self.explanation, "entries": list(self.entries), "unit": self.unit,
                "quote_translations": list(self.quote_translations)}


@dataclass(frozen=True)
class Translation:
    """A checked translation of a bank."""

    bank_id: str
    language: str
    title: str
    questions: tuple[TranslatedQuestion, ...]
    description: str | None = None
    out_of_date: tuple[str, ...] = ()  # ids of questions whose bank question has changed since
    tags: tuple[str, ...] = ()  # the bank's topic tags in this language, in the bank's order

    def current_questions(self) -> dict[str, TranslatedQuestion]:
        """The questions learners see translated: those that translate the bank's words of today."""
        return {q.id: q for q in self.questions if q.id not in self.out_of_date}


def is_translation_file(stem: str) -> bool:
    """True for ``<bank-id>.<lang>`` file stems, the names translation files take."""
    return "." in stem


def parse_translation(path: str, stem: str | None, data: bytes, banks: dict[str, Bank]
                      ) -> tuple[Translation | None, list[Problem], list[Problem]]:
    """Check a translation file against the bank it names: (translation, problems, notices).

    ``stem`` is the file's name without ``.yaml``, which must be ``<bank>.<language>``; None
    for pasted text, which has no name to check.

    Problems are mistakes (the translation is not loaded); notices say which questions are
    out of date (the translation loads, and those questions show the bank's own words).
    """
    problems: list[Problem] = []
    notices: list[Problem] = []
    reader = FieldReader(path, stem or "translation", problems)
    try:
        root = read_yaml(decode_text(data))
    except YamlProblem as problem:
        reader.problem(problem.line, problem.message)
        return None, problems, notices
    if not isinstance(root, Mapping):
        reader.problem(root.line, msg("a translation must be a mapping of keys (translation_of:, "
                                      "language:, title:, questions:), not %(found)s",
                                      found=describe(root)))
        return None, problems, notices
    reader.check_keys(root, TRANSLATION_KEYS, msg("a translation"))
    bank_id = reader.text(root, "translation_of", required=True)
    language = reader.text(root, "language", required=True)
    if language is not None:
        language = reader.language(root)
    title = reader.text(root, "title", required=True, max_length=MAX_TITLE_LENGTH)
    description = reader.text(root, "description", required=False)
    bank = banks.get(bank_id) if bank_id else None
    if bank_id is not None:
        reader.subject = f"{bank_id}.{language}" if language else bank_id
        if bank is None:
            reader.problem(reader.line_of(root, "translation_of"),
                           msg("there is no bank %(bank)r%(hint)s to translate: write the id of "
                               "a bank that passes its checks", bank=bank_id,
                               hint=did_you_mean(bank_id, sorted(banks))))
    if bank is not None and language is not None:
        _check_name(reader, root, stem, bank, language)
    tags = _read_topics(root, reader, bank) if bank is not None else ()
    questions = _read_questions(root, reader, bank, notices) if bank is not None else []
    if problems or bank is None or language is None or title is None:
        return None, problems, notices
    stale = tuple(str(notice.subject).rsplit("/", 1)[-1] for notice in notices)
    return (Translation(bank.id, language, title, tuple(questions), description, stale, tags),
            [], notices)


def _read_topics(root: Mapping, reader: FieldReader, bank: Bank) -> tuple[str, ...]:
    """The bank's topic tags translated: as many as the bank has, in its order (placement tags,
    such as concept:scams, are the bank's and stay as they are)."""
    if root.get("tags") is None:
        return ()
    tags = reader.tags(root)
    topics = topic_tags(bank.tags)
    if len(tags) != len(topics):
        reader.problem(reader.line_of(root, "tags"), msg(
            "'tags' has %(count)d entries and the bank's topics are %(expected)d (%(topics)s): "
            "translate each topic, in the same order", count=len(tags), expected=len(topics),
            topics=", ".join(topics) or msg("none")))
        return ()
    return tuple(tags)


def _check_name(reader: FieldReader, root: Mapping, stem: str | None, bank: Bank, language: str) -> None:
    if language.lower() == bank.language.lower():
        reader.problem(reader.line_of(root, "language"),
                       msg("the bank %(bank)r is already in %(language)r: a translation is in "
                           "another language", bank=bank.id, language=language))
    elif stem is not None and stem != f"{bank.id}.{language}":
        reader.problem(root.line, msg("the file name must be the bank id and the language: "
                                      "rename the file to %(name)s.yaml",
                                      name=f"{bank.id}.{language}"))


def _read_questions(root: Mapping, reader: FieldReader, bank: Bank,
                    notices: list[Problem]) -> list[TranslatedQuestion]:
    found = reader.question_list(root, msg("the key 'questions' is missing: add the translated "
                                           "questions"))
    if found is None:
        return []
    key_node, value = found
    by_id = {question.id: question for question in bank.questions}
    seen: dict[str, int] = {}
    translated: list[TranslatedQuestion] = []
    subject = reader.subject
    for node in value.items:
        question_reader = FieldReader(reader.path, subject, reader.problems)
        question = _read_question(node, question_reader, by_id, seen, notices)
        if question is not None:
            translated.append(question)
    missing = [question.id for question in bank.questions if question.id not in seen]
    if missing:
        reader.problem(key_node.line, msg("the bank's questions %(ids)s are not translated: add "
                                          "them, with the same ids", ids=", ".join(missing)))
    return translated


def _read_question(node: Any, reader: FieldReader, by_id: dict[str, Question],
                   seen: dict[str, int], notices: list[Problem]) -> TranslatedQuestion | None:
    if not isinstance(node, Mapping):
        reader.problem(node.line, msg("each question must be a mapping of keys (id:, prompt:, "
                                      "...), not %(found)s", found=describe(node)))
        return None
    before = len(reader.problems)
    question_id = reader.text(node, "id", required=True)
    original = by_id.get(question_id) if question_id else None
    if question_id is not None:
        reader.subject = f"{reader.subject}/{question_id}"
        line = reader.line_of(node, "id")
        if question_id in seen:
            reader.problem(line, msg("the id %(id)r is already translated on line %(line)d: "
                                     "translate each question once", id=question_id,
                                     line=seen[question_id]))
        elif original is None:
            reader.problem(line, msg("the bank has no question %(id)r%(hint)s: use the ids of "
                                     "the bank's questions", id=question_id,
                                     hint=did_you_mean(question_id, sorted(by_id))))
        seen.setdefault(question_id, line)
    if original is None:
        return None
    entry_key = ENTRY_KEYS.get(original.type)
    allowed = [*QUESTION_KEYS, *([entry_key] if entry_key else []),
               *(["unit"] if original.key.get("unit") else [])]
    reader.check_keys(node, allowed, msg("a translated %(type)s question", type=original.type),
                      misplaced={key: msg("%(key)r comes from the bank, not from its translation: "
                                          "remove it", key=key)
                                 for key in ("type", "answer", "tolerance", "points", "difficulty",
                                             "tags")})
    prompt = reader.text(node, "prompt", required=True)
    explanation = reader.text(node, "explanation", required=True)
    unit = reader.text(node, "unit", required=False, max_length=40) if "unit" in allowed else None
    entries = _read_entries(node, reader, entry_key, original) if entry_key else []
    quotes = _read_quote_translations(node, reader, original)
    fingerprint = _read_fingerprint(node, reader, original, notices)
    if len(reader.problems) > before or prompt is None or explanation is None or entries is None:
        return None
    return TranslatedQuestion(original.id, fingerprint or "", prompt, explanation, tuple(entries),
                              unit, tuple(quotes), node.line)


def _read_entries(node: Mapping, reader: FieldReader, key: str, original: Question) -> list[str] | None:
    entries = reader.text_list(node, key, required=True)
    if entries is None:
        return None
    expected = shown_entries(original.type, original.key)
    if len(entries) != len(expected):
        reader.problem(reader.line_of(node, key),
                       msg("%(key)r has %(count)d entries and the bank's question %(expected)d: "
                           "translate each entry of the bank, in the same order", key=key,
                           count=len(entries), expected=len(expected)))
        return None
    return [entry.text for entry in entries]


def _read_quote_translations(node: Mapping, reader: FieldReader, original: Question) -> list[str | None]:
    found = reader.find(node, "cite", required=False)
    if found is None:
        return [None] * len(original.citations)
    key_node, value = found
    if not isinstance(value, Sequence):
        reader.problem(key_node.line, msg("'cite' must be a list with one '- quote_translation: "
                                          "...' for each citation of the bank's question, not "
                                          "%(found)s", found=describe(value)))
        return []
    if len(value.items) > len(original.citations):
        reader.problem(key_node.line, msg("'cite' has %(count)d entries and the bank's question "
                                          "cites %(expected)d passages: give one "
                                          "quote_translation per citation, in the bank's order",
                                          count=len(value.items), expected=len(original.citations)))
        return []
    glosses: list[str | None] = []
    for entry in value.items:
        if not isinstance(entry, Mapping):
            reader.problem(entry.line, msg("each entry of 'cite' must be '- quote_translation: "
                                           "...', not %(found)s", found=describe(entry)))
            continue
        reader.check_keys(entry, ("quote_translation",), msg("a citation's translation"),
                          misplaced={key: msg("%(key)r comes from the bank: a translation gives "
                                              "only quote_translation", key=key)
                                     for key in ("source", "quote")})
        glosses.append(reader.text(entry, "quote_translation", required=False,
                                   max_length=2 * MAX_QUOTE_LENGTH))
    return glosses + [None] * (len(original.citations) - len(glosses))


def _read_fingerprint(node: Mapping, reader: FieldReader, original: Question,
                      notices: list[Problem]) -> str | None:
    current = fingerprint_of(original)
    value = reader.text(node, "translates", required=False)
    if value is None:
        if node.get("translates") is None:
            reader.problem(reader.line_of(node, "id"),
                           msg("add 'translates: %(fingerprint)s' under the id: it records which "
                               "words of the bank's question this translates (quizapp validate "
                               "--fill-fingerprints adds it)", fingerprint=current))
        return None
    if value != current:
        notices.append(Problem(reader.path, reader.line_of(node, "translates"), reader.subject,
                               msg("out of date: the bank's question has changed since it was "
                                   "translated, so learners see the bank's own words for it. "
                                   "Bring the translation up to date, then change 'translates' "
                                   "to %(fingerprint)s", fingerprint=current)))
    return value


def with_fingerprints(text: str, banks: dict[str, Bank]) -> str:
    """The translation file's text with a ``translates:`` line added under every id lacking one."""
    try:
        root = read_yaml(text)
    except YamlProblem:
        return text
    lines = text.split("\n")
    for line_number, fingerprint in sorted(_ids_lacking_fingerprints(root, banks), reverse=True):
        id_line = lines[line_number - 1]
        indent = len(id_line) - len(id_line.lstrip(" -"))
        lines.insert(line_number, " " * indent + f"translates: {fingerprint}")
    return "\n".join(lines)


def _ids_lacking_fingerprints(root: Any, banks: dict[str, Bank]) -> list[tuple[int, str]]:
    """(line of the id, fingerprint) for each translated question without a ``translates:`` key."""
    if not isinstance(root, Mapping):
        return []
    bank_id, questions = root.get("translation_of"), root.get("questions")
    bank = banks.get(bank_id[1].text) if bank_id and isinstance(bank_id[1], Scalar) else None
    if bank is None or questions is None or not isinstance(questions[1], Sequence):
        return []
    by_id = {question.id: question for question in bank.questions}
    needed: list[tuple[int, str]] = []
    for node in questions[1].items:
        found = node.get("id") if isinstance(node, Mapping) and node.get("translates") is None else None
        if found and isinstance(found[1], Scalar) and found[1].text in by_id:
            needed.append((found[0].line, fingerprint_of(by_id[found[1].text])))
    return needed


def current_words(stored: dict[str, Any] | None, fingerprint: str | None) -> dict[str, Any] | None:
    """A stored translated question, if it translates exactly the words of this version."""
    if stored is None or fingerprint is None or stored.get("fingerprint") != fingerprint:
        return None
    return stored


def translated_response(question_type: str, key: dict[str, Any], response: Any,
                        entries: list[str]) -> Any:
    """A response or right answer with each chosen entry in the translation's words."""
    return TYPES[question_type].translated(key, response, entries)


def stale_questions(current: dict[str, str | None], translated: dict[str, Any]) -> list[str]:
    """The bank's questions (slug -> fingerprint today) that a stored translation lacks or has out of date."""
    return [slug for slug, fingerprint in current.items()
            if current_words(translated.get(slug), fingerprint) is None]


def declares_translation(data: bytes) -> bool:
    """True when a file's top level names the bank it translates (``translation_of:``)."""
    if b"translation_of" not in data:  # most files are banks: spare them a second full parse
        return False
    try:
        root = read_yaml(decode_text(data))
    except YamlProblem:
        return False
    return isinstance(root, Mapping) and root.get("translation_of") is not None


def translation_template(bank: Bank, language: str) -> str:
    """A translation file to fill in: every question with its fingerprint and the bank's words.

    Each text is the bank's own, to be replaced by its translation; quotes are glossed as
    comments, since they stay in their source's language.
    """
    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string

    lines = [f"# A translation of the bank {bank.id!r} into {language!r}. Replace every text",
             "# below with its translation; keep the ids, the 'translates' fingerprints and the",
             "# order of choices and items. Right answers come from the bank.",
             f"translation_of: {bank.id}", f"language: {language}", f"title: {text(bank.title)}"]
    if bank.description:
        lines.append(f"description: {text(bank.description)}")
    lines.append("questions:")
    for question in bank.questions:
        lines += [f"  - id: {question.id}", f"    translates: {fingerprint_of(question)}",
                  f"    prompt: {text(question.prompt)}"]
        entry_key = ENTRY_KEYS.get(question.type)
        if entry_key:
            lines.append(f"    {entry_key}:")
            lines += [f"      - {text(entry)}" for entry in shown_entries(question.type, question.key)]
        if question.key.get("unit"):
            lines.append(f"    unit: {text(question.key['unit'])}")
        lines.append(f"    explanation: {text(question.explanation)}")
        lines.append("    cite:")
        for citation in question.citations:
            lines += [f"      # {citation.source}: {citation.quote}",
                      f"      - quote_translation: {text(citation.quote)}"]
    return "\n".join(lines) + "\n"
