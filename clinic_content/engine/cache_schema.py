"""Shape checks for what the cache loads: a record that is valid JSON but has the
wrong types (a bit flip, an older format) is discarded, never trusted or crashed on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..source.model import Category, Status

_STATUSES = {s.value for s in Status}
_CATEGORIES = {c.value for c in Category}

_INT_FIELDS = ("mtime_ns", "size", "ctime_ns", "ino", "checked_ns")


def _int(value: Any) -> bool:
    return type(value) is int


def _opt_int(value: Any) -> bool:
    return value is None or type(value) is int


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def valid_record(fields: Any) -> dict[str, Any] | None:
    """The fields of a :class:`~clinic_content.engine.cache.Record`, or None when any has the wrong type."""
    if not isinstance(fields, dict) or set(fields) != {*_INT_FIELDS, "digest", "entry", "linted", "media", "day", "rows", "day_rules"}:
        return None
    if (not all(_int(fields[name]) for name in _INT_FIELDS) or not isinstance(fields["digest"], str)
            or not isinstance(fields["day"], str) or not isinstance(fields["rows"], str) or not _str_list(fields["day_rules"])):
        return None
    if type(fields["linted"]) is not bool or not (fields["entry"] is None or valid_entry(fields["entry"])):
        return None
    media = fields["media"]
    if media is not None and not (isinstance(media, list) and all(
            isinstance(m, list) and len(m) == 2 and isinstance(m[0], str) and type(m[1]) is bool for m in media)):
        return None
    return fields


def _timestamp(value: Any) -> bool:
    if value is None:
        return True
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def valid_entry(entry: Any) -> bool:
    """A CalendarEntry.to_json() as written by entries.py."""
    if not isinstance(entry, dict) or set(entry) != {"path", "id", "usable", "meta", "spans", "text", "suppressions"}:
        return False
    meta, spans, text, suppressions = entry["meta"], entry["spans"], entry["text"], entry["suppressions"]
    return (
        isinstance(entry["path"], str) and isinstance(entry["id"], str) and type(entry["usable"]) is bool
        and isinstance(meta, list) and len(meta) == 7
        and all(v is None or isinstance(v, str) for v in (meta[0], meta[3]))
        and _timestamp(meta[1]) and _str_list(meta[2]) and meta[4] in _STATUSES
        and (meta[5] is None or meta[5] in _CATEGORIES) and type(meta[6]) is bool
        and isinstance(spans, dict) and all(
            isinstance(s, list) and len(s) == 4 and _int(s[0]) and _int(s[1]) and _opt_int(s[2]) and _opt_int(s[3])
            for s in spans.values())
        and isinstance(text, list) and len(text) == 2 and isinstance(text[0], str) and _int(text[1])
        and isinstance(suppressions, list) and all(
            isinstance(s, list) and len(s) == 5 and _str_list(s[0]) and all(_int(v) for v in s[1:])
            for s in suppressions)
    )


_INT, _NONE = int, type(None)
_ROW_TYPES = {  # line, column, code, end_line, end_column, severity, name, message, related, sensitive, fixable
    (_INT, _INT, str, end_line, end_column, str, str, str, related, _INT, _INT)
    for end_line in (_INT, _NONE) for end_column in (_INT, _NONE) for related in (_INT, list)
}


def valid_rows(rows: Any, severities: dict[str, Any]) -> bool:
    """Diagnostic rows as written by ``diagnostic_to_json`` (a type signature per row: a warm
    run checks ~20 rows per file, so this stays in C as far as it can)."""
    return isinstance(rows, list) and all(
        type(r) is list and tuple(map(type, r)) in _ROW_TYPES and r[5] in severities
        and (r[8] == 0 if type(r[8]) is int else _str_list(r[8]))
        for r in rows)


def valid_ahead(ahead: Any, severities: dict[str, Any]) -> bool:
    """[first day, entries]: per day, [rules that read it, rows] or None ("as the day before")."""
    if not (isinstance(ahead, list) and len(ahead) == 2 and isinstance(ahead[1], list) and ahead[1]
            and ahead[1][0] is not None and _timestamp(ahead[0]) and isinstance(ahead[0], str)):
        return False
    return all(entry is None or (isinstance(entry, list) and len(entry) == 2 and _str_list(entry[0])
                                 and valid_rows(entry[1], severities)) for entry in ahead[1])


def valid_calendar_rows(found: Any, severities: dict[str, Any]) -> bool:
    """[day, rows]: a calendar rule's findings, each row its display path and then a diagnostic row."""
    return (isinstance(found, list) and len(found) == 2 and isinstance(found[0], str) and isinstance(found[1], list)
            and all(type(r) is list and r and isinstance(r[0], str) for r in found[1])
            and valid_rows([r[1:] for r in found[1]], severities))
