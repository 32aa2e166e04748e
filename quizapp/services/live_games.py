"""Live games: create one (from a class's assignment, a bank, a concept or picked questions), join,
control, answer.

What the screens show is in ``live_screens``, the reports in ``live_reports``.

Every page polls with the game's tag (``poll_tag``): one small read, so a class of phones
asking every two seconds costs little, and the page is rendered only when the tag moved.
Each write is one short ``write_transaction``; the database keeps one seat per learner and
one answer per player and question (unique constraints), whatever is clicked twice or resent.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain import live_game as rules
from quizapp.domain.grading import (
    ResponseError,
    is_correct,
    presentation_order,
    read_response,
)
from quizapp.domain.question_types import TYPES
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import (
    Answer,
    Assignment,
    Attempt,
    AttemptItem,
    Bank,
    Classroom,
    LiveAnswer,
    LiveGame,
    LivePlayer,
    Membership,
    Question,
    QuestionVersion,
)
from quizapp.services import live_sources, review_cards
from quizapp.services.attempts import record_best  # the one rule for a class total
from quizapp.services.bank_access import assignable_by

ACTIVE_MEMBER = Membership.removed_at.is_(None)
RUNNING = LiveGame.ended_at.is_(None)
TOP = 5


@dataclass(frozen=True)
class Options:
    """What the teacher chose for a game."""

    seconds: int | None = 30
    speed_bonus: bool = False
    board_each: bool = True
    late_join: bool = True
    counts: bool = False


def create_game(session: Session, teacher_id: int, classroom_id: int, options: Options, *,
                assignment_id: int | None = None, bank_slug: str | None = None,
                concept: str | None = None, question_ids: Sequence[int] | None = None,
                language: str = "en", rng: random.Random | None = None) -> int | None:
    """A new game in the teacher's class, from one of its assignments, a bank they may assign,
    a concept's questions, or questions picked from several banks (``question_ids``, in order).

    Up to MAX_QUESTIONS current questions: a bank's in its order, a concept's in the library's
    order (its titles in ``language``); each question's entries are shuffled once for the
    whole game. It counts on the class board only when made from an assignment and the
    teacher asked so. A game still running in the class ends. None when the class is not
    theirs, a question is not theirs to play, or there is nothing to play.
    """
    if not rules.valid_seconds(options.seconds):
        return None
    classroom = session.get(Classroom, classroom_id)
    if classroom is None or classroom.teacher_id != teacher_id or classroom.archived_at is not None:
        return None
    if concept is not None:
        question_ids = live_sources.concept_question_ids(session, teacher_id, concept, language)
    if question_ids is not None:
        bank_id, versions = None, _picked_versions(session, teacher_id, question_ids)
    else:
        bank_id = _game_bank(session, teacher_id, classroom_id, assignment_id, bank_slug)
        versions = [] if bank_id is None else list(session.scalars(
            select(QuestionVersion).join(Question, Question.current_version_id == QuestionVersion.id)
            .where(Question.bank_id == bank_id, Question.retired.is_(False))
            .order_by(Question.position).limit(rules.MAX_QUESTIONS)))
    if not versions:
        return None
    rng = rng or random.SystemRandom()
    game = LiveGame(
        classroom_id=classroom_id, bank_id=bank_id, assignment_id=assignment_id if bank_id else None,
        questions=[{"version": v.id, "shown": presentation_order(v.type, v.key, rng)} for v in versions],
        seconds=options.seconds, speed_bonus=options.speed_bonus, board_each=options.board_each,
        late_join=options.late_join,
        counts=options.counts and bank_id is not None and assignment_id is not None,
        stage=rules.Stage.LOBBY.value, position=0, version=1)
    running = list(session.scalars(select(LiveGame).where(LiveGame.classroom_id == classroom_id, RUNNING)))
    now = clock.now()
    with write_transaction(session):
        for old in running:  # one game at a time in a class: the one left running ends, kept
            ended = session.execute(update(LiveGame).where(LiveGame.id == old.id, RUNNING)
                                    .values(stage=rules.Stage.ENDED.value, ended_at=now,
                                            version=LiveGame.version + 1)
                                    .execution_options(synchronize_session=False))
            if ended.rowcount == 1:
                _keep_attempts(session, old, now, DEFAULT_RETENTION)
        session.add(game)
    return game.id


def _picked_versions(session: Session, teacher_id: int, question_ids: Sequence[int]) -> list[QuestionVersion]:
    """The current versions of these questions, in this order; none at all when one is not the
    teacher's to play (a bank they may not assign, retired, deleted) or there are too many."""
    if len(question_ids) > rules.MAX_QUESTIONS or len(set(question_ids)) != len(question_ids):
        return []
    found = dict(session.execute(
        select(Question.id, QuestionVersion)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .join(Bank, Bank.id == Question.bank_id)
        .where(Question.id.in_(question_ids), Question.retired.is_(False), Bank.deleted_at.is_(None),
               *assignable_by(teacher_id))).all())
    return [found[question_id] for question_id in question_ids] if len(found) == len(question_ids) else []


