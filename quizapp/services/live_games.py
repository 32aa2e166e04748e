"""Live games: create one from a class's assignment or a bank, join, control, answer, and the screens.

Every page polls with the game's tag (``poll_tag``): one small read, so a class of phones
asking every two seconds costs little, and the page is rendered only when the tag moved.
Each write is one short ``write_transaction``; the database keeps one seat per learner and
one answer per player and question (unique constraints), whatever is clicked twice or resent.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import hashlib
import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.database import write_transaction
from quizapp.domain import clock
from quizapp.domain import live_game as rules
from quizapp.domain.bank_translation import current_words
from quizapp.domain.grading import (
    ResponseError,
    is_correct,
    presentation_order,
    read_response,
    right_answer,
    shown_entries,
)
from quizapp.domain.question_types import TYPES
from quizapp.domain.review_schedule import DEFAULT_RETENTION
from quizapp.models import (
    Account,
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
from quizapp.services.attempts import _record_best  # the one rule for a class total
from quizapp.services.bank_access import assignable_by
from quizapp.services.bank_words import title_in
from quizapp.services.quiz_pages import ShownQuestion, reader_translation

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


@dataclass(frozen=True)
class RunningGame:
    """A game running in one of the learner's classes, for their home page."""

    id: int
    class_name: str


def running_games(session: Session, account_id: int) -> list[RunningGame]:
    """The games running now in the learner's classes."""
    rows = session.execute(
        select(LiveGame.id, Classroom.name).join(Classroom, Classroom.id == LiveGame.classroom_id)
        .join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.account_id == account_id, ACTIVE_MEMBER, RUNNING,
               Classroom.archived_at.is_(None)).order_by(LiveGame.id)).all()
    return [RunningGame(row.id, row.name) for row in rows]


def _clock(game: LiveGame) -> rules.Clock:
    return rules.Clock(game.asked_at, game.paused_at)


def _pacing(game: LiveGame) -> rules.Pacing:
    return rules.Pacing(game.seconds)


def game_phase(game: LiveGame, now: dt.datetime) -> rules.Phase:
    """What the screens show at ``now``."""
    return rules.phase(rules.Stage(game.stage), _clock(game), _pacing(game), now)


# Joining -------------------------------------------------------------------------------


class JoinOutcome(enum.Enum):
    """How joining went."""

    JOINED = "joined"
    CLOSED = "closed"  # ended, or started with late joining off
    REMOVED = "removed"


def join(session: Session, game: LiveGame, account_id: int) -> JoinOutcome:
    """Give a learner of the class their one seat; joining again finds the same seat."""
    seat = _seat(session, game.id, account_id)
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


