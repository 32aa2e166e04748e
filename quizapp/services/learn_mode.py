"""Learn mode: one question at a time, each answer checked at once, the first one counting.

An attempt in learn mode keeps how many of its questions were checked (``Attempt.checked``):
questions are answered in order, and the answer to question n is claimed by a conditional
UPDATE from n-1 to n, so of two posts of the same answer only the first is kept. Each answer
is kept with the saved answers, as the whole-quiz form keeps them, and the attempt is graded
and recorded once, by the submit service, when its last question is checked. Nothing here
grades on its own: grading is ``domain.grading``'s, as on submission.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.orm import Session, joinedload

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain.grading import ResponseError, is_correct, read_response
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import Answer, Attempt, AttemptItem, Bank, QuestionVersion, SavedAnswer
from quizapp.services.attempts import submit_attempt
from quizapp.services.quiz_pages import reader_translation
from quizapp.services.results import Graded, QuestionResult, question_result
from quizapp.services.saved_answers import clipped, saved_answers

# How many questions the attempt has, for a query that reads the attempt.
_QUESTION_COUNT = (select(func.count()).select_from(AttemptItem)
                   .where(AttemptItem.attempt_id == Attempt.id).correlate(Attempt).scalar_subquery())


class AnswerStatus(enum.Enum):
    """How a learn-mode answer went."""

    CHECKED = "checked"  # kept now; after the last question, the attempt is recorded too
    ALREADY_CHECKED = "already_checked"  # answered before: the first answer stands
    NOT_YET = "not_yet"  # an earlier question is still to be answered
    NEEDS_CORRECTION = "needs_correction"  # the response cannot be read
    BLANK = "blank"  # nothing chosen or typed
    NOT_LEARN = "not_learn"  # a whole-quiz attempt (a test): nothing is checked before the end
    SUBMITTED = "submitted"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class CheckedAnswer:
    """The outcome of answering one question in learn mode."""

    status: AnswerStatus
    error: ResponseError | None = None


def answer_question(session: Session, token: str, position: int, values: Sequence[str],
                    retention: float = DEFAULT_RETENTION) -> CheckedAnswer:
    """Keep the first answer to the question at ``position``; record the attempt after its last.

    ``values`` are what the question's form field sent. A second answer to a question already
    checked changes nothing.
    """
    # One read: the attempt, the question at ``position`` (if it has one) and how many it has.
    row = session.execute(
        select(Attempt.id, Attempt.submitted_at, Attempt.learn, Attempt.checked,
               AttemptItem.shown_order, QuestionVersion.type, QuestionVersion.key,
               _QUESTION_COUNT.label("total"))
        .outerjoin(AttemptItem, and_(AttemptItem.attempt_id == Attempt.id, AttemptItem.position == position))
        .outerjoin(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
        .where(Attempt.token == token)).one_or_none()
    if row is None:
        return CheckedAnswer(AnswerStatus.NOT_FOUND)
    if row.submitted_at is not None:
        return CheckedAnswer(AnswerStatus.SUBMITTED)
    if position <= row.checked:
        if position == row.checked and position >= row.total:
            _finish(session, token, retention)  # the last was kept but not recorded: record it now
        return CheckedAnswer(AnswerStatus.ALREADY_CHECKED)
    if not row.learn:
        return CheckedAnswer(AnswerStatus.NOT_LEARN)
    if position != row.checked + 1:
        return CheckedAnswer(AnswerStatus.NOT_YET)
    if row.type is None:  # no question there
        return CheckedAnswer(AnswerStatus.NOT_FOUND)
    kept = clipped(values)
    read = read_response(row.type, row.key, row.shown_order, kept)
    if read.error is not None:
        return CheckedAnswer(AnswerStatus.NEEDS_CORRECTION, read.error)
    if read.blank:
        return CheckedAnswer(AnswerStatus.BLANK)
    now = clock.now()
    with write_transaction(session):
        # The first answer claims the question: a second post (another tab, a double tap)
        # finds it checked and changes nothing.
        claimed = session.execute(
            update(Attempt)
            .where(Attempt.id == row.id, Attempt.checked == position - 1,
                   Attempt.submitted_at.is_(None), Attempt.learn.is_(True))
            .values(checked=position, answers_saved_at=now)
            .execution_options(synchronize_session=False))
        if claimed.rowcount != 1:
            session.rollback()
            return CheckedAnswer(AnswerStatus.ALREADY_CHECKED)
        session.execute(delete(SavedAnswer).where(SavedAnswer.attempt_id == row.id,
                                                  SavedAnswer.position == position))
        session.add(SavedAnswer(attempt_id=row.id, position=position, values=kept, saved_at=now))
    if position >= row.total:
        _finish(session, token, retention)
    return CheckedAnswer(AnswerStatus.CHECKED)


def _finish(session: Session, token: str, retention: float) -> None:
    """After the last question: graded and recorded once, by the submit service, as any submission."""
    submit_attempt(session, token, saved_answers(session, token).values, allow_blanks=True,
                   retention=retention)


@dataclass(frozen=True)
class Feedback:
    """One checked question as learn mode shows it: right or wrong, the right answer, why."""

    token: str
    bank_title: str
    language: str  # of the bank's title
    review: bool  # a run of the Review page
    total: int
    submitted: bool
    question: QuestionResult

    @property
    def is_last(self) -> bool:
        """The attempt's last question: after it, the result."""
        return self.question.position >= self.total


