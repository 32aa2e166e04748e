"""Classes: what teachers set up and see, what learners are assigned, and class boards."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain.class_time import DEFAULT_ZONE
from quizapp.domain.classroom_rules import (
    ASSIGNMENT_MODES,
    AssignmentWindow,
    AttemptKind,
    attempt_kind,
    new_join_code,
)
from quizapp.domain.collation import by_name
from quizapp.models import (
    Account,
    Assignment,
    AssignmentScore,
    Attempt,
    AttemptItem,
    Bank,
    Classroom,
    Membership,
    SavedAnswer,
)
from quizapp.services import attempts
from quizapp.services.bank_access import assignable_by
from quizapp.services.bank_words import title_in

# A learner removed from a class keeps their row (and history) but is no longer in it.
ACTIVE_MEMBER = Membership.removed_at.is_(None)
OPEN_CLASS = Classroom.archived_at.is_(None)
LIVE_ASSIGNMENT = Assignment.deleted_at.is_(None)

BOARD_MODES = ("shown", "top10", "hidden")


@dataclass(frozen=True)
class ClassSummary:
    """A class as its teacher's list shows it."""

    id: int
    name: str
    join_code: str
    members: int
    assignments: int
    archived: bool = False


@dataclass(frozen=True)
class AssignmentView:
    """An assignment with the viewer's standing on it (learners) or none (teachers)."""

    id: int
    bank_slug: str
    bank_title: str
    opens_at: dt.datetime | None
    due_at: dt.datetime | None
    attempts_allowed: int | None
    kind_now: AttemptKind
    best_score: int | None = None
    max_score: int | None = None
    attempts_used: int = 0
    bank_language: str = "en"
    in_progress: tuple[int, int] | None = None  # an open attempt: questions answered, of how many
    mode: str = "test"  # or "learn": each answer checked at once

    @property
    def learn_mode(self) -> bool:
        """Taken in learn mode: each answer checked at once, with its explanation."""
        return self.mode == "learn"

    @property
    def opens_later(self) -> bool:
        """Not open yet: the learner sees when it opens."""
        return self.kind_now is AttemptKind.NOT_OPEN

    @property
    def attempts_used_up(self) -> bool:
        """Every attempt that counts is used."""
        return self.kind_now is AttemptKind.NO_ATTEMPTS_LEFT

    @property
    def practice_only(self) -> bool:
        """Past its due date: it can be practised, and no longer counts."""
        return self.kind_now is AttemptKind.PRACTICE


@dataclass(frozen=True)
class ClassPage:
    """One class as its teacher manages it."""

    id: int
    name: str
    join_code: str
    board_mode: str
    projector_token: str | None
    members: list[tuple[int, str, str]]  # account id, display name, username
    assignments: list[AssignmentView]
    language: str | None = None  # the default for learners who have not chosen one
    timezone: str = DEFAULT_ZONE  # dates are typed and shown on this clock
    removed: list[tuple[int, str, str]] = field(default_factory=list)  # learners removed
    archived: bool = False


@dataclass(frozen=True)
class LearnerClass:
    """One of a learner's classes, with what is assigned and how they did."""

    id: int
    name: str
    board_mode: str
    assignments: list[AssignmentView]
    timezone: str = DEFAULT_ZONE

    @property
    def board_shown(self) -> bool:
        """Whether the class's learners see its board."""
        return self.board_mode != "hidden"


def _unique_code(session: Session, rng: random.Random) -> str:
    while True:
        code = new_join_code(rng)
        if session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def create_classroom(session: Session, teacher_id: int, name: str,
                     rng: random.Random | None = None, *, timezone: str = DEFAULT_ZONE,
                     language: str | None = None) -> int:
    """Create a class with a fresh join code, its time zone and default language; returns its id."""
    with write_transaction(session):
        classroom = Classroom(teacher_id=teacher_id, name=" ".join(name.split())[:120],
                              join_code=_unique_code(session, rng or random.SystemRandom()),
                              timezone=timezone, language=language or None)
        session.add(classroom)
    return classroom.id


def last_class_zone(session: Session, teacher_id: int) -> str | None:
    """The time zone of the class the teacher created last, archived or not; None for none."""
    return session.scalar(select(Classroom.timezone).where(Classroom.teacher_id == teacher_id)
                          .order_by(Classroom.created_at.desc(), Classroom.id.desc()).limit(1))


def owned_classroom(session: Session, teacher_id: int, classroom_id: int) -> Classroom | None:
    """The class if this teacher owns it; None otherwise (it may exist: it is not theirs)."""
    classroom = session.get(Classroom, classroom_id)
    return classroom if classroom is not None and classroom.teacher_id == teacher_id else None


def renew_join_code(session: Session, classroom: Classroom, rng: random.Random | None = None) -> None:
    """Give the class a new code; the old one stops working."""
    with write_transaction(session):
        classroom.join_code = _unique_code(session, rng or random.SystemRandom())


