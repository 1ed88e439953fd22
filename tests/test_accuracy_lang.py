"""Language rules recalibrated on real clinic texts (issue 13 item 4): defaults that keep an
ordinary post green, and the text layer's sentence boundaries the readability score relies on."""

from __future__ import annotations

import pytest

from clinic_content.ruleset.checks.language import HardToRead
from clinic_content.core.diagnostics import Severity
from clinic_content.source.post import load_text
from clinic_content.text.tokens import tokenize

HEAD = "---\ntitle: x\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n---\n"


def _sentences(body: str) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for token in tokenize(load_text(HEAD + body)):
        groups.setdefault(token.sentence, []).append(token.text)
    return list(groups.values())


def test_a_line_break_before_a_capital_ends_a_sentence() -> None:
    """A heading line or a line without a final stop does not glue onto the next sentence."""
    body = "Открылся новый кабинет\nТеперь анализы можно сдать без очереди\nЗаписывайтесь заранее.\n"
    assert [s[0] for s in _sentences(body)] == ["Открылся", "Теперь", "Записывайтесь"]


def test_a_soft_line_break_inside_a_sentence_keeps_it_whole() -> None:
    body = "Анализы можно сдать утром\nнатощак, без записи.\n"
    assert len(_sentences(body)) == 1


def test_readability_ships_as_a_hint_until_calibrated_per_platform() -> None:
    assert HardToRead.default_severity is Severity.INFO


def test_a_us_post_about_a_patient_is_priv009s_finding_not_priv001s(tmp_path) -> None:
    from clinic_content.source.config import Config
    from clinic_content.engine.linter import Linter

    text = ("---\ntitle: Reply\npublish_at: 2026-12-10 10:00\nplatforms: [facebook]\nlang: en\njurisdiction: US\n---\n"
            "Thank you for the review. When you came in we took new x-rays of that tooth.\n")
    report = Linter(Config.from_mapping({}, root=tmp_path), select=["PRIV001", "PRIV009"]).lint_text(text, "r.md")
    assert [d.code for d in report.diagnostics] == ["PRIV009"]
