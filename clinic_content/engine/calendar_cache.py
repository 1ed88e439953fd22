"""Calendar findings from the lint cache: a calendar rule's findings depend on every entry
(and on nothing a post rule does not, besides the day), so they are kept under one hash
of all entries and computed again only when an entry changed — or, for a rule that read
``--today``, on another day."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .cache import LintCache, Record, diagnostic_from_json, diagnostic_to_json
from ..core.diagnostics import Diagnostic, Report
from ..calendar.entries import Calendar, CalendarEntry

if TYPE_CHECKING:
    from .linter import Linter


def entries_key(paths: list[Path], records: dict[Path, Record]) -> str:
    """One digest of every calendar file and its bytes (an entry is a function of them and of
    the config, which the cache key covers); findings name display paths, so the cwd too."""
    digest = hashlib.sha256(os.fsencode(os.getcwd()))
    for path in paths:
        record = records[path]
        digest.update(b"\0" + os.fsencode(path) + b"\0" + record.digest.encode())
        if not record.digest:  # not read (refused, unreadable): the entry says why
            digest.update(repr(record.entry).encode())
    return digest.hexdigest()


def calendar_findings(linter: Linter, cache: LintCache | None, key: str, day: str,
                      entries: Callable[[], list[CalendarEntry]], report: Report,
                      only: set[str] | None = None) -> list[Diagnostic]:
    """Every calendar rule's stamped findings on every post (before suppressions); with
    ``only``, cached ones are materialised just for those display paths (one file of 10k)."""
    stored = cache.calendar(key) if cache is not None else {}
    fresh: dict[str, list] = {}
    calendar: Calendar | None = None
    out: list[Diagnostic] = []
    for rule in linter.calendar_rules:
        hit = stored.get(rule.id)
        if hit is not None and hit[0] in ("", day):
            out.extend(diagnostic_from_json(row[1:], row[0]) for row in hit[1] if only is None or row[0] in only)
            fresh[rule.id] = hit
            continue
        if calendar is None:
            calendar = Calendar(entries())
        context, crashed = linter._contexts[rule.id], report.internal_errors
        context.read_today = False
        found = [linter._stamp(rule, f.path, f) for f in linter._run(rule, calendar, report, None) if isinstance(f.path, str)]
        out.extend(found)
        if report.internal_errors == crashed:  # a crash is reported again next time, never cached
            fresh[rule.id] = [day if context.read_today else "", [[d.path, *diagnostic_to_json(d)] for d in found]]
    if cache is not None and fresh != stored:
        cache.store_calendar(key, fresh)
    return out
