"""Hypothesis: no input makes the loader or engine raise, and positions stay inside the file."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_content.source.config import Config
from clinic_content.engine.linter import INTERNAL, Linter

from .conftest import TODAY

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_LINTER_CACHE: dict[str, Linter] = {}


def _linter(root: Path) -> Linter:
    key = str(root)
    if key not in _LINTER_CACHE:
        _LINTER_CACHE[key] = Linter(Config(root=root), today=TODAY, extend_select=["FM019"])
    return _LINTER_CACHE[key]


def _check(report, raw: bytes) -> None:
    assert not [d for d in report.diagnostics if d.code == INTERNAL], report.diagnostics
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.splitlines() or [""]
    for d in report.diagnostics:
        assert 1 <= d.line <= max(len(lines), 1) + 1, (d, len(lines))
        assert d.column >= 1
    assert report.diagnostics == sorted(report.diagnostics)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
keys = st.sampled_from(["title", "publish_at", "date", "platforms", "status", "category", "ad", "subject", "media", "lint", "erid", "expires", "draft", "x", "тип"])


@_SETTINGS
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "posts" / "p.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    _check(_linter(tmp_path).lint_paths([path]), raw)


@_SETTINGS
@given(text=st.text(max_size=400))
def test_arbitrary_text_after_a_fence(tmp_path: Path, text: str) -> None:
    raw = ("---\n" + text).encode("utf-8", errors="surrogatepass")
    path = tmp_path / "posts" / "p.md"
    path.parent.mkdir(exist_ok=True)
    try:
        path.write_bytes(raw)
    except UnicodeEncodeError:
        return
    _check(_linter(tmp_path).lint_paths([path]), raw)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mapping=st.dictionaries(keys, values, max_size=8), body=st.text(max_size=200))
def test_arbitrary_front_matter_mappings(tmp_path: Path, mapping: dict, body: str) -> None:
    front = yaml.safe_dump(mapping, allow_unicode=True)
    raw = f"---\n{front}---\n{body}".encode("utf-8", errors="replace")
    path = tmp_path / "posts" / "p.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    _check(_linter(tmp_path).lint_paths([path]), raw)


@_SETTINGS
@given(blank=st.integers(min_value=0, max_value=6), body=st.text(alphabet="абв где\n-*#>", min_size=1, max_size=80))
def test_blank_lines_shift_body_diagnostics(tmp_path: Path, blank: int, body: str) -> None:
    """k blank lines before the body shift every body diagnostic by k lines."""
    head = "---\ntitle: x\npublish_at: 2026-12-01\nplatforms: [x]\n---\n"
    long_body = body + "\n\n" + "слово " * 60
    linter = Linter(Config(root=tmp_path), today=TODAY, select=["PLAT001"])
    base = linter.lint_text(head + long_body, "a.md").diagnostics
    shifted = linter.lint_text(head + "\n" * blank + long_body, "a.md").diagnostics
    assert [d.line + blank for d in base] == [d.line for d in shifted]
