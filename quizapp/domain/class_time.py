"""Times of a class: entered and shown in the class's time zone, stored and judged in UTC.

Stored timestamps are naive datetimes in UTC (see ``domain.clock.now``); what a teacher
types into a form is a naive datetime on the class's wall clock.
"""

from __future__ import annotations

import datetime as dt
import enum
import zoneinfo
from functools import lru_cache

DEFAULT_ZONE = "UTC"
# Where the programme's classes are: offered first when a class is created.
LIKELY_ZONES = ("Asia/Karachi", "America/El_Salvador", "UTC")
# A teacher's first class starts on the clock of the programme's country that speaks the
# page's language; a later one on the clock of their last class.
LANGUAGE_ZONES = {"es": "America/El_Salvador", "ur": "Asia/Karachi"}


def suggested_zone(last_class_zone: str | None, language: str) -> str:
    """The time zone a new class starts with: the teacher's last class's, else their language's."""
    if last_class_zone:
        return last_class_zone
    return LANGUAGE_ZONES.get(language.split("_")[0].split("-")[0].lower(), DEFAULT_ZONE)


@lru_cache(maxsize=1)
def all_zones() -> tuple[str, ...]:
    """Every IANA zone name this system knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def other_zones() -> tuple[str, ...]:
    """Every zone not among the likely ones, sorted: the rest of a zone menu."""
    likely = set(LIKELY_ZONES)
    return tuple(zone for zone in all_zones() if zone not in likely)


@lru_cache(maxsize=64)
def zone(name: str | None) -> zoneinfo.ZoneInfo:
    """The zone of that name; UTC for None or a name the system does not know."""
    try:
        return zoneinfo.ZoneInfo(name or DEFAULT_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def local_to_utc(local: dt.datetime, zone_name: str) -> dt.datetime:
    """A wall-clock time in the zone as stored: naive UTC.

    A time that happens twice when clocks go back is read as the first one; a time
    skipped when clocks go forward is read with the offset from before the change.
    """
    aware = local.replace(tzinfo=zone(zone_name), fold=0)
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def utc_to_local(stored: dt.datetime, zone_name: str) -> dt.datetime:
    """A stored (naive UTC) time as an aware datetime in the zone."""
    return stored.replace(tzinfo=dt.UTC).astimezone(zone(zone_name))


def is_past(stored: dt.datetime, now: dt.datetime) -> bool:
    """True when the time (naive UTC) is now or already gone: nothing can still happen before it."""
    return stored <= now


class DateProblem(enum.Enum):
    """What is wrong with an assignment's opening time and due date."""

    OPENS_IN_PAST = "opens_in_past"
    DUE_IN_PAST = "due_in_past"
    DUE_BEFORE_OPENING = "due_before_opening"


def assignment_date_problems(opens_at: dt.datetime | None, due_at: dt.datetime | None,
                             now: dt.datetime) -> dict[str, DateProblem]:
    """The problems of a new assignment's dates (naive UTC), by field: 'opens_at', 'due_at'.

    An opening time already past is refused (leaving it empty opens the quiz now), so
    is a due date already past, and a due date that does not come after the opening.
    """
    problems: dict[str, DateProblem] = {}
    if opens_at is not None and is_past(opens_at, now):
        problems["opens_at"] = DateProblem.OPENS_IN_PAST
    if due_at is not None and is_past(due_at, now):
        problems["due_at"] = DateProblem.DUE_IN_PAST
    elif opens_at is not None and due_at is not None and due_at <= opens_at:
        problems["due_at"] = DateProblem.DUE_BEFORE_OPENING
    return problems


def edited_assignment_date_problems(opens_at: dt.datetime | None, due_at: dt.datetime | None,
                                    now: dt.datetime, was_opens_at: dt.datetime | None,
                                    was_due_at: dt.datetime | None) -> dict[str, DateProblem]:
    """The problems of an edited assignment's dates: those of a new one, except that a
    time left as it was may have passed (an assignment that opened last week keeps its
    opening time when its due date is moved)."""
    problems = assignment_date_problems(opens_at, due_at, now)
    if problems.get("opens_at") is DateProblem.OPENS_IN_PAST and opens_at == was_opens_at:
        del problems["opens_at"]
    if problems.get("due_at") is DateProblem.DUE_IN_PAST and due_at == was_due_at:
        del problems["due_at"]
        if opens_at is not None and due_at is not None and due_at <= opens_at:
            problems["due_at"] = DateProblem.DUE_BEFORE_OPENING
    return problems
