"""A report as header + one fragment per file (in path order) + footer, for the formats
whose bytes allow it (``text``, ``concise``, ``json``).

A file's fragment depends only on that file's diagnostics (and its lines, masked), so the
lint cache can keep it rendered and a warm run can write it without building a
``Diagnostic`` or reading the post (docs/cache.md). The materialised formatters in
:mod:`formats` are built from the same functions, so both paths give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.diagnostics import Diagnostic, Severity, severity_label
from .excerpts import diagnostic_spans as sensitive_spans, printed_line
from ..core.fast_json import dumps_indented
from ..text.masking import Masker
from ..core.safe_text import escape, escape_path, guard_line
from ..ruleset.switches import summary_line

JSON_SCHEMA_VERSION = 1
STREAMED_FORMATS = ("text", "concise", "json")
_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_DIAGNOSTICS_KEY = '"diagnostics": ['


@dataclass
class Totals:
    """What a footer needs of the whole report: counts, not the diagnostics."""

    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    fixable: int = 0
    files_checked: int = 0
    internal_errors: int = 0
    switches: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.counts[d.severity.value] += 1
            self.fixable += d.fixable


def text_fragment(diagnostics: Iterable[Diagnostic], lang: str, color: bool, masker: Masker,
                  hidden: dict[tuple[str, int], list[tuple[int, int]]]) -> str:
    """Each diagnostic's head line, then its context line (masked, escaped) and caret."""
    out: list[str] = []
    for d in diagnostics:
        sev = f"[{severity_label(d.severity, lang)}]"
        mark = " [*]" if d.fixable else ""
        path, message = escape_path(d.path), escape(d.message)
        head = f"{path}:{d.line}:{d.column}: {d.code}{mark} {sev} {message}"
        if color:
            head = (
                f"{_BOLD}{path}{_RESET}:{d.line}:{d.column}: {_COLORS[d.severity]}{_BOLD}{d.code}{_RESET}{mark} "
                f"{_COLORS[d.severity]}{sev}{_RESET} {message}"
            )
        out.append(guard_line(head) + "\n")
        printed = printed_line(d.path, d.line, hidden, masker)
        if printed is not None:
            text = printed.text
            start = end = printed.column(d.column - 1)  # carets refer to what is printed
            if d.end_line == d.line and d.end_column and d.end_column > d.column:
                end = printed.column(d.end_column - 1, end=True)
            caret = " " * start + "^" * max(1, min(end - start, len(text) - start))
            gutter = f"{d.line:>5} | "
            out.append(f"{_DIM if color else ''}{gutter}{_RESET if color else ''}{text}\n")
            out.append(" " * (len(gutter) - 2) + "| " + (f"{_COLORS[d.severity]}{caret}{_RESET}" if color else caret) + "\n")
    return "".join(out)


def text_footer(totals: Totals, lang: str) -> str:
    out = [""] if totals.total else []
    out.append(_summary(totals, lang))
    if totals.fixable:
        out.append(f"[*] Исправимо автоматически (`--fix`): {totals.fixable}." if lang == "ru"
                   else f"[*] {totals.fixable} fixable with the `--fix` option.")
    if totals.switches:
        out.append(summary_line(totals.switches, lang))
    return "\n".join(out) + "\n"


def _summary(totals: Totals, lang: str) -> str:
    counts, total = totals.counts, totals.total
    if lang == "ru":
        if not total:
            return f"Замечаний нет (проверено файлов: {totals.files_checked})."
        return (
            f"Найдено замечаний: {total} (ошибок: {counts['error']}, предупреждений: {counts['warning']}, "
            f"подсказок: {counts['info']}); проверено файлов: {totals.files_checked}."
        )
    if not total:
        return f"All checks passed ({totals.files_checked} files)."
    return (
        f"Found {total} problems ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info) in {totals.files_checked} files."
    )


def concise_fragment(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(guard_line(f"{escape_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] "
                              f"{escape(d.message)}") + "\n" for d in diagnostics)


def json_document(diagnostics: list[dict[str, Any]], totals: Totals) -> dict[str, Any]:
    return {
        "version": JSON_SCHEMA_VERSION,
        "tool": "clinic-content",
        "diagnostics": diagnostics,
        "summary": {
            "files_checked": totals.files_checked,
            "counts": totals.counts,
            "internal_errors": totals.internal_errors,
            "switches": [{"origin": w.origin, "codes": list(w.codes), "scope": w.scope, "written": w.written,
                          "kind": w.kind}
                         for w in totals.switches],
        },
    }


def json_fragment(diagnostics: Iterable[Diagnostic]) -> str:
    """The file's items of the ``diagnostics`` array, indented as in the whole document and
    joined by ``,\\n`` (the writer puts ``,\\n`` between files)."""
    items = [d.to_dict() for d in diagnostics]
    if not items:
        return ""
    rendered = dumps_indented({"diagnostics": items})  # the array sits at the same depth as in the report
    return rendered[rendered.index(_DIAGNOSTICS_KEY) + len(_DIAGNOSTICS_KEY) + 1:-len("\n  ]\n}")]


def json_frame(totals: Totals) -> tuple[str, str]:
    """The document before and after the diagnostics, as ``"diagnostics": [`` … ``]``."""
    rendered = dumps_indented(json_document([], totals)) + "\n"
    cut = rendered.index(_DIAGNOSTICS_KEY) + len(_DIAGNOSTICS_KEY)
    return rendered[:cut], rendered[cut:]


def render_fragment(fmt: str, diagnostics: list[Diagnostic], lang: str, color: bool, masker: Masker) -> str:
    """One file's fragment in ``fmt`` from all of that file's diagnostics, sorted."""
    if fmt == "text":
        return text_fragment(diagnostics, lang, color, masker, sensitive_spans(diagnostics))
    if fmt == "concise":
        return concise_fragment(diagnostics)
    return json_fragment(diagnostics)
