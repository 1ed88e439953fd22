"""The CLI's warm path: a report written file by file from pre-rendered fragments.

The runner hands over one :class:`Piece` per reported file instead of diagnostics; the
writer copies each stored fragment that is still valid (see :mod:`fragment_store`) and
renders the others from their rows — the only place a ``Diagnostic`` is built — then
writes the footer from the counts. Nothing that grows with the number of findings is
held at once, and an unchanged file's post is never read again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO, Callable

from ..core.diagnostics import Diagnostic, Report, Severity
from ..core.fast_json import dumps_compact
from .cache import diagnostic_to_json
from ..report.excerpts import forget_lines
from ..report.fragments import STREAMED_FORMATS, Totals, json_frame, render_fragment, text_footer

if TYPE_CHECKING:
    from .cache import LintCache
    from .fragment_store import FragmentStore

__all__ = ["STREAMED_FORMATS", "Piece", "StreamPlan", "StreamSpec", "write_streamed", "failing"]

Rows = tuple[list[list[Any]], int]  # a file's cached diagnostic rows and its internal-error count


@dataclass(frozen=True)
class StreamSpec:
    """What besides the diagnostics changes a fragment's bytes."""

    fmt: str
    lang: str
    color: bool


@dataclass
class Piece:
    """One reported file: where its rows come from, plus its calendar/registry findings."""

    shown: str  # display path: the report's order and the fragment's key
    key: str  # the file's path as the cache knows it
    source: str  # the file's digest and rows digest ("" when not cached: always rendered)
    rows: Callable[[], Rows] | None  # None: only `extra` findings (a path that is no post)
    extra: list[Diagnostic] = field(default_factory=list)


@dataclass
class StreamPlan:
    spec: StreamSpec
    pieces: list[Piece]
    store: FragmentStore | None
    masker: Any
    totals: Totals = field(default_factory=Totals)
    materialise: Callable[[list, str], list[Diagnostic]] | None = None  # rows -> diagnostics

    @classmethod
    def open(cls, spec: StreamSpec, cache: LintCache | None, masker: Any) -> StreamPlan:
        from .fragment_store import FragmentStore

        variant = "\0".join([spec.fmt, spec.lang, str(spec.color), os.getcwd(), repr(masker)])
        store = FragmentStore(cache, variant) if cache is not None and cache.enabled else None
        return cls(spec, [], store, masker)


def validity(piece: Piece) -> str:
    """What the fragment is rendered from; "" when it cannot be known without rendering."""
    if not piece.source:
        return ""
    extra = [[d.path, *diagnostic_to_json(d)] for d in piece.extra]
    return hashlib.blake2b(b"\0".join([piece.shown.encode(), piece.source.encode(), dumps_compact(extra)]),
                           digest_size=16).hexdigest()


def write_streamed(report: Report, out: BinaryIO) -> None:
    """Write the report of ``report.streamed`` to ``out``; sets the report's totals."""
    plan: StreamPlan = report.streamed
    spec, totals = plan.spec, plan.totals
    totals.files_checked, totals.switches = report.files_checked, report.switches
    totals.internal_errors = report.internal_errors
    forget_lines()  # file lines an earlier run in this process cached
    first = True
    if spec.fmt == "json":
        head, _ = json_frame(totals)  # the head holds no counts
        out.write(head.encode())
    for piece in sorted(plan.pieces, key=lambda p: p.shown):
        data, counts, fixable, internal = _fragment(plan, piece)
        totals.internal_errors += internal
        totals.fixable += fixable
        for severity, n in zip(("info", "warning", "error"), counts):
            totals.counts[severity] += n
        if data:
            if spec.fmt == "json":
                out.write(b"\n" if first else b",\n")
            out.write(data)
            first = False
    if spec.fmt == "json":
        _, tail = json_frame(totals)
        out.write((tail if first else "\n  " + tail).encode())
    elif spec.fmt == "text":
        out.write(text_footer(totals, spec.lang).encode())
    if plan.store is not None:
        plan.store.save()
    report.internal_errors = totals.internal_errors


def _fragment(plan: StreamPlan, piece: Piece) -> tuple[bytes, tuple[int, int, int], int, int]:
    """The piece's bytes and counts: stored if still valid, else rendered (and stored)."""
    valid = validity(piece)
    store = plan.store
    if valid and store is not None:
        stored = store.get(piece.key, valid)
        if stored is not None:
            data = store.read(stored)
            if data is not None:
                return data, stored.counts, stored.fixable, stored.internal
    rows, internal = piece.rows() if piece.rows is not None else ([], 0)
    assert plan.materialise is not None
    diagnostics = sorted([*plan.materialise(rows, piece.shown), *piece.extra], key=Diagnostic.sort_key)
    text = render_fragment(plan.spec.fmt, diagnostics, plan.spec.lang, plan.spec.color, plan.masker)
    data = text.encode("utf-8", errors="surrogateescape")
    found = Totals()
    found.add(diagnostics)
    counts = (found.counts["info"], found.counts["warning"], found.counts["error"])
    if valid and store is not None:
        store.put(piece.key, valid, data, counts, found.fixable, internal)
    return data, counts, found.fixable, internal


def failing(report: Report, rank: int) -> bool:
    """Any finding at or above the severity rank (the exit code), from the counts."""
    counts = report.streamed.totals.counts
    return any(counts[s.value] for s in Severity if s.rank >= rank)


def attach_extra(plan: StreamPlan, extra: list[Diagnostic]) -> None:
    """Give each calendar or registry finding to its file's piece (a new piece for a path
    that is no linted post, such as the consent registry)."""
    by_path = {piece.shown: piece for piece in plan.pieces}
    for d in extra:
        piece = by_path.get(d.path)
        if piece is None:
            piece = by_path[d.path] = Piece(d.path, d.path, "", None)
            plan.pieces.append(piece)
        piece.extra.append(d)
