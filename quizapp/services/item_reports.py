"""How well each question works (item analysis), and the problems learners report with questions.

The statistics come from counted, submitted attempts, one per learner: their first (the
first started), made before they had seen any result. Who sees what:

- an assignment's report: its class's attempts, for the class's teacher;
- a teacher's own bank: every class's attempts and every flag, for its owner;
- a bundled bank (no owner): each teacher sees their own classes' attempts and the flags
  raised by learners of their own classes, never other teachers'.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Text, case, cast, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain.item_analysis import (
    CHOICE_TYPES,
    MIN_ATTEMPTS,
    ItemQuestion,
    ItemStats,
    QuestionTallies,
    Tally,
    analyse_tallies,
)
from quizapp.models import (
    Account,
    Answer,
    Assignment,
    Attempt,
    AttemptItem,
    Bank,
    Classroom,
    Membership,
    Question,
    QuestionFlag,
    QuestionVersion,
    utc_now,
)
from quizapp.services.authoring import own_or_bundled

FLAG_REASONS = ("wrong_key", "two_right", "unclear")
MAX_COMMENT = 500


@dataclass(frozen=True)
class OpenFlag:
    """A problem a learner reported, not yet closed."""

    id: int
    reason: str  # one of FLAG_REASONS
    comment: str | None
    learner: str | None  # their name; None for practice without an account
    created_at: dt.datetime


@dataclass(frozen=True)
class QuestionReport:
    """One question version: what it says, its statistics, and its open flags."""

    version_id: int
    question_number: int  # its place in the bank, from 1
    version: int
    prompt: str
    type: str
    stats: ItemStats
    flags: list[OpenFlag]


@dataclass(frozen=True)
class ItemReport:
    """The questions of an assignment or a bank, analysed."""

    learners: int
    more_needed: int
    questions: list[QuestionReport]
    minimum: int = MIN_ATTEMPTS

    @property
    def enough(self) -> bool:
        """True when the statistics can be shown."""
        return self.more_needed == 0


@dataclass(frozen=True)
class BankPage:
    """A bank as a teacher sees its questions' analysis and flags."""

    slug: str
    title: str
    language: str
    mine: bool
    report: ItemReport


def _counted(session: Session, where: list[ColumnElement[bool]]) -> tuple[int, dict[int, QuestionTallies]]:
    """How many learners, and each version's answers counted by total and by response, from each
    learner's first counted, submitted attempt matching ``where`` (the first started).

    The database adds the answers up: a bank used by thousands of classes comes back as a few
    rows per question, not a row per answer.
    """
    counted = [Attempt.counts, Attempt.submitted_at.is_not(None), *where]
    firsts = (select(func.min(Attempt.id)).where(*counted, Attempt.account_id.is_not(None))
              .group_by(Attempt.account_id))
    chosen = [*counted, or_(Attempt.account_id.is_(None), Attempt.id.in_(firsts))]
    learners = session.scalar(select(func.count()).select_from(Attempt).where(*chosen)) or 0
    # One pass over the answers: by version, total and rightness, and for choice questions
    # by response too (the response of other types is left out, or each would be a group).
    response = case((QuestionVersion.type.in_(CHOICE_TYPES),
                     func.coalesce(cast(Answer.response, Text), "null")))
    tallies: dict[int, QuestionTallies] = {}
    for version_id, score, max_score, correct, text, times in session.execute(
            select(Answer.question_version_id, Attempt.score, Attempt.max_score, Answer.correct,
                   response, func.count())
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
            .where(*chosen)
            .group_by(Answer.question_version_id, Attempt.score, Attempt.max_score, Answer.correct,
                      response)):
        total = (score or 0) / max_score if max_score else 0.0
        counted_here = tallies.setdefault(version_id, QuestionTallies())
        counted_here.tallies.append(Tally(total, times, times if correct else 0))
        if text is not None:
            counted_here.responses.append((json.loads(text), times))
    return learners, tallies


def _report(session: Session, counted: tuple[int, dict[int, QuestionTallies]],
            flags: dict[int, list[OpenFlag]], also: Iterable[int] = ()) -> ItemReport:
    """Analyse the versions the learners answered, those with flags, and ``also``."""
    learners, tallies = counted
    wanted = set(tallies) | set(flags) | set(also)
    versions = session.execute(
        select(QuestionVersion.id, QuestionVersion.number, QuestionVersion.prompt,
               QuestionVersion.type, QuestionVersion.key, Question.position)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(QuestionVersion.id.in_(list(wanted)))
        .order_by(Question.position, QuestionVersion.number)).all()
    analysis = analyse_tallies([ItemQuestion(row.id, row.type, row.key) for row in versions],
                               learners, tallies)
    questions = [QuestionReport(row.id, row.position + 1, row.number, row.prompt, row.type, stats,
                                flags.get(row.id, []))
                 for row, stats in zip(versions, analysis.items, strict=True)]
    return ItemReport(analysis.learners, analysis.more_needed, questions)


def assignment_report(session: Session, assignment_id: int) -> ItemReport:
    """The item analysis of one assignment, from its class's counted attempts."""
    return _report(session, _counted(session, [Attempt.assignment_id == assignment_id]), {})


def _teachers_learners(teacher_id: int) -> Select[tuple[int]]:
    return (select(Membership.account_id).join(Classroom, Classroom.id == Membership.classroom_id)
            .where(Classroom.teacher_id == teacher_id))


