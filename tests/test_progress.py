"""Long runs on a terminal show progress on stderr (issue 11 §2.13: 1,000 posts, 32 s, no output);
never for machines (CI formats, a pipe) and never with --quiet."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys

import pytest

from clinic_content.engine.progress import Progress, terminal_progress

from .conftest import DEMO


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_before_the_delay_then_done_total_and_elapsed() -> None:
    clock, out = FakeClock(), io.StringIO()
    progress = Progress(out, clock=clock, delay=1.5)
    progress.start(10)
    clock.now += 1.0
    progress.advance()
    assert out.getvalue() == ""
    clock.now += 1.0
    progress.advance(2)
    assert out.getvalue().endswith("clinic-content: files 3/10, 2.0 s")
    clock.now += 0.01  # redraws are throttled …
    progress.advance()
    assert out.getvalue().count("files") == 1
    clock.now += 0.01
    progress.advance(6)  # … except the last one
    assert out.getvalue().endswith("files 10/10, 2.0 s")
    progress.finish()
    assert out.getvalue().endswith("\r\x1b[K")


def test_a_quick_run_writes_nothing_at_all() -> None:
    clock, out = FakeClock(), io.StringIO()
    progress = Progress(out, clock=clock)
    progress.start(3)
    for _ in range(3):
        clock.now += 0.1
        progress.advance()
    progress.finish()
    assert out.getvalue() == ""


def test_russian_runs_speak_russian() -> None:
    clock, out = FakeClock(), io.StringIO()
    progress = Progress(out, lang="ru", clock=clock, delay=0)
    progress.start(1000)
    clock.now += 3.4
    progress.advance(120)
    assert out.getvalue().endswith("clinic-content: файлы 120/1000, 3,4 с")


@pytest.mark.parametrize("fmt, quiet, stream, shown", [
    ("text", False, Terminal(), True),
    ("concise", False, Terminal(), True),
    ("text", True, Terminal(), False),
    ("json", False, Terminal(), False),
    ("sarif", False, Terminal(), False),
    ("github", False, Terminal(), False),
    ("text", False, io.StringIO(), False),  # not a terminal
])
def test_only_a_person_at_a_terminal_gets_progress(fmt: str, quiet: bool, stream, shown: bool) -> None:
    assert (terminal_progress(fmt, quiet, "en", stream) is not None) is shown


def test_a_dumb_terminal_gets_no_escape_codes(monkeypatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert terminal_progress("text", False, "en", Terminal()) is None


# The CLI in a pseudo-terminal: stderr is a TTY, stdout a pipe (as `clinic-content lint | less`).
_RUN = ("import sys; import clinic_content.engine.progress as p; p.DEFAULT_DELAY = 0.0; "
        "from clinic_content.cli.main import main; sys.exit(main(sys.argv[1:]))")


def _lint_with_stderr_on_a_pty(*args: str, tty: bool = True) -> str:
    import pty

    env = {**os.environ, "TERM": "xterm"}
    env.pop("CLINIC_CONTENT_FORMAT", None)
    command = [sys.executable, "-c", _RUN, "lint", "--today", "2026-11-22", "--no-cache", *args]
    if not tty:
        run = subprocess.run(command, cwd=DEMO, env=env, capture_output=True, text=True)
        return run.stderr
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=DEMO, env=env, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.communicate()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_cli_shows_progress_on_a_terminal_and_clears_it() -> None:
    err = _lint_with_stderr_on_a_pty("--lang", "en")
    assert "clinic-content: files " in err and "/" in err, err
    assert err.rstrip("\r\n").endswith("\x1b[K"), repr(err[-80:])


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "github"), ("--quiet",)])
def test_cli_shows_no_progress_for_machines_or_quiet(args: tuple[str, ...]) -> None:
    assert "files " not in _lint_with_stderr_on_a_pty(*args)


def test_cli_shows_no_progress_when_stderr_is_a_pipe() -> None:
    assert "files " not in _lint_with_stderr_on_a_pty(tty=False)
