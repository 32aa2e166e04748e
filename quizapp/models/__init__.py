"""The database tables, as typed SQLAlchemy models."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.database import Base
from quizapp.domain import clock


class Source(Base):
    """A source article that citations quote; metadata left None when unknown.

    Articles from ``seeds/`` have no owner and are everyone's; a teacher's own articles
    are seen by the teacher and the learners of their classes.
    """

    __tablename__ = "source"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    publisher: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[dt.date | None]
    url: Mapped[str | None] = mapped_column(String(2000))
    language: Mapped[str] = mapped_column(String(35), default="en")
    body: Mapped[str] = mapped_column(Text)
    # "article" (news) or "explainer" (written for quizapp, with the references of its facts).
    kind: Mapped[str] = mapped_column(String(16), default="article", server_default="article")
    references: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class SourceTranslation(Base):
    """A source's whole text in another language (``seeds/<id>.<lang>.md``).

    ``translates`` is the fingerprint of the source's words it translates: when the source
    changes, learners read the original until the translation follows it.
    """

    __tablename__ = "source_translation"
    __table_args__ = (UniqueConstraint("source_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    language: Mapped[str] = mapped_column(String(35))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    translates: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class Bank(Base):
    """A bank of questions; ``slug`` is the id teachers write in the file.

    Bundled banks (from ``questions/``) have no owner; a teacher's banks are seen by the
    teacher and the learners of their classes. ``yaml_text`` is the file as last published.
    """

    __tablename__ = "bank"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    yaml_text: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(35), default="en")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    listed: Mapped[bool] = mapped_column(default=True)
    # Set when its teacher deleted it: unlisted and off their list, kept for its attempts.
    deleted_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)

    questions: Mapped[list[Question]] = relationship(back_populates="bank",
                                                     order_by="Question.position")


class Question(Base):
    """A question's identity in its bank; what it says lives in its versions."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("bank_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_version.id", use_alter=True))

    bank: Mapped[Bank] = relationship(back_populates="questions")
    current_version: Mapped[QuestionVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True)


class QuestionVersion(Base):
    """One immutable version of a question; attempts point at the version they were shown."""

    __tablename__ = "question_version"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    # Fingerprint of the words a translation renders (domain.bank_translation.text_fingerprint).
    text_fingerprint: Mapped[str | None] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text)
    points: Mapped[int]
    difficulty: Mapped[str | None] = mapped_column(String(8))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    key: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)

    question: Mapped[Question] = relationship(foreign_keys=[question_id])
    citations: Mapped[list[Citation]] = relationship(order_by="Citation.position",
                                                     cascade="all, delete-orphan")


class Citation(Base):
    """A passage of a source quoted as evidence by one question version."""

    __tablename__ = "citation"
    __table_args__ = (UniqueConstraint("question_version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    position: Mapped[int]
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"), index=True)
    quote: Mapped[str] = mapped_column(Text)

    source: Mapped[Source] = relationship()


class BankTranslation(Base):
    """A bank's words in another language; ``questions`` maps question slugs to their words.

    Each translated question keeps the fingerprint of the bank's words it translates, and is
    shown only to versions with that fingerprint: never a translation of different words.
    """

    __tablename__ = "bank_translation"
    __table_args__ = (UniqueConstraint("bank_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id"))
    language: Mapped[str] = mapped_column(String(35))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    questions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The bank's topic tags in this language, in the bank's order; None or empty: none given.
    tags: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    yaml_text: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)

def unix_now() -> int:
    """The current time in whole seconds since 1970, as ``session_seen_at`` stores it."""
    return int(time.time())


class Account(Base):
    """A teacher or a learner. ``session_token`` changes at logout, killing old sessions.

    ``session_seen_at`` (Unix seconds) is when the session was last used, updated at most
    every few minutes; a session idle for longer than SESSION_IDLE_MINUTES is over.
    ``language`` is the interface language the person chose; None until they choose one.
    """

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(8))  # "teacher" or "learner"
    session_token: Mapped[str] = mapped_column(String(43))
    session_seen_at: Mapped[int | None] = mapped_column(BigInteger, default=unix_now)
    language: Mapped[str | None] = mapped_column(String(35))
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    # A learner's daily goal of questions answered, for their streak; None: the default goal.
    daily_goal: Mapped[int | None]


class Classroom(Base):
    """A teacher's class: learners join it with its code and see its assignments and board.

    ``language`` is the interface language for learners who have not chosen one (None:
    their browser's); ``timezone`` (an IANA name) is the clock its dates are typed and
    shown in, while they are stored in UTC.
    """

    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    board_mode: Mapped[str] = mapped_column(String(8), default="shown")  # shown, top10, hidden
    projector_token: Mapped[str | None] = mapped_column(String(43), unique=True)
    language: Mapped[str | None] = mapped_column(String(35))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    # Set while archived: off the dashboard and learners' pages, its code and projector closed.
    archived_at: Mapped[dt.datetime | None]


class Membership(Base):
    """A learner in a class, with their running total for the class board."""

    __tablename__ = "membership"
    __table_args__ = (Index("ix_membership_board", "classroom_id", "total"),)

    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True, index=True)
    total: Mapped[int] = mapped_column(default=0)
    joined_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    # Set when the teacher removed the learner: off the class and its board, history kept.
    removed_at: Mapped[dt.datetime | None]


