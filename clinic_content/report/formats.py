"""Render a report: ``text`` (ruff-like, with the source line and a caret) and
``json`` (a versioned, documented schema: docs/output-formats.md).

Formatters are plain functions ``(report, lang, color) -> str`` in one dict.
"""

from __future__ import annotations

from typing import Callable

from ..core.diagnostics import Report
from .ci_formats import CI_FORMATTERS
from .excerpts import context_line, printed_line, sensitive_spans  # re-exported: their old home
from ..core.fast_json import dumps_indented
from .fragments import JSON_SCHEMA_VERSION, Totals, concise_fragment, json_document, text_footer, text_fragment
from ..text.masking import Masker

__all__ = ["FORMATTERS", "JSON_SCHEMA_VERSION", "context_line", "format_statistics", "printed_line", "sensitive_spans"]


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
    totals = Totals(files_checked=report.files_checked, internal_errors=report.internal_errors,
                    switches=report.switches)
    totals.add(report.diagnostics)
    return totals


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
