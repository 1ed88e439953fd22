"""``lint -j/--jobs N``: worker processes for many files, wired to ``Linter.jobs``; the
report does not depend on it. ``gc.freeze()`` runs once after the linter is built."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from clinic_content.cli import lint_cmd
from clinic_content.engine import runner
from clinic_content.cli.main import main

POST = "---\ntitle: Пост {n}\npublish_at: 2026-12-{day:02d} 10:00\nplatforms: [vk]\nstatus: approved\n---\n" \
       "Гарантируем лучший результат лечения, запишитесь сегодня.\n"


def _posts(tmp_path: Path, count: int) -> Path:
    for n in range(count):
        (tmp_path / f"post-{n:02d}.md").write_text(POST.format(n=n, day=n % 28 + 1), encoding="utf-8")
    return tmp_path


def test_jobs_reaches_the_linter(monkeypatch, tmp_path: Path, capsys) -> None:
    seen = []
    real = runner._compute

    def spy(linter, todo, targets, jobs):
        seen.append((jobs, linter.jobs))
        return real(linter, todo, targets, jobs)

    monkeypatch.setattr(runner, "_compute", spy)
    main(["lint", "--today", "2026-11-22", "--no-cache", "-j", "1", str(_posts(tmp_path, 3))])
    main(["lint", "--today", "2026-11-22", "--no-cache", "--jobs", "3", str(tmp_path)])
    main(["lint", "--today", "2026-11-22", "--no-cache", str(tmp_path)])
    assert seen == [(1, 1), (3, 3), (None, None)]


@pytest.mark.parametrize("value", ["0", "-2", "two", ""])
def test_a_bad_jobs_value_is_a_usage_error(value: str, tmp_path: Path, capsys) -> None:
    assert main(["lint", "--jobs", value, str(_posts(tmp_path, 1))]) == 2
    assert "jobs" in capsys.readouterr().err


def test_the_report_does_not_depend_on_jobs(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)  # fork workers even for a small folder
    repo = _posts(tmp_path, 12)
    reports = []
    for jobs in ("1", "2"):
        assert main(["lint", "--today", "2026-11-22", "--no-cache", "--format", "json", "-j", jobs, str(repo)]) == 1
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] and '"code"' in reports[0]


def test_gc_freeze_runs_once_per_process(monkeypatch, tmp_path: Path, capsys) -> None:
    calls = []
    monkeypatch.setattr(lint_cmd, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *limits: calls.append(limits))
    repo = _posts(tmp_path, 1)
    main(["lint", "--today", "2026-11-22", "--no-cache", str(repo)])
    main(["lint", "--today", "2026-11-22", "--no-cache", str(repo)])
    assert calls == ["freeze", (20_000, 10, 10)]


def test_the_parents_warm_up_files_are_reported_like_the_workers(monkeypatch, tmp_path: Path, capsys) -> None:
    """With many files the parent lints the first ones before forking (warm caches for the workers):
    every file is still reported once, as with one process."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(runner, "WARM_UP_FILES", 3)
    repo = _posts(tmp_path, 60)  # 60 // 20: three files in the parent
    reports = []
    for jobs in ("1", "2"):
        assert main(["lint", "--today", "2026-11-22", "--no-cache", "--format", "json", "-j", jobs, str(repo)]) == 1
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] and reports[0].count("post-59.md") and reports[0].count("post-00.md")
