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


def _merge_base(root: Path, ref: str) -> str:
    """The merge base with ``ref``, with the fix spelled out when a shallow or single-branch
    clone (GitLab's default ``GIT_DEPTH: 20``, actions/checkout's depth 1) lacks it."""
    try:
        return _git(root, "merge-base", ref, "HEAD").strip()
    except GitError as exc:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
        known = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                               capture_output=True, text=True).returncode == 0
        if known and not shallow:
            raise
        remote, _, branch = ref.partition("/")
        hint = (f"`git fetch {remote} {branch}`" if branch else f"`git fetch origin {ref}`")
        why = ("this is a shallow clone, so the common ancestor is missing" if shallow and known
               else f"{ref!r} is not in this clone")
        raise GitError(
            f"--changed-since {ref}: cannot find where this branch left {ref} ({why}). "
            f"Fetch the full history first: {hint} with `--unshallow` if shallow "
            "(GitLab CI: `variables: {GIT_DEPTH: 0}`; GitHub: actions/checkout with `fetch-depth: 0`)."
        ) from exc


def changes_since(ref: str, root: Path, with_lines: bool = False) -> Changes:
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    base = _merge_base(root, ref)
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
