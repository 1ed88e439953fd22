"""The warm path: a report written from pre-rendered fragments, file by file, is byte for
byte the report the materialised formatters write — cold, warm, after edits, with
calendar findings that change on an unchanged file, in colour, in both languages."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from clinic_content.cli import lint_cmd
from clinic_content.engine.cache import CACHE_DIR

from .cli_run import run_cli

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo-clinic"
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_repo import make_repo  # noqa: E402

TODAY = ("--today", "2026-11-22")
VARIANTS = [("text",), ("text", "--color", "always"), ("text", "--lang", "en"), ("concise",), ("json",),
            ("json", "--lang", "en")]


@pytest.fixture(autouse=True)
def private_key_dir(tmp_path_factory, monkeypatch):
    """The cache's signing key: a fresh one per test (the cache is on, as on a laptop)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))


def _materialised(monkeypatch, folder: Path, capsys, *args: str) -> tuple[int, str]:
    """The report as the formatters render it from diagnostics (the path before streaming)."""
    with monkeypatch.context() as patch:
        patch.setattr(lint_cmd, "_stream_if_possible", lambda *a, **k: None)
        code, out, _ = run_cli(folder, capsys, "lint", *TODAY, *args)
    return code, out


def _streamed(folder: Path, capsys, *args: str) -> tuple[int, str]:
    code, out, _ = run_cli(folder, capsys, "lint", *TODAY, *args)
    return code, out


def _formats(*variant: str) -> list[str]:
    fmt, *rest = variant
    return ["--format", fmt, *rest]


def _check_all(monkeypatch, folder: Path, capsys) -> dict[tuple[str, ...], str]:
    outputs = {}
    for variant in VARIANTS:
        args = _formats(*variant)
        expected = _materialised(monkeypatch, folder, capsys, *args)
        assert _streamed(folder, capsys, *args) == expected, variant  # fragments rendered and stored
        assert _streamed(folder, capsys, *args) == expected, variant  # fragments copied
        outputs[variant] = expected[1]
    return outputs


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns(CACHE_DIR)))


def test_demo_streamed_equals_materialised(demo: Path, capsys, monkeypatch) -> None:
    outputs = _check_all(monkeypatch, demo, capsys)
    assert "\x1b[" in outputs[("text", "--color", "always")]
    assert list((demo / CACHE_DIR).glob("lint-*/out-*.bin")), "fragments are stored"


def test_demo_concise_is_the_expected_findings_golden(demo: Path, capsys) -> None:
    expected = (DEMO / "expected-findings.txt").read_text(encoding="utf-8")
    for _ in range(2):
        assert _streamed(demo, capsys, ".", "--format", "concise")[1] == expected


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("generated") / "repo", 200)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_generated_repo_streamed_equals_materialised_across_edits(generated: Path, tmp_path: Path, capsys,
                                                                  monkeypatch) -> None:
    repo = Path(shutil.copytree(generated, tmp_path / "repo"))
    posts = sorted(repo.rglob("post-*.md"))
    first = _check_all(monkeypatch, repo, capsys)
    assert '"code": "CAL' in first[("json",)], "the repo has calendar findings interleaved with post findings"

    # a body edit, a post removed, and an id taken over: CAL001 now fires on an unchanged file
    _edit(posts[3], "\n---\n", "\n---\nГарантируем 100 % результат без боли!\n")
    posts[5].unlink()
    victim_id = re.search(r"^id: (\S+)$", posts[7].read_text(encoding="utf-8"), re.M).group(1)
    _edit(posts[8], f"id: {posts[8].stem}", f"id: {victim_id}")
    second = _check_all(monkeypatch, repo, capsys)
    shown = f"{posts[7].relative_to(repo)}".replace("\\", "/")
    assert re.search(rf"{re.escape(shown)}:\d+:\d+: CAL001", second[("concise",)])
    assert first != second


def test_exit_codes_and_options_as_before(demo: Path, capsys, monkeypatch) -> None:
    for args in (["--exit-zero"], ["--fail-on", "error"], ["--quiet", "-o", "report.txt"], ["--select", "PRIV"],
                 ["--statistics"], ["--ignore", "ALL"]):
        expected = _materialised(monkeypatch, demo, capsys, *args)
        written = (demo / "report.txt").read_bytes() if "-o" in args else None
        assert _streamed(demo, capsys, *args) == expected, args
        assert _streamed(demo, capsys, *args) == expected, args
        if written is not None:
            assert (demo / "report.txt").read_bytes() == written


def test_output_file_gets_the_same_bytes(demo: Path, capsys, monkeypatch) -> None:
    for fmt in ("text", "json", "concise"):
        _materialised(monkeypatch, demo, capsys, "--format", fmt, "-o", "before.out")
        for _ in range(2):
            _streamed(demo, capsys, "--format", fmt, "-o", "after.out")
            assert (demo / "after.out").read_bytes() == (demo / "before.out").read_bytes(), fmt


def test_a_tampered_fragment_file_is_rendered_again(demo: Path, capsys, monkeypatch) -> None:
    expected = _materialised(monkeypatch, demo, capsys)
    _streamed(demo, capsys)
    for stored in (demo / CACHE_DIR).glob("lint-*/out-*.bin"):
        data = stored.read_bytes()
        stored.write_bytes(data.replace(b"PRIV", b"XXXX").replace(b"ADV", b"OK!"))
    assert _streamed(demo, capsys) == expected
    assert _streamed(demo, capsys) == expected


def test_stored_fragments_hold_masked_lines_only(tmp_path: Path, capsys) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    post = ("---\ntitle: Отзыв\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: approved\n"
            "category: case_study\n---\nПациентка Мария Кузнецова, тел. +7 912 345-67-12, пишет: спасибо!\n")
    (tmp_path / "posts" / "story.md").write_text(post, encoding="utf-8")
    outputs = [_streamed(tmp_path, capsys, "--format", fmt)[1] for fmt in ("text", "json", "concise", "text")]
    assert "PRIV" in outputs[0] and "345-67-12" not in "".join(outputs)
    stored = b"".join(p.read_bytes() for p in (tmp_path / CACHE_DIR).rglob("out-*"))
    assert stored and b"345-67-12" not in stored and "Кузнецова".encode() not in stored


def test_stdin_runs_are_not_streamed_and_unchanged(demo: Path, capsys, monkeypatch) -> None:
    post = next((demo / "posts").rglob("*.md"))
    text = post.read_text(encoding="utf-8")
    for fmt in ("text", "json"):
        args = ["--format", fmt, "--stdin-filename", str(post.relative_to(demo)), "-"]
        monkeypatch.setattr(sys, "stdin", _Stdin(text))
        expected = _materialised(monkeypatch, demo, capsys, *args)
        monkeypatch.setattr(sys, "stdin", _Stdin(text))
        assert _streamed(demo, capsys, *args) == expected


class _Stdin:
    def __init__(self, text: str) -> None:
        import io

        self.buffer = io.BytesIO(text.encode("utf-8"))

    def read(self) -> str:
        return self.buffer.read().decode("utf-8")