def _game_bank(session: Session, teacher_id: int, classroom_id: int, assignment_id: int | None,
               bank_slug: str | None) -> int | None:
    if assignment_id is not None:
        return session.scalar(select(Assignment.bank_id).where(
            Assignment.id == assignment_id, Assignment.classroom_id == classroom_id,
            Assignment.deleted_at.is_(None)))
    if bank_slug:
        return session.scalar(select(Bank.id).where(Bank.slug == bank_slug, Bank.deleted_at.is_(None),
                                                    *assignable_by(teacher_id)))
    return None


def hosted_game(session: Session, teacher_id: int, game_id: int) -> LiveGame | None:
    """The game if it is in one of this teacher's classes."""
    return session.scalar(select(LiveGame).join(Classroom, Classroom.id == LiveGame.classroom_id)
                          .where(LiveGame.id == game_id, Classroom.teacher_id == teacher_id))


def learners_game(session: Session, account_id: int, game_id: int) -> LiveGame | None:
    """The game if the learner is in its class now (nobody else may see it)."""
    return session.scalar(select(LiveGame).join(Membership, Membership.classroom_id == LiveGame.classroom_id)
                          .where(LiveGame.id == game_id, Membership.account_id == account_id,
                                 ACTIVE_MEMBER))


def game_clock(game: LiveGame) -> rules.Clock:
    return rules.Clock(game.asked_at, game.paused_at)


def game_pacing(game: LiveGame) -> rules.Pacing:
    return rules.Pacing(game.seconds)


def game_phase(game: LiveGame, now: dt.datetime) -> rules.Phase:
    """What the screens show at ``now``."""
    return rules.phase(rules.Stage(game.stage), game_clock(game), game_pacing(game), now)


# Joining -------------------------------------------------------------------------------


class JoinOutcome(enum.Enum):
    """How joining went."""

    JOINED = "joined"
    CLOSED = "closed"  # ended, or started with late joining off
    REMOVED = "removed"


def join(session: Session, game: LiveGame, account_id: int) -> JoinOutcome:
    """Give a learner of the class their one seat; joining again finds the same seat."""
    seat = seat_of(session, game.id, account_id)
    if seat is not None:
        return JoinOutcome.REMOVED if seat.removed_at is not None else JoinOutcome.JOINED
    stage = rules.Stage(game.stage)
    if stage is rules.Stage.ENDED or (stage is not rules.Stage.LOBBY and not game.late_join):
        return JoinOutcome.CLOSED
    try:
        with write_transaction(session):
            session.add(LivePlayer(game_id=game.id, account_id=account_id))
            # The lobby lists who arrived: its pages must see the change.
            session.execute(update(LiveGame).where(LiveGame.id == game.id)
                            .values(version=LiveGame.version + 1))
    except IntegrityError:  # joined from another phone at the same moment: that seat is theirs
        pass
    return JoinOutcome.JOINED


def seat_of(session: Session, game_id: int, account_id: int) -> LivePlayer | None:
    return session.scalar(select(LivePlayer).where(LivePlayer.game_id == game_id,
                                                   LivePlayer.account_id == account_id))


# The teacher's controls ------------------------------------------------------------------


class Control(enum.Enum):
    """What the teacher can do from the host screen or their phone."""

    START = "start"
    NEXT = "next"
    PAUSE = "pause"
    RESUME = "resume"
    REVEAL = "reveal"
    SKIP = "skip"
    END = "end"


def control(session: Session, game: LiveGame, action: Control, seen_version: int,
            now: dt.datetime, retention: float = DEFAULT_RETENTION) -> bool:
    """Do what the teacher asked, if the game is still as their screen showed it (``seen_version``).

    A button pressed twice, or on two screens, acts once: the second finds the version
    moved and changes nothing. False when nothing was done.
    """
    if game.version != seen_version:
        return False
    changes = _changes(game, action, now)
    if changes is None:
        return False
    with write_transaction(session):
        # A conditional UPDATE: only one of two presses of the same button finds the version.
        done = session.execute(update(LiveGame).where(LiveGame.id == game.id,
                                                      LiveGame.version == seen_version)
                               .values(version=seen_version + 1, **changes)
                               .execution_options(synchronize_session=False))
        if done.rowcount != 1:
            session.rollback()
            return False
        if action is Control.SKIP:  # a skipped question scores nothing for anyone
            session.execute(update(LiveAnswer).where(LiveAnswer.game_id == game.id,
                                                     LiveAnswer.position == game.position)
                            .values(points=0))
        if changes.get("stage") == rules.Stage.ENDED.value:
            _keep_attempts(session, game, now, retention)
    return True


