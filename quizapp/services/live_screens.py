"""What a live game's screens show: the tag they poll with, the host's screen, a phone's
view, the standings, and the games running for a learner."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from quizapp.database import HotQuery
from quizapp.domain import live_game as rules
from quizapp.domain.bank_translation import current_words
from quizapp.domain.grading import (
    right_answer,
    shown_entries,
)
from quizapp.domain.question_types import TYPES
from quizapp.models import (
    Account,
    Bank,
    Classroom,
    LiveAnswer,
    LiveGame,
    LivePlayer,
    Membership,
    QuestionVersion,
)
from quizapp.services.caches import LIVE_SCREENS
from quizapp.services.live_games import (
    ACTIVE_MEMBER,
    RUNNING,
    TOP,
    game_clock,
    game_pacing,
    game_phase,
)
from quizapp.services.quiz_pages import ShownQuestion, reader_translation
from quizapp.services.results import Evidence, cited_evidence

# Polling ---------------------------------------------------------------------------------

_STATE = (LiveGame.version, LiveGame.stage, LiveGame.asked_at, LiveGame.paused_at, LiveGame.seconds,
          LiveGame.created_at)
# A phone's own answer to the question asked, and every answer to it for the host screen.
_PLAYERS_ANSWER = (select(func.count()).select_from(LiveAnswer)
                   .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
                   .where(LivePlayer.game_id == LiveGame.id, LivePlayer.account_id == bindparam("account"),
                          LiveAnswer.position == LiveGame.position).scalar_subquery())
_ANSWERS = (select(func.count()).select_from(LiveAnswer)
            .where(LiveAnswer.game_id == LiveGame.id, LiveAnswer.position == LiveGame.position)
            .scalar_subquery())
# Every poll is one of these reads, and the page is rendered only when its tag moved. Each also
# checks who may look, as ``learners_game`` and ``hosted_game`` do: a learner of the class now,
# the class's teacher (whose screen is in the class's language, so that is part of its tag).
_PLAYER_TAG = HotQuery(select(*_STATE, _PLAYERS_ANSWER)
                       .join(Membership, Membership.classroom_id == LiveGame.classroom_id)
                       .where(LiveGame.id == bindparam("game"), Membership.account_id == bindparam("account"),
                              ACTIVE_MEMBER).limit(1))
_HOST_TAG = HotQuery(select(*_STATE, _ANSWERS, Classroom.language)
                     .join(Classroom, Classroom.id == LiveGame.classroom_id)
                     .where(LiveGame.id == bindparam("game"), Classroom.teacher_id == bindparam("teacher")))


@dataclass(frozen=True)
class Poll:
    """What a poll read: the page's tag, and which game at which version it saw."""

    tag: str
    game_id: int
    version: int
    created_at: dt.datetime


def poll_tag(session: Session, game_id: int, now: dt.datetime, account_id: int | None = None, *,
             teacher_id: int | None = None, countdown: bool = True) -> str | None:
    """The tag of what a screen shows now: it changes when the page would (an ETag).

    A player's (``account_id``) moves with their own answer; the host's (``teacher_id``) with
    each answer. Without ``countdown`` it stays put while only the seconds left move (live.js asks
    with it: a phone whose learner is choosing reloads when the game moves, not every second).
    None when there is no such game, or the player is not in its class now, or it is not that
    teacher's.
    """
    polled = poll(session, game_id, now, account_id, teacher_id=teacher_id, countdown=countdown)
    return polled.tag if polled is not None else None


def poll(session: Session, game_id: int, now: dt.datetime, account_id: int | None = None, *,
         teacher_id: int | None = None, countdown: bool = True) -> Poll | None:
    """``poll_tag``'s read, with the game's version (see ``game_as_polled``)."""
    if account_id is not None:
        row = _PLAYER_TAG.first(session, game=game_id, account=account_id)
    else:
        row = _HOST_TAG.first(session, game=game_id, teacher=teacher_id)
    if row is None:
        return None
    version, stage, asked_at, paused_at, seconds, created_at, answers, *language = row
    game_clock = rules.Clock(_moment(asked_at), _moment(paused_at))
    phase = rules.phase(rules.Stage(stage), game_clock, rules.Pacing(seconds), now)
    # The countdown is part of what the page shows (the host's, and a phone's until it has
    # answered), so its tag moves with each second.
    counting = countdown and phase is rules.Phase.OPEN and (account_id is None or not answers)
    left = rules.seconds_left(game_clock, rules.Pacing(seconds), now) if counting else None
    tag = hashlib.blake2b(f"{version}:{phase.value}:{left}:{answers}:{language}".encode(),
                          digest_size=8).hexdigest()
    return Poll(tag, game_id, int(version), _moment(created_at))  # type: ignore[arg-type]


