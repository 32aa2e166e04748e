"""A learner's progress as they see it: a level per concept, their daily streak and goal.

The rules are ``domain.levels`` and ``domain.streak``; this reads what they need. Days are
those of the learner's class's time zone (``classrooms.learner_time_zone``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock, streak
from quizapp.domain.curriculum import CONCEPTS, Concept
from quizapp.domain.levels import ConceptLevel, QuestionRecord, concept_level, record_of
from quizapp.domain.review_schedule import is_mastered
from quizapp.models import Account, Answer, Attempt, Bank, Question, QuestionVersion, ReviewCard
from quizapp.services.classrooms import learner_time_zone
from quizapp.services.review_cards import concept_id, seen_questions


def _answer_history(session: Session, account_id: int) -> dict[int, tuple[bool, set[int], bool]]:
    """Per question: whether its first answer was right, the attempts with it right, and the latest."""
    rows = session.execute(
        select(QuestionVersion.question_id, Attempt.id, Answer.correct)
        .join(Answer, Answer.attempt_id == Attempt.id)
        .join(QuestionVersion, QuestionVersion.id == Answer.question_version_id)
        .where(Attempt.account_id == account_id, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at, Attempt.id, Answer.position))
    history: dict[int, tuple[bool, set[int], bool]] = {}
    for question_id, attempt_id, correct in rows:
        first, right_in, _last = history.get(question_id, (correct, set(), correct))
        if correct:
            right_in.add(attempt_id)
        history[question_id] = (first, right_in, correct)
    return history


def levels(session: Session, account_id: int) -> list[ConceptLevel[Concept]]:
    """Each curriculum concept with questions the learner may see, its level, in teaching order."""
    history = _answer_history(session, account_id)
    rows = session.execute(
        select(Question.id, QuestionVersion.tags, Bank.tags, ReviewCard.stability)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(Bank, Bank.id == Question.bank_id)
        .outerjoin(ReviewCard, (ReviewCard.question_id == Question.id)
                   & (ReviewCard.account_id == account_id))
        .where(*seen_questions(account_id)))
    records: dict[str, list[QuestionRecord]] = {}
    for question_id, tags, bank_tags, stability in rows:
        concept = concept_id(tags, bank_tags)
        if concept is None:
            continue
        first, right_in, last = history.get(question_id, (None, set(), None))
        records.setdefault(concept, []).append(
            record_of(first, len(right_in), last, is_mastered(stability)))
    return [concept_level(concept, records[concept.id]) for concept in CONCEPTS if concept.id in records]


def today_starts(session: Session, account_id: int) -> dt.datetime:
    """When the learner's today began on their class's clock, as stored (naive UTC)."""
    zone = learner_time_zone(session, account_id)
    return streak.day_start(streak.local_day(clock.now(), zone), zone)


def daily_goal(session: Session, account_id: int) -> int:
    """The learner's daily goal of questions answered: their own, or the default."""
    return streak.goal_or_default(session.scalar(select(Account.daily_goal).where(Account.id == account_id)))


def learner_streak(session: Session, account_id: int) -> streak.Streak:
    """The learner's streak today, days counted in their class's time zone.

    A question counts as answered when it was not left blank, in an attempt handed in.
    """
    zone = learner_time_zone(session, account_id)
    since = clock.now() - dt.timedelta(days=streak.HORIZON_DAYS + 1)
    # A blank is stored as JSON null; the text of the JSON tells it apart on both databases.
    answered = func.coalesce(cast(Answer.response, Text), "null") != "null"
    handed_in = session.execute(
        select(Attempt.submitted_at, func.count(Answer.id))
        .join(Answer, Answer.attempt_id == Attempt.id)
        .where(Attempt.account_id == account_id, Attempt.submitted_at >= since, answered)
        .group_by(Attempt.id, Attempt.submitted_at)).all()
    by_day = streak.answered_by_day(((at, count) for at, count in handed_in), zone)
    return streak.streak(by_day, daily_goal(session, account_id), streak.local_day(clock.now(), zone))


def set_daily_goal(session: Session, account_id: int, goal: int) -> None:
    """Keep the learner's daily goal (checked by the form: MIN_GOAL to MAX_GOAL)."""
    with write_transaction(session):
        session.execute(update(Account).where(Account.id == account_id).values(daily_goal=goal))
