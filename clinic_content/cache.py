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
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .diagnostics import Diagnostic, Severity
from .fileio import atomic_write, exists

CACHE_DIR = ".clinic-content-cache"
FORMAT = 3


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
    linted: bool = False  # post rules ran on it: its diagnostics are in a shard
    media: list[list[Any]] | None = None  # [[candidate path, existed], …] for media-not-found


SHARDS = 64


def _shard(path: str) -> int:
    return int(hashlib.blake2b(path.encode(), digest_size=2).hexdigest(), 16) % SHARDS


class LintCache:
    """Per cache key, a folder under ``<root>/.clinic-content-cache/``: ``index.json`` with
    every file's stamp and calendar entry (what a one-file pre-commit run needs), and the
    diagnostics in 64 shards loaded only for the files being linted."""

    def __init__(self, root: Path, key: str) -> None:
        self.folder = Path(root) / CACHE_DIR
        self.dir = self.folder / f"lint-{key[:20]}"
        self.records: dict[str, Record] = {}
        self.dirty = False
        self._shards: dict[int, dict[str, Any]] = {}
        self._dirty_shards: set[int] = set()
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads((self.dir / "index.json").read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return
            self.records = {path: Record(**fields) for path, fields in data["files"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.records = {}  # a missing or damaged cache is an empty one

    def diagnostics(self, path: Path) -> tuple[list[list[Any]], int] | None:
        """The cached post-rule diagnostics of a file and its internal-error count."""
        shard = self._shard(_shard(os.fspath(path)))
        found = shard.get(os.fspath(path))
        if not isinstance(found, list) or len(found) != 2:
            return None
        return found[0], found[1]

    def _shard(self, number: int) -> dict[str, Any]:
        if number not in self._shards:
            try:
                data = json.loads((self.dir / f"diagnostics-{number:02d}.json").read_text(encoding="utf-8"))
                self._shards[number] = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._shards[number] = {}
        return self._shards[number]

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

    def store(self, path: Path, record: Record, diagnostics: list[list[Any]] | None, internal: int = 0) -> None:
        key = os.fspath(path)
        self.records[key] = record
        self.dirty = True
        if diagnostics is not None:
            number = _shard(key)
            self._shard(number)[key] = [diagnostics, internal]
            self._dirty_shards.add(number)

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("# created by clinic-content\n*\n", encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
            for old in self.folder.glob("lint-*"):
                if old != self.dir:
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()  # one key at a time
            for number in sorted(self._dirty_shards):
                shard = json.dumps(self._shards[number], ensure_ascii=False).encode()
                atomic_write(self.dir / f"diagnostics-{number:02d}.json", shard)
            files = {path: vars(record) for path, record in self.records.items()}
            atomic_write(self.dir / "index.json", json.dumps({"format": FORMAT, "files": files}, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only checkout lints fine without a cache


def _media_unchanged(record: Record) -> bool:
    return all(exists(path) == existed for path, existed in record.media or [])
