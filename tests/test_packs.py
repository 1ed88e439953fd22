"""Rule packs are data: they validate, and every example in them behaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_content.ruleset.checks.phrase_rules import find_matches, make_rule
from clinic_content.text.tokens import post_tokens
from clinic_content.core.packs import PackError, load_phrase_packs, load_platforms, rules_dir
from clinic_content.source.post import load_text

ENTRIES = load_phrase_packs()


def _examples():
    for entry in ENTRIES:
        for kind in ("fire", "silent"):
            for text in getattr(entry.examples, kind):
                yield pytest.param(entry, kind, text, id=f"{entry.id}-{kind}-{text[:30]}")


@pytest.mark.parametrize("entry, kind, text", list(_examples()))
def test_pack_example(entry, kind: str, text: str) -> None:
    rule = make_rule(entry)
    post = load_text(f"---\ntitle: x\nlang: {entry.lang}\n---\n{text}\n")
    matches = list(find_matches(rule.compiled(), post_tokens(post)))
    assert bool(matches) is (kind == "fire"), f"{entry.id} {kind}: {text!r} -> {matches}"


def test_platform_pack_lists_every_known_platform() -> None:
    platforms = load_platforms()
    assert set(platforms) == {"vk", "telegram", "ok", "instagram", "facebook", "dzen", "youtube", "rutube", "tiktok", "x", "linkedin", "max", "site"}
    assert platforms["telegram"].limits["caption_with_media"].value == 1024
    assert platforms["telegram"].length("🩺") == 2 and platforms["vk"].length("🩺") == 1


def test_rules_dir_resolves_in_a_checkout() -> None:
    assert (rules_dir() / "platforms" / "vk.toml").is_file()


def test_invalid_pack_is_a_pack_error(tmp_path: Path) -> None:
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "bad.toml").write_text('[[rule]]\nid = "adv1"\n', encoding="utf-8")
    with pytest.raises(PackError, match="bad.toml"):
        load_phrase_packs(tmp_path)


def test_duplicate_ids_across_packs_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "ru").mkdir()
    entry = (rules_dir() / "ru" / "claims.toml").read_text(encoding="utf-8")
    (tmp_path / "ru" / "a.toml").write_text(entry, encoding="utf-8")
    (tmp_path / "ru" / "b.toml").write_text(entry, encoding="utf-8")
    with pytest.raises(PackError, match="also defined"):
        load_phrase_packs(tmp_path)
