"""Issue 11 §2.7: one run speaks one language end to end — labels, notes, config errors,
FM003's validation messages, and `rules`/`explain` following `lang` in the config."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .cli_run import run_cli

POST = """---
title: Вакцинация от клещевого энцефалита
publish_at: {when}
platforms: [vk]
category: education
ad: {ad}
---
Прививку делают заранее: курс из двух уколов с перерывом в месяц.
"""
LATIN_WORDS = re.compile(r"\b(?:error|warning|info|invalid|unknown|should|expected|fixed|value|input)\b", re.I)


_run = run_cli


def _repo(tmp_path: Path, config: str = 'lang = "ru"\n', **post: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "tick.md").write_text(POST.format(**{"when": "2026-12-03 10:00", "ad": "false", **post}),
                                               encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text(config, encoding="utf-8")
    return tmp_path


def test_fm003_speaks_russian_not_pydantic(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, when="в среду утром", ad="наверное")
    post = repo / "posts" / "tick.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "ad: наверное\n", "ad: наверное\ntargeting:\n  min_age: -3\nsources: 5\n"), encoding="utf-8")
    argv = ["lint", "--no-cache", "--today", "2026-11-22", "--select", "FM003", "--format", "concise"]
    _, out, _ = _run(repo, capsys, *argv)
    assert len(out.splitlines()) == 4 and "Input should" not in out and "valid" not in out
    assert "должно быть не меньше 0" in out and "ожидается список" in out
    _, out, _ = _run(repo, capsys, *argv, "--lang", "en")
    assert "must be at least 0" in out and "expected a list" in out


def test_text_labels_and_summary_are_russian(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, when="в среду утром")
    _, out, _ = _run(repo, capsys, "lint", "--no-cache", "--today", "2026-11-22")
    assert "[ошибка]" in out and "[error]" not in out


@pytest.mark.parametrize("config", [
    'lang = "ru"\ntimezone = "Moscow"\n',
    'lang = "ru"\ncontent-root = ["posts"]\n',
    'lang = "ru"\nselect = ["AVD"]\n',
    'lang = "ru"\n[rules.PLAT001]\nlimits = 5\n',
    'lang = "ru"\nplugins = ["nope"]\n',
    'lang = "ru"\nlang = [\n',
])
def test_config_errors_speak_the_configs_language(tmp_path: Path, capsys, config: str) -> None:
    code, _, err = _run(_repo(tmp_path, config), capsys, "lint", "--no-cache")
    assert code == 2 and err.startswith("clinic-content: ошибка: ")
    message = err.split(".toml", 1)[1]
    assert not LATIN_WORDS.search(message), err


def test_usage_error_and_fix_note_are_russian(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path, ad="true")
    code, _, err = _run(repo, capsys, "lint", "nope.md")
    assert code == 2 and "нет такого файла или папки" in err
    code, _, err = _run(repo, capsys, "lint", "--only-changed-lines")
    assert code == 2 and "--changed-since" in err and "ошибка" in err
    code, _, err = _run(repo, capsys, "lint", "--no-cache", "--today", "2026-11-22", "--fix")
    assert "clinic-content: исправлено posts/tick.md (ADV001" in err and "fixed" not in err


def test_rules_and_explain_follow_the_config_language(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    repo = _repo(tmp_path)
    _, out, _ = _run(repo, capsys, "rules")
    assert "В медицинской рекламе нет предупреждения" in out and "ошибка" in out
    _, out, _ = _run(repo, capsys, "explain", "ADV001")
    assert "Семейство: ADV (закон о рекламе)" in out and "Важность по умолчанию: ошибка" in out
    _, out, _ = _run(repo, capsys, "explain", "ADV001", "--lang", "en")
    assert "Family: ADV (advertising law)" in out
    code, _, err = _run(repo, capsys, "explain", "ADV999")
    assert code == 2 and "нет правила" in err


FORMER_SEED_SOURCES = ["CAL002", "CAL003", "CAL004", "CAL005", "CAL006", "CAL008", "SRC001", "SRC002", "SRC003",
                       "SRC004", "SRC005", "LANG001", "LANG002", "LANG003", "LANG005", "LANG006", "PLAT002", "PLAT003",
                       "PLAT010"]


def test_sources_are_things_a_user_can_look_up() -> None:
    from clinic_content.ruleset.registry import all_rules

    rules = all_rules(plugins=False)
    vague = [r.id for r in rules.values()
             if re.search(r"seed", r.source + r.doc.en, re.I) or re.search(r"стать[яи]-источник", r.doc.ru, re.I)]
    assert not vague
    unlinked = [rule_id for rule_id in FORMER_SEED_SOURCES if "https://" not in rules[rule_id].source]
    assert not unlinked


def test_step_summary_and_sarif_help_speak_russian() -> None:
    from clinic_content.report.ci_formats import format_sarif, step_summary
    from clinic_content.core.diagnostics import Diagnostic, Report, Severity

    report = Report([Diagnostic("posts/a.md", 3, 1, "ADV001", severity=Severity.ERROR, message="Нет предупреждения")],
                    files_checked=1)
    summary = step_summary(report, "ru")
    assert "ошибок: 1" in summary and "| ошибка |" in summary and " error" not in summary
    assert "Источник:" in format_sarif(report, "ru") and "Source:" not in format_sarif(report, "ru")
