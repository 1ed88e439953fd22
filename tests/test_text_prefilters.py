"""The fast paths of the text layer give the same answers as the slow ones they skip.

Each hot regex opens with a look-ahead on the characters its branches start with; the
phrase gate (`TokenIndex.viable`) drops a phrase only when a word it needs is missing.
Both must be invisible in the results: checked against the plain regexes and against
every pack phrase run without the gate.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_content.ruleset import ad_signals
from clinic_content.text import tokens as text
from clinic_content.ruleset.checks import sources
from clinic_content.ruleset.checks.phrase_rules import pack_rules
from clinic_content.text.phrases import TokenIndex
from clinic_content.source.post import load_text

_PIECES = [
    "<!-- заметка -->", "<!--", "-->", "`код`", "``", "](https://x.ru/a)", "<https://клиника.рф>", "http://a.b",
    "<b>", "</i>", "> ", "- ", "* ", "12. ", "3) ", "[1]: http://x", "\n", "\t", " ", "Запись", "h", "]",
    "8 (495) 123-45-67", "+7 900", "12-34-56", "1 500 ₽", "300 руб.", "-20 %", "www.Clinic.RU", "сайт.рф",
    "mail@site.ru", "центр «Здоровье»", "Клиника \"Вита\"", "80 %", "в 3 раза", "каждый второй", "7 из 10",
    "по данным ВОЗ", "по данным", "Исследования показали", "доказано", "учёные", "According to the CDC",
    "according to", "studies show", "5.5% of", "ſ", "K", "1,5", ".", "ru", "com",
]
_TEXTS = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=14).map("".join)


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without its leading look-ahead (it ends at the first closing parenthesis)."""
    assert pattern.pattern.startswith("(?=")
    return re.compile(pattern.pattern.split(")", 1)[1], pattern.flags)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


_PREFIXED = [text._HIDDEN, sources._CLAIM, ad_signals._PRICE, ad_signals._PHONE, ad_signals._NAMED]


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_look_ahead_regexes_find_what_the_plain_ones_find(sample: str) -> None:
    for pattern in _PREFIXED:
        plain = _plain(pattern)
        assert [m.span() for m in pattern.finditer(sample)] == [m.span() for m in plain.finditer(sample)], pattern.pattern
    assert text._HIDDEN.sub(_blank, sample) == _plain(text._HIDDEN).sub(_blank, sample)
    site, plain_site = ad_signals._site(sample), ad_signals._SITE.search(sample)
    assert (site and site.span()) == (plain_site and plain_site.span())


def _post(body: str):
    return load_text("---\ntitle: Пост\nplatforms: [vk]\n---\n" + body + "\n", "post.md")


@pytest.mark.parametrize("rule", [r for r in pack_rules() if r.entry.lang == "ru"], ids=lambda r: r.id)
def test_the_phrase_gate_keeps_every_phrase_that_matches(rule) -> None:
    phrases, unless = rule.compiled()
    for sample in [*rule.entry.examples.fire, *rule.entry.examples.silent]:
        tokens = text.tokenize(_post(sample))
        index = TokenIndex(tokens)
        kept = index.viable(phrases + unless)
        for phrase in phrases + unless:
            if next(phrase.find(tokens, index), None) is not None:
                assert phrase in kept, (phrase.text, sample)
