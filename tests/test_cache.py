"""The lint cache: a warm run reports exactly what a cold one does, and every input
that can change a result (the file, media next to it, the config, the day) invalidates it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from clinic_content.engine.cache import CACHE_DIR
from clinic_content.cli.main import main

POST = "---\ntitle: УЗИ\npublish_at: 2026-12-{day} 10:00\nplatforms: [vk]\nstatus: {status}\ncategory: education\n{extra}---\n{body}\n"


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    for day in ("01", "02", "03", "04"):
        body = "Гарантируем результат! Звоните +7 912 345-67-12." if day == "02" else "Перед УЗИ не ешьте 6 часов."
        (tmp_path / "posts" / f"p{day}.md").write_text(POST.format(day=day, status="approved", extra="", body=body), encoding="utf-8")
    return tmp_path


def lint_in(repo: Path, capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of a JSON lint run inside ``repo``."""
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        code = main(["lint", "--format", "json", "--today", "2026-11-22", *args])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr()
    return code, out.out, out.err


def _lint(repo: Path, capsys, *args: str) -> tuple[int, str]:
    return lint_in(repo, capsys, *args)[:2]


def test_warm_run_equals_cold_run(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    cold = _lint(repo, capsys)
    assert (repo / CACHE_DIR).is_dir() and (repo / CACHE_DIR / ".gitignore").read_text().endswith("*\n")
    warm = _lint(repo, capsys)
    assert cold == warm and cold[0] == 1
    uncached = _lint(repo, capsys, "--no-cache")
    assert uncached == cold


def test_a_changed_file_is_linted_again(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    _, before = _lint(repo, capsys)
    post = repo / "posts" / "p02.md"
    post.write_text(POST.format(day="02", status="approved", extra="", body="Перед УЗИ не ешьте 6 часов."), encoding="utf-8")
    _, after = _lint(repo, capsys)
    assert "PRIV007" in before and "PRIV007" not in after


def test_a_created_media_file_invalidates_media_not_found(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "p03.md").write_text(
        POST.format(day="03", status="approved", extra="media:\n  - file: media/uzi.png\n", body="Кабинет УЗИ."), encoding="utf-8")
    _, before = _lint(repo, capsys)
    (repo / "media").mkdir()
    (repo / "media" / "uzi.png").write_bytes(b"\x89PNG")
    _, after = _lint(repo, capsys)
    assert "FM017" in before and "FM017" not in after


def test_config_and_today_are_part_of_the_key(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "p04.md").write_text(POST.format(day="04", status="review", extra="", body="Текст."), encoding="utf-8")
    _, early = _lint(repo, capsys)
    _, late = _lint(repo, capsys, "--today", "2026-12-03")
    assert "CAL012" not in early and "CAL012" in late
    (repo / ".clinic-content.toml").write_text('lang = "en"\nignore = ["PRIV"]\n', encoding="utf-8")
    _, ignored = _lint(repo, capsys)
    assert '"code": "PRIV' not in ignored and "PRIV007" in early


def test_a_damaged_cache_is_ignored_and_never_unpickled(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    cold = _lint(repo, capsys)
    files = list((repo / CACHE_DIR).glob("lint-*/*.json"))
    assert files
    for file in files:
        file.write_bytes(b"\x80\x04\x95 not json at all")
    assert _lint(repo, capsys) == cold
    for file in (repo / CACHE_DIR).glob("lint-*/*.json"):
        signature, payload = file.read_text(encoding="utf-8").split("\n", 1)
        assert len(signature) == 64 and json.loads(payload)  # rewritten: an HMAC line, then JSON


def test_calendar_findings_stay_right_when_only_one_file_is_linted(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    _lint(repo, capsys)  # warm the cache with every file
    same_id = POST.format(day="05", status="approved", extra="id: posts/p01\n", body="Копия.")
    (repo / "posts" / "copy.md").write_text(same_id.replace("id: posts/p01", "id: p01"), encoding="utf-8")
    (repo / "posts" / "p01.md").write_text(POST.format(day="01", status="approved", extra="id: p01\n", body="Текст."), encoding="utf-8")
    code, out = _lint(repo, capsys, "posts/copy.md")
    report = json.loads(out)
    calendar = [d for d in report["diagnostics"] if d["code"].startswith("CAL")]
    assert [d["code"] for d in calendar] == ["CAL001"] and calendar[0]["related"] == ["posts/p01.md"]