def game_as_polled(session: Session, polled: Poll) -> LiveGame:
    """The game's row as the poll saw it, read once per version by each process.

    Every change to a game's row moves its version (joining, the teacher's buttons, a removal),
    so a row kept by (game, the moment it was made, version) is never stale. The row kept is
    detached from any session, and only read.
    """
    key = ("game", polled.game_id, polled.created_at, polled.version)
    game = LIVE_SCREENS.get(key)
    if game is None:
        game = session.get(LiveGame, polled.game_id)
        assert game is not None  # games are never deleted
        if (game.created_at, game.version) == (polled.created_at, polled.version):
            session.expunge(game)
            LIVE_SCREENS.put(key, game)
    return game  # type: ignore[no-any-return]


def _moment(value: dt.datetime | str | None) -> dt.datetime | None:
    """A time as the driver returns it: SQLite's is text (a HotQuery converts nothing)."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


# The screens ------------------------------------------------------------------------------


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
    player_count: int
    players: list[tuple[int, str]]  # (player id, name), in the order they joined; [] on a phone
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


def screen(session: Session, game: LiveGame, now: dt.datetime, language: str,
           with_players: bool = True) -> Screen:
    """What the host screen (and, with ``player_view``, a phone) shows now, in ``language``.

    A phone (``with_players`` False) shows how many play, not who, and at a reveal only the right
    answer, not the bars and evidence: at the moment every phone reloads, a class of 300 would
    read the names, the answers and the citations 300 times.
    """
    phase = game_phase(game, now)
    classroom_name, players = _seated(session, game)
    question = version = translated = None
    if game.position and phase is not rules.Phase.LOBBY:
        entry = game.questions[game.position - 1]
        version = session.get(QuestionVersion, entry["version"])
        assert version is not None
        question, translated = _game_question(session, game, version, language)
    showing = phase in (rules.Phase.REVEALED, rules.Phase.ENDED)
    # A phone does not show the count (it keys the board kept at a reveal).
    answered = 0 if not game.position or not (with_players or showing) else session.scalar(
        select(func.count()).select_from(LiveAnswer).join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
        .where(LiveAnswer.game_id == game.id, LiveAnswer.position == game.position,
               LivePlayer.removed_at.is_(None))) or 0
    board = _kept_standings(session, game, answered, language) if showing else []
    reveal = version is not None and phase is rules.Phase.REVEALED
    # The bars and the evidence are the projector's: a phone shows only the right answer.
    details = reveal and with_players
    return Screen(
        game.id, game.version, classroom_name, phase, game.position, len(game.questions),
        rules.seconds_left(game_clock(game), game_pacing(game), now) if game.position else None,
        question, answered, len(players), players if with_players else [], board,
        _bars(session, game, version, translated) if details and version else [],
        _in_words(version, right_answer(version.type, version.key), translated)
        if reveal and version else None,
        version.type if version else None, question.unit if question else None,
        _kept_evidence(session, game, version, language) if details and version else [],
        game.board_each, version, translated)


def _seated(session: Session, game: LiveGame) -> tuple[str, list[tuple[int, str]]]:
    """The class's name and who plays, in the order they joined: read once per step of the game.

    A seat taken or closed moves the game's version; a name or a class renamed during a
    question shows from the next step.
    """
    key = ("seated", *_game_key(game))
    found = LIVE_SCREENS.get(key)
    if found is None:
        found = (session.scalar(select(Classroom.name).where(Classroom.id == game.classroom_id)) or "",
                 [(row.id, row.display_name) for row in session.execute(
                     select(LivePlayer.id, Account.display_name)
                     .join(Account, Account.id == LivePlayer.account_id)
                     .where(LivePlayer.game_id == game.id, LivePlayer.removed_at.is_(None))
                     .order_by(LivePlayer.joined_at, LivePlayer.id))])
        LIVE_SCREENS.put(key, found)
    return found


def _game_key(game: LiveGame) -> tuple[object, ...]:
    """A game at its version, unique across databases too (ids repeat; the moment it was made does not)."""
    return game.id, game.created_at, game.version


def _in_words(version: QuestionVersion, response: object, translated: list[str] | None) -> object:
    """A response or right answer in the translation's words, when the question was shown in them."""
    if translated is None:
        return response
    return TYPES[version.type].translated(version.key, response, translated)  # type: ignore[arg-type]


