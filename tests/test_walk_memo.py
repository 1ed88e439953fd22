"""One `lint` command lists each folder once (it walks the content roots for the named
folders and again for the calendar), while the Python API and the language server list
them on every call and see every added, removed or renamed post at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clinic_content.source import files
from clinic_content.source.config import Config
from tests.cli_run import run_cli

POST = "---\ntitle: Пост\ndate: 2026-11-25\nplatforms: [vk]\n---\nТекст поста о приёме врача.\n"


@pytest.fixture(autouse=True)
def fresh_memo(monkeypatch):
    monkeypatch.setattr(files, "_WALKS", None)


def _repo(tmp_path: Path) -> Config:
    for clinic in ("a", "b"):
        folder = tmp_path / "posts" / clinic
        folder.mkdir(parents=True)
        for n in range(3):
            (folder / f"post-{n}.md").write_text(POST, encoding="utf-8")
    return Config(root=tmp_path)


def _names(config: Config) -> list[str]:
    return [p.relative_to(config.root.resolve()).as_posix() for p in files.content_files(config)]


def _count_listings(monkeypatch) -> list[str]:
    listed: list[str] = []
    real_scandir = os.scandir
    monkeypatch.setattr(files.os, "scandir", lambda p: listed.append(p) or real_scandir(p))
    return listed


def test_without_a_command_every_walk_sees_added_removed_and_renamed_posts(tmp_path):
    config = _repo(tmp_path)
    assert len(_names(config)) == 6
    (tmp_path / "posts" / "b" / "new.md").write_text(POST, encoding="utf-8")
    assert "posts/b/new.md" in _names(config)
    (tmp_path / "posts" / "a" / "post-0.md").unlink()
    assert "posts/a/post-0.md" not in _names(config)
    (tmp_path / "posts" / "a" / "post-1.md").rename(tmp_path / "posts" / "a" / "renamed.md")
    assert "posts/a/renamed.md" in _names(config) and "posts/a/post-1.md" not in _names(config)


def test_within_one_command_each_folder_is_listed_once(tmp_path, monkeypatch):
    config = _repo(tmp_path)
    files.remember_walks()
    first = _names(config)
    listed = _count_listings(monkeypatch)
    assert _names(config) == first
    assert files.collect_files([tmp_path / "posts"], config) == files.content_files(config)
    assert listed == []


def test_a_lint_command_walks_the_tree_once_and_the_next_one_afresh(tmp_path, capsys, monkeypatch):
    _repo(tmp_path)
    (tmp_path / ".clinic-content.toml").write_text('content-roots = ["posts"]\n', encoding="utf-8")
    listed = _count_listings(monkeypatch)
    run_cli(tmp_path, capsys, "lint", "--no-cache", "--today", "2026-11-22", ".")
    ours = [p for p in map(str, listed) if p.startswith(str(tmp_path.resolve()))]
    assert len(ours) == len(set(ours)) == 3  # posts/, posts/a, posts/b: each once
    (tmp_path / "posts" / "b" / "new.md").write_text(POST, encoding="utf-8")
    out = run_cli(tmp_path, capsys, "lint", "--no-cache", "--today", "2026-11-22", "--format", "json", ".")
    assert "posts/b/new.md" in out[1]


def test_after_a_lint_command_the_api_walks_afresh_again(tmp_path, capsys):
    config = _repo(tmp_path)
    (tmp_path / ".clinic-content.toml").write_text('content-roots = ["posts"]\n', encoding="utf-8")
    run_cli(tmp_path, capsys, "lint", "--no-cache", "--today", "2026-11-22", ".")
    (tmp_path / "posts" / "b" / "new.md").write_text(POST, encoding="utf-8")
    assert "posts/b/new.md" in _names(config)