def set_board(session: Session, classroom: Classroom, mode: str) -> None:
    """Show the class board to learners, show only the top 10 and their rank, or hide it."""
    if mode not in BOARD_MODES:
        raise ValueError(mode)
    with write_transaction(session):
        classroom.board_mode = mode


def set_settings(session: Session, classroom: Classroom, *, timezone: str,
                 language: str | None) -> None:
    """Change the class's time zone (dates already set keep their moment) and default language."""
    with write_transaction(session):
        classroom.timezone = timezone
        classroom.language = language or None


def set_projector(session: Session, classroom: Classroom, enabled: bool) -> None:
    """Make a new secret projector link (the old one stops working), or revoke it."""
    with write_transaction(session):
        classroom.projector_token = secrets.token_urlsafe(24) if enabled else None


def teacher_classes(session: Session, teacher_id: int) -> list[ClassSummary]:
    """A teacher's classes with their member and assignment counts."""
    members = (select(Membership.classroom_id, func.count().label("n")).where(ACTIVE_MEMBER)
               .group_by(Membership.classroom_id).subquery())
    assigned = (select(Assignment.classroom_id, func.count().label("n")).where(LIVE_ASSIGNMENT)
                .group_by(Assignment.classroom_id).subquery())
    rows = session.execute(
        select(Classroom, func.coalesce(members.c.n, 0), func.coalesce(assigned.c.n, 0))
        .outerjoin(members, members.c.classroom_id == Classroom.id)
        .outerjoin(assigned, assigned.c.classroom_id == Classroom.id)
        .where(Classroom.teacher_id == teacher_id).order_by(Classroom.name, Classroom.id))
    return [ClassSummary(c.id, c.name, c.join_code, m, a, c.archived_at is not None)
            for c, m, a in rows]


def _window(assignment: Assignment) -> AssignmentWindow:
    return AssignmentWindow(assignment.opens_at, assignment.due_at, assignment.attempts_allowed)


def _assignment_views(session: Session, classroom_id: int, now: dt.datetime,
                      account_id: int | None = None, language: str = "en") -> list[AssignmentView]:
    """The class's assignments, each bank's title in ``language`` where it has a translation.

    Deleted assignments are left out; for a learner (``account_id``), so are those of banks
    their teacher unpublished: they can no longer be started.
    """
    shown = [LIVE_ASSIGNMENT] + ([Bank.listed] if account_id is not None else [])
    words = title_in(language)
    rows = session.execute(
        select(Assignment, Bank.slug, words.title, words.language)
        .join(Bank, Bank.id == Assignment.bank_id)
        .outerjoin(words.translation, words.on)
        .where(Assignment.classroom_id == classroom_id, *shown)
        .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id))
    scores: dict[int, AssignmentScore] = {}
    progress: dict[int, tuple[int, int]] = {}
    if account_id is not None:
        scores = {score.assignment_id: score for score in session.scalars(
            select(AssignmentScore).join(Assignment)
            .where(Assignment.classroom_id == classroom_id, AssignmentScore.account_id == account_id))}
        progress = open_attempts(session, classroom_id, account_id)
    views = []
    for assignment, slug, title, language in rows:
        score = scores.get(assignment.id)
        used = score.attempts if score else 0
        views.append(AssignmentView(
            assignment.id, slug, title, assignment.opens_at, assignment.due_at,
            assignment.attempts_allowed, attempt_kind(_window(assignment), now, used),
            score.best_score if score else None, score.max_score if score else None, used,
            language, progress.get(assignment.id), assignment.mode))
    return views


def open_attempts(session: Session, classroom_id: int, account_id: int) -> dict[int, tuple[int, int]]:
    """A learner's attempts in progress on the class's assignments: (answered, questions) by
    assignment, from the answers saved so far."""
    answered = (select(func.count(SavedAnswer.position)).where(SavedAnswer.attempt_id == Attempt.id)
                .correlate(Attempt).scalar_subquery())
    questions = (select(func.count(AttemptItem.position)).where(AttemptItem.attempt_id == Attempt.id)
                 .correlate(Attempt).scalar_subquery())
    rows = session.execute(
        select(Attempt.assignment_id, answered, questions)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id, Attempt.account_id == account_id,
               Attempt.submitted_at.is_(None))
        .order_by(Attempt.started_at))
    return {assignment_id: (done, total) for assignment_id, done, total in rows}


def class_page(session: Session, classroom: Classroom, now: dt.datetime,
               language: str = "en") -> ClassPage:
    """A class with its members (and those removed) by name in ``language``'s order, and its
    assignments, for its teacher."""
    rows = session.execute(
        select(Account.id, Account.display_name, Account.username, Membership.removed_at)
        .join(Membership, Membership.account_id == Account.id)
        .where(Membership.classroom_id == classroom.id))
    members, removed = [], []
    for account_id, name, username, removed_at in by_name(rows, lambda row: row[1], language,
                                                          lambda row: row[0]):
        (members if removed_at is None else removed).append((account_id, name, username))
    return ClassPage(classroom.id, classroom.name, classroom.join_code, classroom.board_mode,
                     classroom.projector_token, members,
                     _assignment_views(session, classroom.id, now, language=language),
                     classroom.language, classroom.timezone, removed,
                     classroom.archived_at is not None)


