"""The content plan as an iCalendar feed that Google Calendar, Outlook, Apple
Calendar and Thunderbird subscribe to.

:func:`build_calendar` turns posts into :class:`CalendarEvent` values (plain
data, easy to test and reuse); :func:`to_ics` writes them with ``ics`` 0.7.3
plus the workarounds its defects need (research/ics-calendar.md): folding at 75
octets on UTF-8 boundaries, CRLF after the last line, DTSTAMP from the post's
revision time, raw URL, sorted CATEGORIES and events, no METHOD. The same
content gives the same bytes, and editing one post changes only its events.

The events are built in ``calendar_events``, written in ``ics_writer``; this module keeps
the documented import path (docs/calendar.md).
"""

from __future__ import annotations

from .events import CalendarEvent, ExportOptions, NAMESPACE, build_calendar, event_uid, revision_time
from .ics import PRODID, check_ics, fold, to_ics

__all__ = [
    "CalendarEvent", "ExportOptions", "NAMESPACE", "PRODID", "build_calendar", "check_ics", "event_uid",
    "fold", "revision_time", "to_ics",
]
