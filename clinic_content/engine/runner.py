"""Linting many files fast: reuse cached results for unchanged files, compute the rest
in worker processes when there are enough of them, then run the calendar rules over
every post's (cached or fresh) calendar entry.

Post rules are independent per file, so they parallelise; calendar rules need the
whole calendar, so they run once in the parent over the small entries.
"""

from __future__ import annotations

import hashlib
import os
from functools import partial
from importlib.metadata import entry_points, version
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import LintCache, Record, diagnostic_from_json, diagnostic_to_json, file_digest, hash_files, stamp
from .calendar_cache import calendar_findings, entries_key
from .day_bound import can_rejudge, day_rules_of, judged_ahead, rejudge, swap_in
from ..ruleset.clinic_packs import pack_paths
from ..core.diagnostics import Diagnostic, Report
from ..core.fileio import exists
from ..calendar.entries import CalendarEntry, Suppressed, entry_of
from ..source.files import content_files, display_path, post_path
from ..core.packs import rules_dir
from ..core.safe_open import read_file
from .streamed import Piece, StreamPlan, attach_extra
from .suppressions import suppressions_from_entry, suppressions_of
from ..ruleset.switches import post_switches

if TYPE_CHECKING:
    from .linter import Linter

PARALLEL_MIN_FILES = 64  # below this, starting processes costs more than it saves
WARM_UP_FILES = 64  # linted before forking (at most 1 in 20 of the files)
_worker: Linter | None = None  # set in the parent before forking; workers inherit it


