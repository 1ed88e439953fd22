"""What inline comments and `lint.ignore` can silence: each claim of docs/post-format.md
("Suppressing a finding") as a test, in-process and through the cached CLI runner.

Issue 11 §2.3: `<!-- clinic-content: ignore-file CODES -->` matched as a plain `ignore` (the
pattern tried `ignore` first), so it covered only the next block and read "-file" as a code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter

from .conftest import TODAY

FRONT = """---
title: Акция на УЗИ
publish_at: 2026-12-10 12:00
platforms: [vk]
status: approved
category: promo
ad: true
{extra}---
"""
AD_TEXT = "Скидка 20% на УЗИ щитовидной железы до конца декабря. Запишитесь по телефону клиники.\n"
LONG = " ".join(["Рассказываем, как подготовиться к приёму и что взять с собой."] * 8) + "\n"


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir(exist_ok=True)
    return tmp_path


def _lint(tmp_path: Path, text: str, select: list[str] | None = None, extend: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    root = _repo(tmp_path)
    (root / "posts" / "post.md").write_text(text, encoding="utf-8")
    config = Config.from_mapping({"content-roots": ["posts"]}, root=root)
    report = Linter(config, select=select, extend_select=extend, today=TODAY, lang="en", cache=False).lint_paths(
        [root / "posts"])
    return sorted((d.code, d.line) for d in report.diagnostics)


def _codes(found: list[tuple[str, int]], prefix: str) -> set[str]:
    return {code for code, _ in found if code.startswith(prefix)}


def test_without_suppression_the_ad_findings_point_at_the_front_matter(tmp_path: Path) -> None:
    found = _lint(tmp_path, FRONT.format(extra="") + AD_TEXT)
    adv = [(code, line) for code, line in found if code.startswith("ADV")]
    assert adv and all(line == 7 for _, line in adv), adv  # `ad: true`
    assert "ADV001" in _codes(found, "ADV")


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_ignore_file_covers_the_whole_file_front_matter_included(tmp_path: Path, where: str) -> None:
    comment = "<!-- clinic-content: ignore-file ADV -->\n"
    body = comment + AD_TEXT if where == "top" else AD_TEXT + "\n" + comment
    found = _lint(tmp_path, FRONT.format(extra="") + body)
    assert not _codes(found, "ADV"), found
    assert _codes(found, "CAL"), "other rules still run"  # CAL009: a promo without `expires`


def test_ignore_file_silences_calendar_findings_on_the_post(tmp_path: Path) -> None:
    found = _lint(tmp_path, FRONT.format(extra="") + "<!-- clinic-content: ignore-file CAL009, ADV -->\n" + AD_TEXT)
    assert "CAL009" not in _codes(found, "CAL"), found


def test_ignore_file_without_codes_silences_every_rule(tmp_path: Path) -> None:
    found = _lint(tmp_path, FRONT.format(extra="") + AD_TEXT + "<!-- clinic-content: ignore-file -->\n")
    assert [f for f in found if "FM021" not in str(f)] == [], found  # only the blanket suppression itself (issue 14)
    assert found, "FM021 reports the blanket suppression"


def test_ignore_file_names_only_its_codes(tmp_path: Path) -> None:
    """The old pattern read «-file» as a code: FM019 said «FILE, ADV»."""
    found = _lint(tmp_path, FRONT.format(extra="") + "<!-- clinic-content: ignore-file ADV013 -->\n" + AD_TEXT)
    assert "ADV013" not in _codes(found, "ADV") and "ADV001" in _codes(found, "ADV"), found


def test_plain_ignore_covers_only_the_next_block(tmp_path: Path) -> None:
    text = FRONT.format(extra="") + (
        "<!-- clinic-content: ignore ADV002 -->\n"
        "Гарантируем результат лечения.\n\n"
        "Гарантируем результат лечения.\n"
    )
    found = _lint(tmp_path, text, select=["ADV002"])
    assert found == [("ADV002", 12)], found


@pytest.mark.parametrize("codes", ["ADV002, PLAT001", "ADV002 PLAT001", "adv", "ADV,PLAT", ""])
def test_plain_ignore_takes_codes_prefixes_commas_or_spaces(tmp_path: Path, codes: str) -> None:
    def post(codes: str) -> str:
        return FRONT.format(extra="") + f"<!-- clinic-content: ignore {codes} -->\nГарантируем результат лечения.\n"

    assert _lint(tmp_path, post(codes), select=["ADV002"]) == []
    assert _lint(tmp_path, post("LANG, PLAT"), select=["ADV002"]) == [("ADV002", 10)]


def test_front_matter_lint_ignore_covers_the_post_by_code_or_prefix(tmp_path: Path) -> None:
    found = _lint(tmp_path, FRONT.format(extra="lint:\n  ignore: [ADV, CAL009]\n") + AD_TEXT)
    assert not _codes(found, "ADV") and "CAL009" not in _codes(found, "CAL"), found


def test_findings_about_the_whole_text_are_silenced_by_a_comment_above_the_text(tmp_path: Path) -> None:
    front = FRONT.format(extra="").replace("platforms: [vk]", "platforms: [x]").replace("ad: true\n", "")
    assert ("PLAT001", 8) in _lint(tmp_path, front + LONG, select=["PLAT001"])
    assert _lint(tmp_path, front + "<!-- clinic-content: ignore PLAT001 -->\n" + LONG, select=["PLAT001"]) == []


def test_a_block_comment_does_not_reach_the_front_matter(tmp_path: Path) -> None:
    """Documented: ad findings point at `ad: true`; a block comment above the text leaves them."""
    found = _lint(tmp_path, FRONT.format(extra="") + "<!-- clinic-content: ignore ADV001 -->\n" + AD_TEXT)
    assert ("ADV001", 7) in found


def test_unused_suppressions_are_reported_with_fm019(tmp_path: Path) -> None:
    text = FRONT.format(extra="").replace("ad: true\n", "") + (
        "<!-- clinic-content: ignore-file ADV013 -->\n<!-- clinic-content: ignore LANG001 -->\nЗапишитесь на приём.\n")
    found = _lint(tmp_path, text, extend=("FM019",))
    assert [item for item in found if item[0] == "FM019"] == [("FM019", 8), ("FM019", 9)], found


UNREADABLE = {
    "FM001": b"---\ntitle: [unclosed\nplatforms: vk\n---\n",
    "FM005": "---\ntitle: Приём\n---\n".encode("cp1251"),
    "FM008": "Текст без метаданных.\n".encode(),
    "FM009": b"---\n- a\n- b\n---\n",
}


@pytest.mark.parametrize("code", sorted(UNREADABLE))
def test_unreadable_front_matter_is_not_silenced_by_comments(tmp_path: Path, code: str) -> None:
    """Documented: a file whose front-matter cannot be read has no comments to read; per-file-ignores work."""
    root = _repo(tmp_path)
    (root / "posts" / "post.md").write_bytes(UNREADABLE[code] + b"<!-- clinic-content: ignore-file -->\n")
    for ignores, expected in (({}, True), ({"posts/*.md": [code]}, False)):
        config = Config.from_mapping({"content-roots": ["posts"], "per-file-ignores": ignores}, root=root)
        report = Linter(config, today=TODAY, lang="en").lint_paths([root / "posts" / "post.md"])
        assert (code in {d.code for d in report.diagnostics}) is expected, (ignores, report.diagnostics)


def test_ignore_file_through_the_cached_cli(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "posts" / "post.md").write_text(
        FRONT.format(extra="") + AD_TEXT + "<!-- clinic-content: ignore-file ADV, CAL -->\n", encoding="utf-8")
    for _ in range(2):  # cold, then warm cache
        run = subprocess.run(
            [sys.executable, "-m", "clinic_content", "lint", "--today", "2026-11-22", "--format", "concise", "posts"],
            cwd=root, capture_output=True, text=True,
        )
        assert run.returncode in (0, 1), run.stderr
        assert " ADV" not in run.stdout and " CAL" not in run.stdout, run.stdout


@pytest.mark.parametrize("code_block", [
    "```markdown\n<!-- clinic-content: ignore-file -->\n```\n",
    "    <!-- clinic-content: ignore-file -->\n",
    "- Пример:\n\n  ```\n  <!-- clinic-content: ignore-file -->\n  ```\n",
])
def test_a_comment_shown_as_code_suppresses_nothing(tmp_path: Path, code_block: str) -> None:
    """Documented as «an HTML comment»: one inside a code block is text the reader sees."""
    found = _lint(tmp_path, FRONT.format(extra="") + AD_TEXT + "\n" + code_block)
    assert _codes(found, "ADV"), found


def test_a_typo_in_a_code_does_not_widen_into_a_prefix(tmp_path: Path) -> None:
    """The old pattern cut «ADV0O2» into «ADV0» + «O2»: a prefix silencing ADV001…ADV009."""
    text = FRONT.format(extra="") + "<!-- clinic-content: ignore ADV0O2 -->\nГарантируем результат лечения.\n"
    assert _lint(tmp_path, text, select=["ADV002"]) == [("ADV002", 10)]


@pytest.mark.parametrize("codes", ["ADV002.", "ADV002;", "ADV002, ", " adv002 "])
def test_punctuation_around_codes_is_tolerated(tmp_path: Path, codes: str) -> None:
    text = FRONT.format(extra="") + f"<!-- clinic-content: ignore {codes} -->\nГарантируем результат лечения.\n"
    assert _lint(tmp_path, text, select=["ADV002"]) == []


def test_fm019_reports_a_code_no_rule_has(tmp_path: Path) -> None:
    text = FRONT.format(extra="lint:\n  ignore: [ADV0O1]\n") + "<!-- clinic-content: ignore-file PLAT0O1, ADV -->\n" + AD_TEXT
    root = _repo(tmp_path)
    (root / "posts" / "post.md").write_text(text, encoding="utf-8")
    config = Config.from_mapping({"content-roots": ["posts"]}, root=root)
    report = Linter(config, select=["FM019", "ADV"], today=TODAY, lang="en").lint_paths([root / "posts"])
    unknown = sorted((d.line, d.message) for d in report.diagnostics if d.code == "FM019")
    assert unknown == [(9, "The suppression names an unknown code ADV0O1: no rule has it"),
                       (11, "The suppression names an unknown code PLAT0O1: no rule has it")], unknown
