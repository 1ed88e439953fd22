"""`lint --watch`: a real process re-lints after an edit and exits 0 on Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clinic_content.cli.main import main

POST = "---\ntitle: Прививка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: {status}\n---\nТекст.\n"


def _reader(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)


def _until(lines: queue.Queue, predicate, timeout: float) -> list[str]:
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if predicate(line):
            return seen
    raise AssertionError(f"timed out; got {seen!r}")


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_watch_relints_after_an_edit_and_ctrl_c_exits_0(tmp_path: Path) -> None:
    post = tmp_path / "posts" / "flu.md"
    post.parent.mkdir()
    post.write_text(POST.format(status="approved"), encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "clinic_content", "lint", "--watch", "--today", "2026-11-22"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out: queue.Queue = queue.Queue()
    err: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, out), daemon=True).start()
    threading.Thread(target=_reader, args=(process.stderr, err), daemon=True).start()
    try:
        first = _until(out, lambda line: line.startswith("All checks passed"), 60)
        assert "All checks passed (1 files).\n" in first
        _until(err, lambda line: "Watching" in line and "Ctrl-C" in line, 30)
        post.write_text(POST.format(status="aproved"), encoding="utf-8")
        second = _until(out, lambda line: line.startswith("Found "), 60)
        assert any("posts/flu.md:5:9: FM003 [error] 'aproved'" in line for line in second)
        _until(err, lambda line: "Watching" in line, 30)
        process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            threading.Event().wait(0.1)  # not process.wait(timeout): time.sleep fails under libfaketime
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_watch_refuses_standard_input(capsys) -> None:
    assert main(["lint", "-", "--watch"]) == 2
    assert "standard input" in capsys.readouterr().err


def test_snapshot_covers_posts_config_and_packs_not_caches(tmp_path: Path, monkeypatch) -> None:
    import argparse

    from clinic_content.cli.watch import snapshot

    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "words.toml").write_text("", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("", encoding="utf-8")
    (tmp_path / "consents.yaml").write_text("", encoding="utf-8")
    (tmp_path / ".clinic-content.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "posts")
    args = argparse.Namespace(paths=["a.md"], config=None)
    seen = {Path(p).relative_to(tmp_path.resolve()).as_posix() for p in snapshot(args)}
    assert seen == {"posts/a.md", "style/words.toml", "consents.yaml", ".clinic-content.toml"}


def test_watch_in_process_relints_once_per_change(tmp_path: Path, monkeypatch, capsys) -> None:
    import argparse

    from clinic_content.cli import watch as watch_module

    post = tmp_path / "a.md"
    post.write_text("one", encoding="utf-8")
    calls: list[bool] = []

    def lint(args: argparse.Namespace) -> int:
        assert args.watch is False  # the inner run is a plain lint
        calls.append(True)
        if len(calls) == 1:
            threading.Timer(0.3, lambda: post.write_text("two, longer", encoding="utf-8")).start()
        else:
            raise KeyboardInterrupt
        return 1

    args = argparse.Namespace(paths=[str(tmp_path)], config=None, lang="en", watch=True)
    assert watch_module.watch(args, lint, interval=0.05) == 0
    assert len(calls) == 2
    out, err = capsys.readouterr()
    assert "\x1b[2J" not in out  # not a terminal: no clearing
    assert "Watching 1 files for changes (Ctrl-C to stop)" in err
