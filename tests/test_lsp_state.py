"""The language server's lint session reports exactly what `lint` reports for each post,
with the calendar kept in memory (and narrowed to the posts that can matter)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter
from clinic_content.source.files import content_files
from clinic_content.lsp.state import LintSession

from .conftest import DEMO, TODAY


def _rows(diagnostics):
    return sorted((d.path, d.line, d.column, d.code, d.severity.value, d.message) for d in diagnostics)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root)
    monkeypatch.chdir(root)  # the CLI names files relative to the working directory
    return root


def test_every_demo_post_gets_the_findings_of_lint(demo: Path) -> None:
    config = Config.discover(demo)
    session = LintSession(config, today=TODAY)
    linter = Linter(config, today=TODAY)
    for path in content_files(config):
        expected = _rows(linter.lint_paths([path]).diagnostics)
        assert _rows(session.lint(path, path.read_text(encoding="utf-8")).diagnostics) == expected, path


def test_unsaved_text_moves_the_post_in_the_calendar(demo: Path) -> None:
    """CAL004: doctor-quote is 60 min after knee-story on VK; moving knee-story in the editor
    (not saved) clears it, and closing the editor brings the saved time back."""
    config = Config.discover(demo)
    session = LintSession(config, today=TODAY)
    quote, knee = demo / "posts/2027-02/doctor-quote.md", demo / "posts/2027-02/knee-story.md"
    assert "CAL004" in {d.code for d in session.lint(quote, quote.read_text(encoding="utf-8")).diagnostics}
    text = knee.read_text(encoding="utf-8")
    moved = text.replace(_publish_line(text), "publish_at: 2027-02-20 12:00")
    session.lint(knee, moved)
    assert "CAL004" not in {d.code for d in session.recheck(quote).diagnostics}
    session.close(knee)
    session.file_changed(knee)
    assert "CAL004" in {d.code for d in session.recheck(quote).diagnostics}


def test_ignore_edit_for_a_body_finding_is_a_comment_above_its_block(demo: Path) -> None:
    from clinic_content.ruleset.fixer import apply_edits

    config = Config.discover(demo)
    session = LintSession(config, today=TODAY)
    path = demo / "posts/2027-01/review-reply.md"
    text = path.read_text(encoding="utf-8")
    result = session.lint(path, text)
    finding = next(d for d in result.diagnostics if d.code == "PRIV007")
    edit, where = session.ignore_edit(result, finding)
    assert where == "block" and edit.insert == "<!-- clinic-content: ignore PRIV007 -->\n"
    after = session.lint(path, apply_edits(text, [edit]))
    assert "PRIV007" not in {d.code for d in after.diagnostics}
    assert len(after.diagnostics) == len(result.diagnostics) - 1


def _publish_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("publish_at:"))


def _busy_repo(root: Path, count: int = 160) -> Path:
    """Posts crowded into two months on three platforms and two accounts: bursts, tight
    spacing, promo-heavy windows, silences, duplicate ids and copied texts all occur."""
    import random

    rng = random.Random(16)
    (root / "posts").mkdir(parents=True)
    (root / ".clinic-content.toml").write_text('content-roots = ["posts"]\nplatforms = ["vk", "telegram", "ok"]\n'
                                              '[accounts]\nvk = ["kids", "main"]\n', encoding="utf-8")
    topics = ["прививки", "давление", "сон", "осанка", "зрение", "питание", "стресс", "кашель"]
    for i in range(count):
        platforms = rng.sample(["vk", "telegram", "ok"], rng.randint(1, 2))
        account = rng.choice(["kids", "main", None]) if platforms == ["vk"] else None
        day, hour = rng.randint(1, 58), rng.randint(8, 21)
        category = rng.choice(["education", "promo", "news", "promo"])
        body = f"Рассказываем про {rng.choice(topics)} и {rng.choice(topics)}: запись {i % 40} открыта для всех пациентов клиники."
        head = [f"id: post-{i % 150}", f"title: Пост {i}", f"publish_at: {_day(day)} {hour:02d}:00",
                f"platforms: [{', '.join(platforms)}]", "status: approved", f"category: {category}"]
        if account:
            head.append(f"account: {account}")
        (root / "posts" / f"p{i:03d}.md").write_text("---\n" + "\n".join(head) + "\n---\n" + body * 3 + "\n",
                                                     encoding="utf-8")
    return root


def _day(offset: int) -> str:
    from datetime import date, timedelta

    return (date(2026, 12, 1) + timedelta(days=offset)).isoformat()


def test_narrowed_calendar_matches_the_whole_one_in_a_busy_repo(tmp_path: Path, monkeypatch) -> None:
    """The session's narrowed calendar gives each post the same CAL findings as a full lint."""
    root = _busy_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    config = Config.discover(root)
    linter = Linter(config, today=TODAY, select=["CAL"])
    calendar = _rows(linter.lint_paths([root]).diagnostics)
    assert {row[3] for row in calendar} >= {"CAL001", "CAL002", "CAL003", "CAL004", "CAL005", "CAL007"}
    session = LintSession(config, today=TODAY)
    session.linter = linter
    for path in content_files(config):
        shown = path.relative_to(root).as_posix()
        got = _rows(session.lint(path, path.read_text(encoding="utf-8")).diagnostics)
        assert got == [r for r in calendar if r[0] == shown], shown


