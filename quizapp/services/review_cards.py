"""Review cards: recorded as attempts are submitted, counted and run on the Review page.

The clock is ``clock.now()`` here, so tests can move it; scheduling itself is
``domain.review_schedule``. A review run is an Attempt with ``review`` set, on no
assignment and never counting, so it can change no score and no board.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, and_, case, false, func, insert, or_, select
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain.curriculum import CONCEPTS, Concept, concept_of
from quizapp.domain.grading import presentation_order
from quizapp.domain.review_schedule import (
    DEFAULT_RETENTION,
    CardState,
    is_mastered,
    review,
)
from quizapp.models import (
    Account,
    Answer,
    Attempt,
    AttemptItem,
    Bank,
    Question,
    QuestionVersion,
    ReviewCard,
)
from quizapp.services.bank_access import open_to_learners, visible_to

REVIEW_LENGTH = 20  # questions in one review run at most


def concept_id(version_tags: Iterable[str], bank_tags: Iterable[str]) -> str | None:
    """The curriculum concept of a question: its own ``concept:`` tag, or else its bank's."""
    concept = concept_of(version_tags or []) or concept_of(bank_tags or [])
    return concept.id if concept else None


def record_answers(session: Session, account_id: int, answered: Sequence[tuple[int, bool, str | None]],
                   at: dt.datetime, retention: float = DEFAULT_RETENTION) -> None:
    """Make or update the learner's card for each (question id, right, concept) answered at ``at``.

    Called inside the submission's own write transaction: the rows it reads are the
    learner's few cards for these questions, and scheduling is arithmetic.
    """
    if not answered:
        return
    # The learner's row is locked first (PostgreSQL; SQLite's writers are serialised already),
    # so two submissions of theirs at once cannot both insert the same new card.
    session.execute(select(Account.id).where(Account.id == account_id).with_for_update())
    ids = {question_id for question_id, _right, _concept in answered}
    cards = {card.question_id: card for card in session.scalars(
        select(ReviewCard).where(ReviewCard.account_id == account_id,
                                 ReviewCard.question_id.in_(ids)))}
    for question_id, right, concept in answered:
        card = cards.get(question_id)
        before = None if card is None else CardState(card.stability, card.difficulty, card.due,
                                                     card.last_review, card.reviews, card.lapses)
        after = review(before, right, at, retention)
        if card is None:
            card = cards[question_id] = ReviewCard(account_id=account_id, question_id=question_id)
            session.add(card)
        card.stability, card.difficulty = after.stability, after.difficulty
        card.due, card.last_review = after.due, after.last_review
        card.reviews, card.lapses, card.concept = after.reviews, after.lapses, concept
        card.last_right = right


def seen_questions(account_id: int) -> list[object]:
    """Conditions for questions the learner may see today: current, in a listed bank they may see."""
    return [Question.retired.is_(False), *open_to_learners(), visible_to(Bank.owner_id, account_id)]


def _missed_since(since: dt.datetime | None) -> ColumnElement[bool]:
    """A card not due yet whose latest answer, given since ``since``, was wrong: missed today."""
    if since is None:
        return false()
    return and_(ReviewCard.due > clock.now(), ReviewCard.last_right.is_(False),
                ReviewCard.last_review >= since)


def _due(account_id: int, *columns: object,
         missed_since: dt.datetime | None = None) -> Select[tuple[object, ...]]:
    """The learner's cards due now (and missed since ``missed_since``) on questions they may still see.

    A question missed today is offered before it is due, so Review has something on day one;
    its answer goes through FSRS as any answer does, and FSRS takes an answer on the day of
    the last one as the same-day review it is (a short-term stability, no new interval rule).
    """
    return (select(*columns).select_from(ReviewCard)
            .join(Question, Question.id == ReviewCard.question_id)
            .join(Bank, Bank.id == Question.bank_id)
            .where(ReviewCard.account_id == account_id,
                   or_(ReviewCard.due <= clock.now(), _missed_since(missed_since)),
                   *seen_questions(account_id)))


@dataclass(frozen=True)
class Due:
    """A learner's cards due now, and missed today but not due yet, by concept in teaching order.

    ``total`` counts the due ones; ``by_concept`` counts both, what a review run of the
    concept asks.
    """

    total: int
    by_concept: list[tuple[Concept, int]]
    missed_today: int = 0
    missed_by_concept: dict[str, int] = field(default_factory=dict)

    def of(self, concept: str | None) -> int:
        """Due in one concept (None: in all)."""
        if concept is None:
            return self.total
        reviewable = next((count for shown, count in self.by_concept if shown.id == concept), 0)
        return reviewable - self.missed_of(concept)

    def missed_of(self, concept: str | None) -> int:
        """Missed today and not due yet, in one concept (None: in all)."""
        return self.missed_today if concept is None else self.missed_by_concept.get(concept, 0)


