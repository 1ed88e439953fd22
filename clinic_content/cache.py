"""The lint cache (``.clinic-content-cache/``, like ruff's): per file, the post-rule
diagnostics and the calendar entry, reused while the file is unchanged.

The cache key covers everything else a result depends on — the tool version, the
rule packs, the config file, the consent registry, the enabled rules, the message
language and the day ("today" decides deadlines) — so any change starts a fresh
cache. A file counts as unchanged when its size and mtime match, or else when its
content hash matches. The cache is JSON, never pickle: a content repo is written by
outsiders and a cache file committed by mistake must not be able to run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic, Severity
from .fileio import atomic_write

CACHE_DIR = ".clinic-content-cache"
FORMAT = 2


def diagnostic_to_json(d: Diagnostic) -> list[Any]:
    """A compact row; the path is left out (it depends on the working directory)."""
    return [d.line, d.column, d.code, d.end_line, d.end_column, d.severity.value, d.name, d.message,
            d.related or 0, int(d.sensitive)]


def diagnostic_from_json(row: list[Any], path: str) -> Diagnostic:
    line, column, code, end_line, end_column, severity, name, message, related, sensitive = row
    return Diagnostic(path, line, column, code, end_line, end_column, _SEVERITY[severity], name, message,
                      tuple(related) if related else (), bool(sensitive))


_SEVERITY = {s.value: s for s in Severity}


def hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Record:
    """What the cache keeps for one file."""

    mtime_ns: int
    size: int
    digest: str
    entry: dict[str, Any] | None = None  # CalendarEntry.to_json()
    diagnostics: list[list[Any]] | None = None  # post-rule diagnostics (None: never linted as a target)
    internal_errors: int = 0
    media: list[list[Any]] | None = None  # [[candidate path, existed], …] for media-not-found


class LintCache:
    """One JSON file per cache key under ``<root>/.clinic-content-cache/``."""

    def __init__(self, root: Path, key: str) -> None:
        self.folder = Path(root) / CACHE_DIR
        self.file = self.folder / f"lint-{key[:20]}.json"
        self.records: dict[str, Record] = {}
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return
            self.records = {path: Record(**fields) for path, fields in data["files"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.records = {}  # a missing or damaged cache is an empty one

    def lookup(self, path: Path, stat: os.stat_result) -> Record | None:
        record = self.records.get(os.fspath(path))
        if record is None:
            return None
        if record.size == stat.st_size and record.mtime_ns == stat.st_mtime_ns:
            return record if _media_unchanged(record) else None
        try:
            digest = file_digest(path.read_bytes())
        except OSError:
            return None
        if digest == record.digest and _media_unchanged(record):
            record.mtime_ns = stat.st_mtime_ns  # touched, not changed
            self.dirty = True
            return record
        return None

    def store(self, path: Path, record: Record) -> None:
        self.records[os.fspath(path)] = record
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            (self.folder / ".gitignore").write_text("# created by clinic-content\n*\n", encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
            for old in self.folder.glob("lint-*.json"):
                if old != self.file:
                    old.unlink()  # a cache for another key is stale: keep one
            files = {path: vars(record) for path, record in self.records.items()}
            atomic_write(self.file, json.dumps({"format": FORMAT, "files": files}, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only checkout lints fine without a cache


def _media_unchanged(record: Record) -> bool:
    return all(Path(path).exists() == existed for path, existed in record.media or [])
