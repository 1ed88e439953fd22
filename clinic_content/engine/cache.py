"""The lint cache (``.clinic-content-cache/``, like ruff's): per file, the post-rule
diagnostics and the calendar entry, reused while the file is unchanged.

The cache key covers everything else a result depends on — the tool version, the
rule packs, the config file, the consent registry, the enabled rules, the message
language — so any change starts a fresh cache. The day is not in it: a record whose
rules read ``--today`` keeps that day and is judged again on another one. A file counts as unchanged when its content hash matches; size, mtime, ctime
and inode matching is only a shortcut, trusted when the file had not changed for a
while before it was read (so a same-size edit with the mtime put back is caught).

A pull request can commit this folder, and CI may restore it from a store PR jobs
write to: a cache must never decide results. So every file is authenticated with an
HMAC whose key lives outside the repository (``cache_secret``), a folder that is a
symlink or tracked by git is ignored (and never written through), and what loads
is type-checked record by record (see docs/security.md). The cache is JSON, never
pickle.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import shutil
import stat as stat_module
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .cache_secret import cache_secret
from .cache_schema import valid_ahead, valid_calendar_rows, valid_record, valid_rows
from ..core.diagnostics import Diagnostic, Severity
from ..core.fast_json import dumps_compact, loads
from ..core.fileio import atomic_write, exists
from ..core.safe_open import read_bytes, read_file

CACHE_DIR = ".clinic-content-cache"
FORMAT = 7  # 5: rows carry "fixable", records the day their results depend on; 6: the rows' digest; 7: the rules that read the day
RACY_NS = 2_000_000_000  # a file changed this shortly before it was read may change again unseen
MAX_CACHE_FILE = 1 << 29
log = logging.getLogger("clinic_content.engine.cache")


def diagnostic_to_json(d: Diagnostic) -> list[Any]:
    """A compact row; the path is left out (it depends on the working directory)."""
    return [d.line, d.column, d.code, d.end_line, d.end_column, d.severity.value, d.name, d.message,
            d.related or 0, int(d.sensitive), int(d.fixable)]


def diagnostic_from_json(row: list[Any], path: str) -> Diagnostic:
    line, column, code, end_line, end_column, severity, name, message, related, sensitive, *rest = row
    return Diagnostic(path, line, column, code, end_line, end_column, _SEVERITY[severity], name, message,
                      tuple(related) if related else (), bool(sensitive), bool(rest and rest[0]))


_SEVERITY = {s.value: s for s in Severity}


def hash_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """One digest of the files' names and bytes; with ``root``, a file leading out of it
    counts as missing (it is never opened, not even to hash it)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        try:
            digest.update(read_bytes(path, root=root, strict=root is not None, limit=MAX_CACHE_FILE))
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def rows_digest(stored: list[Any]) -> str:
    """The identity of a file's stored [rows, internal errors]."""
    return file_digest(dumps_compact(stored))


@dataclass
class Record:
    """What the cache keeps for one file."""

    mtime_ns: int
    size: int
    digest: str
    entry: dict[str, Any] | None = None  # CalendarEntry.to_json()
    linted: bool = False  # post rules ran on it: its diagnostics are in a shard
    media: list[list[Any]] | None = None  # [[candidate path, existed], …] for media-not-found
    ctime_ns: int = 0
    ino: int = 0
    checked_ns: int = 0  # when the file was read: the mtime shortcut holds only for older changes
    day: str = ""  # the --today its diagnostics were judged on, when a rule read it ("": any day)
    rows: str = ""  # digest of its diagnostics in the shard: what a stored report fragment was rendered from
    day_rules: list[str] = field(default_factory=list)  # the post rules that read it: on another day only they run


SHARDS = 64


def _shard(path: str) -> int:
    return int(hashlib.blake2b(path.encode(), digest_size=2).hexdigest(), 16) % SHARDS


