"""Which walked files git ignores: a folder walk never lints what ``.gitignore`` hides
(build output, exported drafts, vendored themes). Asks git itself so every ignore
source counts (nested .gitignore, .git/info/exclude, core.excludesFile)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_ignored(paths: list[Path], cwd: Path) -> set[Path]:
    """The subset of ``paths`` that git ignores; empty outside a repository or without git."""
    if not paths:
        return set()
    payload = "\0".join(os.fspath(p) for p in paths) + "\0"
    try:
        done = subprocess.run(["git", "-C", os.fspath(cwd), "check-ignore", "-z", "--stdin"],
                              input=payload.encode("utf-8", "surrogateescape"),
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository (or git failed): nothing is ignored
        return set()
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return {Path(name) for name in names if name}
