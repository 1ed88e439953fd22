"""Issue 11 §2.9: --only-changed-lines needs --changed-since; --diff exits 1 when it would
change files; fixable findings carry ruff's [*] and the summary counts them."""

from __future__ import annotations

import os
from pathlib import Path

from clinic_content.cli.main import main

from .cli_run import run_cli

AD = """---
title: Скидка на УЗИ щитовидной железы
publish_at: 2026-12-10 10:00
platforms: [vk]
category: promo
ad: true
advertiser: ООО «Клиника»
---
До конца месяца УЗИ щитовидной железы стоит 1 200 ₽ вместо 1 500 ₽.
"""


def _run(folder: Path, capsys, *argv: str) -> tuple[int, str, str]:
    return run_cli(folder, capsys, "lint", "--no-cache", "--today", "2026-11-22", "--lang", "en", *argv)


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "ultrasound.md").write_text(AD, encoding="utf-8")
    return tmp_path


def test_only_changed_lines_without_changed_since_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, out, err = _run(_repo(tmp_path), capsys, "--only-changed-lines")
    assert code == 2 and out == "" and "--only-changed-lines needs --changed-since" in err


def test_diff_exits_1_when_it_would_change_files_and_0_when_not(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    code, out, _ = _run(repo, capsys, "--diff")
    assert code == 1 and out.startswith("--- a/posts/ultrasound.md")
    assert (repo / "posts" / "ultrasound.md").read_text(encoding="utf-8") == AD
    _run(repo, capsys, "--fix")
    code, out, _ = _run(repo, capsys, "--diff")
    assert code == 0 and out == ""


def test_fixable_findings_are_marked_and_counted(tmp_path: Path, capsys) -> None:
    _, out, _ = _run(_repo(tmp_path), capsys)
    marked = [line for line in out.splitlines() if " [*] " in line and line.startswith("posts/")]
    assert marked and all(line.split(": ")[1].startswith("ADV") for line in marked)
    assert f"[*] {len(marked)} fixable with the `--fix` option." in out
    _, ru, _ = _run(tmp_path, capsys, "--lang", "ru")
    assert f"[*] Исправимо автоматически (`--fix`): {len(marked)}." in ru


def test_unfixable_findings_are_not_marked(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "ultrasound.md").write_text(AD.replace("publish_at: 2026-12-10 10:00", "publish_at: скоро"),
                                                 encoding="utf-8")
    _, out, _ = _run(repo, capsys, "--select", "FM")
    assert "FM003" in out and "[*]" not in out


def test_marks_survive_the_cache(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        main(["lint", "--today", "2026-11-22", "--lang", "en"])
        first = capsys.readouterr().out
        main(["lint", "--today", "2026-11-22", "--lang", "en"])
        second = capsys.readouterr().out
    finally:
        os.chdir(cwd)
    assert "[*]" in first and first == second
