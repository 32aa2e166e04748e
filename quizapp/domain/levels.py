"""A learner's level in each concept: a level that can rise the same day and keep rising for weeks.

The rule, in plain words. For each concept, look at its questions the learner may see:

- **Not started**: none of them answered yet.
- **Attempted**: at least one answered, right or wrong.
- **Familiar**: most of the questions answered so far (more than half) were right the first
  time, or have been right again since (so a first go that went badly is not held forever).
- **Proficient**: familiar, at least half of the concept's questions answered, and most of those
  answered were right again in a later go (a review, "practise my mistakes" or the quiz again)
  with the latest answer right: right in two different attempts at least.
- **Mastered**: proficient, and most of the concept's questions are mastered: still likely
  recalled three weeks on (``review_schedule.is_mastered``, an FSRS stability of 21 days), which
  only spaced reviews over weeks can show.

So one sitting can take a learner from not started to familiar with a quiz, and on to
proficient with a review of the same questions; mastered is weeks away by design.

What to do next: review what is due, else try the first concept in teaching order that is not
yet familiar.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from quizapp.domain.messages import Message, msg

T = TypeVar("T")


class Level(enum.IntEnum):
    """The levels of a concept, lowest first; the number is the bar's filled steps."""

    NOT_STARTED = 0
    ATTEMPTED = 1
    FAMILIAR = 2
    PROFICIENT = 3
    MASTERED = 4


TOP = Level.MASTERED

LEVEL_WORDS: dict[Level, Message] = {
    Level.NOT_STARTED: msg("Not started"),
    Level.ATTEMPTED: msg("Attempted"),
    Level.FAMILIAR: msg("Familiar"),
    Level.PROFICIENT: msg("Proficient"),
    Level.MASTERED: msg("Mastered"),
}


@dataclass(frozen=True)
class QuestionRecord:
    """What a learner has done with one question.

    ``right_first``: their first answer was right. ``right_again``: right in at least two
    different attempts, the latest answer right. ``mastered``: its review card is mastered.
    """

    answered: bool = False
    right_first: bool = False
    right_again: bool = False
    mastered: bool = False


def _most(part: int, whole: int) -> bool:
    """More than half (of at least one)."""
    return whole > 0 and 2 * part > whole


def level_of(records: Sequence[QuestionRecord]) -> Level:
    """The level of a concept from the records of its questions the learner may see (all of them)."""
    total = len(records)
    answered = [record for record in records if record.answered]
    if not answered:
        return Level.NOT_STARTED
    if not _most(sum(record.right_first or record.right_again for record in answered), len(answered)):
        return Level.ATTEMPTED
    if 2 * len(answered) < total or not _most(sum(record.right_again for record in answered),
                                               len(answered)):
        return Level.FAMILIAR
    if not _most(sum(record.mastered for record in records), total):
        return Level.PROFICIENT
    return Level.MASTERED


@dataclass(frozen=True)
class ConceptLevel(Generic[T]):
    """One concept's level, with its questions answered and mastered out of its total."""

    concept: T
    level: Level
    answered: int
    mastered: int
    total: int

    @property
    def words(self) -> Message:
        """The level's name, to translate."""
        return LEVEL_WORDS[self.level]

    @property
    def steps(self) -> list[bool]:
        """The bar: one step per level above not started, True where filled."""
        return [step <= self.level for step in range(1, TOP + 1)]


def concept_level(concept: T, records: Sequence[QuestionRecord]) -> ConceptLevel[T]:
    """The concept's level and counts from its questions' records."""
    return ConceptLevel(concept, level_of(records), sum(r.answered for r in records),
                        sum(r.mastered for r in records), len(records))


def try_next(levels: Iterable[ConceptLevel[T]]) -> T | None:
    """The concept to try next: the first (in the order given, teaching order) not yet familiar."""
    return next((shown.concept for shown in levels if shown.level < Level.FAMILIAR), None)


def record_of(first_right: bool | None, attempts_right: int, last_right: bool | None,
              mastered: bool) -> QuestionRecord:
    """A question's record from its answers: the first one's rightness (None: never answered),
    how many different attempts had it right, whether the latest was right, and its card."""
    if first_right is None:
        return QuestionRecord(mastered=mastered)
    return QuestionRecord(answered=True, right_first=first_right,
                          right_again=attempts_right >= 2 and bool(last_right), mastered=mastered)