def _seat(session: Session, game_id: int, account_id: int) -> LivePlayer | None:
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
        return {"asked_at": rules.resumed(_clock(game), now).asked_at, "paused_at": None} \
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
            _record_best(session, attempt.id, game.assignment_id, player.account_id, score,
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
    seat = _seat(session, game.id, account_id)
    if seat is None or seat.removed_at is not None:
        return AnswerOutcome(AnswerStatus.NOT_PLAYING)
    if rules.Stage(game.stage) is not rules.Stage.ASKED or position != game.position:
        return AnswerOutcome(AnswerStatus.CLOSED)
    timing = rules.answer_timing(_clock(game), _pacing(game), shown_at, now)
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


# Polling ---------------------------------------------------------------------------------


def poll_tag(session: Session, game_id: int, now: dt.datetime, account_id: int | None = None) -> str | None:
    """The tag of what a screen shows now: it changes when the page would (an ETag).

    The host's (``account_id`` None) moves with each answer; a player's with their own answer.
    None when there is no such game.
    """
    row = session.execute(select(LiveGame.version, LiveGame.stage, LiveGame.asked_at,
                                 LiveGame.paused_at, LiveGame.seconds, LiveGame.position)
                          .where(LiveGame.id == game_id)).first()
    if row is None:
        return None
    phase = rules.phase(rules.Stage(row.stage), rules.Clock(row.asked_at, row.paused_at),
                        rules.Pacing(row.seconds), now)
    if account_id is None:
        mine = session.scalar(select(func.count()).select_from(LiveAnswer).where(
            LiveAnswer.game_id == game_id, LiveAnswer.position == row.position))
    else:
        mine = session.scalar(select(func.count()).select_from(LiveAnswer)
                              .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
                              .where(LivePlayer.game_id == game_id, LivePlayer.account_id == account_id,
                                     LiveAnswer.position == row.position))
    # The countdown is part of what the page shows (the host's, and a phone's until it has
    # answered), so its tag moves with each second.
    counting = phase is rules.Phase.OPEN and (account_id is None or not mine)
    left = rules.seconds_left(rules.Clock(row.asked_at, row.paused_at), rules.Pacing(row.seconds),
                              now) if counting else None
    return hashlib.blake2b(f"{row.version}:{phase.value}:{left}:{mine}".encode(),
                           digest_size=8).hexdigest()


# The screens ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """A cited passage and its source, as a result page shows it."""

    quote: str
    source_id: str
    source_title: str


@dataclass(frozen=True)
class Bar:
    """One option's count at the reveal, drawn as a bar."""

    label: str | bool | None  # an entry's text, True or False; None: the right or the wrong answers
    count: int
    percent: int
    right: bool

    @property
    def truth_value(self) -> bool:
        """A true/false question's True or False."""
        return isinstance(self.label, bool)

    @property
    def outcome(self) -> bool:
        """The players who were right, or wrong (numbers and orders)."""
        return self.label is None


@dataclass(frozen=True)
class Screen:
    """What a screen of the game shows now; the template picks the parts of its phase."""

    game_id: int
    version: int
    class_name: str
    phase: rules.Phase
    position: int
    total: int
    seconds_left: int | None
    question: ShownQuestion | None
    answered: int
    players: list[tuple[int, str]]  # (player id, name), in the order they joined
    board: list[rules.Place]
    bars: list[Bar]
    right_answer: object
    question_type: str | None
    unit: str | None
    evidence: list[Evidence]
    board_each: bool
    question_version: QuestionVersion | None = None
    translated: list[str] | None = None  # the question's entries in the screen's language

    def in_words(self, response: object) -> object:
        """A player's response in the words the screen showed the question in."""
        if self.question_version is None:
            return response
        return _in_words(self.question_version, response, self.translated)

    @property
    def top(self) -> list[rules.Place]:
        """The top five, for the projector."""
        return self.board[:TOP]

    @property
    def podium(self) -> list[rules.Place]:
        """The first three places at the end."""
        return [place for place in self.board if place.place <= 3][:3]

    @property
    def in_lobby(self) -> bool:
        """Waiting for the teacher to start."""
        return self.phase is rules.Phase.LOBBY

    @property
    def intro(self) -> bool:
        """The question alone."""
        return self.phase is rules.Phase.INTRO

    @property
    def answering(self) -> bool:
        """Choices shown, answers taken."""
        return self.phase is rules.Phase.OPEN

    @property
    def paused(self) -> bool:
        """The teacher paused the countdown."""
        return self.phase is rules.Phase.PAUSED

    @property
    def time_up(self) -> bool:
        """Answers closed; the teacher reveals the answer."""
        return self.phase is rules.Phase.TIME_UP

    @property
    def revealed(self) -> bool:
        """The right answer is shown."""
        return self.phase is rules.Phase.REVEALED

    @property
    def ended(self) -> bool:
        """The game is over."""
        return self.phase is rules.Phase.ENDED

    @property
    def last_question(self) -> bool:
        """The question asked is the game's last."""
        return self.position >= self.total


def screen(session: Session, game: LiveGame, now: dt.datetime, language: str) -> Screen:
    """What the host screen (and, with ``player_view``, a phone) shows now, in ``language``."""
    phase = game_phase(game, now)
    classroom_name = session.scalar(select(Classroom.name).where(Classroom.id == game.classroom_id)) or ""
    players = [(row.id, row.display_name) for row in session.execute(
        select(LivePlayer.id, Account.display_name).join(Account, Account.id == LivePlayer.account_id)
        .where(LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None))
        .order_by(LivePlayer.joined_at, LivePlayer.id))]
    question = version = translated = None
    if game.position and phase is not rules.Phase.LOBBY:
        entry = game.questions[game.position - 1]
        version = session.get(QuestionVersion, entry["version"])
        assert version is not None
        question, translated = _shown_with_words(session, version, entry["shown"], game.position, language)
    answered = 0 if not game.position else session.scalar(
        select(func.count()).select_from(LiveAnswer).join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game.id, LiveAnswer.position == game.position,
               LivePlayer.removed_at.is_(None))) or 0
    showing = phase in (rules.Phase.REVEALED, rules.Phase.ENDED)
    board = standings(session, game, language) if showing else []
    reveal = version is not None and phase is rules.Phase.REVEALED
    return Screen(
        game.id, game.version, classroom_name, phase, game.position, len(game.questions),
        rules.seconds_left(_clock(game), _pacing(game), now) if game.position else None,
        question, answered, players, board,
        _bars(session, game, version, translated) if reveal and version else [],
        _in_words(version, right_answer(version.type, version.key), translated)
        if reveal and version else None,
        version.type if version else None, question.unit if question else None,
        _evidence(version) if reveal and version else [], game.board_each, version, translated)


