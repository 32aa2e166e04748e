"""A live game in class: its phases, its pacing, its scoring and its standings, as plain values.

The game's stored state is what the teacher did (``LOBBY``, a question ``ASKED``, its
answer ``REVEALED``, ``ENDED``); what the clock adds (the question alone for a few seconds,
then open, then time up) is worked out here from the times, so no page view ever writes.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from quizapp.domain.collation import name_key
from quizapp.domain.messages import Message, msg

# The question alone before its choices, so everyone reads it first.
INTRO_SECONDS = 5
MIN_SECONDS, MAX_SECONDS = 10, 120
MAX_QUESTIONS = 30
# An answer sent after the question closed on the server still counts when the player's own
# page showed the choices late (a slow refresh): at most this much later than everyone's.
LATE_PAGE_GRACE_SECONDS = 10
# Points for a right answer, per point of the question: room for a speed bonus below it.
RIGHT_ANSWER_UNITS = 100
# The whole speed bonus of a question, per point: less than a right answer (accuracy first).
MAX_BONUS_UNITS = 50


class Stage(enum.Enum):
    """What the teacher last did: the stored state of a game."""

    LOBBY = "lobby"
    ASKED = "asked"
    REVEALED = "revealed"
    ENDED = "ended"


class Phase(enum.Enum):
    """What the screens show now: the stage, with the clock's part worked out."""

    LOBBY = "lobby"
    INTRO = "intro"  # the question alone
    OPEN = "open"  # the choices and the countdown
    PAUSED = "paused"
    TIME_UP = "time_up"  # answers closed, the answer not shown yet
    REVEALED = "revealed"
    ENDED = "ended"

    @property
    def answering(self) -> bool:
        """Whether answers are taken now."""
        return self is Phase.OPEN


@dataclass(frozen=True)
class Pacing:
    """A game's timing: seconds per question (None: no timer, the teacher moves on)."""

    seconds: int | None = 30
    intro_seconds: int = INTRO_SECONDS


@dataclass(frozen=True)
class Clock:
    """When the current question was asked, and when it was paused (None: running)."""

    asked_at: dt.datetime | None = None
    paused_at: dt.datetime | None = None


def valid_seconds(seconds: int | None) -> bool:
    """Seconds per question the teacher may choose: 10 to 120, or no timer."""
    return seconds is None or MIN_SECONDS <= seconds <= MAX_SECONDS


def choices_at(clock: Clock, pacing: Pacing) -> dt.datetime | None:
    """When the choices of the current question appear."""
    if clock.asked_at is None:
        return None
    return clock.asked_at + dt.timedelta(seconds=pacing.intro_seconds)


def closes_at(clock: Clock, pacing: Pacing) -> dt.datetime | None:
    """When the current question stops taking answers (None: when the teacher reveals it)."""
    shown = choices_at(clock, pacing)
    if shown is None or pacing.seconds is None:
        return None
    return shown + dt.timedelta(seconds=pacing.seconds)


def phase(stage: Stage, clock: Clock, pacing: Pacing, now: dt.datetime) -> Phase:
    """What the screens show at ``now``."""
    if stage is Stage.LOBBY:
        return Phase.LOBBY
    if stage is Stage.ENDED:
        return Phase.ENDED
    if stage is Stage.REVEALED:
        return Phase.REVEALED
    if clock.paused_at is not None:
        return Phase.PAUSED
    shown = choices_at(clock, pacing)
    if shown is None or now < shown:
        return Phase.INTRO
    closing = closes_at(clock, pacing)
    if closing is not None and now >= closing:
        return Phase.TIME_UP
    return Phase.OPEN


