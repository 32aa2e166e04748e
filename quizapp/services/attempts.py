"""An attempt's life: start it, submit it once, record what counts; each write one short transaction."""

from __future__ import annotations

import datetime as dt
import enum
import random
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain.classroom_rules import AssignmentState, AssignmentWindow, practice_reason
from quizapp.domain.grading import Response, ResponseError, is_correct, presentation_order, read_response
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import (
    Answer,
    Assignment,
    AssignmentScore,
    Attempt,
    AttemptItem,
    Bank,
    Classroom,
    Membership,
    Question,
    QuestionVersion,
    SavedAnswer,
)
from quizapp.services import review_cards
from quizapp.services.bank_access import open_to_learners
from quizapp.services.saved_answers import save_answers, saved_answers, with_saved


class SubmitStatus(enum.Enum):
    """How a submission went."""

    RECORDED = "recorded"
    ALREADY_SUBMITTED = "already_submitted"
    NEEDS_CORRECTION = "needs_correction"
    HAS_BLANKS = "has_blanks"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Submission:
    """The outcome of a submission; errors and blanks are keyed by question position."""

    status: SubmitStatus
    errors: dict[int, ResponseError] = field(default_factory=dict)
    blanks: list[int] = field(default_factory=list)


def start_attempt(session: Session, bank_slug: str, rng: random.Random | None = None, *,
                  account_id: int | None = None, assignment_id: int | None = None,
                  counts: bool = False, learn: bool = False) -> str | None:
    """Create an attempt on a listed bank's current questions and return its token.

    Practice needs no account; an attempt on an assignment belongs to its learner and
    ``counts`` towards the assignment unless it was started after the due date. ``learn``:
    taken one question at a time, each checked at once (learn mode).
    """
    rng = rng or random.SystemRandom()
    bank = session.scalar(select(Bank).where(Bank.slug == bank_slug, *open_to_learners()))
    if bank is None:
        return None
    versions = list(session.scalars(
        select(QuestionVersion)
        .join(Question, Question.current_version_id == QuestionVersion.id)
        .where(Question.bank_id == bank.id, Question.retired.is_(False))
        .order_by(Question.position)
    ))
    if not versions:
        return None
    attempt = _new_attempt(bank, versions, rng, account_id, assignment_id, counts)
    attempt.learn = learn
    with write_transaction(session):
        session.add(attempt)
    return attempt.token


def _new_attempt(bank: Bank, versions: list[QuestionVersion], rng: random.Random,
                 account_id: int | None, assignment_id: int | None, counts: bool) -> Attempt:
    return Attempt(
        token=secrets.token_urlsafe(24),
        bank_id=bank.id,
        account_id=account_id,
        assignment_id=assignment_id,
        counts=counts and assignment_id is not None and account_id is not None,
        max_score=sum(version.points for version in versions),
        items=[
            AttemptItem(position=position, question_version_id=version.id,
                        shown_order=presentation_order(version.type, version.key, rng))
            for position, version in enumerate(versions, start=1)
        ],
    )


@dataclass(frozen=True)
class Ownership:
    """Who may see an attempt: its learner, and the teacher of its assignment's class."""

    account_id: int | None
    teacher_id: int | None


def ownership(session: Session, token: str) -> Ownership | None:
    """Whose attempt this is; None when there is no such attempt. Practice has no owner."""
    row = session.execute(
        select(Attempt.account_id, Classroom.teacher_id)
        .outerjoin(Assignment, Assignment.id == Attempt.assignment_id)
        .outerjoin(Classroom, Classroom.id == Assignment.classroom_id)
        .where(Attempt.token == token)).first()
    return Ownership(row[0], row[1]) if row else None


