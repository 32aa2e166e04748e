"""Every stored derived figure checked against the rows it comes from (``quizapp check``).

The rules are domain.derived_figures'; here they are applied to the whole database. Only
live assignments are checked: a deleted one's best scores stay as they were, for the record,
while its attempts become practice and its points leave the totals.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.domain.derived_figures import (
    Best,
    CountedAttempt,
    Learner,
    best_differences,
    best_of,
    total_differences,
    total_of,
)
from quizapp.domain.messages import Message
from quizapp.models import Account, Assignment, AssignmentScore, Attempt, Membership

LIVE_ASSIGNMENT = Assignment.deleted_at.is_(None)


@dataclass(frozen=True)
class FigureCheck:
    """What the check found: each difference, and how many figures it compared."""

    differences: list[Message]
    best_scores: int
    totals: int


def check_derived_figures(session: Session) -> FigureCheck:
    """Compare every best score, attempt count and class total with what it derives from.

    Everything is read in one snapshot, so submissions going on meanwhile never show as a
    difference: give it a session that has not begun a transaction yet.
    """
    if session.get_bind().dialect.name == "postgresql":  # SQLite's read transaction is one already
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    usernames = dict(session.execute(select(Account.id, Account.username)).all())

    def learner(account_id: int) -> Learner:
        return Learner(account_id, usernames.get(account_id, "?"))

    stored = {(row.assignment_id, row.account_id): Best(row.best_score, row.max_score, row.attempts)
              for row in session.execute(
                  select(AssignmentScore.assignment_id, AssignmentScore.account_id,
                         AssignmentScore.best_score, AssignmentScore.max_score,
                         AssignmentScore.attempts)
                  .join(Assignment, Assignment.id == AssignmentScore.assignment_id)
                  .where(LIVE_ASSIGNMENT))}
    differences: list[Message] = []
    derived_keys = set()
    for key, best in _derived_bests(session):
        derived_keys.add(key)
        differences += best_differences(key[0], learner(key[1]), stored.get(key), best)
    for key in sorted(stored.keys() - derived_keys):
        differences += best_differences(key[0], learner(key[1]), stored[key], None)

    bests: dict[tuple[int, int], list[int]] = {}
    for classroom_id, account_id, score in session.execute(
            select(Assignment.classroom_id, AssignmentScore.account_id, AssignmentScore.best_score)
            .join(Assignment, Assignment.id == AssignmentScore.assignment_id).where(LIVE_ASSIGNMENT)):
        bests.setdefault((classroom_id, account_id), []).append(score)
    totals = 0
    for classroom_id, account_id, total in session.execute(
            select(Membership.classroom_id, Membership.account_id, Membership.total)
            .order_by(Membership.classroom_id, Membership.account_id)):
        totals += 1
        differences += total_differences(classroom_id, learner(account_id), total,
                                         total_of(bests.get((classroom_id, account_id), [])))
    return FigureCheck(differences, len(stored.keys() | derived_keys), totals)


def _derived_bests(session: Session) -> Iterator[tuple[tuple[int, int], Best]]:
    """Each learner's best on each live assignment, from their attempts that counted.

    The attempts come in submission order, a learner's after one another, and are read in
    batches: a database of many terms is checked without holding every attempt at once.
    """
    rows = session.execute(
        select(Attempt.assignment_id, Attempt.account_id, Attempt.score, Attempt.max_score)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(LIVE_ASSIGNMENT, Attempt.counts, Attempt.submitted_at.is_not(None),
               Attempt.account_id.is_not(None))
        .order_by(Attempt.assignment_id, Attempt.account_id, Attempt.submitted_at, Attempt.id)
        .execution_options(yield_per=10_000))
    for key, group in itertools.groupby(rows, key=lambda row: (row[0], row[1])):
        best = best_of(CountedAttempt(score or 0, max_score) for _, _, score, max_score in group)
        if best is not None:
            yield key, best