def seconds_left(clock: Clock, pacing: Pacing, now: dt.datetime) -> int | None:
    """Whole seconds until the question closes, rounded up (None: no timer, or not asked)."""
    closing = closes_at(clock, pacing)
    if closing is None:
        return None
    stopped = clock.paused_at or now
    left = (closing - stopped).total_seconds()
    return max(0, int(-(-left // 1)))


def resumed(clock: Clock, now: dt.datetime) -> Clock:
    """The clock after a pause ends: the question is asked later by the time it was paused."""
    if clock.paused_at is None or clock.asked_at is None:
        return clock
    return Clock(clock.asked_at + (now - clock.paused_at), None)


@dataclass(frozen=True)
class Timing:
    """Whether an answer counts, and how long its player took (from their page showing the choices)."""

    counts: bool
    seconds_taken: float


def answer_timing(clock: Clock, pacing: Pacing, shown_at: dt.datetime | None,
                  received_at: dt.datetime) -> Timing:
    """Time an answer received at ``received_at`` from a page that showed the choices at ``shown_at``.

    Time runs from the later of the page showing the choices (signed in the form, so a slow
    refresh costs nothing) and the choices appearing for everyone. A timed answer counts
    within the question's seconds from there, but never later than everyone's close plus
    LATE_PAGE_GRACE_SECONDS (a page kept open cannot answer at leisure).
    """
    start = choices_at(clock, pacing)
    if start is None or received_at < start:
        return Timing(False, 0.0)
    if shown_at is not None and shown_at > start:
        start = min(shown_at, received_at)
    taken = (received_at - start).total_seconds()
    if clock.paused_at is not None:
        return Timing(False, taken)
    closing = closes_at(clock, pacing)
    if closing is None:
        return Timing(True, taken)
    latest = closing + dt.timedelta(seconds=LATE_PAGE_GRACE_SECONDS)
    assert pacing.seconds is not None  # a close time means a timer
    return Timing(taken <= pacing.seconds and received_at <= latest, taken)


def answer_points(question_points: int, correct: bool, speed_bonus: bool,
                  seconds_taken: float, seconds: int | None) -> int:
    """Points for one answer: RIGHT_ANSWER_UNITS a point when right, plus a speed bonus when on.

    The bonus falls from MAX_BONUS_UNITS a point (answered at once) to 0 (at the last
    second): less than a right answer is worth, so knowing always beats speed. A wrong
    answer scores 0 however fast; without a timer there is no bonus.
    """
    if not correct:
        return 0
    right = RIGHT_ANSWER_UNITS * question_points
    if not speed_bonus or seconds is None:
        return right
    share = max(0.0, min(1.0, 1 - seconds_taken / seconds))
    return right + int(MAX_BONUS_UNITS * question_points * share)


class Move(enum.Enum):
    """How a player's place changed since the question before."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"


@dataclass(frozen=True)
class Player:
    """A player's name and score, now and before the last question."""

    id: int
    name: str
    score: int
    score_before: int | None = None  # None: not playing before the last question


@dataclass(frozen=True)
class Place:
    """A player's place on the game's board, and how it moved."""

    place: int
    id: int
    name: str
    score: int
    move: Move

    @property
    def moved_up(self) -> bool:
        """Higher than before the last question."""
        return self.move is Move.UP

    @property
    def moved_down(self) -> bool:
        """Lower than before the last question."""
        return self.move is Move.DOWN


def _places(scores: Iterable[tuple[int, str, int]], language: str | None) -> list[tuple[int, int, str, int]]:
    """(place, id, name, score), highest first; equal scores share a place (1, 2, 2, 4)."""
    name = name_key(language)
    ordered = sorted(scores, key=lambda s: (-s[2], name(s[1]), s[0]))
    placed: list[tuple[int, int, str, int]] = []
    for index, (player_id, player_name, score) in enumerate(ordered, start=1):
        place = placed[-1][0] if placed and placed[-1][3] == score else index
        placed.append((place, player_id, player_name, score))
    return placed


def standings(players: Iterable[Player], language: str | None = None) -> list[Place]:
    """The game's board: places by score, ties sharing a place, and who moved since the last question."""
    players = list(players)
    before = {place[1]: place[0] for place in _places(
        ((p.id, p.name, p.score_before) for p in players if p.score_before is not None), language)}
    board = []
    for place, player_id, name, score in _places(((p.id, p.name, p.score) for p in players), language):
        old = before.get(player_id)
        move = (Move.NEW if old is None else Move.UP if place < old
                else Move.DOWN if place > old else Move.SAME)
        board.append(Place(place, player_id, name, score, move))
    return board


def option_counts(entries: int, picks: Iterable[Iterable[int]]) -> list[int]:
    """How many players chose each entry (by its position in the bank), for the reveal's bars."""
    counts = [0] * entries
    for picked in picks:
        for index in set(picked):
            if 0 <= index < entries:
                counts[index] += 1
    return counts


def bar_percent(count: int, total: int) -> int:
    """A bar's width in whole percent of the players who answered."""
    return round(100 * count / total) if total else 0


def place_of(board: Iterable[Place], player_id: int) -> Place | None:
    """A player's place on the board, if they are on it."""
    return next((place for place in board if place.id == player_id), None)


def scores_before(answers: Mapping[int, Iterable[tuple[int, int]]], position: int) -> dict[int, int]:
    """Each player's score before the question at ``position``: (position, points) per answer."""
    return {player: sum(points for at, points in given if at < position)
            for player, given in answers.items()}


# What a game is made of ------------------------------------------------------------------


@dataclass(frozen=True)
class Offered:
    """A question a teacher may put in a game, and its curriculum concept (its own, else its bank's)."""

    question_id: int
    concept: str | None


def concept_questions(offered: Sequence[Offered], concept: str) -> list[int]:
    """A concept's questions in the order offered (the library's: concepts in teaching order,
    then each bank's own order), at most MAX_QUESTIONS."""
    return [q.question_id for q in offered if q.concept == concept][:MAX_QUESTIONS]


def concept_sizes(offered: Iterable[Offered]) -> dict[str, int]:
    """How many questions a game of each concept would hold."""
    sizes: dict[str, int] = {}
    for question in offered:
        if question.concept is not None:
            sizes[question.concept] = min(MAX_QUESTIONS, sizes.get(question.concept, 0) + 1)
    return sizes


@dataclass(frozen=True)
class Picking:
    """The questions a teacher ticked, in the order offered, or why they cannot be a game."""

    questions: tuple[int, ...]
    problem: Message | None = None


def pick(offered: Sequence[int], sent: Iterable[str]) -> Picking:
    """The ticked questions (ids as a form sends them) in the order ``offered`` shows them.

    Refused: none ticked, more than MAX_QUESTIONS, or one not offered (not the teacher's to
    play, gone since the page was drawn, or a forged value): nothing is made of a part.
    """
    wanted: set[int] = set()
    for value in sent:
        if not (value.isascii() and value.isdigit() and len(value) <= 12):
            return Picking((), msg("Some of the ticked questions cannot be played: tick them again."))
        wanted.add(int(value))
    if not wanted:
        return Picking((), msg("Tick at least one question."))
    if len(wanted) > MAX_QUESTIONS:
        return Picking((), msg("You ticked %(num)s questions: a game holds at most %(max)s. Untick some.",
                               num=len(wanted), max=MAX_QUESTIONS))
    if not wanted <= set(offered):
        return Picking((), msg("Some of the ticked questions cannot be played: tick them again."))
    return Picking(tuple(question for question in offered if question in wanted))
