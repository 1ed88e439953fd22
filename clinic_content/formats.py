"""Render a report: ``text`` (ruff-like, with the source line and a caret) and
``json`` (a versioned, documented schema: docs/output-formats.md).

Formatters are plain functions ``(report, lang, color) -> str`` in one dict.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from .diagnostics import Report
from .ci_formats import CI_FORMATTERS
from .fast_json import dumps_indented
from .fragments import JSON_SCHEMA_VERSION, Totals, concise_fragment, json_document, text_footer, text_fragment
from .fragments import sensitive_spans as _spans
from .masking import Masker, Printed
from .personal_data import mask_line
from .safe_open import read_bytes
from .source import split_lines

__all__ = ["FORMATTERS", "JSON_SCHEMA_VERSION", "format_statistics", "sensitive_spans"]


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
    _lines.cache_clear()
    _context_line.cache_clear()
    _IN_MEMORY.clear()
    _IN_MEMORY.update(report.texts)
    return _spans(report.diagnostics)


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


def format_text(report: Report, lang: str = "en", color: bool = False) -> str:
    hidden = sensitive_spans(report)
    body = text_fragment(report.diagnostics, lang, color, report.masker or Masker(), hidden)
    return body + text_footer(_totals(report), lang)


def format_concise(report: Report, lang: str = "en", color: bool = False) -> str:
    return concise_fragment(report.diagnostics)


def format_json(report: Report, lang: str = "en", color: bool = False) -> str:
    document = json_document([d.to_dict() for d in report.diagnostics], _totals(report))
    return dumps_indented(document) + "\n"  # no floats in it: orjson's bytes are json.dumps's


def _totals(report: Report) -> Totals:
    return Totals(report.counts(), sum(d.fixable for d in report.diagnostics), report.files_checked,
                  report.internal_errors, report.switches)


def format_statistics(report: Report, lang: str = "en") -> str:
    """Counts per rule, most frequent first (``--statistics``)."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in report.diagnostics:
        key = (d.code, d.name, d.severity.value)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>5}  {code:<8} {name:<28} [{sev}]\n" for (code, name, sev), n in rows)


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "concise": format_concise,
    "json": format_json,
    **CI_FORMATTERS,
}
