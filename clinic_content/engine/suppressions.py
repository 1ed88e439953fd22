"""Which findings a post's suppressions silence, and which suppressions went unused (FM019).

Low in the engine stage: the linter, the parallel runner, next-day re-runs and the language
server all filter findings the same way, and none of them needs the others to do it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from ..core.diagnostics import Finding, Span
from ..source.post import Post
from ..ruleset.selection import code_matches


@dataclass
class ActiveSuppression:
    """A suppression in one post and whether it silenced anything."""

    codes: tuple[str, ...]
    span: Span
    first_line: int
    last_line: int
    used: bool = False


def suppressions_of(post: Post) -> list[ActiveSuppression]:
    """The front-matter's ``lint.ignore`` (the whole file) and the body's comments (their lines)."""
    out = [
        ActiveSuppression((code.upper(),), post.key_span("lint", "ignore"), 1, 10**9)
        for code in post.meta.lint.ignore
    ]
    if post.usable:
        out.extend(
            ActiveSuppression(s.codes, Span(s.line, s.column), s.first_line, s.last_line) for s in post.body.suppressions
        )
    return out


def suppressions_from_entry(entry: dict | None) -> list[ActiveSuppression]:
    """The suppressions a cached calendar entry kept (``[codes, first, last, line, column]`` rows)."""
    return [ActiveSuppression(tuple(codes), Span(line, column), first, last)
            for codes, first, last, line, column in (entry or {}).get("suppressions", ())]


def covers(s: ActiveSuppression, code: str, line: int) -> bool:
    if code == "FM021":  # a blanket suppression must not hide the finding about itself
        return s.first_line <= line <= s.last_line and any(c != "ALL" and "FM021".startswith(c) for c in s.codes)
    return s.first_line <= line <= s.last_line and (not s.codes or code_matches(code, s.codes))


def unused_findings(items: Iterable[ActiveSuppression], enabled_ids: list[str],
                    known_ids: list[str]) -> Iterator[Finding]:
    """FM019's findings on one post: codes no rule has, and suppressions that silenced nothing
    although every rule they name ran."""
    for s in items:
        # a code no rule has («ADV0O1») can never be used; one whose rule is not running
        # could not have been used this time: not "unused"
        unknown = [c for c in s.codes if c != "ALL" and not any(code_matches(i, [c]) for i in known_ids)]
        judgeable = all(any(code_matches(i, [c]) for i in enabled_ids) for c in s.codes)
        if unknown:
            yield Finding(s.span, "unknown", {"codes": ", ".join(unknown)})
        elif not s.used and judgeable:
            yield Finding(s.span, args={"codes": ", ".join(s.codes) or "ALL"})
