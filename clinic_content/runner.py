"""Linting many files fast: reuse cached results for unchanged files, compute the rest
in worker processes when there are enough of them, then run the calendar rules over
every post's (cached or fresh) calendar entry.

Post rules are independent per file, so they parallelise; calendar rules need the
whole calendar, so they run once in the parent over the small entries.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import entry_points, version
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import LintCache, Record, diagnostic_from_json, diagnostic_to_json, file_digest, hash_files, stamp
from .calendar_cache import calendar_findings, entries_key
from .clinic_packs import pack_paths
from .diagnostics import Diagnostic, Report
from .fileio import exists
from .entries import CalendarEntry, Suppressed, entry_of
from .files import content_files, display_path, post_path
from .packs import rules_dir
from .safe_open import read_file
from .switches import post_switches

if TYPE_CHECKING:
    from .engine import Linter

PARALLEL_MIN_FILES = 64  # below this, starting processes costs more than it saves
WARM_UP_FILES = 64  # linted before forking (at most 1 in 20 of the files)
_worker: Linter | None = None  # set in the parent before forking; workers inherit it


def cache_key(linter: Linter) -> str:
    """Everything besides a file's own bytes that its results depend on."""
    cfg = linter.config
    package = Path(__file__).parent
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
    from .engine import _Suppressed

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
        found = cache.diagnostics(path) if cache is not None and record is not None and path in targets else None
        if record is not None and record.entry is not None and (
                path not in targets or (record.linted and found and record.day in ("", day))):
            records[path] = record
            if found:
                diagnostics[path] = found
        else:
            todo.append(path)
    progress = linter.progress
    if progress is not None:
        progress.start(len(todo))
    for path, record, rows, internal in _compute(linter, todo, targets, jobs):
        if progress is not None:
            progress.advance()
        records[path] = record
        if rows is not None:
            diagnostics[path] = (rows, internal)
        if cache is not None:
            cache.store(path, record, rows, internal)
    if progress is not None:
        progress.finish()

    report = Report(files_checked=len(files), paths=[display_path(f) for f in files])
    suppressions: dict[str, list] = {}
    for path in every:
        if path in targets:
            record, shown = records[path], display_path(path)
            entry = CalendarEntry.from_json(record.entry) if record.entry else None
            rows, internal = diagnostics.get(path, ([], 0))
            report.diagnostics.extend(diagnostic_from_json(row, shown) for row in rows)
            report.internal_errors += internal
            suppressions[shown] = [_Suppressed(s.codes, s.span, s.first_line, s.last_line)
                                   for s in (entry.suppressions if entry else ())]
    if linter.calendar_rules and files:
        key = entries_key(every, records)
        found = calendar_findings(linter, cache, key, day, lambda: _entries(every, records), report)
        report.diagnostics.extend(linter.keep_calendar(found, suppressions))
    if registry_requested:
        report.diagnostics.extend(linter._registry_diagnostics(linter.consents))
    report.diagnostics.sort(key=Diagnostic.sort_key)
    report.switches = [*linter.switches, *post_switches(suppressions)]
    if cache is not None:
        cache.save()
    return report


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


def _compute_one(item: tuple[Path, bool], linter: Linter | None = None) -> tuple[Path, Record, list | None, int]:
    from .engine import _suppressions

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
        return path, record, None, 0
    scratch = Report()
    suppressions = _suppressions(post)
    contexts = linter._contexts.values()
    for ctx in contexts:
        ctx.read_today = False
    found = linter.post_diagnostics(post, suppressions, scratch)
    if any(ctx.read_today for ctx in contexts):  # a deadline or an expiry: valid for this day only
        record.day = run_day(linter)
    kept = tuple(Suppressed(s.codes, s.first_line, s.last_line, s.span) for s in suppressions)
    record.entry = entry_of(post, kept).to_json()
    record.media = _media_dependencies(post, linter)
    record.linted = True
    return path, record, [diagnostic_to_json(d) for d in [*scratch.diagnostics, *found]], scratch.internal_errors


def _media_dependencies(post, linter: Linter) -> list[list]:
    """Local media files whose existence FM017 judged: a later run re-checks them."""
    out = []
    for item in post.meta.media if post.usable else []:
        if "://" not in item.file:
            for candidate in (post.path.parent / item.file, linter.config.root / item.file):
                out.append([os.fspath(candidate), exists(candidate)])
    return out