def _in_words(version: QuestionVersion, response: object, translated: list[str] | None) -> object:
    """A response or right answer in the translation's words, when the question was shown in them."""
    if translated is None:
        return response
    return TYPES[version.type].translated(version.key, response, translated)  # type: ignore[arg-type]


def shown_question(session: Session, version: QuestionVersion, shown: list[int], position: int,
                   language: str) -> ShownQuestion:
    """A question as the game shows it, in ``language`` where the bank has a current translation."""
    return _shown_with_words(session, version, shown, position, language)[0]


def _shown_with_words(session: Session, version: QuestionVersion, shown: list[int], position: int,
                      language: str) -> tuple[ShownQuestion, list[str] | None]:
    """The question as shown, and its translated entries in the bank's order (None: the bank's words)."""
    question = version.question
    bank = session.get(Bank, question.bank_id)
    assert bank is not None
    translation = reader_translation(session, bank.id, bank.language, language)
    words = current_words(translation.questions.get(question.slug) if translation else None,
                          version.text_fingerprint)
    entries = (tuple(words["entries"]) if words and words["entries"]
               else tuple(shown_entries(version.type, version.key)))
    unit = version.key.get("unit")
    return ShownQuestion(position, version.type, words["prompt"] if words else version.prompt,
                         version.points, tuple(entries[i] for i in shown),
                         (words.get("unit") or unit) if words else unit,
                         language if words else bank.language), \
        list(words["entries"]) if words and words["entries"] else None


def _bars(session: Session, game: LiveGame, version: QuestionVersion,
          translated: list[str] | None) -> list[Bar]:
    """How many players chose each option (or were right and wrong, for numbers and orders)."""
    rows = session.execute(select(LiveAnswer.picks, LiveAnswer.correct).where(
        LiveAnswer.game_id == game.id, LiveAnswer.position == game.position)).all()
    total = len(rows)
    kind = TYPES[version.type]
    if kind.counts_choices:
        analysed = kind.analysed_choices(version.key)
        counts = rules.option_counts(len(analysed.choices), (row.picks for row in rows))
        return [Bar(_in_words(version, choice, translated), count,  # type: ignore[arg-type]
                    rules.bar_percent(count, total), choice in analysed.right)
                for choice, count in zip(analysed.choices, counts, strict=True)]
    right = sum(1 for row in rows if row.correct)
    return [Bar(None, right, rules.bar_percent(right, total), True),
            Bar(None, total - right, rules.bar_percent(total - right, total), False)]