def _changes(game: LiveGame, action: Control, now: dt.datetime) -> dict[str, object] | None:
    """The game's new values for ``action``; None when it does not apply now."""
    stage = rules.Stage(game.stage)
    last = game.position >= len(game.questions)
    ask = {"stage": rules.Stage.ASKED.value, "position": game.position + 1, "asked_at": now,
           "paused_at": None}
    end = {"stage": rules.Stage.ENDED.value, "ended_at": now, "paused_at": None}
    if action is Control.END:
        return end if stage is not rules.Stage.ENDED else None
    if action is Control.START:
        return ask if stage is rules.Stage.LOBBY else None
    if action in (Control.NEXT, Control.SKIP):
        if stage not in (rules.Stage.ASKED, rules.Stage.REVEALED):
            return None
        return end if last else ask
    if stage is not rules.Stage.ASKED:
        return None
    if action is Control.PAUSE:
        return {"paused_at": now} if game.paused_at is None else None
    if action is Control.RESUME:
        return {"asked_at": rules.resumed(game_clock(game), now).asked_at, "paused_at": None} \
            if game.paused_at is not None else None
    return {"stage": rules.Stage.REVEALED.value, "paused_at": None}  # REVEAL


def remove_player(session: Session, game: LiveGame, player_id: int, now: dt.datetime) -> bool:
    """Take a player out of the game: their seat is kept, closed, so they cannot come back."""
    with write_transaction(session):
        done = session.execute(update(LivePlayer).where(LivePlayer.id == player_id,
                                                        LivePlayer.game_id == game.id,
                                                        LivePlayer.removed_at.is_(None))
                               .values(removed_at=now).execution_options(synchronize_session=False))
        if done.rowcount == 1:
            session.execute(update(LiveGame).where(LiveGame.id == game.id)
                            .values(version=LiveGame.version + 1))
    return done.rowcount == 1


def _keep_attempts(session: Session, game: LiveGame, now: dt.datetime, retention: float) -> None:
    """Each player's answers as attempts of the class, with review cards; on the board if asked.

    One practice attempt per bank the game asked questions of, each with its questions in
    the game's order: an attempt is a go at one bank (its title, its redo, its reports), so a
    game of several banks leaves one per bank. Only an assignment's game, of its one bank,
    counts. Inside the ending's own transaction. Scores are the bank's points (a right answer
    its points), as any attempt's; the game's own points (with a speed bonus) stay on its board.
    """
    if not game.position:  # ended in the lobby: nothing was asked
        return
    asked = game.questions[:game.position]  # questions never reached are in nobody's attempt
    rows = session.execute(
        select(QuestionVersion, Question.bank_id, Bank.tags)
        .join(Question, Question.id == QuestionVersion.question_id).join(Bank, Bank.id == Question.bank_id)
        .where(QuestionVersion.id.in_([q["version"] for q in asked]))).all()
    versions = {version.id: version for version, _bank, _tags in rows}
    bank_of = {version.id: bank_id for version, bank_id, _tags in rows}
    bank_tags = {bank_id: tags or [] for _version, bank_id, tags in rows}
    by_bank: dict[int, list[tuple[int, dict[str, Any]]]] = {}  # in the order first asked
    for position, question in enumerate(asked, start=1):
        by_bank.setdefault(bank_of[question["version"]], []).append((position, question))
    players = session.scalars(select(LivePlayer).where(LivePlayer.game_id == game.id,
                                                       LivePlayer.removed_at.is_(None))).all()
    given: dict[tuple[int, int], LiveAnswer] = {
        (a.player_id, a.position): a for a in session.scalars(
            select(LiveAnswer).where(LiveAnswer.game_id == game.id))}
    counts = game.counts and game.assignment_id is not None and len(by_bank) == 1
    for player in players:
        kept = [_keep_attempt(session, game, player, bank_id, questions, versions, given, counts, now)
                for bank_id, questions in by_bank.items()]
        player.attempt_id = kept[0]  # the first bank's; the others are found by their answers
        review_cards.record_answers(session, player.account_id, [
            (versions[q["version"]].question_id, _right(given.get((player.id, position))),
             review_cards.concept_id(versions[q["version"]].tags, bank_tags[bank_id]))
            for bank_id, questions in by_bank.items() for position, q in questions
            if given.get((player.id, position)) is not None], now, retention)


