"""Writing files safely: a crash or Ctrl-C never leaves a half-written post or calendar;
new files get the mode any tool's output gets (0666 minus the umask), a rewritten file
keeps its mode, owner and hard links; a post is never replaced when it changed since it
was read, is read-only, or is reached through a symlink."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .safe_open import read_bytes


class NotWritten(Exception):
    """A file ``--fix`` did not replace. ``reason``: ``changed`` (edited since it was read),
    ``read_only``, ``symlink``, ``not_regular`` or ``error`` (with the OS's ``detail``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def exists(path: str | os.PathLike[str]) -> bool:
    """``Path.exists()`` that says False for a name the system cannot even look up (too long,
    invalid): Python 3.11 raises OSError (ENAMETOOLONG) there, and the name comes from a post."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path`` (a symlink
    there is replaced, never written through); keeps an existing file's mode."""
    path = Path(path)
    try:
        info = os.lstat(path)
        mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None
    except FileNotFoundError:
        info, mode = None, None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode if mode is not None else 0o666 & ~_umask())
            if info is not None and mode is not None:
                _keep_owner(handle.fileno(), info)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def _keep_owner(fd: int, info: os.stat_result) -> None:
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except OSError:
            pass  # not root: the file becomes ours, like any editor's save


def rewrite(path: Path, data: bytes, expected: bytes) -> None:
    """Replace ``path`` with ``data`` if it still holds exactly ``expected``, else raise
    :class:`NotWritten`. A file with several hard links is written in place (the links
    stay one file); otherwise a temporary file is renamed over it."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise NotWritten("error", exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise NotWritten("symlink")
    if not stat.S_ISREG(info.st_mode):
        raise NotWritten("not_regular")
    if not info.st_mode & 0o222:
        raise NotWritten("read_only")
    try:
        if read_bytes(path, follow=False, limit=len(expected) + 1) != expected:
            raise NotWritten("changed")
    except OSError:
        raise NotWritten("changed") from None
    try:
        if info.st_nlink > 1:
            _write_in_place(path, data, info)
        else:
            _replace_unless_changed(path, data, info)
    except OSError as exc:
        raise NotWritten("error", exc.strerror or str(exc)) from None


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def _write_in_place(path: Path, data: bytes, info: os.stat_result) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not _same_file(os.fstat(fd), info):
            raise NotWritten("changed")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_unless_changed(path: Path, data: bytes, info: os.stat_result) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            _keep_owner(handle.fileno(), info)
            handle.flush()
            os.fsync(handle.fileno())
        if not _same_file(os.lstat(path), info):
            raise NotWritten("changed")  # an editor saved while we wrote: keep its version
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
