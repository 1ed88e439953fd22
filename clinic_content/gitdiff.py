"""What changed since a git ref: the posts a pull request touches and, for
``--only-changed-lines``, which of their lines. Calendar rules still see the
whole calendar; only the reporting is narrowed."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """git is missing, the folder is not a repository, or the ref is unknown (exit 2)."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or done.returncode}")
    return done.stdout


@dataclass
class Changes:
    """Files changed since the merge base with ``ref`` (committed, staged, unstaged or new)."""

    base: str
    files: set[Path] = field(default_factory=set)
    new_files: set[Path] = field(default_factory=set)
    lines: dict[Path, set[int]] = field(default_factory=dict)

    def touches(self, path: Path, line: int) -> bool:
        path = path.resolve()
        return path in self.new_files or line in self.lines.get(path, set())


def changes_since(ref: str, root: Path, with_lines: bool = False) -> Changes:
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    base = _git(root, "merge-base", ref, "HEAD").strip()
    changes = Changes(base)
    for name in _git(root, "diff", "--name-only", "--diff-filter=d", "-z", base, "--").split("\0"):
        if name:
            changes.files.add((top / name).resolve())
    for name in _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        if name:
            path = (root / name).resolve()
            changes.files.add(path)
            changes.new_files.add(path)
    if with_lines:
        for path in changes.files - changes.new_files:
            diff = _git(root, "diff", "-U0", "--no-color", base, "--", str(path))
            changes.lines[path] = {
                line
                for start, count in _HUNK.findall(diff)
                for line in range(int(start), int(start) + (int(count) if count else 1))
            }
    return changes
