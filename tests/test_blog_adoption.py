"""Adopting an existing blog (issue 13 item 6) and the repo-wide vocabulary (issue 11 §3):
theme keys allowed by name or glob, defaults for fields a post does not set, the `site`
platform, "did you mean" only for close spellings, names in the front-matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_content.cli.main import main
from clinic_content.source.config import Config, ConfigError
from clinic_content.engine.linter import Linter

from .conftest import TODAY

HUGO_POST = """---
title: "Прививка от гриппа"
date: 2025-10-01T10:00:00+03:00
description: "Когда делать прививку"
image: /img/flu.jpg
imageAlt: шприц
categories: [здоровье]
weight: 3
---
Прививку от гриппа лучше сделать в октябре, до начала сезона. Запишитесь к терапевту.
"""


def _lint(tmp_path: Path, text: str, table: dict, select: list[str] | None = None):
    post = tmp_path / "posts" / "post.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(text, encoding="utf-8")
    config = Config.from_mapping({"content-roots": ["posts"], **table}, root=tmp_path)
    report = Linter(config, select=select, ignore=["CAL"], today=TODAY, lang="en").lint_paths([post])
    return {(d.code, d.line) for d in report.diagnostics}, report


def test_theme_keys_by_name_and_glob_are_allowed(tmp_path: Path) -> None:
    table = {"front-matter": {"extra-keys": ["description", "image*", "categories", "weight"]},
             "defaults": {"platforms": ["site"], "status": "published"}}
    found, _ = _lint(tmp_path, HUGO_POST, table)
    assert found == set()


def test_a_star_allows_any_key(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, HUGO_POST, {"front-matter": {"extra-keys": ["*"]}, "defaults": {"platforms": ["site"]}},
                     select=["FM"])
    assert not {code for code, _ in found} & {"FM002", "FM004"}


def test_without_the_settings_every_theme_key_is_reported(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, HUGO_POST, {}, select=["FM002", "FM004"])
    assert {line for code, line in found if code == "FM002"} == {4, 5, 6, 7, 8}
    assert ("FM004", 1) in found or any(code == "FM004" for code, _ in found)  # no platforms


def test_did_you_mean_only_for_a_close_spelling(tmp_path: Path) -> None:
    text = HUGO_POST.replace("weight: 3", "catgories: [x]\nplaforms: [vk]")
    _, report = _lint(tmp_path, text, {"front-matter": {"extra-keys": ["description", "image*", "categories"]}},
                      select=["FM002"])
    messages = {d.line: d.message for d in report.diagnostics}
    assert "did you mean 'categories'" in messages[8]  # a listed theme key is a candidate too
    assert "did you mean 'platforms'" in messages[9]
    _, report = _lint(tmp_path, HUGO_POST, {}, select=["FM002"])
    assert all("did you mean" not in d.message for d in report.diagnostics)  # «categories» is no typo of «category»


def test_defaults_fill_what_a_post_does_not_set_and_the_post_wins(tmp_path: Path) -> None:
    table = {"defaults": {"platforms": ["site"], "status": "published", "lang": "en"}, "front-matter": {"extra-keys": ["*"]}}
    post = tmp_path / "posts" / "a.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: A\ndate: 2025-01-10\nplatforms: [vk]\n---\nText.\n", encoding="utf-8")
    config = Config.from_mapping({"content-roots": ["posts"], **table}, root=tmp_path)
    loaded = Linter(config, today=TODAY).load(post)
    assert loaded.meta.platforms == ["vk"] and loaded.meta.status.value == "published" and loaded.meta.lang == "en"


@pytest.mark.parametrize(
    "defaults, fragment",
    [({"platfroms": ["site"]}, "did you mean 'platforms'"), ({"status": "publishd"}, "status"), ({"nonsense": 1}, "nonsense")],
)
def test_a_bad_default_is_a_config_error(tmp_path: Path, defaults: dict, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        Config.from_mapping({"defaults": defaults}, root=tmp_path)


def test_archive_posts_are_not_unapproved_drafts(tmp_path: Path) -> None:
    found, _ = _lint(tmp_path, HUGO_POST, {"front-matter": {"extra-keys": ["*"]}, "defaults": {"platforms": ["site"]}},
                     select=["CAL012"])
    assert found  # without a default status an archive post is a late draft ...
    found, _ = _lint(tmp_path, HUGO_POST, {"front-matter": {"extra-keys": ["*"]},
                                           "defaults": {"platforms": ["site"], "status": "published"}}, select=["CAL012"])
    assert not found  # ... with `status = "published"` it is what it is


def test_site_is_a_platform_and_advertising_law_applies_there(tmp_path: Path) -> None:
    ad = ("---\ntitle: Акция\npublish_at: 2026-12-10 10:00\nplatforms: [site]\nstatus: approved\nad: true\n"
          "subject: medical_service\n---\nСкидка 20 % на чистку зубов до конца месяца.\n")
    found, _ = _lint(tmp_path, ad, {})
    codes = {code for code, _ in found}
    assert "FM016" not in codes and "ADV001" in codes


def test_names_in_the_front_matter_count_for_privacy(tmp_path: Path) -> None:
    review = ("---\ntitle: Отзыв\npublish_at: 2026-12-10 10:00\nplatforms: [site]\nstatus: approved\n"
              "category: testimonial\nauthor: Мария Соколова\npatient: Соколов Пётр\n---\nСпасибо за приём!\n")
    table = {"front-matter": {"extra-keys": ["patient"]}, "clinic": {"staff": ["Смирнова Ольга Викторовна"]}}
    found, report = _lint(tmp_path, review, table, select=["PRIV001", "PRIV008"])
    assert ("PRIV008", 7) in found and ("PRIV008", 8) in found and any(c == "PRIV001" for c, _ in found)
    assert all("Соколов" not in d.message for d in report.diagnostics)  # masked
    education = review.replace("category: testimonial", "category: education").replace("patient: Соколов Пётр\n", "")
    found, _ = _lint(tmp_path, education, table, select=["PRIV008"])
    assert not found  # elsewhere `author` is the copywriter
    staffed = review.replace("author: Мария Соколова", "author: Смирнова О. В.").replace("patient: Соколов Пётр\n", "")
    found, _ = _lint(tmp_path, staffed, table, select=["PRIV008"])
    assert not found


# -- vocabulary ---------------------------------------------------------------------------

TERMS_POST = ("---\ntitle: Спина\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nstatus: approved\n---\n"
              "При спондилоартрозе помогает лечебная гимнастика по методике КинезоФит и кинезиотейпирование.\n")


def test_the_glossary_file_explains_a_term_in_every_post(tmp_path: Path) -> None:
    _, report = _lint(tmp_path, TERMS_POST, {}, select=["LANG001"])
    assert len(report.diagnostics) == 2
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "glossary.toml").write_text(
        '[terms]\n"спондилоартроз" = "износ суставов позвоночника"\n', encoding="utf-8")
    _, report = _lint(tmp_path, TERMS_POST, {"vocabulary": {"glossary": "style/glossary.toml"}}, select=["LANG001"])
    assert [d.message for d in report.diagnostics] == [m for m in [report.diagnostics[0].message] if "кинезио" in m]


@pytest.mark.parametrize("name, text", [("g.yaml", "спондилоартроз: износ суставов\n"),
                                        ("g.txt", "спондилоартроз — износ суставов\n")])
def test_the_glossary_may_be_yaml_or_plain_lines(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    _, report = _lint(tmp_path, TERMS_POST, {"vocabulary": {"glossary": name}}, select=["LANG001"])
    assert len(report.diagnostics) == 1 and "кинезио" in report.diagnostics[0].message


def test_accepted_words_are_never_terms(tmp_path: Path) -> None:
    table = {"vocabulary": {"accept": ["кинезиотейпирование", "спондилоартроз"]}}
    found, _ = _lint(tmp_path, TERMS_POST, table, select=["LANG001", "LANG002", "LANG003"])
    assert not found


def test_a_glossary_outside_the_repository_or_unreadable_is_a_config_error(tmp_path: Path, capsys) -> None:
    repo = tmp_path / "repo"
    (repo / "posts").mkdir(parents=True)
    (tmp_path / "outside.toml").write_text('"x" = "y"\n', encoding="utf-8")
    post = repo / "posts" / "a.md"
    post.write_text(TERMS_POST, encoding="utf-8")
    for glossary in ("../outside.toml", "missing.toml"):
        (repo / ".clinic-content.toml").write_text(f'[vocabulary]\nglossary = "{glossary}"\n', encoding="utf-8")
        assert main(["lint", str(post), "--today", "2026-11-22"]) == 2
        assert "vocabulary.glossary" in capsys.readouterr().err


def test_editing_the_glossary_changes_the_cache_key(tmp_path: Path) -> None:
    from clinic_content.engine.runner import cache_key

    (tmp_path / "g.toml").write_text('"спондилоартроз" = "износ суставов"\n', encoding="utf-8")
    config = Config.from_mapping({"vocabulary": {"glossary": "g.toml"}}, root=tmp_path)
    before = cache_key(Linter(config, today=TODAY))
    (tmp_path / "g.toml").write_text('"артроз" = "износ сустава"\n', encoding="utf-8")
    assert cache_key(Linter(config, today=TODAY)) != before


def test_multi_word_terms_in_the_vocabulary_do_not_crash(tmp_path: Path) -> None:
    text = TERMS_POST.replace("При спондилоартрозе", "При пяточной шпоре и эрозии шейки матки")
    (tmp_path / "g.toml").write_text('"эрозия шейки матки" = "ранка на шейке матки"\n', encoding="utf-8")
    table = {"vocabulary": {"glossary": "g.toml", "accept": ["пяточная шпора", "кинезиотейпирование"]}}
    _, report = _lint(tmp_path, text, table, select=["LANG001", "LANG002", "LANG003"])
    assert [d.code for d in report.diagnostics if d.code == "INTERNAL"] == []
    assert not [d for d in report.diagnostics if d.code == "LANG001"]
