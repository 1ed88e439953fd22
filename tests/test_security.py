"""Hostile input: a corpus of malformed files, no code or network ever runs, regular
expressions stay linear on adversarial text, one broken file or rule stops nothing."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import clinic_content
from clinic_content.cli.main import main
from clinic_content.source.config import Config
from clinic_content.engine.linter import INTERNAL, Linter

from .conftest import FIXTURES, REPO, TODAY

HOSTILE = FIXTURES / "hostile"


def _expected() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines():
        name, code = line.split()
        out.setdefault(name, set())
        if code != "-":
            out[name].add(code)
    return out


def test_every_hostile_file_gives_its_finding_and_no_traceback(tmp_path: Path) -> None:
    linter = Linter(Config(root=HOSTILE, content_roots=["."]), today=TODAY, lang="en")
    report = linter.lint_paths(sorted(HOSTILE.glob("*.md")))
    assert report.internal_errors == 0 and not [d for d in report.diagnostics if d.code == INTERNAL]
    found: dict[str, set[str]] = {}
    for d in report.diagnostics:
        found.setdefault(Path(d.path).name, set()).add(d.code)
    for name, codes in _expected().items():
        fm = {c for c in found.get(name, set()) if c.startswith("FM")}
        assert fm == codes, f"{name}: {sorted(found.get(name, set()))}"
    assert not Path("/tmp/pwned").exists()  # !!python tags are never constructed


def test_the_cli_reports_hostile_files_with_exit_1_not_2(capsys, monkeypatch) -> None:
    monkeypatch.chdir(HOSTILE)
    assert main(["lint", ".", "--no-cache", "--format", "concise"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


def test_a_ten_megabyte_line(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    big = tmp_path / "posts" / "big.md"
    line = ("Прививка " * 1_200_000)[:10_000_000]
    big.write_text("---\ntitle: x\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\n" + line + "\n", encoding="utf-8")
    capped = Linter(Config(root=tmp_path), today=TODAY).lint_paths([big])
    assert [d.code for d in capped.diagnostics] == ["FM011"]  # over the default 1 MB cap: not parsed
    one_word = tmp_path / "posts" / "word.md"
    one_word.write_text("---\ntitle: x\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\n" + "а" * 900_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    report = Linter(Config(root=tmp_path), today=TODAY).lint_paths([one_word])
    assert report.internal_errors == 0 and time.perf_counter() - started < 60


class _NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise AssertionError("clinic-content opened a socket")


def test_no_command_touches_the_network(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(AssertionError("network")))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(AssertionError("dns")))
    monkeypatch.chdir(REPO / "examples" / "demo-clinic")
    commands = [
        ["lint", ".", "--no-cache", "--today", "2026-11-22"],
        ["lint", ".", "--no-cache", "--format", "sarif"],
        ["calendar", "export", "-o", str(tmp_path / "plan.ics")],
        ["calendar", "show", "--month", "2026-12"],
        ["rules"], ["explain", "ADV001"], ["schema"], ["stats"],
    ]
    for command in commands:
        assert main(command) in (0, 1), command
    capsys.readouterr()


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module_info in pkgutil.walk_packages(clinic_content.__path__, "clinic_content."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module_info.name}.{name}", value))
            elif isinstance(value, dict):
                found += [(f"{module_info.name}.{name}[{k}]", v) for k, v in value.items() if isinstance(v, re.Pattern)]
    return found


ADVERSARIAL = [
    "а" * 100_000, "a" * 100_000, "1" * 100_000, " " * 100_000, "\n" * 100_000, "." * 100_000,
    "1 " * 50_000, "1-" * 50_000, "1." * 50_000, "а-" * 50_000, "@a." * 33_000, "a@" * 50_000,
    "ул. " * 25_000, "пациент " * 12_500, "Иванова Анна " * 7_700, "<!--" * 25_000, "#а" * 50_000,
    "erid " * 20_000, "% " * 50_000, "http://" * 14_000, "[" * 100_000, "- " * 50_000, "1 год " * 16_000,
]


def test_regular_expressions_stay_linear_on_adversarial_text() -> None:
    """Every pattern in the package, on 100 KB of adversarial text, in a child process
    with a deadline: catastrophic backtracking would hang it, not the test run."""
    patterns = _patterns()
    assert len(patterns) > 50
    script = (
        "import sys, time, re, importlib\n"
        "from tests.test_security import _patterns, ADVERSARIAL\n"
        "for name, pattern in _patterns():\n"
        "    worst = 0.0\n"
        "    for text in ADVERSARIAL:\n"
        "        t = time.perf_counter(); sum(1 for _ in pattern.finditer(text)); worst = max(worst, time.perf_counter() - t)\n"
        "    print(f'{worst:.3f} {name}', flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    timings = [line.split(" ", 1) for line in done.stdout.splitlines()]
    assert len(timings) == len(patterns)
    slow = [(float(t), name) for t, name in timings if float(t) > 1.0]
    assert not slow, f"slow patterns (seconds for 100 KB): {slow}"


def test_a_broken_rule_and_a_broken_file_stop_nothing(tmp_path: Path) -> None:
    from clinic_content.ruleset.registry import all_rules
    from clinic_content.ruleset.rule import PostRule, T

    class Explodes(PostRule):
        id = "ZZZ900"
        name = "explodes"
        summary = doc = T("", "")
        source = "test"
        messages = {"default": T("x", "x")}

        def check(self, post, ctx):
            raise RuntimeError("boom")

    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bad.md").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "posts" / "ok.md").write_text("---\ntitle: x\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\n---\nСкидка!\n",
                                             encoding="utf-8")
    rules = {**all_rules(), "ZZZ900": Explodes}
    report = Linter(Config(root=tmp_path), rules=rules, today=TODAY).lint_paths([tmp_path / "posts"])
    codes = {(Path(d.path).name, d.code) for d in report.diagnostics}
    assert ("bad.md", "FM005") in codes and ("ok.md", "ADV001") in codes
    assert ("ok.md", INTERNAL) in codes and report.internal_errors >= 1
