"""Every multi-word term of the shipped dictionary, in inflected forms, in the text and in the
post's `glossary`: LANG001 reports it once when unexplained, stays silent when explained, and
never crashes (issue 11 §2.1: «эрозия шейки матки» raised PhraseError, exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.source.config import Config
from clinic_content.engine.linter import INTERNAL, Linter
from clinic_content.text.jargon import dictionary, glossary_keys
from clinic_content.text.tokens import analyzer

from .conftest import TODAY

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "nomn plur", "gent plur", "ablt plur")
MULTI = sorted(term for _, term, _ in dictionary().multi)


def _head(words: list[str]) -> int:
    """Index of the head noun: the first noun in the nominative (adjectives before it agree)."""
    for i, word in enumerate(words):
        if any(p.tag.POS == "NOUN" and "nomn" in p.tag for p in analyzer().parse(word)):
            return i
    return 0


def inflect(term: str, case: str) -> str:
    """The term with its head noun (and the adjectives agreeing with it) put into ``case``
    («gent plur» for the plural)."""
    case, _, plural = case.partition(" ")
    number = plural or "sing"
    words = term.split()
    head = _head(words)
    noun = next(p for p in analyzer().parse(words[head]) if p.tag.POS == "NOUN" and "nomn" in p.tag)
    agree = {g for g in (noun.tag.gender if number == "sing" else None, noun.tag.animacy if case == "accs" else None) if g}
    out = []
    for i, word in enumerate(words):
        if i > head:
            out.append(word)  # dependents in the genitive keep their form («шейки матки»)
            continue
        pos = "NOUN" if i == head else "ADJF"
        parse = next((p for p in analyzer().parse(word) if p.tag.POS == pos and "nomn" in p.tag), None)
        form = parse.inflect({case, number} | (agree if pos == "ADJF" else set())) if parse else None
        out.append(form.word if form else word)
    return " ".join(out)


def _post(body: str, glossary: str = "") -> str:
    meta = "glossary:\n" + "".join(f"  {line}\n" for line in glossary.splitlines()) if glossary else ""
    return (
        "---\ntitle: Разбор диагноза\npublish_at: 2026-12-10 12:00\nplatforms: [vk]\nstatus: approved\n"
        f"category: education\n{meta}---\n{body}\n"
    )


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    root = tmp_path_factory.mktemp("repo")
    return Linter(Config.from_mapping({"content-roots": ["."]}, root=root), select=["LANG001"], today=TODAY, lang="en")


def _lang001(linter: Linter, text: str) -> list:
    report = linter.lint_text(text, "post.md")
    assert not [d for d in report.diagnostics if d.code == INTERNAL], report.diagnostics
    return [d for d in report.diagnostics if d.code == "LANG001"]


def test_the_dictionary_has_multi_word_terms() -> None:
    assert len(MULTI) >= 8


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("term", MULTI)
def test_multi_word_term_in_text(linter: Linter, term: str, case: str) -> None:
    form = inflect(term, case)
    found = _lang001(linter, _post(f"Врач рассказывает пациентам, что делать, если нашли {form}. Запишитесь."))
    assert [d.message for d in found if term in d.message], (form, [d.message for d in found])
    explained = _post(f"Врач рассказывает про {form} — это состояние, при котором нужен осмотр. Запишитесь.")
    assert not [d for d in _lang001(linter, explained) if term in d.message], form


@pytest.mark.parametrize("case", ("nomn", "gent", "ablt"))
@pytest.mark.parametrize("term", MULTI)
def test_multi_word_term_listed_in_glossary(linter: Linter, term: str, case: str) -> None:
    """A glossary key in any form explains the term in any other form."""
    in_text = inflect(term, "loct" if case != "loct" else "nomn")
    text = _post(f"Врач рассказывает о том, что такое {in_text}, на карточке.",
                 glossary=f"{inflect(term, case)}: объяснено на карточке")
    assert not [d for d in _lang001(linter, text) if term in d.message], (term, case)


@pytest.mark.parametrize("key", ["эрозия {шейки} матки", "", "  ", "*", "x{Supr}", "123", "—"])
def test_odd_glossary_keys_never_crash(linter: Linter, key: str) -> None:
    glossary_keys({key: "пояснение"})
    _lang001(linter, _post("У пациентки нашли эрозию шейки матки.", glossary=f"'{key}': пояснение"))


def test_term_keys_meet_across_forms() -> None:
    from clinic_content.text.jargon import term_keys

    assert term_keys("эрозия шейки матки") & term_keys("Эрозию шейки матки")
    assert term_keys("пяточная шпора") & term_keys("пяточной шпорой")
    assert not term_keys("пяточная шпора") & term_keys("шпора")


def test_cli_never_exits_2_on_multi_word_terms(tmp_path: Path) -> None:
    body = " ".join(f"Разбираем {inflect(term, 'accs')} на приёме." for term in MULTI)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "terms.md").write_text(
        _post(body, glossary=f"{MULTI[0]}: объяснено на карточке"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "clinic_content", "lint", "posts", "--select", "LANG001", "--today", "2026-11-22"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "LANG001" in run.stdout


def test_yo_written_as_ye_still_matches(linter: Linter) -> None:
    text = _post("У пациента нашли синдром раздраженного кишечника.", glossary="")
    assert [d for d in _lang001(linter, text) if "синдром раздражённого кишечника" in d.message]
    glossary = _post("У пациента нашли синдром раздражённого кишечника.",
                     glossary="синдром раздраженного кишечника: объяснено в видео")
    assert not _lang001(linter, glossary)
