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
