"""When each post last changed, from git: the calendar's DTSTAMP, LAST-MODIFIED
and SEQUENCE come from it, so exports are reproducible and grow only on edits."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from ..source.files import display_path


def git_revisions(root: Path) -> dict[str, datetime]:
    """display path -> time of the last commit touching the file; empty outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            capture_output=True, text=True, timeout=60, check=True,
        ).stdout
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, datetime] = {}
    for chunk in out.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        when = datetime.fromtimestamp(int(lines[0]), timezone.utc)
        for name in lines[1:]:
            found.setdefault(display_path(Path(top) / name), when)  # newest commit first
    return found
