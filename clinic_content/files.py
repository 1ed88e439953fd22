"""Which files are posts: folders expand to the Markdown files under the
content roots inside them; explicitly named files are always linted.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable

from .config import Config
from .gitignore import git_ignored

POST_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", "__pycache__"}


class UsageError(Exception):
    """The command line names something that cannot be linted (exit 2)."""


def real_path(path: str | Path) -> Path:
    """``path.resolve()`` with symlinks followed, cached for absolute paths: a 10,000-post
    repo resolves each file several times, and every resolve is a chain of lstat calls."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        return Path(os.path.realpath(text))
    found = _REAL.get(text)
    if found is None:
        found = _REAL[text] = Path(os.path.realpath(text))
    return found


_REAL: dict[str, Path] = {}  # absolute path -> real path, for this process


def display_path(path: Path) -> str:
    """Posix path relative to the working directory when possible: stable in CI logs."""
    resolved = os.fspath(real_path(path))
    cwd = os.fspath(real_path(os.getcwd()))
    if resolved.startswith(cwd + os.sep):
        shown = resolved[len(cwd) + 1 :]
    else:
        shown = "." if resolved == cwd else resolved
    return shown.replace(os.sep, "/") if os.sep != "/" else shown


def _walk(folder: Path) -> Iterable[Path]:
    """Post files under ``folder``, as real paths. os.walk does not follow directory
    symlinks, so below a real folder only a symlinked file needs resolving."""
    base = real_path(folder)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(POST_SUFFIXES) and not name.startswith("."):
                path = os.path.join(dirpath, name)
                if os.path.islink(path):
                    yield real_path(path)
                else:
                    yield _REAL.setdefault(path, Path(path))


def _excluded(path: Path, config: Config) -> bool:
    if not config.exclude:
        return False
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatchcase(relative, pattern) for pattern in config.exclude)


def content_roots(config: Config) -> list[Path]:
    return [(config.root / r).resolve() for r in config.content_roots]


def content_files(config: Config) -> list[Path]:
    """Every post under the configured content roots (for calendar rules)."""
    found: dict[Path, None] = {}
    for root in content_roots(config):
        if root.is_dir():
            found.update((p, None) for p in _walk(root) if not _excluded(p, config))
    return sorted(found)


def collect_files(paths: Iterable[Path], config: Config, skipped: list[Path] | None = None) -> list[Path]:
    """Expand the command-line paths into post files, sorted and without duplicates.

    A file named explicitly (as pre-commit passes every staged Markdown file) is linted only
    when it lies under a content root, or when no content root exists (a bare folder of
    posts): a content repo's README or docs are not posts. Those left out go to ``skipped``.
    A folder walk leaves out what git ignores.
    """
    roots = content_roots(config)
    existing = [r for r in roots if r.is_dir()]
    found: dict[Path, None] = {}
    walked: dict[Path, None] = {}
    for path in paths:
        if path.is_file():
            real = real_path(path)
            if existing and not any(r == real or r in real.parents for r in roots):
                if skipped is not None:
                    skipped.append(path)
                continue
            found[real] = None
            continue
        if not path.is_dir():
            raise UsageError(f"{path}: no such file or folder")
        folder = path.resolve()
        inside = [r for r in roots if r == folder or folder in r.parents]
        covering = any(r in folder.parents for r in roots)
        if covering or not inside:
            walk_from = [folder]
        else:
            walk_from = [r for r in inside if r.is_dir()] or [folder]
        for start in walk_from:
            walked.update((p, None) for p in _walk(start) if not _excluded(p, config))
    if walked:
        ignored = git_ignored(list(walked), config.root)
        found.update((p, None) for p in walked if p not in ignored)
    return sorted(found)