def feedback(session: Session, token: str, position: int, language: str = "en") -> Feedback | None:
    """The feedback on a question already checked, in ``language`` where a translation has it.

    None when there is no such attempt or question, or the question is not checked yet: its
    right answer is never shown before it is answered.
    """
    # Only this question is read: a feedback page follows every answer.
    attempt = session.execute(
        select(Attempt.id, Attempt.checked, Attempt.submitted_at, Attempt.review, Attempt.bank_id,
               Bank.title, Bank.language, _QUESTION_COUNT.label("total"))
        .join(Bank, Bank.id == Attempt.bank_id).where(Attempt.token == token)).one_or_none()
    if attempt is None or not 1 <= position <= attempt.checked:
        return None
    item = session.scalar(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id, AttemptItem.position == position)
        .options(joinedload(AttemptItem.question_version).joinedload(QuestionVersion.question)))
    if item is None:
        return None
    answer: Answer | Graded | None
    if attempt.submitted_at is not None:
        answer = session.scalar(select(Answer).where(Answer.attempt_id == attempt.id,
                                                     Answer.position == position))
    else:
        answer = _graded(session, attempt.id, item)
    translation = reader_translation(session, attempt.bank_id, attempt.language, language)
    bank_id = item.question_version.question.bank_id
    if bank_id == attempt.bank_id:
        own_language, own_translation = attempt.language, translation
    else:  # a review run: each question in its own bank's words
        own_language = session.scalar(select(Bank.language).where(Bank.id == bank_id)) or "en"
        own_translation = reader_translation(session, bank_id, own_language, language)
    return Feedback(token, translation.title if translation else attempt.title,
                    translation.language if translation else attempt.language,
                    attempt.review, attempt.total, attempt.submitted_at is not None,
                    question_result(session, item, answer, own_language, own_translation))


def _graded(session: Session, attempt_id: int, item: AttemptItem) -> Graded | None:
    """The kept answer to a checked question, graded as its submission will grade it."""
    values = session.scalar(select(SavedAnswer.values).where(SavedAnswer.attempt_id == attempt_id,
                                                             SavedAnswer.position == item.position))
    if values is None:
        return None
    version = item.question_version
    read = read_response(version.type, version.key, item.shown_order, list(values))
    right = read.error is None and is_correct(version.type, version.key, read.value)
    return Graded(read.value, right, version.points if right else 0)


def switch_to_whole_quiz(session: Session, token: str) -> bool:
    """Take a practice or review run on the whole-quiz form from now on; False if it cannot be.

    An assignment's mode is its teacher's choice. Questions already checked keep their answers.
    """
    with write_transaction(session):
        switched = session.execute(
            update(Attempt)
            .where(Attempt.token == token, Attempt.learn.is_(True), Attempt.assignment_id.is_(None),
                   Attempt.submitted_at.is_(None))
            .values(learn=False).execution_options(synchronize_session=False))
    return bool(switched.rowcount == 1)
