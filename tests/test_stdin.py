"""`clinic-content lint -`: one post from standard input, with the config and calendar of the
repository its `--stdin-filename` points into."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.cli.main import main

POST = (
    "---\nid: {id}\ntitle: Вакцинация от гриппа\npublish_at: 2026-12-0{day} 10:00\nplatforms: [vk]\n"
    "status: approved\n---\nПрививку делают в процедурном кабинете на втором этаже.\n"
)
AD = (
    "---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-05 10:00\nplatforms: [vk]\nstatus: approved\nad: true\n"
    "expires: 2026-12-31\n---\nСкидка на ультразвуковое исследование щитовидной железы до конца месяца erid: 2VtzqxYb9Vq.\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repo with an English config and one post on disk."""
    root = tmp_path / "repo"
    (root / "posts").mkdir(parents=True)
    (root / ".clinic-content.toml").write_text(
        'lang = "en"\n[clinic]\nlegal-name = "ООО «Клиника»"\ninn = "6671234567"\nlicense = "Л041-00000-77/00000000 от 01.02.2022"\n', encoding="utf-8"
    )
    (root / "posts" / "flu.md").write_text(POST.format(id="flu-2026", day=1), encoding="utf-8")
    return root


def _run(capsys, monkeypatch, text: str | bytes, *argv: str) -> tuple[int, str, str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code = main(["lint", *argv, "--today", "2026-11-22", "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_config_comes_from_the_name_not_the_working_directory(capsys, monkeypatch, repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".clinic-content.toml").write_text('lang = "ru"\n', encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    name = str(repo / "posts" / "new.md")
    text = POST.format(id="new-post", day=8).replace("status: approved", "status: aproved")
    code, out, _ = _run(capsys, monkeypatch, text, "-", "--stdin-filename", name, "--format", "concise")
    assert code == 1
    assert "FM003 [error] 'aproved' is not allowed" in out  # English: the repo's config, not the cwd's


def test_calendar_sees_the_text_in_place_of_the_file(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    duplicate = POST.format(id="flu-2026", day=8)
    code, out, _ = _run(capsys, monkeypatch, duplicate, "-", "--stdin-filename", "posts/new.md", "--format", "concise")
    assert code == 1 and "posts/new.md:2:1: CAL001" in out and "posts/flu.md" in out
    code, out, _ = _run(capsys, monkeypatch, duplicate, "--stdin-filename", "posts/new.md", "--format", "concise")
    assert code == 1 and "posts/new.md:2:1: CAL001" in out  # `-` may be left out, as in ruff
    # the same text named as the file it duplicates replaces it: no duplicate left
    code, out, _ = _run(capsys, monkeypatch, duplicate, "-", "--stdin-filename", "posts/flu.md", "--format", "concise")
    assert "CAL001" not in out, out


def test_context_lines_show_the_text_read_not_the_file_on_disk(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    text = POST.format(id="flu-2026", day=1).replace("status: approved", "status: aproved")
    code, out, _ = _run(capsys, monkeypatch, text, "-", "--stdin-filename", "posts/flu.md")
    assert code == 1
    assert "    6 | status: aproved" in out.splitlines()


def test_without_a_name_no_calendar_rule_runs(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = _run(capsys, monkeypatch, POST.format(id="flu-2026", day=1) + "\n", "-", "--format", "concise")
    assert code == 0, out
    text = POST.format(id="flu-2026", day=1).replace("title:", "titel:")
    code, out, _ = _run(capsys, monkeypatch, text, "-", "--format", "concise")
    assert code == 1 and "stdin.md:3:1: FM002" in out
    assert "CAL" not in out


def test_fix_prints_the_fixed_text_and_leaves_the_disk_alone(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    code, out, err = _run(capsys, monkeypatch, AD, "-", "--stdin-filename", "posts/ad.md", "--fix", "--select", "ADV")
    assert out.startswith(AD.split("---\n", 2)[0] + "---\ntitle: Скидка на УЗИ")
    assert "Реклама. ООО «Клиника», ИНН 6671234567." in out
    assert "Имеются противопоказания" in out
    assert "ADV013" not in err and "ADV001" not in err  # the report on stderr is about the fixed text
    assert not (repo / "posts" / "ad.md").exists()
    assert code == 0, err


def test_fix_keeps_an_unfixable_text_byte_for_byte(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    text = "\ufeff" + POST.format(id="x", day=8).replace("\n", "\r\n")
    code, out, err = _run(capsys, monkeypatch, text, "-", "--fix")
    assert out == text and code == 0, err


def test_diff_of_stdin_exits_1_when_it_would_change(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = _run(capsys, monkeypatch, AD, "-", "--stdin-filename", "posts/ad.md", "--diff", "--select", "ADV")
    assert code == 1 and out.startswith("--- a/posts/ad.md\n+++ b/posts/ad.md\n")
    code, out, _ = _run(capsys, monkeypatch, POST.format(id="x", day=8), "-", "--diff")
    assert code == 0 and out == ""


def test_broken_bytes_are_a_finding_not_a_crash(capsys, monkeypatch, repo: Path) -> None:
    monkeypatch.chdir(repo)
    raw = POST.format(id="x", day=8).encode("cp1251")
    code, out, _ = _run(capsys, monkeypatch, raw, "-", "--format", "concise")
    assert code == 1 and out.startswith("stdin.md:") and "FM005" in out and "windows-1251" in out


@pytest.mark.parametrize("argv", [["-", "posts/flu.md"], ["-", "--changed-since", "HEAD"], ["posts", "--stdin-filename", "x.md"]])
def test_stdin_usage_errors(capsys, monkeypatch, repo: Path, argv: list[str]) -> None:
    monkeypatch.chdir(repo)
    code, _, err = _run(capsys, monkeypatch, POST.format(id="x", day=8), *argv)
    assert code == 2 and "standard input" in err


def test_stdin_through_a_real_pipe(repo: Path) -> None:
    text = POST.format(id="flu-2026", day=8).replace("status: approved", "status: aproved")
    result = subprocess.run(
        [sys.executable, "-m", "clinic_content", "lint", "-", "--stdin-filename", "posts/new.md",
         "--today", "2026-11-22", "--format", "concise", "--no-cache"],
        input=text.encode("utf-8"), capture_output=True, cwd=repo,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1, result.stderr
    assert "posts/new.md:6:9: FM003" in out and "posts/new.md:2:1: CAL001" in out


def test_calendar_of_a_stdin_run_reuses_the_cache_but_never_a_stale_entry(capsys, monkeypatch, repo: Path) -> None:
    import os

    monkeypatch.chdir(repo)
    assert main(["lint", "posts", "--today", "2026-11-22"]) == 0  # fills the cache
    capsys.readouterr()
    flu = repo / "posts" / "flu.md"
    flu.write_text(POST.format(id="renamed-2026", day=1), encoding="utf-8")
    os.utime(flu, ns=(flu.stat().st_mtime_ns + 10**9,) * 2)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POST.format(id="renamed-2026", day=8).encode())))
    assert main(["lint", "-", "--stdin-filename", "posts/new.md", "--today", "2026-11-22", "--format", "concise"]) == 1
    assert "posts/new.md:2:1: CAL001" in capsys.readouterr().out
