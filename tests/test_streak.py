"""The daily streak: days in a row with the goal met, in the class's time zone, with the clock moved."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.domain import clock
from quizapp.domain.streak import (
    DEFAULT_GOAL,
    answered_by_day,
    day_start,
    goal_or_default,
    local_day,
    streak,
)

DAY = dt.timedelta(days=1)
TODAY = dt.date(2026, 12, 10)


def test_days_in_a_row_with_the_goal_met_end_today_or_yesterday() -> None:
    by_day = {TODAY - 2 * DAY: 6, TODAY - DAY: 5, TODAY: 2}
    shown = streak(by_day, 5, TODAY)
    assert (shown.days, shown.answered_today, shown.met_today, shown.left_today) == (2, 2, False, 3)
    by_day[TODAY] = 7
    shown = streak(by_day, 5, TODAY)
    assert (shown.days, shown.met_today, shown.left_today) == (3, True, 0)


def test_a_day_short_of_the_goal_breaks_the_streak() -> None:
    by_day = {TODAY - 3 * DAY: 9, TODAY - 2 * DAY: 4, TODAY - DAY: 5}
    assert streak(by_day, 5, TODAY).days == 1
    assert streak(by_day, 4, TODAY).days == 3  # a smaller goal: every day met
    assert streak({TODAY - 2 * DAY: 9}, 5, TODAY).days == 0  # yesterday missed: over


def test_the_goal_is_the_learners_or_the_default() -> None:
    assert goal_or_default(None) == DEFAULT_GOAL == 5
    assert goal_or_default(12) == 12
    assert goal_or_default(0) == DEFAULT_GOAL


@pytest.fixture
def moved_clock(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Move domain.clock so that now() is a chosen UTC time."""

    def to(moment: dt.datetime) -> dt.datetime:
        real = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        monkeypatch.setattr(clock, "_offset", moment - real)
        return clock.now()

    return to


@pytest.mark.parametrize(("zone", "evening", "midnight"), [
    # Karachi is UTC+5: 23:00 there is 18:00 UTC, its midnight 19:00 UTC.
    ("Asia/Karachi", dt.datetime(2026, 12, 9, 18, 0), dt.datetime(2026, 12, 9, 19, 0)),
    # San Salvador is UTC-6: 23:00 there is 05:00 UTC the next day, its midnight 06:00 UTC.
    ("America/El_Salvador", dt.datetime(2026, 12, 10, 5, 0), dt.datetime(2026, 12, 10, 6, 0)),
])
def test_a_day_ends_at_the_classs_midnight_not_utcs(moved_clock, zone: str, evening: dt.datetime,
                                                    midnight: dt.datetime) -> None:
    """Five answers at 23:00 on the 9th, local; then the clock moves past local midnight."""
    now = moved_clock(evening)
    assert local_day(now, zone) == dt.date(2026, 12, 9)
    assert day_start(dt.date(2026, 12, 10), zone) == midnight
    by_day = answered_by_day([(now - dt.timedelta(hours=20), 5), (now, 5)], zone)
    assert by_day == {dt.date(2026, 12, 9): 10}
    assert streak(by_day, 5, local_day(clock.now(), zone)).days == 1
    assert streak(by_day, 5, local_day(clock.now(), zone)).met_today
    now = moved_clock(midnight + dt.timedelta(minutes=30))  # 00:30 on the 10th, local
    today = local_day(now, zone)
    assert today == dt.date(2026, 12, 10)
    shown = streak(by_day, 5, today)
    assert (shown.days, shown.answered_today, shown.met_today) == (1, 0, False)  # yesterday's stands
    by_day = answered_by_day([(evening, 5), (now, 5)], zone)
    assert streak(by_day, 5, today).days == 2  # and today's five make two days
    moved_clock(midnight + DAY + dt.timedelta(minutes=30))  # the 11th: still open, the two stand
    assert streak(by_day, 5, local_day(clock.now(), zone)).days == 2
    moved_clock(midnight + 2 * DAY + dt.timedelta(minutes=30))  # the 12th: the 11th was missed
    assert streak(by_day, 5, local_day(clock.now(), zone)).days == 0


def test_the_same_utc_times_fall_on_different_days_in_karachi_and_san_salvador() -> None:
    # 20:00 UTC on the 9th is 01:00 on the 10th in Karachi and 14:00 on the 9th in San Salvador.
    handed_in = [(dt.datetime(2026, 12, 9, 20, 0), 5), (dt.datetime(2026, 12, 9, 10, 0), 5)]
    assert answered_by_day(handed_in, "Asia/Karachi") == {dt.date(2026, 12, 10): 5, dt.date(2026, 12, 9): 5}
    assert answered_by_day(handed_in, "America/El_Salvador") == {dt.date(2026, 12, 9): 10}