def _visible_flags(bank: Bank, teacher_id: int) -> list[ColumnElement[bool]]:
    """Conditions for the flags on a bank a teacher may see: all on their own bank; on a
    bundled one, those raised by learners of their classes."""
    if bank.owner_id == teacher_id:
        return []
    return [QuestionFlag.account_id.in_(_teachers_learners(teacher_id))]


def teacher_bank(session: Session, teacher_id: int, slug: str) -> Bank | None:
    """A bank whose questions the teacher may study: bundled, or their own."""
    return session.scalar(select(Bank).where(Bank.slug == slug,
                                             own_or_bundled(Bank.owner_id, teacher_id)))


def bank_page(session: Session, teacher_id: int, bank: Bank) -> BankPage:
    """A bank's questions with their analysis and open flags, as this teacher may see them."""
    where = [Attempt.bank_id == bank.id]
    if bank.owner_id != teacher_id:  # a bundled bank: only this teacher's classes
        where.append(Attempt.assignment_id.in_(
            select(Assignment.id).join(Classroom, Classroom.id == Assignment.classroom_id)
            .where(Classroom.teacher_id == teacher_id)))
    flags: dict[int, list[OpenFlag]] = {}
    for flag, name in session.execute(
            select(QuestionFlag, Account.display_name)
            .join(QuestionVersion, QuestionVersion.id == QuestionFlag.question_version_id)
            .join(Question, Question.id == QuestionVersion.question_id)
            .outerjoin(Account, Account.id == QuestionFlag.account_id)
            .where(Question.bank_id == bank.id, QuestionFlag.closed_at.is_(None),
                   *_visible_flags(bank, teacher_id))
            .order_by(QuestionFlag.created_at, QuestionFlag.id)):
        flags.setdefault(flag.question_version_id, []).append(
            OpenFlag(flag.id, flag.reason, flag.comment, name, flag.created_at))
    current = session.scalars(select(Question.current_version_id).where(
        Question.bank_id == bank.id, Question.retired.is_(False),
        Question.current_version_id.is_not(None)))
    report = _report(session, _counted(session, where), flags,
                     [version for version in current if version is not None])
    return BankPage(bank.slug, bank.title, bank.language, bank.owner_id == teacher_id, report)


class FlagOutcome(enum.Enum):
    """How reporting a problem went."""

    RECORDED = "recorded"
    ALREADY_REPORTED = "already_reported"
    NOT_FOUND = "not_found"


def _same_reporter(account_id: int | None, attempt_id: int) -> ColumnElement[bool]:
    """One flag per learner per version; without an account, one per attempt per version."""
    if account_id is not None:
        return QuestionFlag.account_id == account_id
    return (QuestionFlag.attempt_id == attempt_id) & QuestionFlag.account_id.is_(None)


def flag_question(session: Session, token: str, position: int, account_id: int | None,
                  reason: str, comment: str | None) -> FlagOutcome:
    """Record a problem with the question at ``position`` of a submitted attempt."""
    row = session.execute(
        select(Attempt.id, AttemptItem.question_version_id)
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.token == token, Attempt.submitted_at.is_not(None),
               AttemptItem.position == position)).first()
    if row is None or reason not in FLAG_REASONS:
        return FlagOutcome.NOT_FOUND
    attempt_id, version_id = row
    try:
        with write_transaction(session):
            if session.scalar(select(QuestionFlag.id).where(
                    QuestionFlag.question_version_id == version_id,
                    _same_reporter(account_id, attempt_id))) is not None:
                return FlagOutcome.ALREADY_REPORTED
            session.add(QuestionFlag(question_version_id=version_id, attempt_id=attempt_id,
                                     account_id=account_id, reason=reason,
                                     comment=(comment or "").strip()[:MAX_COMMENT] or None))
    except IntegrityError:  # the same learner's other request recorded it first
        return FlagOutcome.ALREADY_REPORTED
    return FlagOutcome.RECORDED


def flagged_positions(session: Session, token: str, account_id: int | None) -> set[int]:
    """The positions of an attempt whose question this learner (or attempt) has reported."""
    attempt_id = session.scalar(select(Attempt.id).where(Attempt.token == token))
    if attempt_id is None:
        return set()
    return set(session.scalars(
        select(AttemptItem.position)
        .join(QuestionFlag, QuestionFlag.question_version_id == AttemptItem.question_version_id)
        .where(AttemptItem.attempt_id == attempt_id, _same_reporter(account_id, attempt_id))))


def close_flag(session: Session, teacher_id: int, flag_id: int) -> str | None:
    """Close a flag the teacher may see; the slug of its bank, or None if they may not."""
    row = session.execute(
        select(QuestionFlag.id, Bank.slug, Bank.owner_id, QuestionFlag.account_id)
        .join(QuestionVersion, QuestionVersion.id == QuestionFlag.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Bank, Bank.id == Question.bank_id)
        .where(QuestionFlag.id == flag_id, own_or_bundled(Bank.owner_id, teacher_id))).first()
    if row is None:
        return None
    if row.owner_id != teacher_id and session.scalar(
            _teachers_learners(teacher_id).where(Membership.account_id == row.account_id)
            .limit(1)) is None:
        return None
    with write_transaction(session):
        flag = session.get(QuestionFlag, flag_id)
        if flag is not None and flag.closed_at is None:
            flag.closed_at, flag.closed_by = utc_now(), teacher_id
    return str(row.slug)
