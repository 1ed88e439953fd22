"""CI formats: golden outputs on the demo (byte-identical between runs), SARIF against the
official schema, GitHub escaping with Cyrillic, GitLab fingerprints, JUnit XML."""

from __future__ import annotations

import hashlib
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from clinic_content.report.ci_formats import escape_data, escape_property, format_github, step_summary
from clinic_content.cli.main import FORMAT_CHOICES, main
from clinic_content.core.diagnostics import Diagnostic, Report, Severity
from clinic_content.report.formats import FORMATTERS

from .conftest import REPO

DEMO = REPO / "examples" / "demo-clinic"
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _lint_demo(fmt: str, capsys, *extra: str) -> str:
    cwd = os.getcwd()
    os.chdir(DEMO)
    try:
        code = main(["lint", ".", "--today", "2026-11-22", "--format", fmt, *extra])
    finally:
        os.chdir(cwd)
    assert code == 1
    return capsys.readouterr().out


def test_cli_choices_are_the_registered_formatters() -> None:
    assert set(FORMAT_CHOICES) == set(FORMATTERS)


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_golden_output_on_the_demo(fmt: str, capsys) -> None:
    first = _lint_demo(fmt, capsys)
    second = _lint_demo(fmt, capsys)
    assert first == second, f"{fmt} output differs between two runs"
    from importlib.metadata import version

    normalised = first.replace(f'"version": "{version("clinic-content")}"', '"version": "X"')
    golden = GOLDEN / f"demo.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(normalised, encoding="utf-8")
    assert normalised == golden.read_text(encoding="utf-8"), f"{fmt}: run UPDATE_GOLDEN=1 pytest to accept a change"


def test_sarif_validates_against_the_official_schema(capsys) -> None:
    document = json.loads(_lint_demo("sarif", capsys))
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[:3]
    run = document["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= region.keys()
        assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
        assert rules[result["ruleId"]]["shortDescription"]["text"] and rules[result["ruleId"]]["help"]["text"]
        assert not result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
    prints = [r["partialFingerprints"]["clinicContent/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints))


def _diag(path: str, message: str, **kw) -> Diagnostic:
    return Diagnostic(path=path, line=3, column=5, code="ADV001", end_line=3, end_column=9,
                      severity=Severity.ERROR, name="missing-ad-warning", message=message, **kw)


def test_github_escaping_with_cyrillic_paths_and_messages() -> None:
    report = Report([_diag("posts/акции,скидки/50%:.md", "Скидка 50 %,\nзапишитесь: сейчас")])
    (line,) = format_github(report).splitlines()
    assert line.startswith("::error title=clinic-content (ADV001),file=posts/акции%2Cскидки/50%25%3A.md,line=3,col=5,endLine=3,endColumn=9::")
    message = line.split("::", 2)[2]
    assert message == "posts/акции,скидки/50%25:.md:3:5: ADV001 Скидка 50 %25,%0Aзапишитесь: сейчас"
    assert "\n" not in message and "\r" not in message
    assert escape_data("a%\r\nb") == "a%25%0D%0Ab" and escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_multiline_span_has_no_columns() -> None:
    d = Diagnostic(path="p.md", line=3, column=5, code="X", end_line=5, end_column=2, severity=Severity.WARNING, message="m")
    assert format_github(Report([d])).startswith("::warning title=clinic-content (X),file=p.md,line=3,endLine=5::")


def test_github_step_summary_is_written_when_the_variable_is_set(tmp_path: Path, capsys, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = _lint_demo("github", capsys)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### clinic-content: ")
    findings = text[text.index("| файл | строка |"):]
    assert findings.count("\n| `posts/") == out.count("\n::") + 1  # every finding, not only 10 per level
    assert "| файл | строка | правило | важность | сообщение |" in text


def test_step_summary_escapes_pipes() -> None:
    assert "a \\| b" in step_summary(Report([_diag("p.md", "a | b")], files_checked=1))


def test_gitlab_code_quality_shape_and_stable_fingerprints(capsys) -> None:
    issues = json.loads(_lint_demo("gitlab", capsys))
    assert issues and all(set(i) == {"check_name", "description", "severity", "fingerprint", "location"} for i in issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["location"]["positions"]["begin"]["line"] >= 1 for i in issues)


def test_junit_has_one_testcase_per_finding_and_passes_the_jenkins_xsd(capsys) -> None:
    lxml = pytest.importorskip("lxml.etree")
    text = _lint_demo("junit", capsys)
    schema = lxml.XMLSchema(lxml.parse(str(Path(__file__).parent / "schemas" / "junit-10.xsd")))
    document = lxml.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    findings = len(_lint_demo("json-lines", capsys).splitlines())
    suite = ET.fromstring(text).find("testsuite")
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == int(suite.get("failures")) == findings  # Jenkins shows one failure per case
    assert all(len(c.findall("failure")) == 1 for c in failed)
    assert all(c.get("name").split()[0] == c.find("failure").get("type") for c in failed)
    clean = [c for c in cases if c.find("failure") is None]
    assert len(cases) == int(suite.get("tests")) == findings + len(clean) and clean
    assert {c.get("classname") for c in failed} <= {c.get("classname") for c in cases}


def test_json_lines_is_one_object_per_finding(capsys) -> None:
    lines = _lint_demo("json-lines", capsys).splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects and all({"path", "line", "column", "code", "severity", "message"} <= o.keys() for o in objects)


def test_format_from_config_and_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("---\ntitle: x\ntypo: 1\n---\nТекст.\n", encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text('format = "json-lines"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["lint", "posts"])
    assert json.loads(capsys.readouterr().out.splitlines()[0])["code"]
    monkeypatch.setenv("CLINIC_CONTENT_FORMAT", "concise")
    main(["lint", "posts"])
    assert capsys.readouterr().out.startswith("posts/a.md:")
    main(["lint", "posts", "--format", "github"])
    assert capsys.readouterr().out.startswith("::")


def test_fingerprints_do_not_contain_personal_data_hashes(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(
        "---\ntitle: x\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nЗвоните +7 912 345-67-12.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["lint", "posts", "--format", "sarif"])
    sarif = capsys.readouterr().out
    raw_line = "Звоните +7 912 345-67-12."
    assert hashlib.sha256(raw_line.encode()).hexdigest()[:16] not in sarif
    assert "345-67-12" not in sarif
