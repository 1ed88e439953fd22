"""The one place the wall clock is read, so tests can pin "today" with a single fixture."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

YEARS = (1900, 2999)  # the years a post, a deadline or --today may name: date arithmetic overflows near 1 and 9999


def now(tz: tzinfo | None = None) -> datetime:
    """The current time in ``tz`` (every rule that judges deadlines asks this, never ``datetime``)."""
    return datetime.now(tz)


def today(tz: tzinfo | None = None) -> date:
    return now(tz).date()
