"""The command line: exit codes, formats, rules/explain/schema, start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.cli.main import main
from clinic_content.ruleset.registry import all_rules

from .conftest import DEMO

CLEAN = "---\ntitle: Прививка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: approved\n---\nТекст.\n"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(capsys, make_post, tmp_path: Path) -> None:
    clean = make_post("clean.md", CLEAN)
    assert _run(capsys, "lint", str(clean))[0] == 0
    bad = make_post("bad.md", CLEAN.replace("title:", "titel:"))
    assert _run(capsys, "lint", str(bad))[0] == 1
    assert _run(capsys, "lint", str(bad), "--exit-zero")[0] == 0
    assert _run(capsys, "lint", str(tmp_path / "missing.md"))[0] == 2
    assert _run(capsys, "lint", "--format", "xml", str(clean))[0] == 2
    (tmp_path / ".clinic-content.toml").write_text("bogus = 1\n", encoding="utf-8")
    code, _, err = _run(capsys, "lint", str(clean))
    assert code == 2 and "bogus" in err


def test_fail_on_threshold(capsys, make_post) -> None:
    empty = make_post("empty.md", "")  # FM007 is a warning
    assert _run(capsys, "lint", str(empty))[0] == 1
    assert _run(capsys, "lint", str(empty), "--fail-on", "error")[0] == 0


def test_text_output_shows_source_line_and_caret(capsys, make_post) -> None:
    bad = make_post("bad.md", CLEAN.replace("status: approved", "status: aproved"))
    code, out, _ = _run(capsys, "lint", str(bad), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("bad.md:5:9: FM003 [error] 'aproved' is not allowed for 'status'; did you mean 'approved'? "
                             "Allowed: draft, review, approved, scheduled, published, cancelled")
    assert lines[1] == "    5 | status: aproved"
    assert lines[2] == "      |         ^^^^^^^"
    assert "\x1b[" not in out  # no colour when not a TTY


def test_json_output_schema(capsys, make_post) -> None:
    bad = make_post("bad.md", CLEAN.replace("status: approved\n", "status: approved\nreviwed_by: Петров\n"))
    code, out, _ = _run(capsys, "lint", str(bad), "--format", "json", "--lang", "ru")
    document = json.loads(out)
    assert code == 1 and document["version"] == 1
    (d,) = document["diagnostics"]
    assert set(d) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "related"}
    assert (d["code"], d["line"], d["column"], d["severity"]) == ("FM002", 6, 1, "error")
    assert "возможно" in d["message"]
    assert document["summary"]["counts"] == {"info": 0, "warning": 0, "error": 1}


def test_lang_follows_locale(capsys, make_post, monkeypatch) -> None:
    bad = make_post("bad.md", CLEAN.replace("title:", "titel:"))
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "Неизвестный ключ" in _run(capsys, "lint", str(bad))[1]
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Unknown key" in _run(capsys, "lint", str(bad))[1]


def test_output_file_and_quiet(capsys, make_post, tmp_path: Path) -> None:
    bad = make_post("bad.md", CLEAN.replace("title:", "titel:"))
    target = tmp_path / "report.json"
    code, out, _ = _run(capsys, "lint", str(bad), "--format", "json", "-o", str(target))
    assert code == 1 and out == "" and json.loads(target.read_text(encoding="utf-8"))["diagnostics"]
    assert _run(capsys, "lint", str(bad), "--quiet")[1] == ""


def test_statistics(capsys, make_post) -> None:
    bad = make_post("bad.md", CLEAN.replace("title:", "titel:").replace("status:", "statsu:"))
    code, out, _ = _run(capsys, "lint", str(bad), "--statistics")
    assert code == 1 and out.split()[:3] == ["2", "FM002", "unknown-key"]


def test_rules_lists_every_rule_with_source(capsys) -> None:
    code, out, _ = _run(capsys, "rules", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == list(all_rules())
    assert all(r["source"] and r["summary"]["ru"] and r["summary"]["en"] for r in rows)


@pytest.mark.parametrize("rule_id", list(all_rules(plugins=False)))
def test_explain_every_rule(capsys, rule_id: str) -> None:
    code, out, _ = _run(capsys, "explain", rule_id, "--lang", "ru")
    assert code == 0 and out.startswith(rule_id) and "Источник" in out
    code, out, _ = _run(capsys, "explain", rule_id, "--lang", "en")
    assert "Source" in out and ("Example that fails" in out or not all_rules()[rule_id].bad_example)


def test_explain_unknown_rule(capsys) -> None:
    assert _run(capsys, "explain", "NOPE999")[0] == 2


def test_schema_is_json_schema_with_aliases(capsys) -> None:
    code, out, _ = _run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["additionalProperties"] is False
    assert {"publish_at", "date", "publishDate", "expiryDate", "draft", "platforms"} <= set(schema["properties"])
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)


def test_help_and_rules_do_not_import_the_morphology_analyzer() -> None:
    code = (
        "import sys; from clinic_content.cli.main import main; main(['--help']); main(['rules']); "
        "main(['explain', 'FM002']); print('pymorphy3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")


def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clinic_content", "lint", str(DEMO), "--format", "json", "--today", "2026-11-22"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["diagnostics"]


def test_stats_reports_numbers_per_post(capsys) -> None:
    target = DEMO / "posts" / "2027-01" / "gastritis-jargon.md"
    code, out, _ = _run(capsys, "stats", str(target), "--format", "json")
    (row,) = json.loads(out)
    assert code == 0
    assert row["words"] == 47 and row["terms"] == 14 and row["unexplained_terms"] == 14
    assert row["readability"] < 0 and row["audience"] == "patients"
    code, out, _ = _run(capsys, "stats", str(target), "--lang", "en")
    assert out.splitlines()[0].split()[:2] == ["words", "score"]
