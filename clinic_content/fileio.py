"""Writing files safely: a crash or Ctrl-C never leaves a half-written post or calendar."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def exists(path: str | os.PathLike[str]) -> bool:
    """``Path.exists()`` that says False for a name the system cannot even look up (too long,
    invalid): Python 3.11 raises OSError (ENAMETOOLONG) there, and the name comes from a post."""
    try:
        return Path(path).exists()
    except (OSError, ValueError):
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``; keeps its mode."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