_MESSAGES = {
    "symlink": ("кэш {folder} не используется и не записывается: это символическая ссылка",
                "ignoring {folder}: it is a symlink (never read or written through)"),
    "tracked": ("кэш {folder} не используется: он добавлен в git (кэш из пулл-реквеста не решает результат); "
                "удалите его из репозитория: git rm -r --cached {folder}",
                "ignoring {folder}: it is tracked by git (a cache a pull request can write never decides "
                "results); remove it from the repository: git rm -r --cached {folder}"),
    "not_folder": ("кэш {folder} не используется: это не папка", "ignoring {folder}: it is not a folder"),
    "no_secret": ("кэш выключен: нет ключа вне репозитория ({reason})",
                  "cache off: no key outside the repository ({reason})"),
    "forged": ("{file}: подпись не совпадает, файл кэша отброшен", "{file}: bad signature, cache file discarded"),
    "invalid": ("{file}: записей с неверной структурой отброшено: {count}",
                "{file}: discarded {count} records of the wrong shape"),
}


def _say(level: int, key: str, lang: str, **args: Any) -> None:
    ru, en = _MESSAGES[key]
    log.log(level, "clinic-content: %s", (ru if lang == "ru" else en).format(**args))


class LintCache:
    """Per cache key, a folder under ``<root>/.clinic-content-cache/``: ``index.json`` with
    every file's stamp and calendar entry (what a one-file pre-commit run needs), and the
    diagnostics in 64 shards loaded only for the files being linted."""

    def __init__(self, root: Path, key: str, lang: str = "en") -> None:
        self.root = Path(root)
        self.folder = self.root / CACHE_DIR
        self.dir = self.folder / f"lint-{key[:20]}"
        self.lang = lang
        self.records: dict[str, Record] = {}
        self.dirty = False
        self._shards: dict[int, dict[str, Any]] = {}
        self._dirty_shards: set[int] = set()
        self._calendar: dict[str, Any] | None = None  # {"key": entries hash, "rules": {id: [day, rows]}} to write
        self.secret = self._secret() if self._folder_usable() else None
        self.enabled = self.secret is not None
        if self.enabled:
            self._load()

    # -- trust ---------------------------------------------------------------

    def _folder_usable(self) -> bool:
        """The folder is ours to use: absent, or a real folder git does not track."""
        try:
            mode = os.lstat(self.folder).st_mode
        except FileNotFoundError:
            return True
        except OSError:
            return False
        shown = f"{CACHE_DIR}/"
        if stat_module.S_ISLNK(mode):
            _say(logging.WARNING, "symlink", self.lang, folder=shown)
            return False
        if not stat_module.S_ISDIR(mode):
            _say(logging.WARNING, "not_folder", self.lang, folder=shown)
            return False
        if _tracked_by_git(self.root, CACHE_DIR):
            _say(logging.WARNING, "tracked", self.lang, folder=shown)
            return False
        return True

    def _secret(self) -> bytes | None:
        secret, reason = cache_secret()
        if secret is None:
            _say(logging.INFO, "no_secret", self.lang, reason=reason)
        return secret

    def _mac(self, name: str, payload: bytes) -> str:
        assert self.secret is not None
        message = b"\0".join([str(FORMAT).encode(), os.fsencode(os.path.realpath(self.root)),
                              self.dir.name.encode(), name.encode(), payload])
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def _read(self, name: str) -> Any:
        """A cache file's JSON if its signature is ours, else None (missing, forged, damaged)."""
        try:
            raw = read_bytes(self.dir / name, follow=False, limit=MAX_CACHE_FILE)
        except OSError:
            return None
        mac, _, payload = raw.partition(b"\n")
        if not hmac.compare_digest(mac, self._mac(name, payload).encode()):
            _say(logging.INFO, "forged", self.lang, file=f"{CACHE_DIR}/{self.dir.name}/{name}")
            return None
        try:
            return loads(payload)
        except ValueError:
            return None

    def _write(self, name: str, data: Any) -> None:
        payload = dumps_compact(data)
        atomic_write(self.dir / name, self._mac(name, payload).encode() + b"\n" + payload)

    # -- reading ---------------------------------------------------------------

    def _load(self) -> None:
        data = self._read("index.json")
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
            return  # a missing or damaged index is an empty one
        bad = 0
        for path, fields in data["files"].items():
            record = valid_record(fields)
            if record is None:
                bad += 1
            else:
                self.records[path] = Record(**record)
        if bad:
            _say(logging.INFO, "invalid", self.lang, file=f"{CACHE_DIR}/{self.dir.name}/index.json", count=bad)

    def has_rows(self, path: Path) -> bool:
        """Whether the file's diagnostics were stored (read later, only if they are reported)."""
        record = self.records.get(os.fspath(path))
        return record is not None and bool(record.rows)

    def diagnostics(self, path: Path) -> tuple[list[list[Any]], int] | None:
        """The cached post-rule diagnostics of a file and its internal-error count."""
        found = self._stored(path)
        return (found[0], found[1]) if found is not None else None

    def ahead(self, path: Path) -> list | None:
        """The file's day rules judged on the next days (``day_bound``), if cached and well-formed."""
        found = self._stored(path)
        ahead = found[2] if found is not None and len(found) == 3 else None
        return ahead if valid_ahead(ahead, _SEVERITY) else None

    def _stored(self, path: Path) -> list[Any] | None:
        """The shard's ``[rows, internal(, ahead)]`` if it is the one the record names (index and
        shard are written one after the other)."""
        key = os.fspath(path)
        found, record = self._shard(_shard(key)).get(key), self.records.get(key)
        well_formed = isinstance(found, list) and len(found) in (2, 3) and valid_rows(found[0], _SEVERITY) \
            and type(found[1]) is int
        return found if well_formed and record is not None and record.rows == rows_digest(found) else None

    def _shard(self, number: int) -> dict[str, Any]:
        if number not in self._shards:
            data = self._read(f"diagnostics-{number:02d}.json") if self.enabled else None
            self._shards[number] = data if isinstance(data, dict) else {}
        return self._shards[number]

    def calendar(self, key: str) -> dict[str, list]:
        """Per calendar rule, [day or "", rows with their path first] cached for these entries."""
        data = self._read("calendar.json") if self.enabled else None
        if not (isinstance(data, dict) and data.get("key") == key and isinstance(data.get("rules"), dict)):
            return {}
        return {rule: found for rule, found in data["rules"].items() if valid_calendar_rows(found, _SEVERITY)}

    def store_calendar(self, key: str, rules: dict[str, list]) -> None:
        if self.enabled:
            self._calendar, self.dirty = {"key": key, "rules": rules}, True

    def lookup(self, path: Path, stat: os.stat_result) -> Record | None:
        record = self.records.get(os.fspath(path))
        if record is None:
            return None
        if record.size < 0:
            return None  # it could not be read: cheap to report again
        if _same_stamp(record, stat):
            return record if _media_unchanged(record) else None
        try:
            data, now = read_file(path, root=self.root, limit=MAX_CACHE_FILE)
        except OSError:
            return None
        if file_digest(data) == record.digest and _media_unchanged(record):
            stamp(record, now)
            self.dirty = True
            return record
        return None

    # -- writing ---------------------------------------------------------------

    def store(self, path: Path, record: Record, diagnostics: list[list[Any]] | None, internal: int = 0,
              ahead: list | None = None) -> None:
        if not self.enabled:
            return
        key = os.fspath(path)
        self.records[key] = record
        self.dirty = True
        if diagnostics is not None:
            number = _shard(key)
            stored = [diagnostics, internal] if ahead is None else [diagnostics, internal, ahead]
            self._shard(number)[key] = stored
            record.rows = rows_digest(stored)
            self._dirty_shards.add(number)

    def save(self) -> None:
        if not (self.enabled and self.dirty):
            return
        try:
            self._prepare_folder()
            for number in sorted(self._dirty_shards):
                self._write(f"diagnostics-{number:02d}.json", self._shards[number])
            if self._calendar is not None:
                self._write("calendar.json", self._calendar)
            files = {path: vars(record) for path, record in self.records.items()}
            self._write("index.json", {"format": FORMAT, "files": files})
        except OSError:
            pass  # a read-only checkout lints fine without a cache

    def _prepare_folder(self) -> None:
        """Create or check the folders; never follow a symlink in them (a link there could
        point anywhere: writes replace the link itself, deletions remove only the link)."""
        for folder in (self.folder, self.dir):
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            if not stat_module.S_ISDIR(os.lstat(folder).st_mode):
                raise NotADirectoryError(folder)
            if folder == self.folder:
                self._write_marker(".gitignore", b"# created by clinic-content\n*\n")
                self._write_marker("CACHEDIR.TAG", b"Signature: 8a477f597d28d172789f06886806bc55\n")
                self._remove_other_keys()

    def _write_marker(self, name: str, data: bytes) -> None:
        target = self.folder / name
        try:
            if stat_module.S_ISREG(os.lstat(target).st_mode) and read_bytes(target, follow=False, limit=4096) == data:
                return
        except OSError:
            pass
        atomic_write(target, data)

    def _remove_other_keys(self) -> None:
        """Prune by age, not by key: a key written to within ``KEPT_DAYS`` stays (a branch with
        another config, an older tool version), up to ``KEPT_KEYS``; older ``lint-*`` entries
        go, a symlink as just the link."""
        with os.scandir(self.folder) as scan:
            entries = [e for e in scan if e.name.startswith("lint-") and e.name != self.dir.name]
        oldest = _filesystem_now(self.folder) - KEPT_DAYS * 86400
        real = sorted((e for e in entries if e.is_dir(follow_symlinks=False) and _lstat_mtime(e.path) >= oldest),
                      key=lambda e: _lstat_mtime(e.path), reverse=True)
        kept = {e.name for e in real[:KEPT_KEYS - 1]}  # anything else (a symlink, a stray file) goes
        for entry in (e for e in entries if e.name not in kept):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