def start_redo(session: Session, token: str, account_id: int | None,
               rng: random.Random | None = None, learn: bool = False) -> str | None:
    """A practice attempt on just the questions answered wrongly, as they were shown then
    (in learn mode with ``learn``).

    Returns its token; None when the attempt is not submitted or nothing was wrong.
    """
    rng = rng or random.SystemRandom()
    attempt = load_attempt(session, token)
    if attempt is None or attempt.submitted_at is None:
        return None
    wrong = session.scalars(select(Answer.question_version_id).where(
        Answer.attempt_id == attempt.id, Answer.correct.is_(False)).order_by(Answer.position)).all()
    if not wrong:
        return None
    versions = {item.question_version_id: item.question_version for item in attempt.items}
    redo = Attempt(
        token=secrets.token_urlsafe(24), bank_id=attempt.bank_id, account_id=account_id,
        max_score=sum(versions[v].points for v in wrong), learn=learn,
        items=[AttemptItem(position=position, question_version_id=version_id,
                           shown_order=presentation_order(versions[version_id].type,
                                                          versions[version_id].key, rng))
               for position, version_id in enumerate(wrong, start=1)],
    )
    with write_transaction(session):
        session.add(redo)
    return redo.token


def load_attempt(session: Session, token: str) -> Attempt | None:
    return session.scalar(
        select(Attempt).where(Attempt.token == token)
        .options(joinedload(Attempt.bank),
                 selectinload(Attempt.items).joinedload(AttemptItem.question_version)
                 .joinedload(QuestionVersion.question))
    )


@dataclass(frozen=True)
class PageSubmission:
    """A submission from one page of the quiz, with every answer it submitted (saved ones too)."""

    submission: Submission
    answers: dict[int, list[str]]


def submit_page(session: Session, token: str, given: Mapping[int, list[str]],
                positions: Iterable[int], allow_blanks: bool = False,
                retention: float = DEFAULT_RETENTION) -> PageSubmission:
    """Submit an attempt from one page: the answers saved on its other pages count too.

    ``given`` is what the page's form sent for the questions at ``positions``. When a
    response must be corrected or blanks confirmed, the page's answers are saved, so
    nothing is lost while the learner fixes the rest.
    """
    positions = list(positions)
    everything = with_saved(saved_answers(session, token), given, positions)
    outcome = submit_attempt(session, token, everything, allow_blanks, retention)
    if outcome.status in (SubmitStatus.NEEDS_CORRECTION, SubmitStatus.HAS_BLANKS):
        save_answers(session, token, given, positions)
    return PageSubmission(outcome, everything)


