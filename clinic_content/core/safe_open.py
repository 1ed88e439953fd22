"""Open files that came in a pull request without leaving the repository or blocking.

A post, the consent registry or the config can be a symlink to ``~/.netrc``, a FIFO
that never answers or ``/dev/zero``. Every reader goes through :func:`read_file`: it
checks where the path really leads and what it is *before* opening it, opens without
following a last-moment symlink and without blocking, checks again on the open
descriptor and reads at most ``limit`` bytes. A refused file is reported at the path
it was asked under; the target is never named.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


_WHY = {
    "outside": "not read: a symlink leading outside the repository",
    "special": "not read: not a regular file (a FIFO, device, socket or folder)",
    "too_large": "not read: larger than the limit",
}


class Refused(OSError):
    """A file the linter will not open. ``reason``: ``outside`` (it leads out of the
    repository), ``special`` (a device, FIFO, socket or folder) or ``too_large``."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(0, _WHY.get(reason, reason))
        self.reason = reason
        self.size = size


def within(path: str | Path, root: str | Path) -> bool:
    """Whether ``path``'s real location is ``root`` or below it (both resolved)."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def escapes(path: str | Path, root: str | Path | None, *, strict: bool = False) -> bool:
    """Whether reading ``path`` would leave ``root``.

    ``strict`` (a path the config names): the real path must be inside ``root``.
    Otherwise (a post): a symlink leading out of the root is refused; a file outside the
    root that the caller named directly (not through a link) is the caller's choice."""
    if root is None or within(path, root):
        return False
    return strict or _is_link(path)


def escapes_lexically(path: str | Path, root: str | Path) -> bool:
    """Whether ``path`` is outside ``root`` as written (``..``, an absolute path), links aside."""
    lexical, base = os.path.normpath(os.path.abspath(path)), os.path.normpath(os.path.abspath(root))
    return not (lexical == base or lexical.startswith(base.rstrip(os.sep) + os.sep))


def _is_link(path: str | Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def read_file(path: str | Path, *, root: str | Path | None = None, limit: int | None = None,
              strict: bool = False, follow: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat, or :class:`Refused` / ``OSError``.

    ``follow=False`` refuses a symlink outright (a file shown by its own path)."""
    if escapes(path, root, strict=strict):
        raise Refused("outside")
    target = os.path.realpath(path) if follow else os.fspath(path)
    before = os.stat(target, follow_symlinks=False)
    if stat.S_ISLNK(before.st_mode):
        raise Refused("outside")
    if not stat.S_ISREG(before.st_mode):
        raise Refused("special")
    if limit is not None and before.st_size > limit:
        raise Refused("too_large", before.st_size)
    fd = os.open(target, _READ_FLAGS | _NOFOLLOW)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("special")  # swapped between the check and the open
        return _read_bounded(fd, limit, opened.st_size), opened
    finally:
        os.close(fd)


def read_bytes(path: str | Path, *, root: str | Path | None = None, limit: int | None = None,
               strict: bool = False, follow: bool = True) -> bytes:
    """:func:`read_file` without the stat."""
    return read_file(path, root=root, limit=limit, strict=strict, follow=follow)[0]


def _read_bounded(fd: int, limit: int | None, size: int) -> bytes:
    """Read to the end, but never more than ``limit`` bytes (a file may grow while read)."""
    chunks: list[bytes] = []
    total, cap = 0, limit
    while True:
        want = 1 << 20 if cap is None else min(1 << 20, cap + 1 - total)
        if want <= 0:
            raise Refused("too_large", total)
        chunk = os.read(fd, want)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if cap is not None and total > cap:
            raise Refused("too_large", max(total, size))
