"""Progress of a long run on the terminal: «files 120/1000, 3.4 s» on stderr, on one line that is
cleared at the end, so a 30-second run is not silent and the report itself stays clean.

Shown only when a person watches: stderr is a terminal, the output is for people (``text`` or
``concise``), not ``--quiet``, and only once the run has lasted ``delay`` seconds, so quick runs
(the pre-commit hook, one file from an editor) never flicker.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, TextIO

HUMAN_FORMATS = frozenset({"text", "concise"})
DEFAULT_DELAY = 1.5  # seconds before the first line appears
_INTERVAL = 0.1  # at most ten redraws a second
_CLEAR = "\r\x1b[K"


@dataclass
class Progress:
    """Counts files done against a total and redraws one status line on ``stream``."""

    stream: TextIO
    lang: str = "en"
    delay: float = DEFAULT_DELAY
    clock: Callable[[], float] = time.monotonic  # a real monotonic clock, never the pinned "today"
    total: int = 0
    done: int = 0
    _started: float = field(init=False, default=0.0)
    _drawn_at: float | None = field(init=False, default=None)

    def start(self, total: int) -> None:
        self.total, self.done, self._started = total, 0, self.clock()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        now = self.clock()
        if now - self._started < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < _INTERVAL and self.done < self.total:
            return
        self._draw(now)

    def finish(self) -> None:
        """Clear the line so that the report (or the shell prompt) starts on a clean one."""
        if self._drawn_at is not None:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._drawn_at = None

    def _draw(self, now: float) -> None:
        elapsed = f"{now - self._started:.1f}"
        if self.lang == "ru":
            line = f"clinic-content: файлы {self.done}/{self.total}, {elapsed.replace('.', ',')} с"
        else:
            line = f"clinic-content: files {self.done}/{self.total}, {elapsed} s"
        self.stream.write(_CLEAR + line)
        self.stream.flush()
        self._drawn_at = now


def terminal_progress(fmt: str, quiet: bool, lang: str, stream: TextIO | None = None) -> Progress | None:
    """A progress line for this run, or None when nobody watches a terminal."""
    stream = stream if stream is not None else sys.stderr
    if quiet or fmt not in HUMAN_FORMATS or os.environ.get("TERM") == "dumb":
        return None
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or unusual stream
        return None
    return Progress(stream, lang=lang, delay=DEFAULT_DELAY)
