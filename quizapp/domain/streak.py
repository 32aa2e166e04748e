"""A learner's daily streak: days in a row on which they met their small goal.

The rule, in plain words: a day counts when the learner answered at least their daily goal of
questions (``DEFAULT_GOAL`` until they choose another) in quizzes, reviews or practice they
handed in that day. Days are the calendar days of their class's time zone, so a day ends at
midnight in Karachi or San Salvador, not in UTC. The streak is the number of such days in a row
up to today; today not met yet leaves yesterday's streak standing until today is over. A streak
is private: the learner and their teacher see it, no board shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quizapp.domain import class_time

DEFAULT_GOAL = 5
MIN_GOAL = 1
MAX_GOAL = 100
# Streaks are counted over this many days at most: a year's habit is plenty to show.
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Streak:
    """A learner's streak today: the days in a row, and today's answers against the goal."""

    days: int
    answered_today: int
    goal: int

    @property
    def met_today(self) -> bool:
        """Today's goal is met."""
        return self.answered_today >= self.goal

    @property
    def left_today(self) -> int:
        """Questions still to answer today to meet the goal."""
        return max(0, self.goal - self.answered_today)


def goal_or_default(goal: int | None) -> int:
    """The learner's daily goal, or the default when they chose none."""
    return goal if goal is not None and MIN_GOAL <= goal <= MAX_GOAL else DEFAULT_GOAL


def local_day(stored: dt.datetime, zone_name: str) -> dt.date:
    """The day a stored (naive UTC) time falls on in the zone."""
    return class_time.utc_to_local(stored, zone_name).date()


def day_start(day: dt.date, zone_name: str) -> dt.datetime:
    """When the day starts in the zone, as stored (naive UTC)."""
    return class_time.local_to_utc(dt.datetime.combine(day, dt.time()), zone_name)


def answered_by_day(handed_in: Iterable[tuple[dt.datetime, int]], zone_name: str) -> dict[dt.date, int]:
    """Questions answered per local day, from (time handed in, questions answered) pairs."""
    days: dict[dt.date, int] = {}
    for at, count in handed_in:
        day = local_day(at, zone_name)
        days[day] = days.get(day, 0) + count
    return days


def streak(by_day: Mapping[dt.date, int], goal: int, today: dt.date) -> Streak:
    """The streak on ``today``: met days in a row ending today, or yesterday while today is open."""
    answered_today = by_day.get(today, 0)
    day = today if answered_today >= goal else today - dt.timedelta(days=1)
    days = 0
    while by_day.get(day, 0) >= goal and days < HORIZON_DAYS:
        days += 1
        day -= dt.timedelta(days=1)
    return Streak(days, answered_today, goal)
