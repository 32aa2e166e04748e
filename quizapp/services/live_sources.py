"""What a live game can be made from: the class's assignments, a bank, a concept's questions, or
questions picked from several banks; only what the teacher may assign.

The banks are shelved as the library shelves them (``authoring.assignable_banks``), and a
concept's game and the picking page list questions in that one order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain import live_game as rules
from quizapp.domain.bank_translation import current_words
from quizapp.domain.curriculum import CONCEPTS, Concept, Shelves, placement_tags, shelve
from quizapp.models import Assignment, Bank, Question, QuestionVersion
from quizapp.services.authoring import assignable_banks
from quizapp.services.bank_access import assignable_by
from quizapp.services.bank_words import title_in, translated_questions
from quizapp.services.review_cards import concept_id

T = TypeVar("T")


@dataclass(frozen=True)
class OfferedQuestion:
    """A question a teacher may put in a game, its prompt in their language where translated."""

    id: int
    number: int  # its place in its bank, from 1
    prompt: str
    language: str  # of ``prompt``
    concept: str | None  # its own concept, else its bank's


@dataclass(frozen=True)
class OfferedBank:
    """A bank a teacher may assign, with its current questions in its order."""

    slug: str
    title: str
    language: str  # of ``title``
    tags: tuple[str, ...]
    questions: tuple[OfferedQuestion, ...]


def offered(session: Session, teacher_id: int, language: str, prompts: bool = True) -> Shelves[OfferedBank]:
    """The banks the teacher may assign that have questions, shelved as the library does, each
    with its current, non-retired questions in the bank's order; their prompts in ``language``
    where translated (unless ``prompts`` is False: only their number and concept are wanted)."""
    shelves = assignable_banks(session, teacher_id, language)
    rows = session.execute(
        select(Question.id, Question.position, Question.slug, Question.bank_id, Bank.slug.label("bank"),
               Bank.language, Bank.tags, QuestionVersion.prompt, QuestionVersion.tags.label("own_tags"),
               QuestionVersion.text_fingerprint)
        .join(Bank, Bank.id == Question.bank_id)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.retired.is_(False), Bank.deleted_at.is_(None), *assignable_by(teacher_id))
        .order_by(Question.bank_id, Question.position)).all()
    translated = translated_questions(session, {row.bank_id for row in rows if row.language != language},
                                      language) if prompts else {}
    questions: dict[str, list[OfferedQuestion]] = {}
    for row in rows:
        words = current_words(translated.get(row.bank_id, {}).get(row.slug), row.text_fingerprint)
        questions.setdefault(row.bank, []).append(OfferedQuestion(
            row.id, row.position + 1, words["prompt"] if words else row.prompt,
            language if words else row.language, concept_id(row.own_tags or [], row.tags or [])))
    # Shelved again with the empty banks left out: the library's order, numbered as shown.
    banks = [OfferedBank(bank.slug, bank.title, bank.language, bank.tags, tuple(questions[bank.slug]))
             for bank in _in_order(shelves) if bank.slug in questions]
    return shelve(banks, lambda bank: placement_tags(bank.tags))


def _in_order(shelves: Shelves[T]) -> list[T]:
    """The shelves' banks in the order they are shown: each concept's, the case studies, the rest."""
    return [*(item for step in shelves.steps for item in step.items), *shelves.case_studies,
            *shelves.others]


def offered_in_order(shelves: Shelves[OfferedBank]) -> list[rules.Offered]:
    """Every offered question in the order the picking page shows them."""
    return [rules.Offered(question.id, question.concept)
            for bank in _in_order(shelves) for question in bank.questions]


def ticked(shelves: Shelves[OfferedBank], sent: Sequence[str]) -> rules.Picking:
    """The questions a teacher ticked, in the order shown, or why they cannot be played."""
    return rules.pick([question.question_id for question in offered_in_order(shelves)], sent)


def banks_holding(shelves: Shelves[OfferedBank], questions: set[int]) -> set[str]:
    """The banks (slugs) holding any of these questions: the page shows them open."""
    return {bank.slug for bank in _in_order(shelves) if any(q.id in questions for q in bank.questions)}


def concept_question_ids(session: Session, teacher_id: int, concept: str, language: str) -> list[int]:
    """A concept's questions the teacher may assign, in the library's order, at most MAX_QUESTIONS."""
    shelves = offered(session, teacher_id, language, prompts=False)
    return rules.concept_questions(offered_in_order(shelves), concept)


@dataclass(frozen=True)
class Sources:
    """What a game can be made from: the class's assignments, the concepts and the banks."""

    assignments: list[tuple[int, str]]  # (assignment id, its bank's title)
    banks: list[tuple[str, str]]  # (bank slug, title)
    concepts: list[tuple[Concept, int]]  # each concept with questions, and how many a game holds


def sources(session: Session, teacher_id: int, classroom_id: int, language: str) -> Sources:
    """The class's assignments, newest first; the concepts in teaching order; the banks by title;
    titles in ``language`` where translated."""
    title = title_in(language)
    assignments = session.execute(
        select(Assignment.id, title.title).join(Bank, Bank.id == Assignment.bank_id)
        .outerjoin(title.translation, title.on)
        .where(Assignment.classroom_id == classroom_id, Assignment.deleted_at.is_(None))
        .order_by(Assignment.id.desc())).all()
    shelves = offered(session, teacher_id, language, prompts=False)
    sizes = rules.concept_sizes(offered_in_order(shelves))
    banks = sorted(((bank.slug, bank.title) for bank in _in_order(shelves)),
                   key=lambda bank: bank[1].casefold())
    return Sources([(row[0], row[1]) for row in assignments], banks,
                   [(concept, sizes[concept.id]) for concept in CONCEPTS if concept.id in sizes])
