"""Pre-rendered report fragments in the lint cache: per output variant (format, colour,
display-path base, masker; the language and config are in the cache key already) one
append-only ``out-*.bin`` of fragments and one MACed ``out-*.json`` index of them.

An index entry is [validity, offset, length, digest, info, warning, error, fixable,
internal]: ``validity`` says what the fragment was rendered from (the file's bytes, its
cached rows, its calendar findings, its display path), ``digest`` is the fragment's own
SHA-256 hash, checked on every read. The bin file carries no signature of its own: a
fragment counts only when its bytes hash to the digest the signed index holds, so a
tampered, truncated or interleaved bin file costs a re-render, never a wrong report.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cache import LintCache

INDEX_FORMAT = 1
COMPACT_SLACK = 1 << 20  # rewrite the bin file when its dead bytes pass the live ones by this


def fragment_digest(data: bytes) -> str:
    """SHA-256 (hardware-accelerated on current CPUs: 150 MB of text in ~0.2 s, BLAKE2b ~0.5 s)."""
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass
class Stored:
    """One stored fragment and the counts the footer and the exit code need."""

    validity: str
    offset: int
    length: int
    digest: str
    counts: tuple[int, int, int]  # info, warning, error
    fixable: int
    internal: int

    def to_json(self) -> list[Any]:
        return [self.validity, self.offset, self.length, self.digest, *self.counts, self.fixable, self.internal]


def _stored(fields: Any) -> Stored | None:
    """An index entry, type-checked (the index is signed, but stay strict anyway)."""
    if not (isinstance(fields, list) and len(fields) == 9 and all(type(f) is str for f in (fields[0], fields[3]))
            and all(type(f) is int and f >= 0 for f in fields[1:3] + fields[4:])):
        return None
    validity, offset, length, digest, info, warning, error, fixable, internal = fields
    return Stored(validity, offset, length, digest, (info, warning, error), fixable, internal)


class FragmentStore:
    """The fragments of one output variant; reads verify, writes append."""

    def __init__(self, cache: LintCache, variant: str) -> None:
        self.cache = cache
        self.name = f"out-{hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()}"
        self.entries: dict[str, Stored] = {}
        self.bin = ""
        self.dirty = False
        self._reader: int | None = None
        self._appender: int | None = None
        data = cache._read(f"{self.name}.json") if cache.enabled else None
        if isinstance(data, dict) and data.get("format") == INDEX_FORMAT and isinstance(data.get("files"), dict) \
                and isinstance(data.get("bin"), str) and data["bin"].startswith(self.name) and "/" not in data["bin"]:
            self.bin = data["bin"]
            for path, fields in data["files"].items():
                stored = _stored(fields)
                if stored is not None:
                    self.entries[path] = stored

    def get(self, path: str, validity: str) -> Stored | None:
        stored = self.entries.get(path)
        return stored if stored is not None and stored.validity == validity else None

    def read(self, stored: Stored) -> bytes | None:
        """The fragment's bytes if they still hash to its digest."""
        if not stored.length:
            return b"" if stored.digest == fragment_digest(b"") else None
        try:
            if self._reader is None:
                self._reader = os.open(self.cache.dir / self.bin, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            data = os.pread(self._reader, stored.length, stored.offset)
        except OSError:
            return None
        return data if len(data) == stored.length and fragment_digest(data) == stored.digest else None

    def put(self, path: str, validity: str, data: bytes, counts: tuple[int, int, int], fixable: int,
            internal: int) -> None:
        """Keep a freshly rendered fragment (appended to the bin file, indexed at save)."""
        if not self.cache.enabled:
            return
        offset = 0
        if data:
            try:
                offset = self._append(data)
            except OSError:
                return
        self.entries[path] = Stored(validity, offset, len(data), fragment_digest(data), counts, fixable, internal)
        self.dirty = True

    def _append(self, data: bytes) -> int:
        if self._appender is None:
            self.cache._prepare_folder()
            if not self.bin:
                self.bin = f"{self.name}-{secrets.token_hex(4)}.bin"
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
            self._appender = os.open(self.cache.dir / self.bin, flags, 0o600)
        offset = os.lseek(self._appender, 0, os.SEEK_END)  # another run appending at once: the digest catches it
        os.write(self._appender, data)
        return offset

    def save(self) -> None:
        """Write the index (after compacting the bin file when it is mostly dead bytes)."""
        for fd in (self._reader, self._appender):
            if fd is not None:
                os.close(fd)
        self._reader = self._appender = None
        if not (self.cache.enabled and self.dirty):
            return
        try:
            self._compact_if_wasteful()
            files = {path: stored.to_json() for path, stored in self.entries.items()}
            self.cache._write(f"{self.name}.json", {"format": INDEX_FORMAT, "bin": self.bin, "files": files})
            self._remove_old_bins()
        except OSError:
            pass  # a read-only checkout reports fine without stored fragments

    def _compact_if_wasteful(self) -> None:
        live = sum(s.length for s in self.entries.values())
        try:
            size = os.lstat(self.cache.dir / self.bin).st_size
        except OSError:
            return
        if size - live <= live + COMPACT_SLACK:
            return
        old, self.bin = self.bin, f"{self.name}-{secrets.token_hex(4)}.bin"
        source = os.open(self.cache.dir / old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        target = os.open(self.cache.dir / self.bin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            offset = 0
            for stored in sorted(self.entries.values(), key=lambda s: s.offset):
                if stored.length:
                    os.write(target, os.pread(source, stored.length, stored.offset))
                    stored.offset, offset = offset, offset + stored.length
        finally:
            os.close(source)
            os.close(target)

    def _remove_old_bins(self) -> None:
        with os.scandir(self.cache.dir) as scan:
            stale = [e.path for e in scan if e.name.startswith(self.name + "-") and e.name != self.bin]
        for path in stale:
            try:
                os.unlink(path)
            except OSError:
                pass
