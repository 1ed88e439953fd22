"""markdown-it-pyrs (the fast path) and markdown-it-py (the fallback) give the same ``Body``
on every fixture, every demo post, every development-corpus text (read at run time from
../shared/corpus, skipped without it) and on generated structure-heavy Markdown."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from clinic_content.source import markdown
from clinic_content.source.markdown import parse_body, parse_body_py

pytest.importorskip("markdown_it_pyrs")
from clinic_content.source.markdown_rs import parse_tree  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"


def _bodies(paths) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", "replace")
        out.append((str(path.relative_to(REPO)), text))
        if text.startswith("---\n") and text.count("---\n") >= 2:  # the body alone, as the linter parses it
            out.append((f"{path.relative_to(REPO)} (body)", text.split("---\n", 2)[2]))
    return out


def _assert_same(items: list[tuple[str, str]]) -> None:
    assert items
    differ = [name for name, text in items if parse_body(text, 3) != parse_body_py(text, 3)]
    assert not differ, f"markdown-it-pyrs and markdown-it-py disagree on {differ[:10]}"


def test_the_fast_parser_is_in_use() -> None:
    assert markdown._parse_tree is parse_tree
    assert parse_tree("Текст *поста*.\n", 1) is not None


def test_fixtures_parse_identically() -> None:
    _assert_same(_bodies(sorted((REPO / "tests" / "fixtures").rglob("*.md"))))


def test_demo_posts_parse_identically() -> None:
    _assert_same(_bodies(sorted((REPO / "examples").rglob("*.md"))))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not available")
def test_corpus_texts_parse_identically() -> None:
    items = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                items.append((f"{path.name}:{number}", str(json.loads(line).get("text") or "")))
    _assert_same(items)


# lines that build every block the Body knows, in odd combinations (lists ending in blank lines,
# setext headings, loose and nested lists, unclosed fences, ignore comments before blocks)
_LINES = [
    "Текст абзаца про приём врача.", "ещё строка", "", "", "- пункт", "- пункт **жирный**", "  продолжение",
    "1. первый", "2) второй", "   вложенный абзац", "    код отступом", "```", "```python", "~~~",
    "# Заголовок", "## Заголовок ##", "Заголовок", "===", "---", "***", "<div>", "</div>",
    "<!-- clinic-content: ignore ADV001 -->", "<!-- clinic-content: ignore-file -->",
    "![фото](a.png) и [ссылка](https://x.ru)", "[ref]: https://x.ru", "текст с &amp; и \\* и <b>тег</b>",
    "  - вложенный пункт", "     - глубже", "* звезда", "+ плюс", "Строка с двумя пробелами  ", "строка\\",
    "~~зачёркнуто~~", "\t- таб", "10. десятый", "- [ ] задача", "-", "1.", "&nbsp;", "<https://a.ru>",
    "https://b.ru/x", "> цитата", "| a | b |", "|---|---|", "`код`",
]


def test_generated_markdown_parses_identically() -> None:
    rng = random.Random(15)
    items = []
    for k in range(1500):
        body = "\n".join(rng.choice(_LINES) for _ in range(rng.randint(1, 12))) + rng.choice(["", "\n", "\n\n"])
        items.append((f"generated {k}: {body!r}", body))
    _assert_same(items)


def test_input_the_rust_parser_panics_on_falls_back_quietly(capfd) -> None:
    for text in ("[\\]`a", "x[\\]`a", ";[[````_(|=```>_&amp;>"):
        assert parse_tree(text, 1) is None
        assert parse_body(text, 1) == parse_body_py(text, 1)
    assert "panicked" not in capfd.readouterr().err


def test_without_markdown_it_pyrs_the_python_parser_is_used(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "clinic_content.source.markdown_rs", raising=False)
    monkeypatch.setitem(sys.modules, "markdown_it_pyrs", None)  # as on a platform without a wheel
    assert markdown._rust_parser() is None
    monkeypatch.undo()
    monkeypatch.setenv("CLINIC_CONTENT_MARKDOWN", "py")
    assert markdown._rust_parser() is None
