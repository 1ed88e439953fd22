"""Pull requests and pre-commit: --changed-since, --only-changed-lines, and the hooks
installed from this checkout with the real pre-commit tool (`pre-commit try-repo`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.cli.main import main

from .conftest import REPO

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Копирайтер", "GIT_AUTHOR_EMAIL": "smm@clinic.example",
    "GIT_COMMITTER_NAME": "Копирайтер", "GIT_COMMITTER_EMAIL": "smm@clinic.example",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
GOOD = (
    "---\ntitle: Как подготовиться к УЗИ\npublish_at: 2026-12-{day} 10:00\nplatforms: [vk]\nstatus: approved\n"
    "category: education\nreviewed_by: Петров Игорь Николаевич\n---\n"
    "Перед УЗИ брюшной полости не ешьте 6–8 часов и не пейте газированные напитки.\n"
)
BAD_AD = (
    "---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-12 10:00\nexpires: 2026-12-31\nplatforms: [vk]\nstatus: approved\n"
    "category: promo\nad: true\nsubject: medical_service\nerid: 2VtzqwP8x4a\n---\n"
    "Реклама. ООО «Клиника», лицензия № Л041-01137-77/00368408, erid: 2VtzqwP8x4a.\n\nУЗИ со скидкой 20 %.\n"
)
FIXED_AD = BAD_AD.replace("УЗИ со скидкой 20 %.\n", "УЗИ со скидкой 20 %.\n\nИмеются противопоказания. Необходима консультация специалиста.\n")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "content"
    (repo / "posts").mkdir(parents=True)
    (repo / ".clinic-content.toml").write_text(
        'lang = "en"\n[clinic]\nstaff = ["Петров Игорь Николаевич"]\n[rules.CAL003]\nhorizon-days = 0\n', encoding="utf-8")
    for day in ("01", "05", "09"):
        (repo / "posts" / f"uzi-{day}.md").write_text(GOOD.format(day=day), encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "plan")
    return repo


def _lint(repo: Path, capsys, *args: str) -> tuple[int, str]:
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        code = main(["lint", "--format", "concise", "--today", "2026-11-22", *args])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().out


def test_changed_since_lints_only_the_changed_posts(content_repo: Path, capsys) -> None:
    _git(content_repo, "checkout", "-q", "-b", "pr")
    (content_repo / "posts" / "uzi-01.md").write_text(GOOD.format(day="01").replace("reviewed_by: Петров Игорь Николаевич\n", ""), encoding="utf-8")
    (content_repo / "posts" / "ad.md").write_text(BAD_AD, encoding="utf-8")  # new, uncommitted
    _git(content_repo, "add", "posts/uzi-01.md")
    _git(content_repo, "commit", "-q", "-m", "edit")
    code, out = _lint(content_repo, capsys, "--changed-since", "main")
    files = {line.split(":")[0] for line in out.splitlines()}
    assert code == 1 and files == {"posts/ad.md", "posts/uzi-01.md"}
    assert "ADV001" in out and "SRC004" in out


def test_changed_since_with_nothing_changed_passes(content_repo: Path, capsys) -> None:
    code, out = _lint(content_repo, capsys, "--changed-since", "HEAD")
    assert code == 0 and out == ""


def test_only_changed_lines_hides_findings_on_untouched_lines(content_repo: Path, capsys) -> None:
    # a pre-existing problem (missing reviewer, reported on line 6) stays hidden when the PR edits only the text
    path = content_repo / "posts" / "uzi-05.md"
    path.write_text(GOOD.format(day="05").replace("reviewed_by: Петров Игорь Николаевич\n", ""), encoding="utf-8")
    _git(content_repo, "commit", "-qam", "old problem")
    _git(content_repo, "checkout", "-q", "-b", "pr")
    path.write_text(path.read_text(encoding="utf-8").replace("напитки.", "напитки. Звоните +7 912 345-67-12."), encoding="utf-8")
    _, everything = _lint(content_repo, capsys, "--changed-since", "main")
    _, changed = _lint(content_repo, capsys, "--changed-since", "main", "--only-changed-lines")
    assert "SRC004" in everything and "PRIV007" in everything
    assert "SRC004" not in changed and "PRIV007" in changed


def test_unknown_ref_is_a_usage_error(content_repo: Path, capsys) -> None:
    code, _ = _lint(content_repo, capsys, "--changed-since", "no-such-branch")
    assert code == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.skipif("FAKETIME" in os.environ, reason="pre-commit builds the hook's environment with pip, "
                    "which cannot verify TLS certificates under a clock shifted by libfaketime")
def test_pre_commit_hooks_from_this_checkout(content_repo: Path, tmp_path: Path) -> None:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    ad = content_repo / "posts" / "ad.md"
    ad.write_text(BAD_AD, encoding="utf-8")
    _git(content_repo, "add", "posts/ad.md")

    def hook(hook_id: str, *files: str) -> subprocess.CompletedProcess:
        args = ["--files", *files] if files else ["--all-files"]
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook_id, *args],
                              cwd=content_repo, env=env, capture_output=True, text=True, timeout=900)

    (content_repo / "README.md").write_text("# Контент клиники\n\nКак мы пишем посты.\n", encoding="utf-8")
    (content_repo / "docs").mkdir()
    (content_repo / "docs" / "style.md").write_text("# Стиль\n\nПишем просто.\n", encoding="utf-8")
    _git(content_repo, "add", "README.md", "docs/style.md")
    failed = hook("clinic-content", "README.md", "docs/style.md", "posts/ad.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "ADV001" in failed.stdout and "FM008" not in failed.stdout  # README and docs are not posts
    ad.write_text(FIXED_AD, encoding="utf-8")
    _git(content_repo, "add", "posts/ad.md")
    passed = hook("clinic-content", "README.md", "docs/style.md", "posts/ad.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    # the calendar hook re-exports and stages the feed: the commit that changed a post carries it
    first = hook("clinic-content-calendar")
    assert first.returncode == 0 and (content_repo / "content-plan.ics").exists(), first.stdout + first.stderr
    assert "content-plan.ics" in _staged(content_repo)
    again = hook("clinic-content-calendar")
    assert again.returncode == 0, again.stdout + again.stderr
    _git(content_repo, "commit", "-q", "-m", "ad")
    # a deletion re-exports too (always_run), and the stale event leaves the feed
    _git(content_repo, "rm", "-q", "posts/uzi-05.md")
    before = (content_repo / "content-plan.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT")
    deleted = hook("clinic-content-calendar")
    assert deleted.returncode == 0, deleted.stdout + deleted.stderr
    assert (content_repo / "content-plan.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") < before
    assert "content-plan.ics" in _staged(content_repo)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=content_repo, capture_output=True, text=True).stdout
    assert " M content-plan.ics" not in status  # nothing left unstaged: one commit attempt


def _staged(repo: Path) -> str:
    return subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=repo, capture_output=True, text=True).stdout