def _right(answer: LiveAnswer | None) -> bool:
    """Right, and not skipped (a skipped question scores nothing for anyone)."""
    return bool(answer and answer.correct and answer.points > 0)


def _keep_attempt(session: Session, game: LiveGame, player: LivePlayer, bank_id: int,
                  questions: list[tuple[int, dict[str, Any]]], versions: dict[int, QuestionVersion],
                  given: dict[tuple[int, int], LiveAnswer], counts: bool, now: dt.datetime) -> int:
    """A player's answers to one bank's questions of the game as a submitted attempt; its id."""
    answers = []
    for number, (position, question) in enumerate(questions, start=1):
        version = versions[question["version"]]
        answer = given.get((player.id, position))
        right = _right(answer)
        answers.append(Answer(position=number, question_version_id=version.id,
                              response=answer.response if answer else None, correct=right,
                              points_awarded=version.points if right else 0))
    score = sum(a.points_awarded for a in answers)
    max_score = sum(versions[q["version"]].points for _position, q in questions)
    attempt = Attempt(
        token=_token(), bank_id=bank_id, account_id=player.account_id,
        assignment_id=game.assignment_id if counts else None, counts=counts,
        started_at=player.joined_at, submitted_at=now, score=score, max_score=max_score,
        items=[AttemptItem(position=number, question_version_id=q["version"], shown_order=q["shown"])
               for number, (_position, q) in enumerate(questions, start=1)])
    session.add(attempt)
    session.flush()
    for answer in answers:
        answer.attempt_id = attempt.id
    session.add_all(answers)
    if counts:
        assert game.assignment_id is not None
        record_best(session, attempt.id, game.assignment_id, player.account_id, score, max_score, now)
    return attempt.id


def _token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


# Answering -------------------------------------------------------------------------------


class AnswerStatus(enum.Enum):
    """How an answer went."""

    RECORDED = "recorded"
    ALREADY = "already"  # the first answer counts; this one changed nothing
    CLOSED = "closed"  # not this question, or its time is over
    NEEDS_CORRECTION = "needs_correction"
    BLANK = "blank"
    NOT_PLAYING = "not_playing"


@dataclass(frozen=True)
class AnswerOutcome:
    """The outcome of an answer, and why it could not be read."""

    status: AnswerStatus
    error: ResponseError | None = None


def answer(session: Session, game: LiveGame, account_id: int, position: int, values: list[str],
           shown_at: dt.datetime | None, now: dt.datetime) -> AnswerOutcome:
    """Record a player's first answer to the question at ``position``, graded by its type.

    ``shown_at`` is when the player's page showed the choices (signed in the form), so a
    slow refresh costs no time. Sent again, clicked twice, or from a second phone, the
    database keeps only the first (a unique constraint): no answer counts twice.
    """
    seat = seat_of(session, game.id, account_id)
    if seat is None or seat.removed_at is not None:
        return AnswerOutcome(AnswerStatus.NOT_PLAYING)
    if rules.Stage(game.stage) is not rules.Stage.ASKED or position != game.position:
        return AnswerOutcome(AnswerStatus.CLOSED)
    timing = rules.answer_timing(game_clock(game), game_pacing(game), shown_at, now)
    if not timing.counts:
        return AnswerOutcome(AnswerStatus.CLOSED)
    question = game.questions[position - 1]
    version = session.get(QuestionVersion, question["version"])
    assert version is not None  # versions are never deleted
    read = read_response(version.type, version.key, question["shown"], values)
    if read.error is not None:
        return AnswerOutcome(AnswerStatus.NEEDS_CORRECTION, read.error)
    if read.blank:
        return AnswerOutcome(AnswerStatus.BLANK)
    right = is_correct(version.type, version.key, read.value)
    points = rules.answer_points(version.points, right, game.speed_bonus, timing.seconds_taken,
                                 game.seconds)
    try:
        with write_transaction(session):
            session.add(LiveAnswer(game_id=game.id, player_id=seat.id, position=position,
                                   response=read.value, picks=_picks(version, read.value),
                                   correct=right, points=points,
                                   seconds_taken=timing.seconds_taken, answered_at=now))
    except IntegrityError:  # the player's answer is in already: the first one counts
        return AnswerOutcome(AnswerStatus.ALREADY)
    return AnswerOutcome(AnswerStatus.RECORDED)


def _picks(version: QuestionVersion, response: object) -> list[int]:
    """The entries an answer chose, by their place in the bank, for the reveal's bars."""
    kind = TYPES[version.type]
    if not kind.counts_choices:
        return []
    choices = kind.analysed_choices(version.key).choices
    chosen = response if isinstance(response, list) else [response]
    return [index for index, choice in enumerate(choices) if choice in chosen]
