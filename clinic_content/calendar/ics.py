"""Calendar events to RFC 5545 bytes with ``ics`` 0.7.3 plus the workarounds its defects
need (research/ics-calendar.md): folding at 75 octets on UTF-8 boundaries, CRLF after the
last line, DTSTAMP from the post's revision time, raw URL, sorted CATEGORIES and events,
no METHOD; and ``check_ics``, the validator the tests and the fuzzer use.
"""

from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone
from typing import Sequence

from ..core.safe_text import escape
from .events import CalendarEvent


PRODID = "-//clinic-content//clinic-content calendar//RU"


def fold(line: str, limit: int = 75) -> str:
    """RFC 5545 §3.1: at most 75 octets per line, never splitting a UTF-8 character."""
    data = line.encode()
    if len(data) <= limit:
        return line
    parts, start, width = [], 0, limit
    while len(data) - start > width:
        cut = start + width
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to the character start
            cut -= 1
        parts.append(data[start:cut])
        start, width = cut, limit - 1  # continuation lines start with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def _text(value: str) -> str:
    """CR/CRLF to LF before ``ics`` escapes TEXT (it would write a literal ``\\r``); other control
    characters, which RFC 5545 TEXT does not allow, escaped as the text output shows them."""
    return "\n".join(escape(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def to_ics(
    events: Sequence[CalendarEvent],
    *,
    name: str = "Контент-план",
    timezone_name: str = "Europe/Moscow",
    refresh: str = "PT1H",
) -> bytes:
    """Serialise events to RFC 5545 bytes (CRLF, folded, no BOM), deterministic."""
    from ics import Calendar, DisplayAlarm, Event
    from ics.grammar.parse import ContentLine
    from ics.utils import escape_string

    _speed_up_ics()

    calendar = Calendar(creator=PRODID)
    for key, value, params in [
        ("X-WR-CALNAME", escape_string(_text(name)), {}),
        ("NAME", escape_string(_text(name)), {}),
        ("X-WR-TIMEZONE", timezone_name, {}),
        ("X-PUBLISHED-TTL", refresh, {}),
        ("REFRESH-INTERVAL", refresh, {"VALUE": ["DURATION"]}),
    ]:
        calendar.extra.append(ContentLine(key, params=params, value=value))
    built = []
    for item in events:
        event = Event(name=_text(item.summary), uid=item.uid, description=_text(item.description),
                      status=item.status, transparent=True)
        # times are written here, not by ics: it formats through arrow (slow) and shifts
        # all-day dates to the previous day east of UTC (ics-py#173)
        stamp = _utc(item.revised)
        event.extra.append(ContentLine("DTSTAMP", value=stamp))
        event.extra.append(ContentLine("LAST-MODIFIED", value=stamp))
        if isinstance(item.start, datetime):
            event.extra.append(ContentLine("DTSTART", value=_utc(item.start)))
            event.extra.append(ContentLine("DURATION", value=_duration(item.duration or timedelta(minutes=30))))
        else:
            event.extra.append(ContentLine("DTSTART", params={"VALUE": ["DATE"]}, value=f"{item.start:%Y%m%d}"))
        if item.alarm_before is not None:
            event.alarms.append(DisplayAlarm(trigger=-item.alarm_before, display_text=_text(item.summary)))
        event.extra.append(ContentLine("SEQUENCE", value=str(item.sequence)))
        if item.categories:
            event.extra.append(ContentLine("CATEGORIES", value=",".join(escape_string(_text(c)) for c in item.categories)))
        if item.url:
            event.extra.append(ContentLine("URL", value=item.url))  # raw: ics would escape it as TEXT
        built.append(event)
    calendar.events = built  # a list keeps our order (a set would not)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # ics 0.7.3 alarms (fixed upstream, not released)
        serialized = calendar.serialize()
    lines = _alarms_last([line for line in serialized.replace("\r\n", "\n").split("\n") if line])
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


_ics_patched = False


def _speed_up_ics() -> None:
    """ics 0.7.3 lists each class's serializer methods with dir() for every component it
    writes (a third of the export time); the list never changes, so cache it once."""
    global _ics_patched
    if _ics_patched:
        return
    from functools import lru_cache

    from ics.serializers.serializer import Serializer

    Serializer.get_serializers = classmethod(lru_cache(maxsize=None)(Serializer.get_serializers.__func__))  # type: ignore[method-assign]
    _ics_patched = True


def _alarms_last(lines: list[str]) -> list[str]:
    """RFC 5545 §3.6.1: a VEVENT's properties come before its VALARMs; ics 0.7.3 mixes them."""
    out: list[str] = []
    alarms: list[str] = []
    inside = False
    for line in lines:
        if line == "BEGIN:VALARM":
            inside = True
        if inside:
            alarms.append(line)
            inside = line != "END:VALARM"
            continue
        if line == "END:VEVENT":
            out.extend(alarms)
            alarms = []
        out.append(line)
    return out


def check_ics(data: bytes) -> list[str]:
    """The project's own RFC 5545 byte-level check (no installable validator exists)."""
    problems: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a BOM")
    if not data.endswith(b"\r\n"):
        problems.append("last line does not end with CRLF")
    if b"\n" in data.replace(b"\r\n", b""):
        problems.append("bare LF")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problems + ["not UTF-8 (a fold split a character?)"]
    physical = text.split("\r\n")[:-1]
    for number, line in enumerate(physical, 1):
        if len(line.encode()) > 75:
            problems.append(f"line {number} is {len(line.encode())} octets")
    logical = []
    for line in physical:
        if line.startswith(" ") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    uids: list[str] = []
    event: dict[str, int] | None = None
    for line in logical:
        head = line.split(":", 1)[0]
        prop = head.split(";", 1)[0]
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT" and event is not None:
            for required in ("UID", "DTSTAMP", "DTSTART"):
                if event.get(required, 0) != 1:
                    problems.append(f"event {len(uids)}: {required} appears {event.get(required, 0)} times")
            if event.get("DTEND") and event.get("DURATION"):
                problems.append(f"event {len(uids)}: both DTEND and DURATION")
            event = None
        elif line == "BEGIN:VALARM" and event is not None:
            event["#alarm"] = 1
        elif line == "END:VALARM" and event is not None:
            event["#in-alarm-done"] = 1
        elif event is not None and not line.startswith((" ", "BEGIN:", "END:")):
            if event.get("#in-alarm-done"):
                problems.append(f"event {len(uids)}: property {prop} after a VALARM")
            if event.get("#alarm") and not event.get("#in-alarm-done"):
                continue  # the alarm's own properties
            event[prop] = event.get(prop, 0) + 1
            if prop == "UID":
                uids.append(line.split(":", 1)[1])
            if prop == "DTSTAMP" and not line.endswith("Z"):
                problems.append(f"DTSTAMP not in UTC: {line}")
        if "TZID=" in head and "BEGIN:VTIMEZONE" not in logical:
            problems.append(f"TZID without VTIMEZONE: {line}")
        if "\\" in head:
            problems.append(f"backslash in parameters: {line}")
        if prop == "METHOD":
            problems.append("METHOD in a published feed")
    if len(uids) != len(set(uids)):
        problems.append("duplicate UIDs")
    return problems
