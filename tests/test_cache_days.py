"""The cache across days and warm runs: results no rule judged against ``--today`` are
reused on any day, the day-bound ones are judged again, and a warm run re-lints nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_content.engine import runner
from .test_cache import POST, _lint


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    posts = {
        "approved": ("03", "approved", "Перед приёмом не ешьте шесть часов."),
        "pending": ("04", "review", "Запись к терапевту открыта."),  # approval deadline: reads --today
        "claim": ("05", "approved", "Гарантируем результат! Звоните +7 912 345-67-12."),
    }
    for name, (day, status, body) in posts.items():
        (tmp_path / "posts" / f"{name}.md").write_text(POST.format(day=day, status=status, extra="", body=body),
                                                       encoding="utf-8")
    return tmp_path


def count_full_lints(monkeypatch) -> list[str]:
    """From now on, the names of the files the post rules run on (in this process: ``-j 1``)."""
    names: list[str] = []
    compute = runner._compute_one

    def counting(item, linter=None):
        names.append(item[0].name)
        return compute(item, linter)

    monkeypatch.setattr(runner, "_compute_one", counting)
    return names


@pytest.fixture
def linted(monkeypatch) -> list[str]:
    """The names of the files the post rules ran on."""
    return count_full_lints(monkeypatch)


@pytest.fixture
def rejudged(monkeypatch) -> list[tuple[str, tuple[str, ...]]]:
    """(file name, the rules run again) for each file brought to another day."""
    seen: list[tuple[str, tuple[str, ...]]] = []
    rejudge = runner.rejudge

    def counting(linter, path, record, found, day):
        seen.append((path.name, tuple(record.day_rules)))
        return rejudge(linter, path, record, found, day)

    monkeypatch.setattr(runner, "rejudge", counting)
    return seen


def test_a_warm_run_lints_no_file_again(tmp_path: Path, capsys, linted: list[str]) -> None:
    repo = _repo(tmp_path)
    cold = _lint(repo, capsys)
    assert sorted(linted) == ["approved.md", "claim.md", "pending.md"]
    linted.clear()
    assert _lint(repo, capsys) == cold and linted == []  # rows with "fixable" were once rejected as damaged


def test_the_next_day_reruns_only_the_rules_that_read_the_day(tmp_path: Path, capsys, linted: list[str],
                                                               rejudged: list) -> None:
    repo = _repo(tmp_path)
    _lint(repo, capsys)
    linted.clear()
    code, out = _lint(repo, capsys, "--today", "2026-12-05")
    assert linted == [] and rejudged == [("pending.md", ("CAL012",))]  # no post is linted in full
    assert (code, out) == _lint(repo, capsys, "--today", "2026-12-05", "--no-cache")
    assert "CAL012" in out  # the review post is late now
    linted.clear(), rejudged.clear()
    assert _lint(repo, capsys)[1] != out and linted == [] and [n for n, _ in rejudged] == ["pending.md"]  # and back


def test_a_cache_from_another_day_keeps_day_free_results(tmp_path: Path, capsys, linted: list[str],
                                                         rejudged: list) -> None:
    repo = _repo(tmp_path)
    _lint(repo, capsys, "--today", "2026-11-01")
    linted.clear()
    code, out = _lint(repo, capsys)
    assert linted == [] and [n for n, _ in rejudged] == ["pending.md"]
    assert json.loads(out) == json.loads(_lint(repo, capsys, "--no-cache")[1])


@pytest.fixture
def calendar_runs(monkeypatch) -> list[str]:
    """The ids of the calendar rules run over the calendar."""
    from clinic_content.engine.linter import Linter
    from clinic_content.calendar.entries import Calendar

    runs: list[str] = []
    run = Linter._run

    def counting(self, rule, subject, report, post):
        if isinstance(subject, Calendar):
            runs.append(rule.id)
        return run(self, rule, subject, report, post)

    monkeypatch.setattr(Linter, "_run", counting)
    return runs


def test_calendar_rules_run_again_only_when_an_entry_changed(tmp_path: Path, capsys, calendar_runs: list[str]) -> None:
    runs = calendar_runs
    repo = _repo(tmp_path)
    cold = _lint(repo, capsys)
    assert runs
    runs.clear()
    assert _lint(repo, capsys) == cold and runs == []
    copy = repo / "posts" / "copy.md"
    copy.write_text((repo / "posts" / "approved.md").read_text(encoding="utf-8"), encoding="utf-8")
    code, out = _lint(repo, capsys)
    assert runs and "CAL" in out and (code, out) == _lint(repo, capsys, "--no-cache")


def test_old_caches_are_pruned_by_age_not_by_key(tmp_path: Path, capsys) -> None:
    import os

    from clinic_content.engine.cache import CACHE_DIR

    repo = _repo(tmp_path)
    _lint(repo, capsys)
    folder = repo / CACHE_DIR
    recent, stale = folder / "lint-0recent", folder / "lint-0stale"
    recent.mkdir(), stale.mkdir()
    month_ago = recent.stat().st_mtime - 30 * 86400  # the file system's clock, as the pruning uses
    os.utime(stale, (month_ago, month_ago))
    (repo / ".clinic-content.toml").write_text('lang = "en"\nignore = ["PRIV"]\n', encoding="utf-8")  # another key
    _lint(repo, capsys)
    names = {p.name for p in folder.glob("lint-*")}
    assert "lint-0recent" in names and "lint-0stale" not in names and len(names) == 3  # both real keys stay


def test_one_file_on_a_warm_cache_reuses_the_calendar_findings(tmp_path: Path, capsys, calendar_runs: list[str]) -> None:
    """The entries' hash once followed the order of the files named (the named one first), so a
    pre-commit run on one file never found the full lint's calendar findings."""
    repo = _repo(tmp_path)
    _lint(repo, capsys)
    calendar_runs.clear()
    warm = _lint(repo, capsys, "posts/pending.md")
    assert calendar_runs == [] and warm == _lint(repo, capsys, "posts/pending.md", "--no-cache")