def test_a_server_running_past_midnight_judges_against_the_new_day(demo: Path, monkeypatch) -> None:
    pytest.importorskip("pygls")
    from datetime import timedelta

    from clinic_content.core import clock
    from clinic_content.lsp.server import ContentServer

    server = ContentServer()
    post = demo / "posts/2026-12/flu-vaccination.md"
    first = server.session_for(post)
    assert server.session_for(post) is first
    monkeypatch.setattr(clock, "now", lambda tz=None: (TODAY + timedelta(days=1)).astimezone(tz))
    later = server.session_for(post)
    assert later is not first and later.linter.today.date() == (TODAY + timedelta(days=1)).date()


def test_server_without_pygls_says_how_to_install_it(monkeypatch, capsys) -> None:
    import sys

    from clinic_content.cli.main import main

    for name in [n for n in sys.modules if n.split(".")[0] in ("pygls", "lsprotocol")] + ["pygls"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if the [lsp] extra were not installed
    for name in ("clinic_content.lsp.server", "clinic_content.lsp.features", "clinic_content.lsp.completion"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert main(["server"]) == 2
    assert "pip install 'clinic-content[lsp]'" in capsys.readouterr().err


def test_calendar_is_read_from_the_lint_cache_when_lint_filled_it(demo: Path, monkeypatch) -> None:
    from clinic_content.cli.main import main

    monkeypatch.delenv("CI", raising=False)  # a copywriter's machine: CI trusts no cache
    config = Config.discover(demo)
    fresh = LintSession(config, today=TODAY)
    fresh.load_calendar()
    assert main(["lint", str(demo), "--exit-zero", "-q"]) == 0  # fills .clinic-content-cache/
    cached = LintSession(Config.discover(demo))  # today = the pinned clock, as `lint` had

    def no_parsing(self, path):
        raise AssertionError(f"{path} was parsed, not taken from the cache")

    monkeypatch.setattr(LintSession, "_entry_from_disk", no_parsing)
    cached.load_calendar()
    assert {p: e.to_json() for p, e in cached._disk.items()} == {p: e.to_json() for p, e in fresh._disk.items()}


def test_a_file_changed_while_the_calendar_is_read_is_not_lost(demo: Path, monkeypatch) -> None:
    """The server reads the calendar in a thread; a post created meanwhile (the loader has
    already listed the files) must still reach it."""
    config = Config.discover(demo)
    session = LintSession(config, today=TODAY)
    quote = demo / "posts/2027-02/doctor-quote.md"
    text = quote.read_text(encoding="utf-8")
    copy = demo / "posts/2027-02/doctor-quote-copy.md"
    original = LintSession._entry_from_disk

    def slow_read(self, path):
        if path == real_path_of(quote):  # while the loader is busy, a copy appears on disk
            copy.write_text(text.replace("id: ", "id: copy-"), encoding="utf-8")
            self.file_changed(copy)
        return original(self, path)

    monkeypatch.setattr(LintSession, "_entry_from_disk", slow_read)
    session.load_calendar()
    assert real_path_of(copy) in session._disk


def real_path_of(path: Path) -> Path:
    from clinic_content.source.files import real_path

    return real_path(path)
