"""When a learner should see a question again: FSRS scheduling, and when a question is mastered.

A wrapper around ``fsrs``, the reference implementation of the scheduler Anki uses: plain
values in and out, no Flask, no database. Every question a signed-in learner answers is a
card; a wrong answer rates it Again, a right one Good. The clock is always passed in.

Quizapp schedules in whole days: a card has no learning steps of minutes (a learner sees a
question in a quiz, not in a flashcard drill), so the first answer already gives an
interval of days. Fuzzing is off, so the same answers on the same days give the same dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State

DEFAULT_RETENTION = 0.9
# A card whose stability (the days until recall falls to 90%) is at least this is mastered:
# three weeks, the span of a unit of teaching, after which the learner still likely knows it.
MASTERED_STABILITY_DAYS = 21.0


@dataclass(frozen=True)
class CardState:
    """What is remembered of one learner and one question, as FSRS left it after the last answer.

    Times are naive UTC, as the database stores them.
    """

    stability: float
    difficulty: float
    due: dt.datetime
    last_review: dt.datetime
    reviews: int = 1
    lapses: int = 0  # answers that were wrong


@lru_cache(maxsize=8)
def _scheduler(retention: float) -> Scheduler:
    return Scheduler(desired_retention=retention, learning_steps=(), relearning_steps=(),
                     enable_fuzzing=False)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def review(card: CardState | None, correct: bool, now: dt.datetime,
           retention: float = DEFAULT_RETENTION) -> CardState:
    """The card after an answer at ``now``: a new card when ``card`` is None; wrong is Again, right Good."""
    if not 0.7 <= retention <= 0.99:
        raise ValueError(f"target retention {retention} is outside 0.7 to 0.99")
    # fsrs numbers a new Card by the clock and sleeps a millisecond to keep numbers apart;
    # quizapp never reads the number, and a sleep inside a submission's write lock stalls a class.
    if card is None:
        before = Card(card_id=0, due=_aware(now))
    else:
        before = Card(card_id=0, state=State.Review, step=None, stability=card.stability,
                      difficulty=card.difficulty, due=_aware(card.due),
                      last_review=_aware(card.last_review))
    after, _log = _scheduler(retention).review_card(before, Rating.Good if correct else Rating.Again,
                                                    review_datetime=_aware(now))
    reviews = card.reviews + 1 if card else 1
    lapses = (card.lapses if card else 0) + (0 if correct else 1)
    return CardState(float(after.stability), float(after.difficulty), _naive(after.due),
                     _naive(now), reviews, lapses)


def is_due(card: CardState, now: dt.datetime) -> bool:
    """Whether the card should be reviewed at ``now``."""
    return card.due <= now


def is_mastered(stability: float | None) -> bool:
    """Whether a card with this stability (in days) counts as mastered."""
    return stability is not None and stability >= MASTERED_STABILITY_DAYS