def _filesystem_now(folder: Path) -> float:
    """Now by the file system's clock, which stamped the mtimes being compared (the process's
    clock can differ: a skewed network share, or libfaketime in the tests)."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".now-") as handle:
            return os.fstat(handle.fileno()).st_mtime
    except OSError:
        return time.time()


def stamp(record: Record, stat: os.stat_result) -> None:
    """Remember the file's stat as of now (the shortcut for the next run)."""
    record.mtime_ns, record.size = stat.st_mtime_ns, stat.st_size
    record.ctime_ns, record.ino, record.checked_ns = stat.st_ctime_ns, stat.st_ino, time.time_ns()


def _same_stamp(record: Record, stat: os.stat_result) -> bool:
    """Size, mtime, ctime and inode unchanged, and the file was not changed just before it
    was read (like git's racy-index check): ctime cannot be put back with touch or utime."""
    return (record.size == stat.st_size and record.mtime_ns == stat.st_mtime_ns
            and record.ctime_ns == stat.st_ctime_ns and record.ino == stat.st_ino
            and record.checked_ns - max(stat.st_ctime_ns, stat.st_mtime_ns) > RACY_NS)


def _tracked_by_git(root: Path, name: str) -> bool:
    """Whether git tracks anything under ``root/name`` (a committed cache)."""
    try:
        done = subprocess.run(["git", "-C", os.fspath(root), "ls-files", "-z", "--", name],
                              capture_output=True, stdin=subprocess.DEVNULL)  # (a timeout polls with sleep: libfaketime breaks it)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and bool(done.stdout.strip(b"\0"))


KEPT_KEYS = 32  # a bound on the disk used, far above what pruning by age leaves
KEPT_DAYS = 14


def _lstat_mtime(path: str) -> float:
    try:
        return os.lstat(path).st_mtime
    except OSError:
        return 0.0


def _media_unchanged(record: Record) -> bool:
    return all(exists(path) == existed for path, existed in record.media or [])
