"""Machine formats for CI: ``json-lines``, ``sarif`` (GitHub code scanning),
``github`` (workflow-command annotations), ``gitlab`` (Code Quality) and
``junit``. Exact shapes: research/anchors-linters.md §4 and docs/output-formats.md.

Fingerprints hash the code, the path and the masked source line, so they stay
stable when lines move and reveal no personal data.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from ..core.diagnostics import Diagnostic, Report, Severity, severity_label
from .doc_links import rule_doc_url
from .excerpts import context_line, sensitive_spans
from ..core.safe_text import escape, escape_path
from ..ruleset.switches import summary_line


def xml_escape(text: str) -> str:
    """xml.sax.saxutils pulls in urllib.request and ssl (~0.14 s): imported when JUnit is written."""
    from xml.sax.saxutils import escape as escape_xml

    return escape_xml(text)


def quoteattr(text: str) -> str:
    from xml.sax.saxutils import quoteattr as quote_xml

    return quote_xml(text)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Our own fingerprint key: GitHub computes ``primaryLocationLineHash`` itself from the file and
# warns "inconsistent fingerprint" when a tool writes a different value under that name.
FINGERPRINT_KEY = "clinicContent/v1"
SUMMARY_LIMIT = 1_000_000  # bytes: GitHub drops a step summary over 1 MiB
ANNOTATION_LIMIT = 10  # GitHub shows at most 10 error and 10 warning annotations per step
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _masked_line(d: Diagnostic, hidden) -> str:
    return (context_line(d.path, d.line, hidden) or "").strip()


def fingerprints(report: Report) -> list[str]:
    """A stable id per diagnostic: sha256(code, path, masked line text) plus an occurrence counter."""
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
    from ..ruleset.registry import find_rule

    return find_rule(code)


def sarif_uri(path: str) -> str:
    """A relative URI reference for ``path`` (Cyrillic, spaces and ``%`` percent-encoded)."""
    return quote(path.replace("\\", "/"), safe="/-._~")


def _artifact(path: str) -> dict[str, str]:
    """Relative to the checkout (``%SRCROOT%``, as code scanning expects); a path outside the
    working directory becomes an absolute ``file:`` URI."""
    if path.startswith("/"):
        from pathlib import PurePosixPath

        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": sarif_uri(path), "uriBaseId": "%SRCROOT%"}


def format_sarif(report: Report, lang: str = "en", color: bool = False, category: str = "clinic-content") -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("clinic-content")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        tool_version = "0"
    codes = sorted({d.code for d in report.diagnostics})
    rules, index = [], {}
    for code in codes:
        rule = _rule_meta(code)
        ru = lang == "ru"
        summary = rule.summary.get(lang) if rule else ("Внутренняя ошибка правила" if ru else "Internal error while running a rule")
        full = rule.doc.get(lang) if rule else ("Правило упало на этом файле; сообщите об этом." if ru
                                                else "A rule crashed on this file; please report it.")
        source = "Источник" if ru else "Source"
        entry = {
            "id": code,
            "name": rule.name if rule else "internal-error",
            "helpUri": rule_doc_url(code, rule.name if rule else None),
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full or summary},
            "help": {"text": f"{full or summary}\n\n{source}: {rule.source}" if rule else full,
                     "markdown": f"{full or summary}\n\n**{source}:** {rule.source}\n\n`clinic-content explain {code}`" if rule else full},
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
                "artifactLocation": _artifact(d.path),
                "region": {"startLine": d.line, "startColumn": d.column, "endLine": end_line, "endColumn": end_column},
            }}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            "properties": {"related": list(d.related)} if d.related else {},
        })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clinic-content", "version": tool_version,
                                "informationUri": "https://github.com/clinic-content/clinic-content",
                                "rules": rules}},
            "automationDetails": {"id": f"{category.rstrip('/')}/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [_sarif_invocation(report, lang)],
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _sarif_invocation(report: Report, lang: str) -> dict:
    """SARIF §3.20: the run's switched-off rules as configuration notifications."""
    notes = [{"level": "warning", "message": {"text": summary_line([w], lang)},
              "descriptor": {"id": "rules-switched-off"},
              "properties": {"origin": w.origin, "codes": list(w.codes), "scope": w.scope}}
             for w in report.switches]
    return {"executionSuccessful": report.internal_errors == 0, "toolConfigurationNotifications": notes}


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
    if report.switches:
        lines.append(f"::notice title={escape_property('clinic-content')}::{escape_data(summary_line(report.switches, lang))}")
    return "".join(line + "\n" for line in lines)


