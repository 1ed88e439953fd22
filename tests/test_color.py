"""Colour: `--color`, NO_COLOR / FORCE_COLOR, auto = a terminal outside CI; never machine formats."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.cli.main import main
from clinic_content.report.color import use_color

BAD = "---\ntitle: Прививка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: aproved\n---\nТекст.\n"
ESC = "\x1b["


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("choice, env, tty, expected", [
    (None, {}, True, True),
    (None, {}, False, False),
    (None, {"CI": "true"}, True, False),
    (None, {"TERM": "dumb"}, True, False),
    (None, {"NO_COLOR": "1"}, True, False),
    (None, {"NO_COLOR": ""}, True, True),  # no-color.org: set *and not empty*
    (None, {"FORCE_COLOR": "1"}, False, True),
    (None, {"FORCE_COLOR": "1", "CI": "true"}, False, True),
    (None, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ("auto", {}, True, True),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_color_decision(choice, env, tty, expected) -> None:
    stream = _Terminal() if tty else io.StringIO()
    assert use_color(choice, "text", stream, env) is expected


@pytest.mark.parametrize("fmt", ["concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"])
def test_machine_formats_are_never_coloured(fmt: str) -> None:
    assert use_color("always", fmt, _Terminal(), {"FORCE_COLOR": "1"}) is False


def _lint(capsys, path: Path, *argv: str) -> str:
    main(["lint", str(path), "--lang", "en", *argv])
    return capsys.readouterr().out


def test_color_flag_and_environment_in_the_cli(capsys, make_post, monkeypatch) -> None:
    post = make_post("bad.md", BAD)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert ESC not in _lint(capsys, post)
    coloured = _lint(capsys, post, "--color", "always")
    assert "\x1b[31m\x1b[1mFM003\x1b[0m" in coloured  # the code in the severity's colour
    assert "^^^^^^^\x1b[0m" in coloured  # the caret too
    assert ESC not in _lint(capsys, post, "--color", "always", "--format", "json")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC in _lint(capsys, post)
    assert ESC not in _lint(capsys, post, "--color", "never")
    assert ESC not in _lint(capsys, post, "--format", "github")
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in _lint(capsys, post)


def test_force_color_through_a_pipe(make_post) -> None:
    post = make_post("bad.md", BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    run = [sys.executable, "-m", "clinic_content", "lint", str(post), "--today", "2026-11-22", "--no-cache", "--lang", "en"]
    forced = subprocess.run(run, capture_output=True, text=True, env={**env, "FORCE_COLOR": "1"})
    assert forced.returncode == 1 and ESC in forced.stdout
    plain = subprocess.run(run, capture_output=True, text=True, env=env)
    assert plain.returncode == 1 and ESC not in plain.stdout
