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
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session, aliased

from quizapp.database import HotQuery, write_transaction
from quizapp.domain import clock
from quizapp.domain.grading import ResponseError, is_correct, read_response
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import Answer, Attempt, AttemptItem, Bank, Question, QuestionVersion, SavedAnswer
from quizapp.services.attempts import submit_attempt
from quizapp.services.quiz_pages import QUESTION_TOTAL, reader_translation
from quizapp.services.results import Graded, QuestionResult, question_result
from quizapp.services.saved_answers import clipped, saved_answers


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
    # One read, straight on the driver: it opens no transaction of the session's, so the write
    # below begins at once (on SQLite it would first end the read's).
    found = _ANSWERING.first(session, token=token, position=position)
    if found is None:
        return CheckedAnswer(AnswerStatus.NOT_FOUND)
    row = _Answering(*found)
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
        # A plain INSERT, not an object to flush: the write lock is held the while.
        session.execute(insert(SavedAnswer).values(attempt_id=row.id, position=position, values=kept,
                                                   saved_at=now))
    if position >= row.total:
        _finish(session, token, retention)
    return CheckedAnswer(AnswerStatus.CHECKED)


# The attempt, the question at ``position`` (if it has one) and how many questions it has.
_ANSWERING = HotQuery(
    select(Attempt.id, Attempt.submitted_at, Attempt.learn, Attempt.checked, AttemptItem.shown_order,
           QuestionVersion.type, QuestionVersion.key, QUESTION_TOTAL)
    .outerjoin(AttemptItem, and_(AttemptItem.attempt_id == Attempt.id,
                                 AttemptItem.position == bindparam("position")))
    .outerjoin(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
    .where(Attempt.token == bindparam("token")))


class _Answering(NamedTuple):
    """A row of ``_ANSWERING`` as the driver returns it."""

    id: int
    submitted_at: object
    learn: bool | int
    checked: int
    shown_order: Any
    type: str | None
    key: Any
    total: int


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


_OWN_BANK = aliased(Bank)  # the question's own bank: a review run's questions come from any bank
# The attempt, the question at ``position`` as it was shown and the answer kept for it
# (recorded once the attempt is submitted, saved before).
_FEEDBACK = HotQuery(
    select(Attempt.checked, Attempt.submitted_at, Attempt.review, Attempt.bank_id, Bank.title,
           Bank.language, QUESTION_TOTAL, AttemptItem.shown_order, AttemptItem.question_version_id,
           QuestionVersion.type, QuestionVersion.key, QuestionVersion.prompt,
           QuestionVersion.explanation, QuestionVersion.points, QuestionVersion.text_fingerprint,
           Question.slug, Question.bank_id, _OWN_BANK.language, SavedAnswer.values, Answer.response,
           Answer.correct, Answer.points_awarded)
    .join(Bank, Bank.id == Attempt.bank_id)
    .join(AttemptItem, and_(AttemptItem.attempt_id == Attempt.id,
                            AttemptItem.position == bindparam("position")))
    .join(QuestionVersion, QuestionVersion.id == AttemptItem.question_version_id)
    .join(Question, Question.id == QuestionVersion.question_id)
    .join(_OWN_BANK, _OWN_BANK.id == Question.bank_id)
    .outerjoin(SavedAnswer, and_(SavedAnswer.attempt_id == Attempt.id,
                                 SavedAnswer.position == bindparam("position")))
    .outerjoin(Answer, and_(Answer.attempt_id == Attempt.id, Answer.position == bindparam("position")))
    .where(Attempt.token == bindparam("token")))


class _Shown(NamedTuple):
    """A row of ``_FEEDBACK`` as the driver returns it."""

    checked: int
    submitted_at: object
    review: bool | int
    bank_id: int
    title: str
    language: str
    total: int
    shown_order: list[int]
    question_version_id: int
    type: str
    key: dict[str, Any]
    prompt: str
    explanation: str
    points: int
    text_fingerprint: str | None
    slug: str
    own_bank_id: int
    own_language: str
    values: list[str] | None
    response: Any
    correct: bool | int | None
    points_awarded: int | None


def feedback(session: Session, token: str, position: int, language: str = "en") -> Feedback | None:
    """The feedback on a question already checked, in ``language`` where a translation has it.

    None when there is no such attempt or question, or the question is not checked yet: its
    right answer is never shown before it is answered.
    """
    # A feedback page follows every answer: one row, straight on the driver.
    found = _FEEDBACK.first(session, token=token, position=position)
    if found is None:
        return None
    row = _Shown(*found)
    if not 1 <= position <= row.checked:
        return None
    answer: Graded | None
    if row.submitted_at is not None:
        answer = None if row.correct is None else Graded(row.response, bool(row.correct),
                                                         row.points_awarded)
    else:
        answer = _graded(row)
    translation = reader_translation(session, row.bank_id, row.language, language)
    if row.own_bank_id == row.bank_id:
        own_translation = translation
    else:  # a review run: each question in its own bank's words
        own_translation = reader_translation(session, row.own_bank_id, row.own_language, language)
    return Feedback(token, translation.title if translation else row.title,
                    translation.language if translation else row.language,
                    bool(row.review), row.total, row.submitted_at is not None,
                    question_result(session, position, row.question_version_id, row, row.slug, answer,
                                    row.own_language, own_translation))


def _graded(row: _Shown) -> Graded | None:
    """The kept answer to a checked question, graded as its submission will grade it."""
    if row.values is None:
        return None
    read = read_response(row.type, row.key, row.shown_order, list(row.values))
    right = read.error is None and is_correct(row.type, row.key, read.value)
    return Graded(read.value, right, row.points if right else 0)


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