def due(session: Session, account_id: int, missed_since: dt.datetime | None = None) -> Due:
    """The learner's due cards, and those missed since ``missed_since``, counted in one query by concept."""
    missed = func.sum(case((_missed_since(missed_since), 1), else_=0))
    rows = session.execute(_due(account_id, ReviewCard.concept, func.count(), missed,
                                missed_since=missed_since).group_by(ReviewCard.concept)).all()
    counts: dict[str | None, int] = {concept: count for concept, count, _missed in rows}
    missed_counts = {concept: int(missed or 0) for concept, _count, missed in rows}
    missed_total = sum(missed_counts.values())
    return Due(sum(counts.values()) - missed_total,
               [(concept, counts[concept.id]) for concept in CONCEPTS if counts.get(concept.id)],
               missed_total, {key: value for key, value in missed_counts.items() if key and value})


def due_count(session: Session, account_id: int, concept: str | None = None) -> int:
    """How many of the learner's cards are due now (in one concept), on questions they may still see."""
    return due(session, account_id).of(concept)


def start_review(session: Session, account_id: int, concept: str | None = None,
                 rng: random.Random | None = None, missed_since: dt.datetime | None = None,
                 learn: bool = False) -> str | None:
    """A review run of at most REVIEW_LENGTH due questions; its token, or None when none is due.

    ``learn``: the run is taken one question at a time, each checked at once.

    The run is the current versions of the learner's due questions (of one concept), most
    overdue first, then those missed since ``missed_since`` (today) and not due yet. One query
    reads them with all the run needs of them, and the run is written with two INSERTs:
    starting a run is a learner's every click on the Review page.
    """
    rng = rng or random.SystemRandom()
    query = (_due(account_id, QuestionVersion.id, QuestionVersion.type, QuestionVersion.key,
                  QuestionVersion.points, Question.bank_id, missed_since=missed_since)
             .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
             .order_by(ReviewCard.due, ReviewCard.question_id).limit(REVIEW_LENGTH))
    if concept is not None:
        query = query.where(ReviewCard.concept == concept)
    versions = session.execute(query).all()
    if not versions:
        return None
    token = secrets.token_urlsafe(24)
    items = [{"position": position, "question_version_id": version.id,
              "shown_order": presentation_order(version.type, version.key, rng)}
             for position, version in enumerate(versions, start=1)]
    with write_transaction(session):
        # bank_id is the first question's bank: the run's questions come from any.
        attempt_id = session.scalar(insert(Attempt).values(
            token=token, bank_id=versions[0].bank_id, account_id=account_id, assignment_id=None,
            counts=False, review=True, learn=learn, max_score=sum(version.points for version in versions))
            .returning(Attempt.id))
        session.execute(insert(AttemptItem), [{**item, "attempt_id": attempt_id} for item in items])
    return token


@dataclass(frozen=True)
class Activity:
    """A learner's reviewing, as their teacher sees it."""

    cards: int
    due: int
    reviewed_last_week: int  # questions answered in review runs in the last 7 days


def activity(session: Session, account_id: int) -> Activity:
    """How many cards the learner has, how many are due, and how much they reviewed this week."""
    cards = session.scalar(select(func.count()).select_from(ReviewCard)
                           .where(ReviewCard.account_id == account_id)) or 0
    week = session.scalar(
        select(func.count()).select_from(Answer).join(Attempt, Attempt.id == Answer.attempt_id)
        .where(Attempt.account_id == account_id, Attempt.review.is_(True),
               Attempt.submitted_at >= clock.now() - dt.timedelta(days=7))) or 0
    return Activity(cards, due_count(session, account_id), week)


@dataclass(frozen=True)
class ConceptProgress:
    """Mastered questions of one concept, out of its questions in the banks the learner may see."""

    concept: Concept
    mastered: int
    total: int


def progress(session: Session, account_id: int) -> list[ConceptProgress]:
    """Each curriculum concept with questions the learner may see, in teaching order."""
    rows = session.execute(
        select(Question.id, QuestionVersion.tags, Bank.tags, ReviewCard.stability)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(Bank, Bank.id == Question.bank_id)
        .outerjoin(ReviewCard, and_(ReviewCard.question_id == Question.id,
                                    ReviewCard.account_id == account_id))
        .where(*seen_questions(account_id)))
    totals: dict[str, list[int]] = {}
    for _question, tags, bank_tags, stability in rows:
        concept = concept_id(tags, bank_tags)
        if concept is None:
            continue
        counts = totals.setdefault(concept, [0, 0])
        counts[1] += 1
        if is_mastered(stability):
            counts[0] += 1
    return [ConceptProgress(concept, *totals[concept.id]) for concept in CONCEPTS
            if concept.id in totals]
