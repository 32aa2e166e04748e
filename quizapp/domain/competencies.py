"""The competency map: what a young crypto learner must be able to do, and which of it protects them.

A question names the competency it teaches with the tag ``competency:<id>``; the ids are the
map's (the project's shared ``curriculum/competencies.md``). Starred competencies protect a
learner from losing money or being used by criminals: each needs at least ten cited questions in
every language. Like ``concept:`` and ``skill:``, these tags place a question; they are not
topics to show a learner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

COMPETENCY_PREFIX = "competency:"


@dataclass(frozen=True)
class Competency:
    """One competency of the map; ``starred`` ones protect the learner and are asked most."""

    id: str
    starred: bool


# In the map's order: money and the technology first, then what protects, then the context.
COMPETENCIES: tuple[Competency, ...] = (
    Competency("money", False),
    Competency("inflation", False),
    Competency("ledger", False),
    Competency("asset-kinds", False),
    Competency("lose-it-all", True),
    Competency("no-guarantee", True),
    Competency("keys", True),
    Competency("irreversible", True),
    Competency("account-security", True),
    Competency("platform-risk", True),
    Competency("red-flags", True),
    Competency("scam-types", True),
    Competency("p2p", True),
    Competency("hype", True),
    Competency("mules", True),
    Competency("who-regulates", True),
    Competency("recourse", True),
    Competency("sources", True),
    Competency("remittances", False),
    Competency("duties", False),
)
COMPETENCY_IDS = tuple(competency.id for competency in COMPETENCIES)
STARRED_IDS = tuple(competency.id for competency in COMPETENCIES if competency.starred)
_BY_ID = {competency.id: competency for competency in COMPETENCIES}


def is_competency_tag(tag: str) -> bool:
    """Whether a tag is written as a competency tag (``competency:<anything>``)."""
    return tag.startswith(COMPETENCY_PREFIX)


def competency_id(tag: str) -> str:
    """The id a ``competency:<id>`` tag names, known or not."""
    return tag[len(COMPETENCY_PREFIX):]


def competency_of(tags: Iterable[str]) -> Competency | None:
    """The competency the first known ``competency:<id>`` tag names, or None."""
    for tag in tags:
        if is_competency_tag(tag) and competency_id(tag) in _BY_ID:
            return _BY_ID[competency_id(tag)]
    return None


def is_known(competency: str) -> bool:
    """Whether ``competency`` is an id of the map."""
    return competency in _BY_ID


# The national context the 2025 news is about: asked of the case studies and of three concepts.
NATIONAL_CONCEPTS = ("imf", "reserves", "mining")


@dataclass(frozen=True)
class Balance:
    """How the active questions weigh: the news and national context against what protects."""

    active: int
    news_and_national: int  # in a case-study bank, or about the IMF, reserves or mining
    starred: int  # teaching a starred competency

    @staticmethod
    def share(part: int, whole: int) -> float:
        """``part`` of ``whole`` as a fraction; 0 when there is nothing."""
        return part / whole if whole else 0.0

    @property
    def news_and_national_share(self) -> float:
        """The share of the case studies and the IMF, reserves and mining (goal: at most 30 %)."""
        return self.share(self.news_and_national, self.active)

    @property
    def starred_share(self) -> float:
        """The share of questions teaching a starred competency (goal: at least half)."""
        return self.share(self.starred, self.active)


def balance(questions: Iterable[tuple[bool, str | None, Iterable[str]]]) -> Balance:
    """Weigh questions given as (in a case-study bank, its concept id, its tags); a question
    counts once even when it is both news and national context."""
    active = news = starred = 0
    for case_study, concept, tags in questions:
        active += 1
        news += case_study or concept in NATIONAL_CONCEPTS
        competency = competency_of(tags)
        starred += competency is not None and competency.starred
    return Balance(active, news, starred)