def cache_key(linter: Linter) -> str:
    """Everything besides a file's own bytes that its results depend on."""
    cfg = linter.config
    package = Path(__file__).parents[1]
    parts = [
        f"clinic-content {version('clinic-content')}",
        hash_files(package.rglob("*.py")),  # the code itself: a development install changes without a version bump
        hash_files(p for p in rules_dir().rglob("*") if p.is_file()),
        hash_files([cfg.source_file, *cfg.extended_files], root=cfg.root) if cfg.source_file else "no-config",
        hash_files(pack_paths(cfg), root=cfg.root),  # the clinic's own phrase packs
        hash_files([cfg.root / cfg.consents_file], root=cfg.root),
        hash_files([cfg.root / cfg.vocabulary.glossary], root=cfg.root) if cfg.vocabulary.glossary else "no-glossary",
        repr(sorted(r.id for r in linter.enabled)),
        repr((linter.selection, linter.lang)),  # not the day: a record says when its results depend on it
        repr(sorted(f"{ep.name}={ep.value}" for ep in entry_points(group="clinic_content.rules"))),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def lint_files(linter: Linter, files: list[Path], *, registry_requested: bool, use_cache: bool = True,
               jobs: int | None = None) -> Report:
    root = linter.config.root
    cache = LintCache(root, cache_key(linter), linter.lang or "en") if use_cache else None
    targets = {post_path(f, root) for f in files}
    calendar = [post_path(f, root) for f in content_files(linter.config)] if linter.calendar_rules else []
    every = list(dict.fromkeys([*(post_path(f, root) for f in files), *calendar]))
    day = run_day(linter)
    records: dict[Path, Record] = {}
    diagnostics: dict[Path, tuple[list, int]] = {}
    todo: list[Path] = []
    for path in every:
        record = _cached(cache, path)
        found = cache.has_rows(path) if cache is not None and record is not None and path in targets else False
        if record is not None and record.entry is not None and (
                path not in targets or (record.linted and found and record.day in ("", day))):
            records[path] = record  # its rows are read when they are reported (_rows), or never (streamed)
        elif record is not None and record.entry is not None and record.linted and found and (
                rejudged := _rejudged(linter, cache, path, record, day)) is not None:
            records[path], diagnostics[path] = record, rejudged[:2]
        else:
            todo.append(path)
    progress = linter.progress
    if progress is not None:
        progress.start(len(todo))
    for path, record, rows, internal, ahead in _compute(linter, todo, targets, jobs):
        if progress is not None:
            progress.advance()
        records[path] = record
        if rows is not None:
            diagnostics[path] = (rows, internal)
        if cache is not None:
            cache.store(path, record, rows, internal, ahead)
    if progress is not None:
        progress.finish()

    report = Report(files_checked=len(files), paths=[display_path(f) for f in files])
    plan = StreamPlan.open(linter.stream, cache, linter.masker) if linter.stream is not None else None
    suppressions: dict[str, list] = {}
    for path in every:
        if path in targets:
            record, shown = records[path], display_path(path)
            entry = record.entry
            suppressions[shown] = suppressions_from_entry(entry)
            rows = partial(_rows, linter, cache, records, diagnostics, path)
            if plan is not None:
                source = f"{record.digest}:{record.rows}" if record.rows and record.digest else ""
                plan.pieces.append(Piece(shown, os.fspath(path), source, rows))
                continue
            found, internal = rows()
            report.diagnostics.extend(diagnostic_from_json(row, shown) for row in found)
            report.internal_errors += internal
    extra: list[Diagnostic] = []
    if linter.calendar_rules and files:
        ordered = list(dict.fromkeys([*calendar, *every]))  # as a full lint has them, whichever files are named
        key = entries_key(ordered, records)
        found = calendar_findings(linter, cache, key, day, lambda: _entries(ordered, records), report, set(suppressions))
        extra.extend(linter.keep_calendar(found, suppressions))
    if registry_requested:
        extra.extend(linter._registry_diagnostics(linter.consents))
    report.switches = [*linter.switches, *post_switches(suppressions)]
    if plan is not None:
        plan.materialise = lambda rows, shown: [diagnostic_from_json(row, shown) for row in rows]
        attach_extra(plan, extra)
        report.streamed = plan
    else:
        report.diagnostics.extend(extra)
        report.diagnostics.sort(key=Diagnostic.sort_key)
    if cache is not None:
        cache.save()
    return report


def _rejudged(linter: Linter, cache: LintCache | None, path: Path, record: Record, day: str):
    """Another day: the file's cached rows with only the rules that read the day judged again
    (``day_bound``), stored; None when the whole post has to be linted again."""
    stored = cache.diagnostics(path) if cache is not None else None
    if cache is None or stored is None or not can_rejudge(linter, record, stored):
        return None
    ahead = cache.ahead(path)
    swapped = swap_in(record, stored, ahead, day)
    rejudged = (*swapped, ahead) if swapped else rejudge(linter, path, record, stored, day)
    if rejudged is not None:
        cache.store(path, record, *rejudged)
    return rejudged


def _rows(linter: Linter, cache: LintCache | None, records: dict[Path, Record], fresh: dict[Path, tuple[list, int]],
          path: Path) -> tuple[list, int]:
    """A target's diagnostic rows: just computed, or from the cache's shard (computed again
    when the shard lost them: damaged, or written by another run since)."""
    if path in fresh:
        return fresh[path]
    found = cache.diagnostics(path) if cache is not None else None
    if found is None:
        _, record, rows, internal, ahead = _compute_one((path, True), linter)
        records[path] = record
        found = rows or [], internal
        if cache is not None:
            cache.store(path, record, rows, internal, ahead)
            cache.save()
    return found


def _entries(paths: list[Path], records: dict[Path, Record]) -> list[CalendarEntry]:
    """Every file's calendar entry, built only when a calendar rule has to run."""
    entries = []
    for path in paths:
        if records[path].entry:
            entry = CalendarEntry.from_json(records[path].entry)
            entry.display_path = display_path(path)
            entries.append(entry)
    return entries


def run_day(linter: Linter) -> str:
    """The day day-bound results are judged on (the cache's granularity, as before: a day)."""
    return linter.today.date().isoformat() if linter.today else ""


def cached_entry(linter: Linter, path: Path) -> CalendarEntry | None:
    """The calendar entry of an unchanged file from the lint cache (read only), for runs that
    lint posts held in memory (standard input, ``--fix``) against a large calendar."""
    cache = linter.__dict__.get("_entry_cache")
    if cache is None:
        cache = linter.__dict__["_entry_cache"] = LintCache(linter.config.root, cache_key(linter))
    record = _cached(cache, path)
    if record is None or record.entry is None:
        return None
    entry = CalendarEntry.from_json(record.entry)
    entry.display_path = display_path(path)
    return entry


def _cached(cache: LintCache | None, path: Path) -> Record | None:
    if cache is None:
        return None
    try:
        return cache.lookup(path, path.stat())
    except OSError:
        return None


def _compute(linter: Linter, todo: list[Path], targets: set[Path], jobs: int | None):
    """(path, record) for each file, in worker processes when there are many targets."""
    global _worker
    work = [(path, path in targets) for path in todo]
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers > 1 and sum(is_target for _, is_target in work) >= PARALLEL_MIN_FILES and hasattr(os, "fork"):
        import gc
        import multiprocessing

        warm_up = work[: min(WARM_UP_FILES, len(work) // 20)]
        for item in warm_up:  # in the parent: workers inherit its word-form caches, compiled phrases and patterns
            yield _compute_one(item, linter)
        work = work[len(warm_up) :]
        frozen_before = gc.get_freeze_count() > 0  # the CLI freezes its imports for the whole run
        gc.freeze()  # the warmed caches stay shared with the workers instead of being copied by the collector
        _worker = linter
        chunk = max(8, len(work) // (workers * 8))
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield from pool.imap_unordered(_compute_one, work, chunksize=chunk)
        finally:
            if not frozen_before:  # an API caller's objects go back to the collector
                gc.unfreeze()
            _worker = None
        return
    for item in work:
        yield _compute_one(item, linter)


def _compute_one(item: tuple[Path, bool], linter: Linter | None = None) -> tuple[Path, Record, list | None, int, list | None]:
    linter = linter or _worker
    assert linter is not None
    path, is_target = item
    record = Record(0, -1, "")  # size -1: never served from the cache
    try:  # read once: the digest is of exactly the bytes the results come from
        data, info = read_file(path, root=linter.limits.root, limit=linter.limits.max_file_bytes)
        stamp(record, info)
        record.digest = file_digest(data)
    except OSError:  # refused or unreadable: load() reports why, without reading it
        data = None
    post = linter.load(path, data)
    if not is_target:
        record.entry = entry_of(post).to_json()
        return path, record, None, 0, None
    scratch = Report()
    suppressions = suppressions_of(post)
    contexts = linter._contexts.values()
    for ctx in contexts:
        ctx.read_today = False
    found = linter.post_diagnostics(post, suppressions, scratch)
    record.day_rules = day_rules_of(linter)  # a deadline or an expiry: these rules' rows hold for this day only
    ahead = None
    if record.day_rules:
        record.day = run_day(linter)
        day_rules = [r for r in linter.enabled if r.id in record.day_rules]
        ahead = judged_ahead(linter, post, day_rules, suppressions) if not scratch.internal_errors else None
    kept = tuple(Suppressed(s.codes, s.first_line, s.last_line, s.span) for s in suppressions)
    record.entry = entry_of(post, kept).to_json()
    record.media = _media_dependencies(post, linter)
    record.linted = True
    return path, record, [diagnostic_to_json(d) for d in [*scratch.diagnostics, *found]], scratch.internal_errors, ahead


def _media_dependencies(post, linter: Linter) -> list[list]:
    """Local media files whose existence FM017 judged: a later run re-checks them."""
    out = []
    for item in post.meta.media if post.usable else []:
        if "://" not in item.file:
            for candidate in (post.path.parent / item.file, linter.config.root / item.file):
                out.append([os.fspath(candidate), exists(candidate)])
    return out