def _game_question(session: Session, game: LiveGame, version: QuestionVersion,
                   language: str) -> tuple[ShownQuestion, list[str] | None]:
    """The question asked, in ``language``: the same for every phone, so read once per step of the game.

    Kept by the game's version, which moves with every step: a translation edited during a
    question shows from the next one, as every player of that question saw the same words.
    """
    key = ("question", *_game_key(game), version.id, language)
    found = LIVE_SCREENS.get(key)
    if found is None:
        found = _shown_with_words(session, version, game.questions[game.position - 1]["shown"],
                                  game.position, language)
        LIVE_SCREENS.put(key, found)
    return found


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


def _kept_evidence(session: Session, game: LiveGame, version: QuestionVersion,
                   language: str) -> list[Evidence]:
    """The cited passages as a result page in ``language`` shows them (glossed, titles translated),
    read once per step of the game as the question's words are."""
    key = ("evidence", *_game_key(game), version.id, language)
    found = LIVE_SCREENS.get(key)
    if found is None:
        bank = session.get(Bank, version.question.bank_id)
        assert bank is not None
        found = cited_evidence(session, version.id, version.question.slug, version.text_fingerprint,
                               reader_translation(session, bank.id, bank.language, language))
        LIVE_SCREENS.put(key, found)
    return found  # type: ignore[no-any-return]


def _kept_standings(session: Session, game: LiveGame, answered: int, language: str) -> list[rules.Place]:
    """The board at a reveal or the end, read once for every phone that shows it.

    Answers are closed then, and a removal or a skip moves the version; ``answered`` keys an
    answer that came in as the question closed, so the board kept always counts every answer.
    """
    key = ("standings", *_game_key(game), answered, language)
    found = LIVE_SCREENS.get(key)
    if found is None:
        found = standings(session, game, language)
        LIVE_SCREENS.put(key, found)
    return found


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
    seen = screen(session, game, now, language, with_players=False)
    # The seat and its answer to the question asked, in one read.
    seat = session.execute(
        select(LivePlayer.id, LivePlayer.removed_at, LiveAnswer.id.label("answer"), LiveAnswer.response,
               LiveAnswer.correct, LiveAnswer.points)
        .outerjoin(LiveAnswer, (LiveAnswer.player_id == LivePlayer.id)
                   & (LiveAnswer.position == game.position))
        .where(LivePlayer.game_id == game.id, LivePlayer.account_id == account_id)).first()
    shown_result = seen.phase in (rules.Phase.REVEALED, rules.Phase.ENDED)
    mine = seat if seat is not None and seat.answer is not None else None
    score = 0
    if seat is not None and shown_result:  # a phone shows points and place only then
        score = session.scalar(select(func.coalesce(func.sum(LiveAnswer.points), 0))
                               .where(LiveAnswer.player_id == seat.id)) or 0
    # seen.board is the board of a reveal or the end, the only screens that show a place.
    place = rules.place_of(seen.board, seat.id) if seat is not None else None
    stage = rules.Stage(game.stage)
    can_join = seat is None and stage is not rules.Stage.ENDED and (
        stage is rules.Stage.LOBBY or game.late_join)
    return PlayerView(seen, seat.id if seat else None, bool(seat and seat.removed_at), mine is not None,
                      mine.correct if mine is not None and shown_result else None,
                      mine.points if mine is not None and shown_result else None,
                      mine.response if mine is not None else None, int(score), place, can_join)


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