class Assignment(Base):
    """A bank set for a class, with an optional opening time, due date and attempt limit."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id"))
    opens_at: Mapped[dt.datetime | None]
    due_at: Mapped[dt.datetime | None]
    attempts_allowed: Mapped[int | None]
    # "learn": each answer checked at once, with its feedback; "test": feedback at the end.
    mode: Mapped[str] = mapped_column(String(8), default="test", server_default="test")
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    # Set when deleted: off learners' lists and board totals; its attempts stay, as practice.
    deleted_at: Mapped[dt.datetime | None]


class AssignmentScore(Base):
    """A learner's best score on an assignment, kept up to date as attempts are recorded."""

    __tablename__ = "assignment_score"

    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True, index=True)
    best_score: Mapped[int]
    max_score: Mapped[int]
    attempts: Mapped[int]
    last_activity: Mapped[dt.datetime]


class Attempt(Base):
    """One go at a bank; ``token`` is the unguessable id in its address.

    ``counts`` says whether it counts towards its assignment (not after the due date).
    ``bank_id`` of a review run is the bank of its first question: its questions come from any.
    """

    __tablename__ = "attempt"
    __table_args__ = (Index("ix_attempt_account_assignment", "account_id", "assignment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(43), unique=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"), index=True)
    counts: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Why an attempt started to count was kept as practice when it was sent (a PracticeReason's
    # value: sent late, after its class was archived...); None for any other attempt.
    practice_reason: Mapped[str | None] = mapped_column(String(20))
    started_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    submitted_at: Mapped[dt.datetime | None]
    score: Mapped[int | None]
    max_score: Mapped[int]
    answers_saved_at: Mapped[dt.datetime | None]  # set once any answer is saved before submitting
    # A run of the Review page: due questions of any bank, never on an assignment or a board.
    review: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Learn mode: one question at a time, each checked at once; False: the whole-quiz form.
    learn: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Questions checked in learn mode, in order: 1..checked keep their first answer.
    checked: Mapped[int] = mapped_column(default=0, server_default="0")

    bank: Mapped[Bank] = relationship()
    items: Mapped[list[AttemptItem]] = relationship(order_by="AttemptItem.position",
                                                    cascade="all, delete-orphan")


class AttemptItem(Base):
    """A question as shown in one attempt: the version and the order its entries were shown in."""

    __tablename__ = "attempt_item"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    position: Mapped[int]
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    shown_order: Mapped[list[int]] = mapped_column(JSON, default=list)

    question_version: Mapped[QuestionVersion] = relationship()


class SavedAnswer(Base):
    """What a learner has answered so far to one question of an attempt not yet submitted.

    Saved as the form sent it, page by page: read and graded only when the attempt is submitted.
    """

    __tablename__ = "saved_answer"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    values: Mapped[list[str]] = mapped_column(JSON, default=list)
    saved_at: Mapped[dt.datetime] = mapped_column(default=clock.now)


class Answer(Base):
    """What a learner answered to one question of a submitted attempt, and what it scored."""

    __tablename__ = "answer"
    # No index on question_version_id: answers are only ever read through their attempt,
    # and versions are never deleted, so it would only slow the busiest insert down.
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    position: Mapped[int]
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    correct: Mapped[bool]
    points_awarded: Mapped[int]


class QuestionFlag(Base):
    """A problem a learner reported with one question version, from their result page.

    One per learner per question version (``account_id``), and for practice without an
    account one per attempt; ``attempt_id`` says where it was raised. Closed by a teacher
    who may see it: ``closed_at`` and ``closed_by`` are then set, the flag kept.
    """

    __tablename__ = "question_flag"
    __table_args__ = (UniqueConstraint("question_version_id", "account_id"),
                      UniqueConstraint("attempt_id", "question_version_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    reason: Mapped[str] = mapped_column(String(16))  # wrong_key, two_right, unclear
    comment: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))


class ReviewCard(Base):
    """When a learner should see a question again, as FSRS scheduled it (domain.review_schedule).

    Made when a signed-in learner first answers the question in a submitted attempt and
    updated on every later answer; ``due`` and ``last_review`` are UTC.
    """

    __tablename__ = "review_card"
    # The Review page counts and picks a learner's due cards by account, then by due date, and
    # counts them by concept: the index holds all it reads of the card, so no card row is read.
    __table_args__ = (Index("ix_review_card_account_due", "account_id", "due", "concept", "question_id"),)

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), primary_key=True)
    stability: Mapped[float]
    difficulty: Mapped[float]
    due: Mapped[dt.datetime]
    last_review: Mapped[dt.datetime]
    reviews: Mapped[int] = mapped_column(default=1)
    lapses: Mapped[int] = mapped_column(default=0)
    # The question's curriculum concept when last answered (its version's tag, or its bank's).
    concept: Mapped[str | None] = mapped_column(String(32))
    # Whether the latest answer was right: one missed today can be reviewed today, before it is due.
    last_right: Mapped[bool] = mapped_column(default=True, server_default=true())


# A live game's tables (game, players, answers) have their own module.
from quizapp.models.live import LiveAnswer as LiveAnswer  # noqa: E402
from quizapp.models.live import LiveGame as LiveGame  # noqa: E402
from quizapp.models.live import LivePlayer as LivePlayer  # noqa: E402
