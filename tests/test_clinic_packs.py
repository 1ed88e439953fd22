"""A clinic's own phrase packs (`packs = [...]` in the config): loaded as rules, validated
with file:line errors (exit 2), examples run by `packs test` and before every `lint`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.cli.main import main

from .conftest import DEMO

PACK = '''# our style
[[rule]]
id = "OUR001"
name = "patient-not-client"
severity = "warning"
summary = { ru = "«Клиент» вместо «пациент»", en = "'Client' instead of 'patient'" }
message = { ru = "«{match}»: пишем «пациент»", en = "'{match}': we write «пациент»" }
doc.ru = """Люди, которые у нас лечатся, — пациенты."""
doc.en = """People we treat are patients."""
source = "Clinic style guide, section 2"
phrases = ["клиент"]
[rule.examples]
fire = ["Для наших клиентов открыта запись.", "Клиент выбирает врача сам."]
silent = ["Для наших пациентов открыта запись."]
'''
POST = ("---\ntitle: Запись\npublish_at: 2026-12-05 10:00\nplatforms: [vk]\nstatus: approved\n---\n"
        "{body}\n")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "style").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "style" / "our.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\npacks = ["style/our.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _lint(capsys, *argv: str) -> tuple[int, str, str]:
    return _run(capsys, "lint", *argv, "--today", "2026-11-22", "--format", "concise", "--no-cache")


@pytest.mark.parametrize("body, fires", [
    ("Наши клиенты записываются онлайн.", True),
    ("Мы перезвоним каждому клиенту.", True),
    ("Приём клиентов ведётся по записи.", True),
    ("Наши пациенты записываются онлайн.", False),
    ("Клиентоориентированность — не наше слово.", False),
])
def test_pack_rule_lints_posts(capsys, repo: Path, body: str, fires: bool) -> None:
    (repo / "posts" / "a.md").write_text(POST.format(body=body), encoding="utf-8")
    code, out, err = _lint(capsys, "posts")
    assert ("OUR001 [warning]" in out) is fires, out + err
    assert code == (1 if fires else 0)


def test_pack_rules_are_listed_explained_and_selectable(capsys, repo: Path) -> None:
    assert "OUR001   patient-not-client" in _run(capsys, "rules")[1]
    code, out, _ = _run(capsys, "explain", "patient-not-client", "--lang", "en")
    assert code == 0 and "Clinic style guide, section 2" in out and "clinic pack" in out
    (repo / "posts" / "a.md").write_text(POST.format(body="Наши клиенты довольны."), encoding="utf-8")
    assert _lint(capsys, "posts", "--ignore", "OUR")[0] == 0
    assert "OUR001" in _lint(capsys, "posts", "--select", "patient-not-client")[1]


def test_packs_are_relative_to_the_config_not_the_working_directory(capsys, repo: Path, monkeypatch) -> None:
    (repo / "posts" / "a.md").write_text(POST.format(body="Наши клиенты довольны."), encoding="utf-8")
    monkeypatch.chdir(repo / "posts")
    assert "OUR001" in _lint(capsys, "a.md")[1]


def test_editing_a_pack_invalidates_the_cache(capsys, repo: Path) -> None:
    (repo / "posts" / "a.md").write_text(POST.format(body="Наши клиенты довольны."), encoding="utf-8")
    argv = ("lint", "posts", "--today", "2026-11-22", "--format", "concise")
    assert "OUR001 [warning]" in _run(capsys, *argv)[1]
    pack = repo / "style" / "our.toml"
    pack.write_text(PACK.replace('severity = "warning"', 'severity = "info"'), encoding="utf-8")
    os.utime(pack, ns=(pack.stat().st_mtime_ns + 10**9,) * 2)
    assert "OUR001 [info]" in _run(capsys, *argv)[1]


def test_packs_test_lists_every_misbehaving_example(capsys, repo: Path) -> None:
    assert _run(capsys, "packs", "test") == (0, "1 rules, 3 examples: all behave.\n", "")
    broken = PACK.replace('"Клиент выбирает врача сам."', '"Пациент выбирает врача сам."').replace(
        '"Для наших пациентов открыта запись."', '"Для наших клиентов и пациентов открыта запись."')
    (repo / "style" / "our.toml").write_text(broken, encoding="utf-8")
    code, out, _ = _run(capsys, "packs", "test")
    assert code == 1
    assert out.splitlines() == [
        "style/our.toml:13: OUR001 does not match its fire example: «Пациент выбирает врача сам.»",
        "style/our.toml:14: OUR001 matches its silent example: «Для наших клиентов и пациентов открыта запись.»",
        "2 of 3 examples in 1 rules misbehave.",
    ]
    # lint refuses to run a rule its own examples contradict
    code, _, err = _lint(capsys, "posts")
    assert code == 2 and "style/our.toml:13: OUR001 does not match its fire example" in err
    assert "clinic-content packs test" in err


def test_packs_test_takes_files_and_speaks_russian(capsys, repo: Path) -> None:
    other = repo / "style" / "other.toml"
    other.write_text(PACK.replace("OUR001", "OUR002").replace("patient-not-client", "client-word"), encoding="utf-8")
    code, out, _ = _run(capsys, "packs", "test", str(other), "--lang", "ru")
    assert code == 0 and out == "Правил: 1, примеров: 3 — все ведут себя как задумано.\n"
    (repo / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    code, _, err = _run(capsys, "packs", "test")
    assert code == 2 and "no packs" in err


@pytest.mark.parametrize("old, new, where, message", [
    ('severity = "warning"', 'severity = "fatal"', "style/our.toml:5:", "rule #1 (OUR001): 'severity'"),
    ('phrases = ["клиент"]', 'phrases = ["клиент"', "style/our.toml:12:1:", "invalid TOML"),
    ('phrases = ["клиент"]', 'phrases = []', "style/our.toml:11:", "'phrases': List should have at least 1 item"),
    ('phrases = ["клиент"]', 'phrases = ["клиент{plur"]', "style/our.toml:11:", "phrase 'клиент{plur'"),
    ('id = "OUR001"', 'id = "ADV002"', "style/our.toml:2:", "ADV002 is a built-in rule"),
    ('name = "patient-not-client"', 'name = "guaranteed-result"', "style/our.toml:2:", "taken by built-in rule ADV002"),
    ('source = "Clinic', 'sorce = "Clinic', "style/our.toml:10:", "'sorce': Extra inputs are not permitted; did you mean 'source'?"),
    ('[[rule]]', '[[rules]]', "style/our.toml:2:", "did you mean [[rule]]"),
    ('phrases = ["клиент"]', 'phrases = ["клиент"]\nwhen = { platforms = ["vkontakte"] }', "style/our.toml:12:",
     "unknown platform 'vkontakte'"),
    ('phrases = ["клиент"]', 'phrases = ["клиент"]\nplatform_severity = { telegramm = "error" }', "style/our.toml:12:",
     "did you mean 'telegram'?"),
])
def test_broken_pack_is_exit_2_with_file_and_line(capsys, repo: Path, old: str, new: str, where: str, message: str) -> None:
    (repo / "style" / "our.toml").write_text(PACK.replace(old, new, 1), encoding="utf-8")
    (repo / "posts" / "a.md").write_text(POST.format(body="Текст."), encoding="utf-8")
    for argv in (("lint", "posts", "--today", "2026-11-22", "--no-cache"), ("packs", "test")):
        code, _, err = _run(capsys, *argv)
        assert code == 2, err
        assert f"error: {where}" in err and message in err, err


def test_duplicate_ids_between_packs(capsys, repo: Path) -> None:
    (repo / "style" / "copy.toml").write_text(PACK, encoding="utf-8")
    (repo / ".clinic-content.toml").write_text('packs = ["style/*.toml"]\n', encoding="utf-8")
    code, _, err = _run(capsys, "packs", "test")
    assert code == 2 and "style/our.toml:2: rule id 'OUR001' is also defined at style/copy.toml:2" in err


@pytest.mark.parametrize("entry, message", [
    ("../outside.toml", "outside the repository"),
    ("style/escape.toml", "outside the repository"),  # a symlink pointing out
    ("/etc/passwd", "must be a path relative to the config file"),
    ("style/missing.toml", "not found"),
    ("nothing/*.toml", "not found"),
])
def test_pack_paths_stay_inside_the_repository(capsys, repo: Path, tmp_path_factory, entry: str, message: str) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "outside.toml"
    outside.write_text(PACK, encoding="utf-8")
    (repo.parent / "outside.toml").write_text(PACK, encoding="utf-8")
    (repo / "style" / "escape.toml").symlink_to(outside)
    (repo / ".clinic-content.toml").write_text(f'packs = ["{entry}"]\n', encoding="utf-8")
    code, _, err = _run(capsys, "lint", "--today", "2026-11-22", "--no-cache")
    assert code == 2 and ".clinic-content.toml:1: pack" in err and message in err, err


def test_demo_clinic_pack_through_the_real_cli() -> None:
    run = [sys.executable, "-m", "clinic_content"]
    result = subprocess.run([*run, "packs", "test", "--lang", "en"], capture_output=True, text=True, cwd=DEMO)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 rules, 5 examples: all behave.\n"
    post = "---\ntitle: Запись\npublish_at: 2026-12-05 10:00\nplatforms: [vk]\nstatus: approved\n---\nКлиентов просим приходить заранее.\n"
    result = subprocess.run([*run, "lint", "-", "--stdin-filename", "posts/2026-12/x.md", "--today", "2026-11-22",
                             "--format", "concise", "--select", "CLN"], input=post, capture_output=True, text=True, cwd=DEMO)
    assert result.stdout.startswith("posts/2026-12/x.md:7:1: CLN001 [info] «Клиентов»"), result.stdout + result.stderr


def test_listing_rules_with_a_pack_does_not_load_the_morphology_analyzer() -> None:
    code = ("import sys\nfrom clinic_content.cli.main import main\nmain(['rules'])\n"
            "print('pymorphy3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=DEMO).stdout
    assert "CLN001" in out and out.strip().endswith("False")
