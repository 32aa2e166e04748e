"""The app's one clock: naive UTC, as every timestamp column stores it. Tests move it with ``move``."""

from __future__ import annotations

import datetime as dt

_offset = dt.timedelta(0)


def now() -> dt.datetime:
    """The current time in UTC, naive, moved on by whatever a test asked."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) + _offset


def move(by: dt.timedelta) -> None:
    """Move the clock on (or back) by ``by`` from the real time: for tests only."""
    global _offset
    _offset = by