def _evidence(version: QuestionVersion) -> list[Evidence]:
    return [Evidence(c.quote, c.source_id, c.source.title) for c in version.citations]


def standings(session: Session, game: LiveGame, language: str | None = None) -> list[rules.Place]:
    """The game's board: every player still in it, their points, and who moved on the last question."""
    rows = session.execute(
        select(LivePlayer.id, Account.display_name,
               func.coalesce(func.sum(LiveAnswer.points), 0).label("score"),
               func.coalesce(func.sum(LiveAnswer.points).filter(
                   LiveAnswer.position < game.position), 0).label("before"))
        .join(Account, Account.id == LivePlayer.account_id)
        .outerjoin(LiveAnswer, LiveAnswer.player_id == LivePlayer.id)
        .where(LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None))
        .group_by(LivePlayer.id, Account.display_name)).all()
    return rules.standings([rules.Player(row.id, row.display_name, int(row.score), int(row.before))
                            for row in rows], language)


@dataclass(frozen=True)
class PlayerView:
    """What a player's phone shows beside the game's screen: their seat, answer, points and place."""

    screen: Screen
    player_id: int | None
    removed: bool
    answered: bool
    correct: bool | None
    points: int | None
    response: object
    score: int
    place: rules.Place | None
    can_join: bool

    @property
    def playing(self) -> bool:
        """The learner has a seat and was not removed."""
        return self.player_id is not None and not self.removed


def player_view(session: Session, game: LiveGame, account_id: int, now: dt.datetime,
                language: str) -> PlayerView:
    """A player's phone now: the game, and their own answer, score and place."""
    seen = screen(session, game, now, language)
    seat = _seat(session, game.id, account_id)
    mine = None
    score = 0
    if seat is not None:
        mine = session.scalar(select(LiveAnswer).where(LiveAnswer.player_id == seat.id,
                                                       LiveAnswer.position == game.position))
        score = session.scalar(select(func.coalesce(func.sum(LiveAnswer.points), 0))
                               .where(LiveAnswer.player_id == seat.id)) or 0
    board = seen.board or (standings(session, game, language) if seat is not None else [])
    place = rules.place_of(board, seat.id) if seat is not None else None
    stage = rules.Stage(game.stage)
    can_join = seat is None and stage is not rules.Stage.ENDED and (
        stage is rules.Stage.LOBBY or game.late_join)
    shown_result = seen.phase in (rules.Phase.REVEALED, rules.Phase.ENDED)
    return PlayerView(seen, seat.id if seat else None, bool(seat and seat.removed_at), mine is not None,
                      mine.correct if mine is not None and shown_result else None,
                      mine.points if mine is not None and shown_result else None,
                      mine.response if mine is not None else None, int(score), place, can_join)


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
class Sources:
    """What a game can be made from: the class's assignments and the banks the teacher may assign."""

    assignments: list[tuple[int, str]]  # (assignment id, its bank's title)
    banks: list[tuple[str, str]]  # (bank slug, title)


def sources(session: Session, teacher_id: int, classroom_id: int, language: str) -> Sources:
    """The class's assignments, newest first, and the banks, by title, in ``language`` where translated."""
    title = title_in(language)
    assignments = session.execute(
        select(Assignment.id, title.title).join(Bank, Bank.id == Assignment.bank_id)
        .outerjoin(title.translation, title.on)
        .where(Assignment.classroom_id == classroom_id, Assignment.deleted_at.is_(None))
        .order_by(Assignment.id.desc())).all()
    banks = session.execute(
        select(Bank.slug, title.title).outerjoin(title.translation, title.on)
        .where(Bank.deleted_at.is_(None), *assignable_by(teacher_id)).order_by(title.title)).all()
    return Sources([(row[0], row[1]) for row in assignments], [(row[0], row[1]) for row in banks])


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
