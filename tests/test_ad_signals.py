"""Unmarked ads (ADV019 and the claim rules on posts that read as ads): severity, options,
and the phrase syntax the claim packs use. Texts are invented posts."""

from __future__ import annotations

import pytest

from clinic_content.source.config import Config, ConfigError
from clinic_content.core.diagnostics import Severity
from clinic_content.engine.linter import Linter
from clinic_content.text.phrases import Phrase
from clinic_content.text.tokens import tokenize
from clinic_content.source.post import load_text

from .conftest import TODAY

HEAD = "---\ntitle: Пост\npublish_at: 2026-12-05 11:00\nplatforms: [vk]\nstatus: approved\n---\n"
PROMO = HEAD + "Стоматология «Берёза» приглашает на лечение кариеса без боли. Скидка 20 % до конца декабря.\n"
EDUCATION = HEAD + "Кариес начинается с белого пятна на эмали. Чистите зубы дважды в день и раз в полгода приходите на осмотр.\n"


def _lint(text: str, tmp_path, select=("ADV",), **table):
    config = Config.from_mapping({"content-roots": ["."], **table}, root=tmp_path)
    return Linter(config, select=list(select), today=TODAY, lang="en").lint_text(text, "post.md").diagnostics


def test_an_unmarked_ad_gets_a_warning_that_says_what_to_do(tmp_path) -> None:
    found = [d for d in _lint(PROMO, tmp_path) if d.code == "ADV019"]
    assert [d.severity for d in found] == [Severity.WARNING]  # was info: CI passed on unmarked ads
    assert "ad: true" in found[0].message and "erid" in found[0].message and "противопоказания" in found[0].message


def test_claim_rules_check_a_post_that_reads_as_an_ad(tmp_path) -> None:
    codes = {d.code for d in _lint(PROMO, tmp_path)}
    assert "ADV002" in codes  # «без боли» in an unmarked promotion


def test_an_educational_post_is_not_an_ad(tmp_path) -> None:
    assert _lint(EDUCATION, tmp_path) == []


def test_a_question_is_no_guarantee_and_no_ad_cue(tmp_path) -> None:
    text = HEAD + "Можно ли лечить зубы без боли? Анестезия помогает, но ощущения у всех разные.\n"
    assert _lint(text, tmp_path) == []


def test_cue_lists_are_options(tmp_path) -> None:
    table = {"rules": {"ADV019": {"offer-cues": ["спецпредложение"], "claims": False}}}
    assert [d.code for d in _lint(PROMO, tmp_path, **table)] == []  # neither «скидка» nor «приглашает» is a cue now
    assert [d.code for d in _lint(PROMO, tmp_path)] != []


def test_severity_of_the_hint_is_configurable(tmp_path) -> None:
    found = [d for d in _lint(PROMO, tmp_path, severity={"ADV019": "info"}) if d.code == "ADV019"]
    assert [d.severity for d in found] == [Severity.INFO]


def test_an_unknown_option_is_an_error(tmp_path) -> None:
    with pytest.raises(ConfigError):
        _lint(PROMO, tmp_path, rules={"ADV019": {"offer-cue": ["скидка"]}})


def test_an_explicit_ad_is_left_to_the_ad_rules(tmp_path) -> None:
    text = PROMO.replace("status: approved", "status: approved\nad: true\nsubject: medical_service")
    assert "ADV019" not in {d.code for d in _lint(text, tmp_path)}


def test_english_posts_are_not_read_as_russian_ads(tmp_path) -> None:
    text = HEAD.replace("status: approved", "status: approved\nlang: en") + "Book a cleaning today: 20% off in December.\n"
    assert "ADV019" not in {d.code for d in _lint(text, tmp_path)}


@pytest.mark.parametrize("phrase, text, hits", [
    ("{Supr} врач|клиника|оборудование", "Лучшие врачи и самое современное оборудование.", 2),
    ("{Supr} врач|клиника|оборудование", "Самое главное — не откладывать визит.", 0),
    ("=до и после", "Фото до и после процедуры.", 1),
    ("=до и после", "Скидка за 3 дня до и 3 дня после праздника.", 0),
])
def test_phrase_alternatives_and_adjacent_phrases(phrase, text, hits) -> None:
    from clinic_content.ruleset.phrase_matching import _phrase
    from clinic_content.core.packs import load_phrase_packs

    entry = next(e for e in load_phrase_packs() if e.id == "ADV003").model_copy(update={"gap": 2, "ordered": True})
    tokens = tokenize(load_text(HEAD + text + "\n", "p.md"))
    assert len(list(_phrase(phrase, entry).find(tokens))) == hits
    assert isinstance(_phrase(phrase, entry), Phrase)


def test_a_cue_that_does_not_parse_is_a_config_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="ADV019"):
        _lint(PROMO, tmp_path, rules={"ADV019": {"offer-cues": ["скидка{"]}})
