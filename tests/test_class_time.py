"""Class times: typed on the class's clock, stored in UTC, refused when already past."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.domain.class_time import (
    LIKELY_ZONES,
    DateProblem,
    assignment_date_problems,
    edited_assignment_date_problems,
    is_past,
    local_to_utc,
    other_zones,
    utc_to_local,
)

NOW = dt.datetime(2026, 12, 1, 12, 0)  # naive UTC, as stored
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(("local", "zone", "stored"), [
    # Karachi is UTC+5 all year; El Salvador UTC-6 all year.
    (dt.datetime(2026, 12, 1, 15, 0), "Asia/Karachi", dt.datetime(2026, 12, 1, 10, 0)),
    (dt.datetime(2026, 12, 1, 15, 0), "America/El_Salvador", dt.datetime(2026, 12, 1, 21, 0)),
    (dt.datetime(2026, 12, 1, 23, 30), "America/El_Salvador", dt.datetime(2026, 12, 2, 5, 30)),
    (dt.datetime(2026, 12, 1, 15, 0), "UTC", dt.datetime(2026, 12, 1, 15, 0)),
    # Madrid: UTC+1 in winter, UTC+2 in summer.
    (dt.datetime(2026, 7, 1, 9, 0), "Europe/Madrid", dt.datetime(2026, 7, 1, 7, 0)),
    (dt.datetime(2026, 1, 1, 9, 0), "Europe/Madrid", dt.datetime(2026, 1, 1, 8, 0)),
    # 02:30 on 25 October 2026 happens twice in Madrid: the first one (summer time) is meant.
    (dt.datetime(2026, 10, 25, 2, 30), "Europe/Madrid", dt.datetime(2026, 10, 25, 0, 30)),
])
def test_local_times_are_stored_in_utc(local: dt.datetime, zone: str, stored: dt.datetime) -> None:
    assert local_to_utc(local, zone) == stored
    assert utc_to_local(stored, zone).replace(tzinfo=None) == local
    assert str(utc_to_local(stored, zone).tzinfo) == zone


def test_an_unknown_zone_is_read_as_utc() -> None:
    assert local_to_utc(NOW, "Mars/Olympus") == NOW
    assert str(utc_to_local(NOW, "Mars/Olympus").tzinfo) == "UTC"


def test_the_likely_zones_come_first_and_are_not_repeated() -> None:
    assert LIKELY_ZONES == ("Asia/Karachi", "America/El_Salvador", "UTC")
    rest = other_zones()
    assert not set(LIKELY_ZONES) & set(rest)
    assert list(rest) == sorted(rest) and "Europe/Madrid" in rest


@pytest.mark.parametrize(("when", "past"), [
    (NOW - HOUR, True), (NOW, True), (NOW + dt.timedelta(minutes=1), False)])
def test_is_past(when: dt.datetime, past: bool) -> None:
    assert is_past(when, NOW) is past


@pytest.mark.parametrize(("opens", "due", "problems"), [
    (None, None, {}),
    (NOW + HOUR, NOW + 2 * HOUR, {}),
    (None, NOW + HOUR, {}),
    (None, NOW - HOUR, {"due_at": DateProblem.DUE_IN_PAST}),
    (None, NOW, {"due_at": DateProblem.DUE_IN_PAST}),       # due now is already closed
    (NOW - HOUR, None, {"opens_at": DateProblem.OPENS_IN_PAST}),
    (NOW + 2 * HOUR, NOW + HOUR, {"due_at": DateProblem.DUE_BEFORE_OPENING}),
    (NOW + HOUR, NOW + HOUR, {"due_at": DateProblem.DUE_BEFORE_OPENING}),
    (NOW - HOUR, NOW - 2 * HOUR, {"opens_at": DateProblem.OPENS_IN_PAST,
                                  "due_at": DateProblem.DUE_IN_PAST}),
])
def test_assignment_date_problems(opens: dt.datetime | None, due: dt.datetime | None,
                                  problems: dict[str, DateProblem]) -> None:
    assert assignment_date_problems(opens, due, NOW) == problems


def test_a_due_date_typed_in_el_salvador_is_judged_in_utc() -> None:
    # 10:00 in El Salvador is 16:00 UTC: still to come at noon UTC, though 10:00 looks earlier.
    assert assignment_date_problems(None, local_to_utc(dt.datetime(2026, 12, 1, 10, 0),
                                                       "America/El_Salvador"), NOW) == {}
    # 16:00 in Karachi is 11:00 UTC: gone at noon UTC, although 16:00 looks later.
    assert assignment_date_problems(None, local_to_utc(dt.datetime(2026, 12, 1, 16, 0),
                                                       "Asia/Karachi"), NOW) == {
        "due_at": DateProblem.DUE_IN_PAST}


def test_an_edited_assignment_may_keep_a_time_already_past_but_not_choose_one() -> None:
    now = dt.datetime(2026, 3, 10, 12, 0)
    last_week, yesterday, tomorrow = (now - dt.timedelta(days=7), now - dt.timedelta(days=1),
                                      now + dt.timedelta(days=1))
    assert edited_assignment_date_problems(last_week, tomorrow, now, last_week, None) == {}
    assert edited_assignment_date_problems(yesterday, tomorrow, now, last_week, None) == {
        "opens_at": DateProblem.OPENS_IN_PAST}
    assert edited_assignment_date_problems(last_week, yesterday, now, last_week, yesterday) == {}
    assert edited_assignment_date_problems(None, yesterday, now, None, tomorrow) == {
        "due_at": DateProblem.DUE_IN_PAST}
    assert edited_assignment_date_problems(yesterday, last_week, now, yesterday, last_week) == {
        "due_at": DateProblem.DUE_BEFORE_OPENING}
