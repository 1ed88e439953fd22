"""Issue 11 §2.11–12: each post is linted with its closest config, whatever the order of
the paths or the working directory; `extend` builds on the parent config."""

from __future__ import annotations

from pathlib import Path

from clinic_content.source.config import Config, ConfigError, config_for

from .cli_run import run_cli

POST = """---
title: Приём терапевта по субботам
publish_at: 2026-12-{day} 10:00
platforms: [vk]
category: news
{extra}---
Запишитесь по телефону +7 (343) 200-10-20, принимает терапевт Иванова Анна Сергеевна.
"""
ROOT_CONFIG = """lang = "en"
[clinic]
name = "Клиника «Берёза»"
staff = ["Иванова Анна Сергеевна"]
contacts = ["+7 (343) 200-10-20"]
"""


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".clinic-content.toml").write_text(ROOT_CONFIG, encoding="utf-8")
    for folder, day in (("posts/vk", "05"), ("posts/telegram", "06")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "post.md").write_text(POST.format(day=day, extra=""), encoding="utf-8")
    return tmp_path


def _findings(cwd: Path, capsys, *args: str) -> list[str]:
    """Findings as 'absolute-path:line:col: CODE' so runs from different folders compare."""
    _, out, _ = run_cli(cwd, capsys, "lint", "--no-cache", "--today", "2026-11-22", "--lang", "en", "--format", "concise",
                        *args)
    rows = []
    for line in out.splitlines():
        path, rest = line.split(":", 1)
        rows.append(f"{(cwd / path).resolve()}:{rest.split(' [')[0]}")
    return sorted(rows)


def test_nested_config_applies_to_its_folder_only_in_any_argument_order(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "telegram" / ".clinic-content.toml").write_text(
        'extend = "../../.clinic-content.toml"\nplatforms = ["telegram"]\n', encoding="utf-8")
    one = _findings(repo, capsys, "posts/vk", "posts/telegram")
    two = _findings(repo, capsys, "posts/telegram", "posts/vk")
    assert one == two
    assert any("telegram/post.md" in row and "FM016" in row for row in one)
    assert not any("vk/post.md" in row and "FM016" in row for row in one)


def test_nested_config_is_used_when_its_file_is_named_after_another(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "telegram" / ".clinic-content.toml").write_text(
        'extend = "../../.clinic-content.toml"\nplatforms = ["telegram"]\n', encoding="utf-8")
    rows = _findings(repo, capsys, "posts/vk/post.md", "posts/telegram/post.md")
    assert any("telegram/post.md" in r and "FM016" in r for r in rows)


def test_nested_config_without_extend_stands_alone(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    nested = repo / "posts" / "telegram" / ".clinic-content.toml"
    nested.write_text('timezone = "Asia/Yekaterinburg"\n', encoding="utf-8")
    config = config_for(repo / "posts" / "telegram" / "post.md")
    assert config.root == nested.parent.resolve() and config.clinic.staff == []
    assert config_for(repo / "posts" / "vk" / "post.md").clinic.staff == ["Иванова Анна Сергеевна"]


def test_extend_merges_tables_and_rebases_paths(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    nested = repo / "posts" / "telegram" / ".clinic-content.toml"
    nested.write_text('extend = "../../.clinic-content.toml"\nconsents-file = "consents.yaml"\n'
                      '[clinic]\nsite = "https://example.org"\n', encoding="utf-8")
    config = Config.from_file(nested)
    assert config.root == repo.resolve() and config.lang == "en"
    assert config.clinic.staff == ["Иванова Анна Сергеевна"] and config.clinic.site == "https://example.org"
    assert config.consents_file == "posts/telegram/consents.yaml"
    assert config.extended_files == [(repo / ".clinic-content.toml").resolve()]


def test_extend_loop_and_missing_parent_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".clinic-content.toml").write_text('extend = "a/.clinic-content.toml"\n', encoding="utf-8")
    (tmp_path / "a" / ".clinic-content.toml").write_text('extend = "../.clinic-content.toml"\n', encoding="utf-8")
    for path in (tmp_path / "a" / ".clinic-content.toml",):
        try:
            Config.from_file(path)
        except ConfigError as exc:
            assert "folder above" in str(exc) or "loops" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("no error")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".clinic-content.toml").write_text('extend = "../missing.toml"\n', encoding="utf-8")
    try:
        Config.from_file(tmp_path / "b" / ".clinic-content.toml")
    except ConfigError as exc:
        assert "not a file" in str(exc)


def _same_from_root_and_folder(repo: Path, capsys) -> list[str]:
    """The findings of posts/vk/post.md linted from the repo root and from its own folder."""
    from_root = _findings(repo, capsys, "posts/vk/post.md")
    from_folder = _findings(repo / "posts" / "vk", capsys, "post.md")
    assert from_root == from_folder
    return from_folder


def test_results_do_not_depend_on_the_working_directory(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / ".clinic-content.toml").unlink()
    (repo / ".git").mkdir()
    (repo / "media").mkdir()
    (repo / "media" / "x.jpg").write_bytes(b"\xff\xd8")
    post = repo / "posts" / "vk" / "post.md"
    post.write_text(POST.format(day="05", extra="media:\n  - file: media/x.jpg\n    alt: Кабинет терапевта\n"),
                    encoding="utf-8")
    assert not any("FM017" in row for row in _same_from_root_and_folder(repo, capsys))


def test_per_file_ignores_are_relative_to_the_config_not_the_cwd(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / ".clinic-content.toml").write_text(
        ROOT_CONFIG.replace("[clinic]", 'platforms = ["telegram"]\n[per-file-ignores]\n"posts/vk/*" = ["FM016"]\n[clinic]'),
        encoding="utf-8")
    assert not any("FM016" in row for row in _same_from_root_and_folder(repo, capsys))


def test_each_config_keeps_its_own_cache(tmp_path: Path, capsys) -> None:
    repo = _repo(tmp_path)
    (repo / "posts" / "telegram" / ".clinic-content.toml").write_text(
        'extend = "../../.clinic-content.toml"\nplatforms = ["telegram"]\n', encoding="utf-8")
    argv = ["lint", "--today", "2026-11-22", "--lang", "en", "--format", "concise", "posts"]
    first = run_cli(repo, capsys, *argv)
    second = run_cli(repo, capsys, *argv)
    assert first == second
    assert len(list((repo / ".clinic-content-cache").glob("lint-*"))) == 2
