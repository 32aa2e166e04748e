"""A live game's tables: the game a teacher runs, its players (one seat per learner) and their answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.database import Base
from quizapp.domain import clock


class LiveGame(Base):
    """A live game a teacher runs in class: questions asked together, answered on phones.

    ``stage`` is what the teacher last did (``domain.live_game.Stage``); the clock's part
    (the question alone, open, time up) is worked out from ``asked_at`` and ``paused_at``.
    ``questions`` lists each question's version and the order its entries are shown in, the
    same for every player so the reveal's bars add up. ``version`` grows with every change
    the teacher makes: pages ask with it and get 304 until it moves.
    """

    __tablename__ = "live_game"
    __table_args__ = (Index("ix_live_game_running", "classroom_id", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"))
    # The one bank of a game made from an assignment or a bank; None for a concept's questions or
    # questions picked from several banks (each question's bank is its own).
    bank_id: Mapped[int | None] = mapped_column(ForeignKey("bank.id"))
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    seconds: Mapped[int | None]  # per question; None: no timer, the teacher moves on
    speed_bonus: Mapped[bool] = mapped_column(default=False)
    board_each: Mapped[bool] = mapped_column(default=True)  # the board after each question
    late_join: Mapped[bool] = mapped_column(default=True)
    counts: Mapped[bool] = mapped_column(default=False)  # on the class board, as its assignment
    stage: Mapped[str] = mapped_column(String(8), default="lobby")
    position: Mapped[int] = mapped_column(default=0)  # the question asked; 0 in the lobby
    asked_at: Mapped[dt.datetime | None]
    paused_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    ended_at: Mapped[dt.datetime | None]


class LivePlayer(Base):
    """A learner of the class in a live game: one seat each, whatever device they come back on."""

    __tablename__ = "live_player"
    __table_args__ = (UniqueConstraint("game_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_game.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    joined_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
    removed_at: Mapped[dt.datetime | None]  # removed by the teacher: cannot come back
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"))  # kept at the end


class LiveAnswer(Base):
    """A player's answer to one question of a live game: the database keeps only the first."""

    __tablename__ = "live_answer"
    __table_args__ = (UniqueConstraint("player_id", "position"),
                      Index("ix_live_answer_game_position", "game_id", "position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("live_game.id"))
    player_id: Mapped[int] = mapped_column(ForeignKey("live_player.id"))
    position: Mapped[int]
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    picks: Mapped[list[int]] = mapped_column(JSON, default=list)  # entries chosen, bank order
    correct: Mapped[bool]
    points: Mapped[int]
    seconds_taken: Mapped[float]
    answered_at: Mapped[dt.datetime] = mapped_column(default=clock.now)
