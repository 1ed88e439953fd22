"""Which files are posts: folders expand to the Markdown files under the
content roots inside them; explicitly named files are always linted.

A post is known by its real path (a symlink inside the repository is the file it
points to, linted once) unless it leads out of the repository: then it keeps the
link's own path, is reported there and never opened (safe_open). Folders are walked
without recursion and without following folder symlinks; content roots are deduped.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path
from typing import Iterable

from .config import Config
from .gitignore import git_ignored
from ..core.safe_open import within

POST_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", "__pycache__"}


class UsageError(Exception):
    """The command line names something that cannot be linted (exit 2); ``ru``: in Russian."""

    def __init__(self, message: str, ru: str | None = None) -> None:
        super().__init__(message)
        self.ru = ru or message


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
    """Posix path relative to the working directory when possible: stable in CI logs.
    Only the folder is resolved: a symlink is shown under its own name, never its target's.
    Remembered per path and working directory (a warm 10k run asks ~30,000 times)."""
    key = (os.fspath(path), os.getcwd())
    shown = _SHOWN.get(key)
    if shown is None:
        shown = _SHOWN[key] = _display_path(os.fspath(path))
    return shown


_SHOWN: dict[tuple[str, str], str] = {}


def _display_path(text: str) -> str:
    folder, name = os.path.split(text)
    if name and name not in (".", "..") and folder and not folder.endswith(os.sep + "."):  # string ops, no Path
        resolved = os.path.join(os.fspath(real_path(folder)), name)
    else:
        path = Path(text)
        resolved = os.fspath(real_path(path.parent) / path.name) if path.name else os.fspath(real_path(path))
    cwd = os.fspath(real_path(os.getcwd()))
    if resolved.startswith(cwd + os.sep):
        shown = resolved[len(cwd) + 1 :]
    else:
        shown = "." if resolved == cwd else resolved
    return shown.replace(os.sep, "/") if os.sep != "/" else shown


def post_path(path: str | Path, root: Path) -> Path:
    """The path a post is known by: its real path, or the link itself when that leads
    out of ``root`` (so the target is neither read nor named). Remembered like
    :func:`real_path` (a run asks for each post four times)."""
    key = (os.fspath(path), os.fspath(root))
    found = _POSTS.get(key)
    if found is None:
        found = _POSTS[key] = _post_path(path, root)
    return found


_POSTS: dict[tuple[str, str], Path] = {}


def _post_path(path: str | Path, root: Path) -> Path:
    found = real_path(path)
    real, base = os.fspath(found), os.fspath(real_path(os.path.abspath(root)))
    if real == base or real.startswith(base.rstrip(os.sep) + os.sep):  # safe_open.within, with cached real paths
        return found
    return Path(os.path.abspath(path)) if os.path.islink(path) else found


def _walk(folder: Path, root: Path) -> list[Path]:
    """Post files under ``folder`` (see :func:`post_path`). Within one command (see
    :func:`remember_walks`) each folder is listed once: a lint walks the content roots for
    the named folders and again for the calendar."""
    if _WALKS is None:
        return list(_scan(folder, root))
    key = (os.fspath(folder), os.fspath(root))
    found = _WALKS.get(key)
    if found is None:
        found = _WALKS[key] = list(_scan(folder, root))
    return found


_WALKS: dict[tuple[str, str], list[Path]] | None = None  # None: every walk lists the folders again


def remember_walks() -> None:
    """Start one command that lists each folder once (the CLI's ``lint``, once per run, so
    ``--watch`` starts afresh every time). Without it — the Python API, the language
    server — every walk lists the folders again and sees every added or removed post."""
    global _WALKS
    _WALKS = {}


def forget_walks() -> None:
    """End the command :func:`remember_walks` started."""
    global _WALKS
    _WALKS = None


def _scan(folder: Path, root: Path) -> Iterable[Path]:
    """The walk itself, without recursion: ~1,000 nested folders must not hit Python's
    recursion limit (os.walk recurses before 3.12). Folder symlinks are not followed, so
    below a real folder only a symlinked file needs resolving."""
    stack = [os.fspath(real_path(folder))]
    while stack:
        dirpath = stack.pop()
        try:
            with os.scandir(dirpath) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if name not in _SKIP_DIRS:
                    folders.append(entry.path)
            elif name.lower().endswith(POST_SUFFIXES):
                if entry.is_symlink():
                    yield post_path(entry.path, root)
                else:
                    yield _REAL.setdefault(entry.path, Path(entry.path))
        stack.extend(reversed(folders))


def _excluded(path: Path, config: Config) -> bool:
    if not config.exclude:
        return False
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatchcase(relative, pattern) for pattern in config.exclude)


def content_roots(config: Config) -> list[Path]:
    """The configured content roots, resolved, each once: a root inside another is
    walked as part of it. A root leading out of the repository is a usage error (the
    config may come from a pull request)."""
    resolved = list(dict.fromkeys(real_path(config.root / r) for r in config.content_roots))
    for name, path in zip(config.content_roots, resolved):
        if not within(path, config.root):
            raise UsageError(f"content root {name!r} leads outside the repository ({display_path(config.root)})")
    return [p for p in resolved if not any(other in p.parents for other in resolved)]


def content_files(config: Config) -> list[Path]:
    """Every post under the configured content roots (for calendar rules)."""
    found: dict[Path, None] = {}
    for root in content_roots(config):
        if root.is_dir():
            found.update((p, None) for p in _walk(root, config.root) if not _excluded(p, config))
    return sorted(found)


def _names_a_file(path: Path) -> bool:
    """``path`` exists and is not a folder (a symlink to one counts as one): one stat call."""
    try:
        return not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return os.path.lexists(path)  # a dangling symlink: reported as a post that cannot be read


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
    inside_roots = [(os.fspath(r), os.fspath(r).rstrip(os.sep) + os.sep) for r in roots]
    for path in dict.fromkeys(paths):
        if _names_a_file(path):  # a FIFO or device too: reported, not opened
            real = post_path(path, config.root)  # a link out of the repository keeps its own path
            text = os.fspath(real)
            if existing and not any(text == r or text.startswith(prefix) for r, prefix in inside_roots):
                if skipped is not None:
                    skipped.append(path)
                continue
            found[real] = None
            continue
        if not path.is_dir():
            raise UsageError(f"{path}: no such file or folder", f"{path}: нет такого файла или папки")
        folder = path.resolve()
        inside = [r for r in roots if r == folder or folder in r.parents]
        covering = any(r in folder.parents for r in roots)
        if covering or not inside:
            walk_from = [folder]
        else:
            walk_from = [r for r in inside if r.is_dir()] or [folder]
        for start in dict.fromkeys(walk_from):
            walked.update((p, None) for p in _walk(start, config.root) if not _excluded(p, config))
    if walked:
        ignored = git_ignored(list(walked), config.root)
        found.update((p, None) for p in walked if p not in ignored)
    return sorted(found)