def assign_bank(session: Session, classroom: Classroom, bank_slug: str,
                opens_at: dt.datetime | None, due_at: dt.datetime | None,
                attempts_allowed: int | None, mode: str = "test") -> int | None:
    """Set a bundled bank or one of the teacher's own; returns the assignment's id, else None.

    ``mode``: "learn" (each answer checked at once) or "test" (feedback at the end).
    """
    bank_id = session.scalar(select(Bank.id).where(
        Bank.slug == bank_slug, *assignable_by(classroom.teacher_id)))
    if bank_id is None:
        return None
    with write_transaction(session):
        assignment = Assignment(classroom_id=classroom.id, bank_id=bank_id, opens_at=opens_at,
                                due_at=due_at, attempts_allowed=attempts_allowed,
                                mode=mode if mode in ASSIGNMENT_MODES else "test")
        session.add(assignment)
    return assignment.id


def assignment_title(session: Session, assignment: Assignment, language: str = "en") -> str:
    """The title of an assignment's bank, in ``language`` where its translation has one."""
    words = title_in(language)
    return session.scalar(select(words.title).select_from(Bank).outerjoin(words.translation, words.on)
                          .where(Bank.id == assignment.bank_id)) or ""


def learner_classes(session: Session, account_id: int, now: dt.datetime,
                    language: str = "en") -> list[LearnerClass]:
    """A learner's classes, each with its assignments and the learner's best scores."""
    classrooms = session.scalars(
        select(Classroom).join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.account_id == account_id, ACTIVE_MEMBER, OPEN_CLASS)
        .order_by(Classroom.name, Classroom.id))
    return [LearnerClass(c.id, c.name, c.board_mode,
                         _assignment_views(session, c.id, now, account_id, language), c.timezone)
            for c in classrooms]


def learner_time_zone(session: Session, account_id: int) -> str:
    """The clock a learner's own pages use: that of the class they joined last, else UTC."""
    return session.scalar(
        select(Classroom.timezone).join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.account_id == account_id)
        .order_by(Membership.joined_at.desc(), Classroom.id.desc()).limit(1)) or DEFAULT_ZONE


def is_member(session: Session, classroom_id: int, account_id: int) -> bool:
    """True when the account is in the class (and was not removed from it)."""
    membership = session.get(Membership, (classroom_id, account_id))
    return membership is not None and membership.removed_at is None


def start_assignment(session: Session, account_id: int, assignment_id: int, now: dt.datetime,
                     rng: random.Random | None = None) -> str | AttemptKind | None:
    """Start (or resume) the learner's attempt on an assignment of one of their classes.

    Returns the attempt's token; the reason when it cannot start; None when the
    assignment is not one of the learner's. An attempt still open is resumed, so a
    reload, a second tab or a dozen clicks at once never spend an extra attempt.
    """
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.deleted_at is not None:
        return None
    classroom = session.get(Classroom, assignment.classroom_id)
    if classroom is None or classroom.archived_at is not None:
        return None
    slug = session.scalar(select(Bank.slug).where(Bank.id == assignment.bank_id))
    assert slug is not None
    with write_transaction(session):
        # The learner's membership row is locked before looking for an open attempt
        # (PostgreSQL; SQLite's writers queue at BEGIN), as recording a submission locks it:
        # of two starts at once, the second waits and finds the first one's attempt.
        membership = session.scalar(
            select(Membership).where(Membership.classroom_id == assignment.classroom_id,
                                     Membership.account_id == account_id)
            .with_for_update().execution_options(populate_existing=True))
        if membership is None or membership.removed_at is not None:
            return None
        window = session.execute(  # read under the lock: a deletion or an edit may have come
            select(Assignment.deleted_at, Assignment.opens_at, Assignment.due_at,
                   Assignment.attempts_allowed, Assignment.mode).where(Assignment.id == assignment_id)).one()
        if window.deleted_at is not None:
            return None
        open_token = session.scalar(
            select(Attempt.token).where(Attempt.account_id == account_id,
                                        Attempt.assignment_id == assignment_id,
                                        Attempt.submitted_at.is_(None))
            .order_by(Attempt.id.desc()).limit(1))
        if open_token is not None:
            return open_token
        used = session.scalar(select(AssignmentScore.attempts).where(
            AssignmentScore.assignment_id == assignment_id,
            AssignmentScore.account_id == account_id)) or 0
        kind = attempt_kind(AssignmentWindow(window.opens_at, window.due_at,
                                             window.attempts_allowed), now, used)
        if kind in (AttemptKind.NOT_OPEN, AttemptKind.NO_ATTEMPTS_LEFT):
            return kind
        return attempts.start_attempt(session, slug, rng, account_id=account_id,
                                      assignment_id=assignment_id,
                                      counts=kind is AttemptKind.COUNTS,
                                      learn=window.mode == "learn")
