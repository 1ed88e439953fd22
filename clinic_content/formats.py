"""Render a report: ``text`` (ruff-like, with the source line and a caret) and
``json`` (a versioned, documented schema: docs/output-formats.md).

Formatters are plain functions ``(report, lang, color) -> str`` in one dict.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from .diagnostics import Report, Severity, severity_label
from .ci_formats import CI_FORMATTERS
from .fast_json import dumps_indented
from .masking import Masker, Printed
from .personal_data import mask_line
from .safe_open import read_bytes
from .safe_text import escape, escape_path, guard_line
from .source import split_lines
from .switches import summary_line

JSON_SCHEMA_VERSION = 1
_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


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


def _summary(report: Report, lang: str) -> str:
    counts = report.counts()
    total = len(report.diagnostics)
    if lang == "ru":
        if not total:
            return f"Замечаний нет (проверено файлов: {report.files_checked})."
        return (
            f"Найдено замечаний: {total} (ошибок: {counts['error']}, предупреждений: {counts['warning']}, "
            f"подсказок: {counts['info']}); проверено файлов: {report.files_checked}."
        )
    if not total:
        return f"All checks passed ({report.files_checked} files)."
    return (
        f"Found {total} problems ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info) in {report.files_checked} files."
    )


def sensitive_spans(report: Report) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """(path, line) -> column ranges (0-based) of personal data reported on that line.
    Called once per formatting run, it also forgets file lines cached by an earlier run."""
    _lines.cache_clear()
    _context_line.cache_clear()
    _IN_MEMORY.clear()
    _IN_MEMORY.update(report.texts)
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for d in report.diagnostics:
        if d.sensitive:
            end = d.end_column if d.end_line == d.line and d.end_column else 10**6
            spans.setdefault((d.path, d.line), []).append((d.column - 1, end - 1))
    return spans


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
    out: list[str] = []
    hidden = sensitive_spans(report)
    masker = report.masker or Masker()
    for d in report.diagnostics:
        sev = f"[{severity_label(d.severity, lang)}]"
        mark = " [*]" if d.fixable else ""
        path, message = escape_path(d.path), escape(d.message)
        head = f"{path}:{d.line}:{d.column}: {d.code}{mark} {sev} {message}"
        if color:
            head = (
                f"{_BOLD}{path}{_RESET}:{d.line}:{d.column}: {_COLORS[d.severity]}{_BOLD}{d.code}{_RESET}{mark} "
                f"{_COLORS[d.severity]}{sev}{_RESET} {message}"
            )
        out.append(guard_line(head))
        printed = printed_line(d.path, d.line, hidden, masker)
        if printed is not None:
            text = printed.text
            start = end = printed.column(d.column - 1)  # carets refer to what is printed
            if d.end_line == d.line and d.end_column and d.end_column > d.column:
                end = printed.column(d.end_column - 1, end=True)
            caret = " " * start + "^" * max(1, min(end - start, len(text) - start))
            gutter = f"{d.line:>5} | "
            out.append(f"{_DIM if color else ''}{gutter}{_RESET if color else ''}{text}")
            out.append(" " * (len(gutter) - 2) + "| " + (f"{_COLORS[d.severity]}{caret}{_RESET}" if color else caret))
    if out:
        out.append("")
    out.append(_summary(report, lang))
    fixable = sum(d.fixable for d in report.diagnostics)
    if fixable:
        out.append(f"[*] Исправимо автоматически (`--fix`): {fixable}." if lang == "ru"
                   else f"[*] {fixable} fixable with the `--fix` option.")
    if report.switches:
        out.append(summary_line(report.switches, lang))
    return "\n".join(out) + "\n"


def format_concise(report: Report, lang: str = "en", color: bool = False) -> str:
    lines = [f"{escape_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {escape(d.message)}"
             for d in report.diagnostics]
    return "".join(guard_line(line) + "\n" for line in lines)


def format_json(report: Report, lang: str = "en", color: bool = False) -> str:
    document = {
        "version": JSON_SCHEMA_VERSION,
        "tool": "clinic-content",
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "summary": {
            "files_checked": report.files_checked,
            "counts": report.counts(),
            "internal_errors": report.internal_errors,
            "switches": [{"origin": w.origin, "codes": list(w.codes), "scope": w.scope, "written": w.written,
                          "kind": w.kind}
                         for w in report.switches],
        },
    }
    return dumps_indented(document) + "\n"  # no floats in it: orjson's bytes are json.dumps's


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
