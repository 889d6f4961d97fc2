"""The one clock the app reads: today's date and the time now, which can be set to a moment.

Everything that needs "today" or "now" asks here, never ``date.today()`` itself, so a
test (or a report "as of" a day) sets the clock once and every layer agrees on the date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

# How far the clock reads from the machine's; zero unless a block set it.
_offset = dt.timedelta(0)


def now() -> dt.datetime:
    """The local time, naive, as ``datetime.now()`` gives it."""
    return dt.datetime.now() + _offset


def utcnow() -> dt.datetime:
    """The time in UTC (timezone-aware): what timestamps are stored as."""
    return dt.datetime.now(dt.UTC) + _offset


def today() -> dt.date:
    """The local date."""
    return now().date()


@contextmanager
def as_of(moment: dt.date | dt.datetime) -> Iterator[dt.date]:
    """Inside the block the clock reads ``moment`` and runs on from there.

    A date reads as its noon, so a block shorter than half a day never sees the date turn
    over, while timestamps written inside it still follow one another. Yields the date.
    """
    global _offset
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(12))
    previous = _offset
    _offset = moment - dt.datetime.now()
    try:
        yield moment.date()
    finally:
        _offset = previous
