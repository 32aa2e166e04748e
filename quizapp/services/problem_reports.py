"""Problems learners report with a question: taken once per learner and version, read by teachers."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.models import (
    Assignment,
    Attempt,
    AttemptItem,
    Bank,
    Classroom,
    Membership,
    Question,
    QuestionFlag,
    QuestionVersion,
)
from quizapp.services import item_reports
from quizapp.services.bank_access import on_owners_list, own_or_bundled, teachers_learners

FLAG_REASONS = ("wrong_key", "two_right", "unclear")
MAX_COMMENT = 500


class FlagOutcome(enum.Enum):
    """How reporting a problem went."""

    RECORDED = "recorded"
    ALREADY_REPORTED = "already_reported"
    NOT_FOUND = "not_found"
    NO_READER = "no_reader"  # signed out, on a bundled bank: no teacher would ever read it


def _same_reporter(account_id: int | None, attempt_id: int) -> ColumnElement[bool]:
    """One flag per learner per version; without an account, one per attempt per version."""
    if account_id is not None:
        return QuestionFlag.account_id == account_id
    return (QuestionFlag.attempt_id == attempt_id) & QuestionFlag.account_id.is_(None)


def flag_question(session: Session, token: str, position: int, account_id: int | None,
                  reason: str, comment: str | None) -> FlagOutcome:
    """Record a problem with the question at ``position`` of a submitted attempt."""
    row = session.execute(
        select(Attempt.id, AttemptItem.question_version_id, Bank.owner_id)
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Bank, Bank.id == Question.bank_id)
        .where(Attempt.token == token, Attempt.submitted_at.is_not(None),
               AttemptItem.position == position)).first()
    if row is None or reason not in FLAG_REASONS:
        return FlagOutcome.NOT_FOUND
    attempt_id, version_id, owner_id = row
    if account_id is None and owner_id is None:
        return FlagOutcome.NO_READER
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


def reportable_positions(session: Session, token: str, account_id: int | None) -> set[int]:
    """The positions of an attempt whose problems this reporter may report: every one when signed
    in; signed out, only those of a teacher's own bank, since its teacher reads every report on it
    (a bundled bank's reports are read by the teachers of the reporter's classes, and a signed-out
    reporter has none)."""
    query = select(AttemptItem.position).join(Attempt, Attempt.id == AttemptItem.attempt_id)
    if account_id is None:
        query = (query.join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
                 .join(Question, Question.id == QuestionVersion.question_id)
                 .join(Bank, Bank.id == Question.bank_id).where(Bank.owner_id.is_not(None)))
    return set(session.scalars(query.where(Attempt.token == token)))


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
            teachers_learners(teacher_id).where(Membership.account_id == row.account_id)
            .limit(1)) is None:
        return None
    with write_transaction(session):
        flag = session.get(QuestionFlag, flag_id)
        if flag is not None and flag.closed_at is None:
            flag.closed_at, flag.closed_by = clock.now(), teacher_id
    return str(row.slug)


def _open_and_visible(teacher_id: int) -> list[ColumnElement[bool]]:
    """Open flags the teacher reads, on banks of their list: every one on their own bank, and on
    a bundled bank those of their own learners (as ``item_reports.bank_page`` shows them)."""
    return [QuestionFlag.closed_at.is_(None), on_owners_list(teacher_id),
            own_or_bundled(Bank.owner_id, teacher_id),
            or_(Bank.owner_id == teacher_id,
                QuestionFlag.account_id.in_(teachers_learners(teacher_id)))]


def _flags_with_banks(*columns: ColumnElement[Any]) -> Select[Any]:
    """``columns`` from open flags joined to their question's bank."""
    return (select(*columns).select_from(QuestionFlag)
            .join(QuestionVersion, QuestionVersion.id == QuestionFlag.question_version_id)
            .join(Question, Question.id == QuestionVersion.question_id)
            .join(Bank, Bank.id == Question.bank_id))


@dataclass(frozen=True)
class OpenCounts:
    """How many open reports a teacher has to read: in all, per bank (by slug), per class (on
    the banks assigned in it; a bank assigned in two classes counts in both)."""

    total: int
    by_bank: dict[str, int]
    by_class: dict[int, int]


def open_counts(session: Session, teacher_id: int) -> OpenCounts:
    """The open reports on the teacher's banks, counted for their home, classes and banks."""
    visible = _open_and_visible(teacher_id)
    by_bank = {slug: count for slug, count in session.execute(
        _flags_with_banks(Bank.slug, func.count(QuestionFlag.id)).where(*visible)
        .group_by(Bank.slug))}
    by_class = {classroom_id: count for classroom_id, count in session.execute(
        _flags_with_banks(Assignment.classroom_id, func.count(func.distinct(QuestionFlag.id)))
        .join(Assignment, Assignment.bank_id == Bank.id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(*visible, Assignment.deleted_at.is_(None), Classroom.teacher_id == teacher_id)
        .group_by(Assignment.classroom_id))}
    return OpenCounts(sum(by_bank.values()), by_bank, by_class)


def open_reports(session: Session, teacher_id: int, language: str | None = None,
                 classroom_id: int | None = None) -> list[item_reports.BankPage]:
    """Each bank with open reports the teacher reads (only those assigned in ``classroom_id``
    when given, a class of theirs), with just its reported questions, their figures and reports."""
    query = _flags_with_banks(Bank.id).where(*_open_and_visible(teacher_id)).distinct()
    if classroom_id is not None:
        query = query.where(Bank.id.in_(
            select(Assignment.bank_id).join(Classroom, Classroom.id == Assignment.classroom_id)
            .where(Assignment.classroom_id == classroom_id, Assignment.deleted_at.is_(None),
                   Classroom.teacher_id == teacher_id)))
    banks = session.scalars(select(Bank).where(Bank.id.in_(query))
                            .order_by(Bank.owner_id.is_(None), Bank.title, Bank.id))
    pages = []
    for bank in banks:
        page = item_reports.bank_page(session, teacher_id, bank, language)
        reported = [question for question in page.report.questions if question.flags]
        pages.append(replace(page, report=replace(page.report, questions=reported)))
    return pages
