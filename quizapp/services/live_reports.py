"""A live game's reports (who answered what, as a page and as CSV) and the class's past games.

What a game can be made from is in ``live_sources``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.domain.bank_translation import current_words
from quizapp.models import (
    Account,
    Bank,
    LiveAnswer,
    LiveGame,
    LivePlayer,
    Question,
    QuestionVersion,
)
from quizapp.services.bank_words import title_in, translated_questions


@dataclass(frozen=True)
class ReportRow:
    """One player's answers in a game, per question, for the teacher's report and CSV."""

    name: str
    answers: list[tuple[object, bool] | None]  # (response, right) per question; None: not answered
    score: int


def report(session: Session, game: LiveGame) -> list[ReportRow]:
    """Who answered what, per question, with the game's points."""
    players = session.execute(
        select(LivePlayer.id, Account.display_name).join(Account, Account.id == LivePlayer.account_id)
        .where(LivePlayer.game_id == game.id).order_by(Account.display_name, LivePlayer.id)).all()
    given: dict[tuple[int, int], LiveAnswer] = {
        (a.player_id, a.position): a for a in session.scalars(
            select(LiveAnswer).where(LiveAnswer.game_id == game.id))}
    rows = []
    for player in players:
        answers: list[tuple[object, bool] | None] = []
        score = 0
        for position in range(1, len(game.questions) + 1):
            found = given.get((player.id, position))
            answers.append((found.response, found.correct) if found else None)
            score += found.points if found else 0
        rows.append(ReportRow(player.display_name, answers, score))
    return rows


@dataclass(frozen=True)
class ReportQuestion:
    """A question of the game as its report lists it: its prompt and its quiz, each in the
    teacher's language where its bank has a translation (a game's questions may come from several)."""

    prompt: str
    language: str
    bank_title: str
    bank_language: str


def report_questions(session: Session, game: LiveGame, language: str) -> list[ReportQuestion]:
    """The game's questions in its order, each from its own bank."""
    words = title_in(language)
    rows = session.execute(
        select(QuestionVersion.id, QuestionVersion.prompt, QuestionVersion.text_fingerprint, Question.slug,
               Question.bank_id, Bank.language, words.title.label("title"),
               words.language.label("title_language"))
        .join(Question, Question.id == QuestionVersion.question_id).join(Bank, Bank.id == Question.bank_id)
        .outerjoin(words.translation, words.on)
        .where(QuestionVersion.id.in_([q["version"] for q in game.questions]))).all()
    translated = translated_questions(session, {row.bank_id for row in rows if row.language != language},
                                      language)
    found: dict[int, ReportQuestion] = {}
    for row in rows:
        shown = current_words(translated.get(row.bank_id, {}).get(row.slug), row.text_fingerprint)
        found[row.id] = ReportQuestion(shown["prompt"] if shown else row.prompt,
                                       language if shown else row.language, row.title, row.title_language)
    return [found[q["version"]] for q in game.questions]


def report_csv(rows: list[ReportRow], header: list[str], words: Callable[[object], str]) -> str:
    """The game's report as CSV for spreadsheets: UTF-8 with a byte order mark, formulas kept text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_as_text(cell) for cell in header])
    for row in rows:
        cells: list[object] = [row.name]
        for given in row.answers:
            cells.append("" if given is None else words(given[0]))
        writer.writerow([_as_text(cell) for cell in [*cells, row.score]])
    return "\ufeff" + out.getvalue()


def _as_text(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # spreadsheets would run it as a formula
    return value


@dataclass(frozen=True)
class PastGame:
    """A game of the class, for the teacher's list."""

    id: int
    created_at: dt.datetime
    running: bool
    players: int


def class_games(session: Session, classroom_id: int) -> list[PastGame]:
    """The class's games, newest first."""
    players = (select(func.count()).select_from(LivePlayer)
               .where(LivePlayer.game_id == LiveGame.id).scalar_subquery())
    rows = session.execute(select(LiveGame.id, LiveGame.created_at, LiveGame.ended_at, players)
                           .where(LiveGame.classroom_id == classroom_id)
                           .order_by(LiveGame.id.desc())).all()
    return [PastGame(row[0], row[1], row[2] is None, row[3]) for row in rows]
