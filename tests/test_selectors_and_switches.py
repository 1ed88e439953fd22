"""Issue 11 §2.2 and issue 14 item 2: a selector that names no rule is an error (exit 2,
"did you mean"), and every switch that turns rules off is visible in every summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_run import run_cli

POST = """---
title: Скидка на профессиональную гигиену
publish_at: 2026-12-14 11:00
platforms: [vk]
category: news
{extra}---
Только до конца декабря профессиональная чистка зубов со скидкой 15%.
"""


def _repo(tmp_path: Path, config: str = "", extra: str = "") -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "sale.md").write_text(POST.format(extra=extra), encoding="utf-8")
    if config:
        (tmp_path / ".clinic-content.toml").write_text(config, encoding="utf-8")
    return tmp_path


def _lint(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    return run_cli(repo, capsys, "lint", "--no-cache", "--today", "2026-11-22", "--lang", "en", *args)


@pytest.mark.parametrize("args, hint", [
    (["--select", "AVD"], "did you mean 'ADV'"),
    (["--select", "NOPE123"], "'NOPE123'"),
    (["--ignore", "ADV9"], "did you mean 'ADV0'"),
    (["--extend-select", "ADV0O1"], "did you mean 'ADV001'"),
    (["--select", "text-to-long"], "did you mean 'text-too-long'"),
])
def test_unknown_selector_on_the_command_line_is_a_usage_error(tmp_path: Path, capsys, args, hint) -> None:
    code, out, err = _lint(_repo(tmp_path), capsys, *args)
    assert code == 2 and out == ""
    assert hint in err and args[0] in err


@pytest.mark.parametrize("config, hint", [
    ('select = ["AVD"]\n', "did you mean 'ADV'"),
    ('select = ["NOPE"]\n', "'NOPE'"),
    ('select = []\n', "enables no rule"),
    ('ignore = [""]\n', "empty rule code"),
    ('ignore = ["ALL"]\n', "enables no rule"),
    ('[per-file-ignores]\n"posts/*" = ["ADV9"]\n', "did you mean 'ADV0'"),
    ('[severity]\nADV01 = "info"\nPRVI = "info"\n', "did you mean 'PRIV'"),
    ('[rules.TYPO]\nlimit = 5\n', "[rules.TYPO] names no rule"),
    ('[rules.text-to-long]\nlimits = { vk = 100 }\n', "did you mean 'text-too-long'"),
])
def test_config_that_would_switch_rules_off_silently_is_an_error(tmp_path: Path, capsys, config, hint) -> None:
    code, out, err = _lint(_repo(tmp_path, config), capsys)
    assert code == 2 and out == ""
    assert hint in err and ".clinic-content.toml" in err


def test_config_error_names_the_line(tmp_path: Path, capsys) -> None:
    _, _, err = _lint(_repo(tmp_path, 'lang = "en"\n\nselect = ["AVD"]\n'), capsys)
    assert ".clinic-content.toml:3: select" in err


def test_second_config_file_next_to_pyproject_is_an_error(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, 'ignore = ["ADV"]\n')
    (repo / "pyproject.toml").write_text('[tool.clinic-content]\nlang = "en"\n', encoding="utf-8")
    code, _, err = _lint(repo, capsys)
    assert code == 2 and "pyproject.toml" in err and "keep one" in err


def test_broken_pyproject_with_our_table_is_an_error_not_skipped(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text('[tool.clinic-content]\nignore = ["ADV"\n', encoding="utf-8")
    code, _, err = _lint(repo, capsys)
    assert code == 2 and "invalid TOML" in err


def test_unrelated_broken_pyproject_is_not_our_business(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "pyproject.toml").write_text('[project\nname = "x"\n', encoding="utf-8")
    code, out, err = _lint(repo, capsys, "--format", "json")
    assert code in (0, 1) and "pyproject" not in err
    assert json.loads(out)["summary"]["files_checked"] == 1


def test_blanket_suppression_in_a_post_is_a_finding(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, extra="lint:\n  ignore: [ALL]\n")
    code, out, _ = _lint(repo, capsys)
    assert code == 1
    assert "posts/sale.md:7:12: FM021" in out and "Blanket suppression" in out
    assert "switched off" in out and "posts/sale.md: ALL (whole file)" in out


def test_config_ignore_is_named_in_every_summary(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = _repo(tmp_path, 'ignore = ["ADV0"]\n')
    _, text, _ = _lint(repo, capsys)
    assert "switched off" in text.splitlines()[-1] and ".clinic-content.toml: ignore = ['ADV0']" in text
    _, out, _ = _lint(repo, capsys, "--format", "json")
    switches = json.loads(out)["summary"]["switches"]
    assert switches[0]["origin"] == ".clinic-content.toml" and "ADV001" in switches[0]["codes"]
    _, out, _ = _lint(repo, capsys, "--format", "sarif")
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert notes and "ADV001" in notes[0]["properties"]["codes"]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _, out, _ = _lint(repo, capsys, "--format", "github")
    assert "switched off" in summary.read_text(encoding="utf-8")
    assert out.splitlines()[-1].startswith("::notice title=clinic-content::Note: some checks are switched off")


def test_command_line_ignore_and_per_file_ignores_are_named(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, '[per-file-ignores]\n"posts/*" = ["LANG"]\n')
    _, text, _ = _lint(repo, capsys, "--ignore", "PLAT")
    last = text.splitlines()[-1]
    assert "command line: --ignore PLAT" in last and "LANG in files posts/*" in last


def test_default_run_says_nothing_about_switches(tmp_path: Path, capsys) -> None:
    _, text, _ = _lint(_repo(tmp_path), capsys)
    assert "switched off" not in text


def test_summary_speaks_russian_in_a_russian_run(tmp_path: Path, capsys) -> None:
    _, text, _ = _lint(_repo(tmp_path, 'ignore = ["ADV0"]\n'), capsys, "--lang", "ru")
    assert "часть проверок выключена" in text and "правил выключено" in text


def test_sarif_with_switches_validates_against_the_official_schema(tmp_path: Path, capsys) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    repo = _repo(tmp_path, '[per-file-ignores]\n"posts/*" = ["LANG"]\n', extra="lint:\n  ignore: [ALL]\n")
    _, out, _ = _lint(repo, capsys, "--format", "sarif", "--ignore", "PLAT")
    document = json.loads(out)
    jsonschema.validate(document, schema)
    assert len(document["runs"][0]["invocations"][0]["toolConfigurationNotifications"]) == 3


def test_nested_config_beside_a_post_cannot_switch_everything_off_silently(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, 'lang = "en"\n')
    (repo / "posts" / ".clinic-content.toml").write_text("select = []\n", encoding="utf-8")
    code, out, err = _lint(repo, capsys)
    assert code == 2 and "enables no rule" in err and "posts/.clinic-content.toml" in err
    (repo / "posts" / ".clinic-content.toml").write_text('extend = "../.clinic-content.toml"\nignore = ["ADV"]\n',
                                                          encoding="utf-8")
    _, out, _ = _lint(repo, capsys)
    assert "posts/.clinic-content.toml: ignore = ['ADV']" in out.splitlines()[-1]


@pytest.mark.parametrize("config, fragment", [
    ('[severity]\nADV = "info"\n', 'severity ADV = "info"'),
    ('fail-on = "error"\n', 'fail-on = "error"'),
])
def test_severity_below_fail_on_is_named_as_no_longer_failing(tmp_path: Path, capsys, config, fragment) -> None:
    _, out, _ = _lint(_repo(tmp_path, config), capsys)
    assert fragment in out.splitlines()[-1] and "no longer fail the run" in out.splitlines()[-1]


def test_exclude_is_named(tmp_path: Path, capsys) -> None:
    _, out, err = _lint(_repo(tmp_path, 'exclude = ["posts/*"]\n'), capsys, "posts/sale.md")
    assert "exclude = ['posts/*'] — these files are not linted" in out


def test_junit_with_switches_passes_the_jenkins_xsd(tmp_path: Path, capsys) -> None:
    lxml = pytest.importorskip("lxml.etree")
    repo = _repo(tmp_path, 'ignore = ["ADV0"]\n')
    _, out, _ = _lint(repo, capsys, "--format", "junit")
    schema = lxml.XMLSchema(lxml.parse(str(Path(__file__).parent / "schemas" / "junit-10.xsd")))
    assert schema.validate(lxml.fromstring(out.encode("utf-8"))), schema.error_log
    assert 'name="switched-off"' in out and "switched off" in out
