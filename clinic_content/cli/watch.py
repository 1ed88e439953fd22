"""``clinic-content lint --watch``: lint, then re-lint whenever a post, the config, the
consent registry or a phrase pack changes — a terminal beside the editor.

Polling file modification times (and sizes) twice a second needs no dependency and works
on every file system, network mounts and containers included. The screen is cleared
before each report when standard output is a terminal; Ctrl-C ends the watch with exit 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..source.config import Config, ConfigError, find_config_file

INTERVAL = 0.5  # seconds between polls
WATCHED_SUFFIXES = (".md", ".markdown", ".toml", ".yaml", ".yml")
_SKIP_DIRS = {".git", ".clinic-content-cache", "node_modules", "__pycache__", ".venv", "venv"}
_CLEAR = "\x1b[2J\x1b[H"
_STATUS = {
    "en": "[{time}] Watching {count} files for changes (Ctrl-C to stop)…",
    "ru": "[{time}] Слежу за изменениями в {count} файлах (Ctrl-C — выход)…",
}

Snapshot = dict[str, tuple[int, int]]


def watch(args: argparse.Namespace, lint: Callable[[argparse.Namespace], int], interval: float = INTERVAL) -> int:
    """Run ``lint`` now and after every change until Ctrl-C (exit 0)."""
    once = argparse.Namespace(**{**vars(args), "watch": False})
    try:
        while True:
            if sys.stdout.isatty():
                sys.stdout.write(_CLEAR)
            lint(once)
            before = snapshot(args)
            sys.stdout.flush()
            clock = datetime.now().strftime("%H:%M:%S")  # shown to the user, never compared
            print(_STATUS[_lang(args)].format(time=clock, count=len(before)), file=sys.stderr, flush=True)
            while snapshot(args) == before:
                _pause(interval)
            _pause(min(interval, 0.1))  # let the editor finish writing
    except KeyboardInterrupt:
        return 0


def _pause(seconds: float) -> None:
    """Wait, interruptible by Ctrl-C. Not ``time.sleep``: its absolute-deadline
    ``clock_nanosleep`` fails with EINVAL under libfaketime, which CI runs the suite with."""
    threading.Event().wait(seconds)


def snapshot(args: argparse.Namespace) -> Snapshot:
    """Modification time and size of every file the next run could read."""
    paths = [Path(p) for p in (args.paths or ["."])]
    config_file = Path(args.config) if args.config else find_config_file(paths[0])
    roots = [p for p in paths if p.is_dir()]
    files = [p for p in paths if p.is_file()]
    if config_file is not None:
        files.append(config_file)
        roots.append(config_file.resolve().parent)  # the repo: content roots, consents, packs
    found: Snapshot = {}
    for path in files:
        _add(found, os.fspath(path.resolve()))
    for root in dict.fromkeys(r.resolve() for r in roots):
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in _SKIP_DIRS]
            for name in filenames:
                if name.lower().endswith(WATCHED_SUFFIXES):
                    _add(found, os.path.join(dirpath, name))
    return found


def _add(found: Snapshot, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return
    found[path] = (stat.st_mtime_ns, stat.st_size)


def _lang(args: argparse.Namespace) -> str:
    from ..engine.linter import message_lang
    from .settings_view import config_for

    try:
        config = config_for((args.paths or ["."])[0], args.config)
    except ConfigError:
        config = Config()
    return message_lang(args.lang, config)
