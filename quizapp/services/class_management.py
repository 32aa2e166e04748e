"""A term's housekeeping: rename and archive classes, rename and remove learners, edit and
delete assignments. Nothing here deletes a row: attempts and scores keep what they point at."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain.names import clean_name, look_alike
from quizapp.models import (
    Account,
    Assignment,
    AssignmentScore,
    Attempt,
    Classroom,
    Membership,
)
from quizapp.services.accounts import AccountProblem, name_missing


def rename_class(session: Session, classroom: Classroom, name: str) -> bool:
    """Give the class a new name; False (nothing changed) when nothing visible is left of it."""
    name = " ".join(name.split())[:120]
    if not name:
        return False
    with write_transaction(session):
        classroom.name = name
    return True


def archive_class(session: Session, classroom: Classroom, archived: bool) -> None:
    """Archive the class (its code, projector link and assignments stop), or restore it."""
    with write_transaction(session):
        classroom.archived_at = clock.now() if archived else None


def membership(session: Session, classroom_id: int, account_id: int) -> Membership | None:
    """The learner's row in the class, removed or not; None if they were never in it."""
    return session.get(Membership, (classroom_id, account_id))


def rename_learner(session: Session, classroom_id: int, account_id: int,
                   name: str) -> AccountProblem | None:
    """Change a class learner's display name (their username stays); the problem, if any.

    The name is cleaned as a joining learner's is, and refused when it looks the same as
    another learner's of the class: the teacher must be able to tell them apart.
    """
    typed, name = name, clean_name(name)
    if not name:
        return name_missing(typed)
    with write_transaction(session):
        account = session.scalar(select(Account).join(Membership, Membership.account_id == Account.id)
                                 .where(Membership.classroom_id == classroom_id,
                                        Membership.removed_at.is_(None),
                                        Account.id == account_id, Account.role == "learner"))
        if account is None:  # a teacher acts on current members only
            return AccountProblem.NOT_A_LEARNER
        others = list(session.scalars(
            select(Account.display_name).join(Membership, Membership.account_id == Account.id)
            .where(Membership.classroom_id == classroom_id, Account.id != account_id)))
        if look_alike(name, others) is not None:
            return AccountProblem.NAME_LOOKS_TAKEN
        account.display_name = name
    return None


def remove_learner(session: Session, classroom_id: int, account_id: int) -> bool:
    """Take a learner off the class and its board; their attempts and scores stay recorded.

    The row is kept, marked removed: joining again with the code brings them back with
    their history. False when they are not in the class.
    """
    with write_transaction(session):
        row = session.get(Membership, (classroom_id, account_id), populate_existing=True)
        if row is None or row.removed_at is not None:
            return False
        row.removed_at = clock.now()
    return True


def live_assignment(session: Session, classroom_id: int, assignment_id: int) -> Assignment | None:
    """The class's assignment, unless it was deleted."""
    assignment = session.get(Assignment, assignment_id)
    if (assignment is None or assignment.classroom_id != classroom_id
            or assignment.deleted_at is not None):
        return None
    return assignment


def edit_assignment(session: Session, assignment: Assignment, opens_at: dt.datetime | None,
                    due_at: dt.datetime | None, attempts_allowed: int | None) -> None:
    """Change when an assignment opens and is due, and how many attempts count.

    Scores already recorded stay as they are, and so do class totals: a due date made
    earlier, or fewer attempts, apply to the attempts started from now on.
    """
    with write_transaction(session):
        assignment.opens_at = opens_at
        assignment.due_at = due_at
        assignment.attempts_allowed = attempts_allowed


def delete_assignment(session: Session, assignment: Assignment) -> bool:
    """Take an assignment off learners' lists and its points out of the class totals.

    Its attempts stay in learners' histories, as practice (they no longer count); the
    best scores stay recorded too, for the record. False when it was deleted already
    (by another request at the same moment, say): its points are taken out once.
    """
    with write_transaction(session):
        # Claimed as a submission is: of two deletions at once, only the one whose UPDATE
        # still finds the assignment live goes on (on PostgreSQL the second waits for the
        # first's row lock, then no longer matches).
        claimed = session.execute(
            update(Assignment).where(Assignment.id == assignment.id, Assignment.deleted_at.is_(None))
            .values(deleted_at=clock.now()).execution_options(synchronize_session=False))
        if claimed.rowcount != 1:
            return False
        # Attempts before members: a submission holds its attempt's row, then locks its
        # member's (attempts.record_best); taking them the other way round could deadlock.
        session.execute(update(Attempt).where(Attempt.assignment_id == assignment.id)
                        .values(counts=False).execution_options(synchronize_session=False))
        # Every member's row is locked before their total changes, as a submission locks it
        # (it then sees the deletion and adds nothing); not only those with a score yet: a
        # first submission may be recording one right now.
        members = session.scalars(
            select(Membership).where(Membership.classroom_id == assignment.classroom_id)
            .order_by(Membership.account_id).with_for_update()
            .execution_options(populate_existing=True)).all()
        bests = dict(session.execute(  # read once no submission can change them
            select(AssignmentScore.account_id, AssignmentScore.best_score)
            .where(AssignmentScore.assignment_id == assignment.id)).all())
        for member in members:
            member.total = max(0, member.total - bests.get(member.account_id, 0))
    return True