def step_summary(report: Report, lang: str = "en", limit: int = SUMMARY_LIMIT) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: totals per rule and per file, then the findings
    until the text would pass ``limit`` bytes (GitHub drops a summary over 1 MiB), then how
    many more there are and where to see them."""
    ru = lang == "ru"
    counts = report.counts()
    total = len(report.diagnostics)
    parts = [(f"### clinic-content: {total} " + ("замечаний" if ru else "findings")
              + (f" (ошибок: {counts['error']}, предупреждений: {counts['warning']}, подсказок: {counts['info']}), " if ru
                 else f" ({counts['error']} error, {counts['warning']} warning, {counts['info']} info), ")
              + (f"файлов: {report.files_checked}" if ru else f"{report.files_checked} files") + "\n\n")]
    if report.switches:
        parts[0] += f"> {_cell(summary_line(report.switches, lang))}\n\n"
    if not report.diagnostics:
        return parts[0]
    shown_errors = min(counts["error"], ANNOTATION_LIMIT)
    shown_warnings = min(counts["warning"], ANNOTATION_LIMIT)
    if counts["error"] > ANNOTATION_LIMIT or counts["warning"] > ANNOTATION_LIMIT:
        parts.append((f"GitHub показывает на изменениях не больше {ANNOTATION_LIMIT} ошибок и {ANNOTATION_LIMIT} "
                      f"предупреждений за шаг (здесь {shown_errors} и {shown_warnings}); все замечания — в таблице "
                      "ниже и в журнале шага.\n\n") if ru else
                     (f"GitHub shows at most {ANNOTATION_LIMIT} error and {ANNOTATION_LIMIT} warning annotations per "
                      f"step (here {shown_errors} and {shown_warnings}); every finding is in the table below and in "
                      "the step's log.\n\n"))
    by_rule: dict[str, int] = {}
    by_file: dict[str, int] = {}
    for d in report.diagnostics:
        by_rule[d.code] = by_rule.get(d.code, 0) + 1
        by_file[d.path] = by_file.get(d.path, 0) + 1
    parts.append("| " + ("правило | замечаний" if ru else "rule | findings") + " |\n|---|---|\n"
                 + "".join(f"| {code} | {n} |\n" for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
                 + "\n")
    files = sorted(by_file.items(), key=lambda kv: (-kv[1], kv[0]))
    file_rows = [f"| `{_cell(path)}` | {n} |\n" for path, n in files[:50]]
    more_files = len(files) - len(file_rows)
    parts.append("| " + ("файл | замечаний" if ru else "file | findings") + " |\n|---|---|\n" + "".join(file_rows)
                 + ((f"\n…и ещё файлов: {more_files}\n" if ru else f"\n…and {more_files} more files\n") if more_files else "")
                 + "\n")
    parts.append("| " + " | ".join(("файл", "строка", "правило", "важность", "сообщение") if ru
                                    else ("file", "line", "rule", "severity", "message")) + " |\n|---|---|---|---|---|\n")
    size = sum(len(p.encode()) for p in parts)
    reserve = 400  # room for the closing "N more" line
    shown = 0
    for d in report.diagnostics:
        row = (f"| `{_cell(d.path)}` | {d.line}:{d.column} | {d.code} | {severity_label(d.severity, lang)} | "
               f"{_cell(d.message)} |\n")
        if size + len(row.encode()) + reserve > limit:
            break
        parts.append(row)
        size += len(row.encode())
        shown += 1
    if shown < total:
        parts.append((f"\n…и ещё {total - shown} замечаний: смотрите журнал шага или отчёт-артефакт "
                      "(`--format sarif`/`json`).\n") if ru else
                     (f"\n…{total - shown} more findings: see the step's log or the report artifact "
                      "(`--format sarif`/`json`).\n"))
    return "".join(parts)


def _cell(text: str) -> str:
    """One Markdown table cell: no pipes, no line breaks, no backticks breaking code spans."""
    return escape(text).replace("|", "\\|").replace("`", "'")  # escape: no raw line breaks or ANSI


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
    """One ``<testcase>`` per finding (classname = file, name = code + line), since Jenkins'
    JUnit plugin shows only the first ``<failure>`` of a case; a file without findings is one
    passing case. Valid against the xunit plugin's junit-10.xsd (tested)."""
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in report.paths}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    cases: list[str] = []
    for path in sorted(by_path):
        items = by_path[path]
        if not items:
            cases.append(f"    <testcase classname={quoteattr(escape(path))} name={quoteattr('clean')}/>")
        for d in items:  # XML 1.0 has no control characters: escaped like the text output
            message = escape(d.message)
            text = f"{escape_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {message}"
            tag = "error" if d.code == "INTERNAL" else "failure"
            cases.append(f"    <testcase classname={quoteattr(escape(path))} name={quoteattr(f'{d.code} line {d.line}:{d.column}')}>"
                         f"<{tag} type={quoteattr(d.code)} message={quoteattr(message)}>{xml_escape(text)}</{tag}>"
                         "</testcase>")
    failures = sum(1 for d in report.diagnostics if d.code != "INTERNAL")
    errors = len(report.diagnostics) - failures
    counts = f'tests="{len(cases)}" failures="{failures}" errors="{errors}"'
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="clinic-content" {counts}>',
           f'  <testsuite name="clinic-content" {counts}>', *_junit_switches(report, lang), *cases,
           "  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def _junit_switches(report: Report, lang: str) -> list[str]:
    """Switched-off rules as suite properties and system-out (Jenkins shows the latter)."""
    if not report.switches:
        return []
    props = "".join(f"<property name={quoteattr('switched-off')} value={quoteattr(w.describe(lang))}/>"
                    for w in report.switches)
    return [f"    <properties>{props}</properties>",
            f"    <system-out>{xml_escape(summary_line(report.switches, lang))}</system-out>"]


CI_FORMATTERS = {
    "json-lines": format_json_lines,
    "sarif": format_sarif,
    "github": format_github,
    "gitlab": format_gitlab,
    "junit": format_junit,
}
