"""The crypto-literacy curriculum: its concepts in teaching order, and how banks and questions join it.

A bank joins a concept with the tag ``concept:<id>``; a bank that retells the 2025 news for a
class to apply what it learned is tagged ``case-study``. A question names its concept the same
way and what it asks of the learner with ``skill:define``, ``skill:apply``, ``skill:judge`` or
``skill:recall`` (remembering a fact of one news event), and the competency of the map it teaches
with ``competency:<id>`` (``domain/competencies.py``). These tags place things in the curriculum;
they are not topics to show a learner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from quizapp.domain.competencies import COMPETENCY_PREFIX
from quizapp.domain.messages import Message, msg

CONCEPT_PREFIX = "concept:"
SKILL_PREFIX = "skill:"
CASE_STUDY_TAG = "case-study"
SKILLS = ("define", "apply", "judge", "recall")


@dataclass(frozen=True)
class Concept:
    """One concept of the curriculum: core ones are taught first and asked most."""

    id: str
    title: Message
    goal: Message
    core: bool


# The order a teacher can teach them in: what money is, how the technology works, what can go
# wrong for a holder, who protects them, and then the institutions and the news.
CONCEPTS: tuple[Concept, ...] = (
    Concept("money", msg("Money and legal tender"),
            msg("What makes something money, and what changes when a law names it legal tender."), True),
    Concept("blockchain", msg("Blockchain basics"),
            msg("How a shared ledger records payments, and what it cannot promise."), False),
    Concept("mining", msg("Mining and energy"),
            msg("Why bitcoin mining uses electricity, and who pays for it."), False),
    Concept("volatility", msg("Volatility and risk"),
            msg("Why crypto prices swing, and how much a learner could lose."), True),
    Concept("custody", msg("Custody and keys"),
            msg("Who holds the keys to your coins, and what happens when they are lost."), True),
    Concept("scams", msg("Scams and how to spot them"),
            msg("The signs of a scam, and what to do before any money moves."), True),
    Concept("stablecoins", msg("Stablecoins"),
            msg("Coins meant to hold a steady price, and how they can fail."), False),
    Concept("remittances", msg("Remittances and fees"),
            msg("What sending money home really costs, and how to compare offers."), False),
    Concept("regulation", msg("Regulation and consumer protection"),
            msg("What a regulator does, and what a licence does not guarantee."), True),
    Concept("imf", msg("The IMF"),
            msg("What the IMF is, and why its loans come with conditions."), False),
    Concept("reserves", msg("Reserves"),
            msg("What a country's reserves are for, and what a bitcoin reserve risks."), False),
    Concept("news", msg("Reading crypto news"),
            msg("Who is speaking, who gains, and what to do when sources disagree."), True),
)
CONCEPT_IDS = tuple(concept.id for concept in CONCEPTS)
_BY_ID = {concept.id: concept for concept in CONCEPTS}


def concept_of(tags: Iterable[str]) -> Concept | None:
    """The curriculum concept a ``concept:<id>`` tag names, or None."""
    for tag in tags:
        if tag.startswith(CONCEPT_PREFIX) and tag[len(CONCEPT_PREFIX):] in _BY_ID:
            return _BY_ID[tag[len(CONCEPT_PREFIX):]]
    return None


def skill_of(tags: Iterable[str]) -> str | None:
    """What a question asks of the learner (define, apply, judge or recall), from its tags."""
    for tag in tags:
        if tag.startswith(SKILL_PREFIX) and tag[len(SKILL_PREFIX):] in SKILLS:
            return tag[len(SKILL_PREFIX):]
    return None


def is_case_study(tags: Iterable[str]) -> bool:
    """Whether a bank retells the news for the class to apply the concepts to."""
    return CASE_STUDY_TAG in tags


def topic_tags(tags: Iterable[str]) -> list[str]:
    """The tags that are topics for people, without the ones that place things in the curriculum."""
    return [tag for tag in tags
            if not tag.startswith((CONCEPT_PREFIX, SKILL_PREFIX, COMPETENCY_PREFIX))
            and tag != CASE_STUDY_TAG]


def placement_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """The tags that place a bank or question in the curriculum (the ones ``topic_tags`` leaves out)."""
    topics = set(topic_tags(tags))
    return tuple(tag for tag in tags if tag not in topics)


T = TypeVar("T")


@dataclass(frozen=True)
class Step(Generic[T]):
    """One stop of the suggested order: a concept and its banks."""

    number: int
    concept: Concept
    items: tuple[T, ...]


@dataclass(frozen=True)
class Shelves(Generic[T]):
    """Banks as the library shows them: the curriculum's steps in order, then everything else."""

    steps: tuple[Step[T], ...]
    case_studies: tuple[T, ...]
    others: tuple[T, ...]


def shelve(items: Sequence[T], tags_of: Callable[[T], Iterable[str]]) -> Shelves[T]:
    """Group banks by concept in teaching order, numbering the concepts that have a bank."""
    by_concept: dict[str, list[T]] = {}
    case_studies: list[T] = []
    others: list[T] = []
    for item in items:
        tags = list(tags_of(item))
        concept = concept_of(tags)
        if concept is not None:
            by_concept.setdefault(concept.id, []).append(item)
        elif is_case_study(tags):
            case_studies.append(item)
        else:
            others.append(item)
    present = [concept for concept in CONCEPTS if concept.id in by_concept]
    steps = tuple(Step(number, concept, tuple(by_concept[concept.id]))
                  for number, concept in enumerate(present, start=1))
    return Shelves(steps, tuple(case_studies), tuple(others))
