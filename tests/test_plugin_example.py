"""The example plugin in examples/plugin-example installs, registers through the entry
point, takes options from the config and reports like a built-in rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(REPO / "examples" / "plugin-example")],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return site


def _run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "clinic_content", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_plugin_rules_are_listed_and_explained(plugin_site: Path, tmp_path: Path) -> None:
    (tmp_path / ".clinic-content.toml").write_text('plugins = ["brand"]\n', encoding="utf-8")
    listed = _run(plugin_site, tmp_path, "rules", "--lang", "en")
    assert "BRAND001 brand-hashtag" in " ".join(listed.stdout.split())
    explained = _run(plugin_site, tmp_path, "explain", "BRAND001", "--lang", "en")
    assert explained.returncode == 0 and "Options" in explained.stdout and "hashtag" in explained.stdout


def test_plugin_rules_lint_with_config_options(plugin_site: Path, tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(
        "---\ntitle: ПРИВИВКА ОТ ГРИППА\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nПрививку лучше сделать до эпидемии.\n",
        encoding="utf-8")
    (tmp_path / "posts" / "b.md").write_text(
        "---\ntitle: Прививка\npublish_at: 2026-12-08 10:00\nplatforms: [vk]\n---\nПрививку лучше сделать до эпидемии. #берёза\n",
        encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text('plugins = ["brand"]\n[rules.brand-hashtag]\nhashtag = "#берёза"\n', encoding="utf-8")
    done = _run(plugin_site, tmp_path, "lint", "--select", "BRAND", "--format", "concise", "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "posts/a.md:2:8: BRAND002 [warning] Title 'ПРИВИВКА ОТ ГРИППА' is in capitals",
        "posts/a.md:6:1: BRAND001 [warning] Add #берёза at the end of the post",
    ]


def test_without_the_plugin_the_codes_are_unknown(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "clinic_content", "explain", "BRAND001"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2


def test_an_installed_plugin_runs_only_when_the_config_names_it(plugin_site: Path, tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("---\ntitle: ПРИВИВКА\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nТекст.\n",
                                           encoding="utf-8")
    silent = _run(plugin_site, tmp_path, "lint", "--select", "BRAND", "--format", "concise")
    assert silent.returncode == 2 and "BRAND" not in silent.stdout  # an unloaded plugin's code is unknown
    assert "installed plugins the config does not load: brand" in silent.stderr
    (tmp_path / ".clinic-content.toml").write_text('plugins = ["no-such-plugin"]\n', encoding="utf-8")
    missing = _run(plugin_site, tmp_path, "lint")
    assert missing.returncode == 2 and "plugins not installed: no-such-plugin" in missing.stderr
