"""The key that signs cache files, kept where a pull request cannot write: the user's
cache directory (``$XDG_CACHE_HOME/clinic-content/key``, else ``~/.cache/…``), created
with mode 0600 on first use. Without it the cache is simply off."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from ..core.safe_open import read_file

KEY_BYTES = 32


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clinic-content" / "key"


def cache_secret() -> tuple[bytes | None, str]:
    """(key, "") or (None, why not): a key only this user can read and write."""
    path = key_file()
    try:
        return _read(path), ""
    except FileNotFoundError:
        pass
    except OSError as exc:
        return None, f"{path}: {exc.strerror or exc}"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
        return _read(path), ""
    except FileExistsError:  # another run created it meanwhile
        try:
            return _read(path), ""
        except OSError as exc:
            return None, f"{path}: {exc.strerror or exc}"
    except OSError as exc:
        return None, f"{path}: {exc.strerror or exc}"


def _read(path: Path) -> bytes:
    data, info = read_file(path, follow=False, limit=1024)
    if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PermissionError(0, "not private to this user (chmod 600)")
    key = data.strip()
    if len(key) < 2 * KEY_BYTES:
        raise PermissionError(0, "too short")
    return key
