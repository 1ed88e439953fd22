"""The first run of another day on a warm cache: only the post rules that read ``--today``
for a file run again, and only their rows of its cached findings are replaced.

Those rules are cheap next to loading a post, so whenever a post is loaded anyway they are
also judged on each of the next ``AHEAD_DAYS`` days (``--today`` + 1 …, the same time of
day) and the results cached with the file's rows: a run on one of those days swaps rows
in without reading the post at all.

A rule's result can change with the day only through what it read of the day, so a rule
that did not read it for this content (and this config, which the cache key covers) would
take the same path on any day. The post is loaded again (its body is parsed only if one
of those rules asks for it: most need just the front-matter), from bytes whose digest
must be the cached one; suppressions come from the cached calendar entry.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Record, diagnostic_to_json, file_digest, stamp
from ..core.diagnostics import Report
from ..core.safe_open import read_file
from .suppressions import suppressions_from_entry

if TYPE_CHECKING:
    from .linter import Linter

Rows = tuple[list[list[Any]], int]  # cached diagnostic rows and the internal-error count
AHEAD_DAYS = 7  # a weekend and a holiday's gap; each costs a few rule calls on a loaded post


def day_rules_of(linter: Linter) -> list[str]:
    """The post rules that read the day in the run just made (their contexts say so)."""
    from ..ruleset.rule import PostRule

    return [r.id for r in linter.enabled if issubclass(r, PostRule) and linter._contexts[r.id].read_today]


def can_rejudge(linter: Linter, record: Record, found: Rows) -> bool:
    """Whether ``record``'s rows can be brought to this run's day by re-running its day rules."""
    if not record.day_rules or found[1]:  # a crash is reported again in full, never patched
        return False
    enabled = {r.id for r in linter.enabled}
    return all(rule_id in enabled for rule_id in record.day_rules)


def rejudge(linter: Linter, path: Path, record: Record, found: Rows, day: str) -> tuple[list, int, list | None] | None:
    """``found`` with the day rules' rows judged again on ``day`` (``record`` updated) and the
    days judged ahead, or None when the file is no longer the one cached (then it is linted
    in full)."""
    try:
        data, info = read_file(path, root=linter.limits.root, limit=linter.limits.max_file_bytes)
    except OSError:
        return None
    if file_digest(data) != record.digest:
        return None
    post = linter.load(path, data)
    wanted = set(record.day_rules)
    rules = [r for r in linter.enabled if r.id in wanted]
    suppressions = suppressions_from_entry(record.entry)
    scratch = Report()
    rows = _with_day_rows(record, found, _judge(linter, post, rules, suppressions, scratch), day)
    stamp(record, info)
    ahead = judged_ahead(linter, post, rules, suppressions) if record.day_rules else None
    return rows, scratch.internal_errors, ahead


def swap_in(record: Record, found: Rows, ahead: list | None, day: str) -> Rows | None:
    """``found`` with the day rules' rows as judged ahead for ``day`` (``record`` updated), or
    None when ``day`` is not among the days judged ahead."""
    if not ahead:
        return None
    offset = (date.fromisoformat(day) - date.fromisoformat(ahead[0])).days
    if not 0 <= offset < len(ahead[1]):
        return None
    judged = next(entry for entry in reversed(ahead[1][:offset + 1]) if entry is not None)
    return _with_day_rows(record, found, judged, day), found[1]


def _with_day_rows(record: Record, found: Rows, judged, day: str) -> list:
    """``found``'s rows with the day rules' rows replaced by ``judged`` ([rules that read the
    day, their rows]); ``record`` now names those rules and the day they hold for."""
    wanted = set(record.day_rules)
    record.day_rules = list(judged[0])
    record.day = day if record.day_rules else ""
    return [row for row in found[0] if row[2] not in wanted] + judged[1]


def judged_ahead(linter: Linter, post, rules: list, suppressions: list) -> list | None:
    """[first day, one entry a day]: an entry is [rules that read the day, their rows], or
    None for "as the day before"; None when a rule crashed (never cached)."""
    from ..ruleset.rule import Context

    entries: list[Any] = []
    previous = None
    for offset in range(1, AHEAD_DAYS + 1):
        scratch = Report()
        contexts: list[Context] = [linter._contexts[r.id] for r in rules]
        for ctx in contexts:
            ctx.today = linter.today + timedelta(days=offset)
        try:
            judged = list(_judge(linter, post, rules, suppressions, scratch))
        finally:
            for ctx in contexts:
                ctx.today = linter.today
        if scratch.internal_errors:
            return None
        entries.append(None if judged == previous else judged)
        previous = judged
    first = (linter.today + timedelta(days=1)).date().isoformat()
    return [first, entries]


def _judge(linter: Linter, post, rules: list, suppressions: list, report: Report) -> tuple[list[str], list]:
    """(the rules that read the day, their rows after suppressions) on the contexts' day."""
    for rule in rules:
        linter._contexts[rule.id].read_today = False
    raw = [(rule, f) for rule in rules for f in linter._run(rule, post, report, post)]
    rows = [diagnostic_to_json(d) for d in [*report.diagnostics, *linter._keep(raw, post.display_path, suppressions, post)]]
    return [r.id for r in rules if linter._contexts[r.id].read_today], rows
