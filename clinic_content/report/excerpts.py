"""The source lines a report shows next to its findings, with personal data masked: read once
per formatting run (a symlinked or binary file shows nothing), shared by the text, CI and
streamed formats and the HTML report."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ..core.diagnostics import Diagnostic, Report
from ..text.masking import Masker, Printed
from ..text.personal_data import mask_line
from ..core.safe_open import read_bytes
from ..source.reading import split_lines


def diagnostic_spans(diagnostics: Iterable[Diagnostic]) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """(path, line) -> column ranges (0-based) of personal data reported on that line."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for d in diagnostics:
        if d.sensitive:
            end = d.end_column if d.end_line == d.line and d.end_column else 10**6
            spans.setdefault((d.path, d.line), []).append((d.column - 1, end - 1))
    return spans


_IN_MEMORY: dict[str, str] = {}  # the report's texts linted from stdin, shown instead of the file


@lru_cache(maxsize=256)
def _lines(path: str) -> tuple[str, ...]:
    """The file's lines for showing context; nothing for unreadable or binary files, and
    nothing read through a symlink (a post linked to ``~/.netrc`` is reported, not shown).
    Lines end at CR/LF only, as the positions count them (not at U+2028, NEL, VT, FF)."""
    if path in _IN_MEMORY:
        return tuple(split_lines(_IN_MEMORY[path].removeprefix("\ufeff")))
    try:
        raw = read_bytes(path, follow=False, limit=2_000_000)
    except OSError:
        return ()
    if b"\x00" in raw:
        return ()
    return tuple(split_lines(raw.decode("utf-8", errors="replace").removeprefix("\ufeff")))


def sensitive_spans(report: Report) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """(path, line) -> column ranges (0-based) of personal data reported on that line.
    Called once per formatting run, it also forgets file lines cached by an earlier run."""
    forget_lines(report.texts)
    return diagnostic_spans(report.diagnostics)


def forget_lines(texts: dict[str, str] | None = None) -> None:
    """Start a formatting run: no file line cached by an earlier run is shown again; ``texts``
    (path -> text linted from standard input) are shown instead of those files."""
    _lines.cache_clear()
    _context_line.cache_clear()
    _IN_MEMORY.clear()
    _IN_MEMORY.update(texts or {})


def context_line(path: str, number: int, hidden: dict[tuple[str, int], list[tuple[int, int]]]) -> str | None:
    """Line ``number`` of the file with personal data masked, or None when there is none to show."""
    spans = tuple(hidden.get((path, number), ()))
    return _context_line(path, number, spans)


@lru_cache(maxsize=1 << 16)
def _context_line(path: str, number: int, spans: tuple[tuple[int, int], ...]) -> str | None:
    lines = _lines(path)
    if not 1 <= number <= len(lines):
        return None
    text = lines[number - 1].expandtabs(1)
    return mask_line(text, [(s, min(e, len(text))) for s, e in spans])


def printed_line(path: str, number: int, hidden: dict[tuple[str, int], list[tuple[int, int]]],
                 masker: Masker) -> Printed | None:
    """Line ``number`` as the text output shows it (masked whatever rules ran, escaped), or None."""
    lines = _lines(path)
    if not 1 <= number <= len(lines):
        return None
    return masker.printed(lines[number - 1], hidden.get((path, number), ()))
