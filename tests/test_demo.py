"""The bundled demo content repo produces exactly its documented findings."""

from __future__ import annotations

import os

from clinic_content.cli.main import main

from .conftest import DEMO


def test_demo_findings_match_expected_file(capsys) -> None:
    cwd = os.getcwd()
    os.chdir(DEMO)
    try:
        code = main(["lint", ".", "--format", "concise", "--today", "2026-11-22"])
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    expected = (DEMO / "expected-findings.txt").read_text(encoding="utf-8")
    assert code == 1
    assert out == expected


def test_demo_is_realistic() -> None:
    posts = list((DEMO / "posts").rglob("*.md"))
    assert len(posts) >= 25
    from clinic_content.source.post import load_post

    loaded = [load_post(p) for p in posts]
    categories = {p.meta.category for p in loaded if p.meta.category}
    platforms = {pl for p in loaded for pl in p.meta.platforms}
    assert len(categories) == 11 and len(platforms) >= 3
    dates = sorted(p.meta.publish_at for p in loaded if p.meta.publish_at)
    assert (dates[-1] - dates[0]).days >= 60
