"""The first run of another day on a warm cache: only the post rules that read ``--today``
for a file run again, and only their rows of its cached findings are replaced.

A rule's result can change with the day only through what it read of the day, so a rule
that did not read it for this content (and this config, which the cache key covers) would
take the same path on any day. The post is loaded again (its body is parsed only if one
of those rules asks for it: most need just the front-matter), from bytes whose digest
must be the cached one; suppressions come from the cached calendar entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Record, diagnostic_to_json, file_digest, stamp
from .diagnostics import Report, Span
from .safe_open import read_file

if TYPE_CHECKING:
    from .engine import Linter

Rows = tuple[list[list[Any]], int]  # cached diagnostic rows and the internal-error count


def day_rules_of(linter: Linter) -> list[str]:
    """The post rules that read the day in the run just made (their contexts say so)."""
    from .rule import PostRule

    return [r.id for r in linter.enabled if issubclass(r, PostRule) and linter._contexts[r.id].read_today]


def can_rejudge(linter: Linter, record: Record, found: Rows) -> bool:
    """Whether ``record``'s rows can be brought to this run's day by re-running its day rules."""
    if not record.day_rules or found[1]:  # a crash is reported again in full, never patched
        return False
    enabled = {r.id for r in linter.enabled}
    return all(rule_id in enabled for rule_id in record.day_rules)


def rejudge(linter: Linter, path: Path, record: Record, found: Rows, day: str) -> Rows | None:
    """``found`` with the day rules' rows judged again on ``day`` (``record`` updated), or
    None when the file is no longer the one cached (then it is linted in full)."""
    from .engine import _Suppressed

    try:
        data, info = read_file(path, root=linter.limits.root, limit=linter.limits.max_file_bytes)
    except OSError:
        return None
    if file_digest(data) != record.digest:
        return None
    post = linter.load(path, data)
    wanted = set(record.day_rules)
    rules = [r for r in linter.enabled if r.id in wanted]
    suppressions = [_Suppressed(tuple(codes), Span(line, column), first, last)
                    for codes, first, last, line, column in (record.entry or {}).get("suppressions", [])]
    scratch = Report()
    for rule in rules:
        linter._contexts[rule.id].read_today = False
    raw = [(rule, f) for rule in rules for f in linter._run(rule, post, scratch, post)]
    fresh = [diagnostic_to_json(d) for d in [*scratch.diagnostics, *linter._keep(raw, post.display_path, suppressions, post)]]
    record.day_rules = [r.id for r in rules if linter._contexts[r.id].read_today]
    record.day = day if record.day_rules else ""
    stamp(record, info)
    return [row for row in found[0] if row[2] not in wanted] + fresh, scratch.internal_errors