def submit_attempt(session: Session, token: str, raw: Mapping[int, list[str]],
                   allow_blanks: bool = False, retention: float = DEFAULT_RETENTION) -> Submission:
    """Grade and record an attempt once; a second submission of the same attempt changes nothing.

    A signed-in learner's answers also make or update their review cards (wrong: Again,
    right: Good, scheduled for ``retention``), in the same transaction; scores never depend
    on them.

    ``raw`` maps each question's position to the values its form fields sent. Nothing is
    written when a response cannot be read, or when some are blank and blanks are not allowed.
    """
    attempt = load_attempt(session, token)
    if attempt is None:
        return Submission(SubmitStatus.NOT_FOUND)
    if attempt.submitted_at is not None:
        return Submission(SubmitStatus.ALREADY_SUBMITTED)

    responses: dict[int, Response] = {}
    errors: dict[int, ResponseError] = {}
    blanks: list[int] = []
    for item in attempt.items:
        version = item.question_version
        read = read_response(version.type, version.key, item.shown_order,
                             raw.get(item.position, []))
        if read.error is not None:
            errors[item.position] = read.error
        elif read.blank:
            blanks.append(item.position)
        responses[item.position] = read.value
    if errors:
        return Submission(SubmitStatus.NEEDS_CORRECTION, errors=errors, blanks=blanks)
    if blanks and not allow_blanks:
        return Submission(SubmitStatus.HAS_BLANKS, blanks=blanks)

    answers = []
    for item in attempt.items:
        version = item.question_version
        right = is_correct(version.type, version.key, responses[item.position])
        answers.append(Answer(attempt_id=attempt.id, position=item.position,
                              question_version_id=version.id,
                              response=responses[item.position], correct=right,
                              points_awarded=version.points if right else 0))
    score = sum(a.points_awarded for a in answers)
    at = clock.now()  # one time for the submission, its review cards and whether it counts
    answered = [(version.question_id, answer.correct,
                 review_cards.concept_id(version.tags, version.question.bank.tags))
                for version, answer in zip((item.question_version for item in attempt.items), answers,
                                           strict=True)]
    # Graded above, on the read; the write transaction only claims and stores.
    with write_transaction(session):
        claimed = session.execute(
            update(Attempt)
            .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
            .values(submitted_at=at, score=score)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # another request submitted it first
            session.rollback()
            return Submission(SubmitStatus.ALREADY_SUBMITTED)
        session.add_all(answers)
        if attempt.account_id is not None:
            review_cards.record_answers(session, attempt.account_id, answered, at, retention)
        if attempt.answers_saved_at is not None:  # kept only until the answers are recorded
            session.execute(delete(SavedAnswer).where(SavedAnswer.attempt_id == attempt.id))
        if attempt.counts and attempt.assignment_id is not None and attempt.account_id is not None:
            record_best(session, attempt.id, attempt.assignment_id, attempt.account_id, score,
                         attempt.max_score, at)
    return Submission(SubmitStatus.RECORDED)


def record_best(session: Session, attempt_id: int, assignment_id: int, account_id: int,
                 score: int, max_score: int, now: dt.datetime) -> None:
    """Keep the learner's best score and class total, in the submission's own transaction.

    The membership row is locked first (PostgreSQL; SQLite's writers are serialised
    already), as starting an attempt (classrooms.start_assignment) and deleting the
    assignment (class_management.delete_assignment) lock it: two submissions of one learner
    cannot both add to the total, nor both count when one attempt is left. A submission
    that does not count after all (sent after the due date, beyond the attempts allowed, on
    an assignment deleted meanwhile, after its class was archived or its bank unpublished)
    is marked so, with the reason: its attempt is practice.
    """
    classroom_id = session.scalar(select(Assignment.classroom_id).where(Assignment.id == assignment_id))
    membership = session.scalar(
        select(Membership).where(Membership.classroom_id == classroom_id,
                                 Membership.account_id == account_id)
        .with_for_update().execution_options(populate_existing=True))
    # Read once the row is locked: an assignment deleted meanwhile took its points out of
    # the total, and another submission may have used the last attempt.
    row = session.execute(
        select(Assignment.due_at, Assignment.attempts_allowed, Assignment.deleted_at,
               Classroom.archived_at, Bank.listed, Bank.deleted_at.label("bank_deleted_at"))
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Bank, Bank.id == Assignment.bank_id)
        .where(Assignment.id == assignment_id)).one()
    best = session.get(AssignmentScore, (assignment_id, account_id), populate_existing=True)
    window = AssignmentWindow(due_at=row.due_at, attempts_allowed=row.attempts_allowed)
    state = AssignmentState(deleted=row.deleted_at is not None,
                            class_archived=row.archived_at is not None,
                            bank_open=row.listed and row.bank_deleted_at is None)
    reason = practice_reason(window, now, best.attempts if best else 0, state)
    if reason is not None:
        session.execute(update(Attempt).where(Attempt.id == attempt_id)
                        .values(counts=False, practice_reason=reason.value)
                        .execution_options(synchronize_session=False))
        return
    if best is None:
        best = AssignmentScore(assignment_id=assignment_id, account_id=account_id,
                               best_score=score, max_score=max_score, attempts=1,
                               last_activity=now)
        session.add(best)
        gain = score
    else:
        gain = max(0, score - best.best_score)
        best.best_score += gain
        best.max_score = max_score if gain else best.max_score
        best.attempts += 1
        best.last_activity = now
    if membership is not None and gain:
        membership.total += gain
