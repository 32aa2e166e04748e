"""Live games: create one from a class's assignment or a bank, join, control, answer.

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
from dataclasses import dataclass

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
from quizapp.services import review_cards
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
                rng: random.Random | None = None) -> int | None:
    """A new game in the teacher's class, from one of its assignments or a bank they may assign.

    Up to MAX_QUESTIONS of the bank's current questions, in its order; each question's entries
    are shuffled once for the whole game. It counts on the class board only when made from an
    assignment and the teacher asked so. A game still running in the class ends. None when the
    class is not theirs or there is nothing to play.
    """
    if not rules.valid_seconds(options.seconds):
        return None
    classroom = session.get(Classroom, classroom_id)
    if classroom is None or classroom.teacher_id != teacher_id or classroom.archived_at is not None:
        return None
    bank_id = _game_bank(session, teacher_id, classroom_id, assignment_id, bank_slug)
    if bank_id is None:
        return None
    versions = list(session.scalars(
        select(QuestionVersion).join(Question, Question.current_version_id == QuestionVersion.id)
        .where(Question.bank_id == bank_id, Question.retired.is_(False))
        .order_by(Question.position).limit(rules.MAX_QUESTIONS)))
    if not versions:
        return None
    rng = rng or random.SystemRandom()
    game = LiveGame(
        classroom_id=classroom_id, bank_id=bank_id, assignment_id=assignment_id,
        questions=[{"version": v.id, "shown": presentation_order(v.type, v.key, rng)} for v in versions],
        seconds=options.seconds, speed_bonus=options.speed_bonus, board_each=options.board_each,
        late_join=options.late_join, counts=options.counts and assignment_id is not None,
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
    """Each player's answers as an attempt of the class, with review cards; on the board if asked.

    Inside the ending's own transaction. Scores are the bank's points (a right answer its
    points), as any attempt's; the game's own points (with a speed bonus) stay on its board.
    """
    if not game.position:  # ended in the lobby: nothing was asked
        return
    versions = {v.id: v for v in session.scalars(select(QuestionVersion).where(
        QuestionVersion.id.in_([q["version"] for q in game.questions])))}
    bank_tags = session.scalar(select(Bank.tags).where(Bank.id == game.bank_id)) or []
    players = session.scalars(select(LivePlayer).where(LivePlayer.game_id == game.id,
                                                       LivePlayer.removed_at.is_(None))).all()
    given: dict[tuple[int, int], LiveAnswer] = {
        (a.player_id, a.position): a for a in session.scalars(
            select(LiveAnswer).where(LiveAnswer.game_id == game.id))}
    asked = game.position  # questions never reached are not part of anyone's attempt
    max_score = sum(versions[q["version"]].points for q in game.questions[:asked])
    for player in players:
        answers = []
        for position, question in enumerate(game.questions[:asked], start=1):
            version = versions[question["version"]]
            answer = given.get((player.id, position))
            right = bool(answer and answer.correct and answer.points > 0)
            answers.append(Answer(position=position, question_version_id=version.id,
                                  response=answer.response if answer else None, correct=right,
                                  points_awarded=version.points if right else 0))
        score = sum(a.points_awarded for a in answers)
        counts = game.counts and game.assignment_id is not None
        attempt = Attempt(
            token=_token(), bank_id=game.bank_id, account_id=player.account_id,
            assignment_id=game.assignment_id if counts else None, counts=counts,
            started_at=player.joined_at, submitted_at=now, score=score, max_score=max_score,
            items=[AttemptItem(position=p, question_version_id=q["version"], shown_order=q["shown"])
                   for p, q in enumerate(game.questions[:asked], start=1)])
        session.add(attempt)
        session.flush()
        for answer in answers:
            answer.attempt_id = attempt.id
        session.add_all(answers)
        player.attempt_id = attempt.id
        review_cards.record_answers(session, player.account_id, [
            (versions[a.question_version_id].question_id, a.correct,
             review_cards.concept_id(versions[a.question_version_id].tags, bank_tags))
            for a in answers if given.get((player.id, a.position)) is not None], now, retention)
        if counts:
            assert game.assignment_id is not None
            record_best(session, attempt.id, game.assignment_id, player.account_id, score,
                         max_score, now)


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
