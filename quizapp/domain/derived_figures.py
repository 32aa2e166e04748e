"""What each stored derived figure must equal, from the rows it is derived from.

Scores are kept as running figures, so the class board is one cheap read: a learner's
best score on an assignment (with the number of attempts that counted), and a class
member's total. Each is updated in the write that records a submission or deletes an
assignment. These rules say what the figures must be when recomputed from scratch, so
``quizapp check`` can find any that drifted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.domain.messages import Message, msg


@dataclass(frozen=True)
class CountedAttempt:
    """A submitted attempt that counted towards its assignment."""

    score: int
    max_score: int


@dataclass(frozen=True)
class Best:
    """A learner's best on an assignment: the score, out of what, and how many attempts counted."""

    score: int
    max_score: int
    attempts: int


def best_of(counted: Iterable[CountedAttempt]) -> Best | None:
    """The best score over the attempts that counted, taken in the order they were submitted.

    The out-of figure is that of the first attempt to reach the best score (a bank that
    changed later does not change it); None when no attempt counted.

    >>> best_of([CountedAttempt(3, 6), CountedAttempt(5, 6), CountedAttempt(5, 7)])
    Best(score=5, max_score=6, attempts=3)
    """
    best: Best | None = None
    for attempt in counted:
        if best is None or attempt.score > best.score:
            best = Best(attempt.score, attempt.max_score, (best.attempts if best else 0) + 1)
        else:
            best = Best(best.score, best.max_score, best.attempts + 1)
    return best


def total_of(best_scores: Iterable[int]) -> int:
    """A member's class total: the sum of their best scores on the class's live assignments."""
    return sum(best_scores)


@dataclass(frozen=True)
class Learner:
    """Who a figure belongs to, as the check names them."""

    account_id: int
    username: str


def best_differences(assignment_id: int, learner: Learner, stored: Best | None,
                     derived: Best | None) -> list[Message]:
    """What differs between a stored best and the one its counted attempts give; [] if nothing."""
    where = msg("assignment %(assignment)s, learner %(username)s (%(account)s)",
                assignment=assignment_id, username=learner.username, account=learner.account_id)
    if stored == derived:
        return []
    if derived is None:
        return [msg("%(where)s: a best score is stored, but no attempt counted", where=where)]
    if stored is None:
        return [msg("%(where)s: no best score is stored, but %(attempts)s attempts counted "
                    "(best %(score)s)", where=where, attempts=derived.attempts,
                    score=derived.score)]
    differences = []
    if stored.score != derived.score:
        differences.append(msg("%(where)s: best score %(stored)s, the attempts that counted give "
                               "%(derived)s", where=where, stored=stored.score,
                               derived=derived.score))
    if stored.attempts != derived.attempts:
        differences.append(msg("%(where)s: %(stored)s attempts recorded, %(derived)s attempts "
                               "counted", where=where, stored=stored.attempts,
                               derived=derived.attempts))
    if stored.max_score != derived.max_score:
        differences.append(msg("%(where)s: best score out of %(stored)s, the attempts that "
                               "counted give out of %(derived)s", where=where,
                               stored=stored.max_score, derived=derived.max_score))
    return differences


def total_differences(classroom_id: int, learner: Learner, stored: int,
                      derived: int) -> list[Message]:
    """What differs between a member's stored total and the sum of their best scores."""
    if stored == derived:
        return []
    return [msg("class %(classroom)s, learner %(username)s (%(account)s): total %(stored)s, "
                "their best scores add up to %(derived)s", classroom=classroom_id,
                username=learner.username, account=learner.account_id, stored=stored,
                derived=derived)]
