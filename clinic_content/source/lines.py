"""Positions in decoded text: the caps on hostile input, the file's real line breaks and an
offset -> (line, column) map. The lowest layer of reading: every parser below builds on it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.diagnostics import Finding, Span

Problem = tuple[str, Finding]  # (rule id, finding): the FM rules report what reading found


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile input from exhausting memory or time."""

    max_file_bytes: int = 1_000_000
    max_yaml_nodes: int = 5_000
    max_yaml_depth: int = 32
    root: Path | None = None  # the repository: a symlink out of it is never followed (safe_open)


LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the only line breaks: never U+2028, NEL, VT or FF


def split_lines(text: str) -> list[str]:
    """``text`` cut at the file's real line breaks (``str.splitlines`` also cuts at U+2028,
    NEL, VT, FF…, which would shift every later line against the reported positions)."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


class SourceText:
    """Decoded file text with offset -> (line, column) mapping (both 1-based)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Span(line, col, end_line, end_col)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line ending."""
        if not 1 <= number <= len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)
