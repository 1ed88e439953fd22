"""Machine formats for CI: ``json-lines``, ``sarif`` (GitHub code scanning),
``github`` (workflow-command annotations), ``gitlab`` (Code Quality) and
``junit``. Exact shapes: research/anchors-linters.md §4 and docs/output-formats.md.

Fingerprints hash the code, the path and the masked source line, so they stay
stable when lines move and reveal no personal data.
"""

from __future__ import annotations

import hashlib
import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .diagnostics import Diagnostic, Report, Severity
from .safe_text import escape, escape_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _masked_line(d: Diagnostic, hidden) -> str:
    from .formats import context_line

    return (context_line(d.path, d.line, hidden) or "").strip()


def fingerprints(report: Report) -> list[str]:
    """A stable id per diagnostic: sha256(code, path, masked line text) plus an occurrence counter."""
    from .formats import sensitive_spans

    hidden = sensitive_spans(report)
    seen: dict[str, int] = {}
    out = []
    for d in report.diagnostics:
        base = hashlib.sha256(f"{d.code}\0{d.path}\0{_masked_line(d, hidden)}".encode()).hexdigest()[:32]
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}:{seen[base]}")
    return out


def format_json_lines(report: Report, lang: str = "en", color: bool = False) -> str:
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in report.diagnostics)


def _rule_meta(code: str):
    from .registry import find_rule

    return find_rule(code)


def format_sarif(report: Report, lang: str = "en", color: bool = False) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("clinic-content")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        tool_version = "0"
    codes = sorted({d.code for d in report.diagnostics})
    rules, index = [], {}
    for code in codes:
        rule = _rule_meta(code)
        summary = rule.summary.get(lang) if rule else "Internal error while running a rule"
        full = rule.doc.get(lang) if rule else "A rule crashed on this file; please report it."
        entry = {
            "id": code,
            "name": rule.name if rule else "internal-error",
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full or summary},
            "help": {"text": f"{full or summary}\n\nSource: {rule.source}" if rule else full,
                     "markdown": f"{full or summary}\n\n**Source:** {rule.source}\n\n`clinic-content explain {code}`" if rule else full},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.default_severity] if rule else "error"},
            "properties": {"tags": [code.rstrip("0123456789"), "clinic-content"], "precision": "high"},
        }
        index[code] = len(rules)
        rules.append(entry)
    results = []
    for d, fingerprint in zip(report.diagnostics, fingerprints(report)):
        end_line = d.end_line or d.line
        end_column = d.end_column if d.end_column and (d.end_line or d.line) >= d.line else d.column + 1
        if end_line == d.line and end_column <= d.column:
            end_column = d.column + 1
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/")},
                "region": {"startLine": d.line, "startColumn": d.column, "endLine": end_line, "endColumn": end_column},
            }}],
            "partialFingerprints": {"primaryLocationLineHash": fingerprint},
            "properties": {"related": list(d.related)} if d.related else {},
        })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clinic-content", "version": tool_version,
                                "informationUri": "https://github.com/clinic-content/clinic-content",
                                "rules": rules}},
            "automationDetails": {"id": "clinic-content/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """GitHub workflow command message: % CR LF (actions/toolkit command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub workflow command property value: also : and ,."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report, lang: str = "en", color: bool = False) -> str:
    lines = []
    for d in report.diagnostics:
        props = [f"title={escape_property(f'clinic-content ({d.code})')}", f"file={escape_property(d.path)}", f"line={d.line}"]
        if d.end_line is None or d.end_line == d.line:
            props.append(f"col={d.column}")
            if d.end_column:
                props += [f"endLine={d.line}", f"endColumn={d.end_column}"]
        else:
            props.append(f"endLine={d.end_line}")
        # no ANSI or bidi in the log; line breaks stay, escape_data encodes them as the runner expects
        text = "\n".join(escape(part) for part in d.message.replace("\r\n", "\n").split("\n"))
        message = f"{escape_path(d.path)}:{d.line}:{d.column}: {d.code} {text}"
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def step_summary(report: Report, lang: str = "en") -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY: GitHub shows only 10 annotations per level."""
    ru = lang == "ru"
    counts = report.counts()
    head = (f"### clinic-content: {len(report.diagnostics)} "
            + ("замечаний" if ru else "findings")
            + f" ({counts['error']} error, {counts['warning']} warning, {counts['info']} info), "
            + (f"файлов: {report.files_checked}" if ru else f"{report.files_checked} files") + "\n\n")
    if not report.diagnostics:
        return head
    rows = ["| " + " | ".join(("файл", "строка", "правило", "важность", "сообщение") if ru
                              else ("file", "line", "rule", "severity", "message")) + " |", "|---|---|---|---|---|"]
    for d in report.diagnostics:
        message = escape(d.message).replace("|", "\\|")
        path = escape_path(d.path).replace("`", "'").replace("|", "\\|")
        rows.append(f"| `{path}` | {d.line}:{d.column} | {d.code} | {d.severity.value} | {message} |")
    return head + "\n".join(rows) + "\n"


def format_gitlab(report: Report, lang: str = "en", color: bool = False) -> str:
    issues = []
    for d, fingerprint in zip(report.diagnostics, fingerprints(report)):
        issues.append({
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "severity": _GITLAB_SEVERITY[d.severity],
            "fingerprint": hashlib.md5(fingerprint.encode()).hexdigest(),
            "location": {"path": d.path, "positions": {
                "begin": {"line": d.line, "column": d.column},
                "end": {"line": d.end_line or d.line, "column": d.end_column or d.column},
            }},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def format_junit(report: Report, lang: str = "en", color: bool = False) -> str:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in report.paths}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    failures = sum(1 for items in by_path.values() if items)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="clinic-content" tests="{len(by_path)}" failures="{failures}">',
           f'  <testsuite name="clinic-content" tests="{len(by_path)}" failures="{failures}" errors="{report.internal_errors}">']
    for path in sorted(by_path):
        items = by_path[path]
        if not items:
            out.append(f"    <testcase name={quoteattr(escape(path))} classname=\"clinic-content\"/>")
            continue
        out.append(f"    <testcase name={quoteattr(escape(path))} classname=\"clinic-content\">")
        for d in items:  # XML 1.0 has no control characters: escaped like the text output
            message = escape(d.message)
            text = f"{escape_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {message}"
            out.append(f"      <failure type={quoteattr(d.code)} message={quoteattr(message)}>{xml_escape(text)}</failure>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


CI_FORMATTERS = {
    "json-lines": format_json_lines,
    "sarif": format_sarif,
    "github": format_github,
    "gitlab": format_gitlab,
    "junit": format_junit,
}
