"""Engine behaviour: selection, severities, suppressions, calendar scope, crashing rules, plugins."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from clinic_content.ruleset import registry
from clinic_content.source.config import Config
from clinic_content.core.diagnostics import Finding, Severity, Span
from clinic_content.engine.linter import INTERNAL, Linter, lint_paths
from clinic_content.ruleset.rule import PostRule, T

from .conftest import TODAY

AD = (
    "---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-05 11:00\nplatforms: [vk]\nstatus: approved\n"
    "category: promo\nad: true\nsubject: medical_service\nerid: 2VtzqwP8x4a\nexpires: 2026-12-31\n{extra}---\n{body}"
    "Реклама. ООО «Клиника», лицензия № Л041-01137-77/00368408, erid: 2VtzqwP8x4a.\n\nУЗИ со скидкой 20 %.\n"
)


def _codes(report):
    return [d.code for d in report.diagnostics]


def _linter(tmp_path: Path, **kwargs) -> Linter:
    return Linter(Config(root=tmp_path), today=TODAY, lang="en", **kwargs)


def test_select_ignore_prefixes(make_post, tmp_path: Path) -> None:
    path = make_post("ad.md", AD.format(extra="typo: 1\n", body=""))
    assert set(_codes(_linter(tmp_path).lint_paths([path]))) == {"ADV001", "FM002"}
    assert _codes(_linter(tmp_path, select=["ADV"]).lint_paths([path])) == ["ADV001"]
    assert _codes(_linter(tmp_path, ignore=["ADV"]).lint_paths([path])) == ["FM002"]
    # the more specific selector wins
    assert _codes(_linter(tmp_path, select=["ADV001"], ignore=["ADV"]).lint_paths([path])) == ["ADV001"]
    assert _codes(_linter(tmp_path, select=["missing-ad-warning"]).lint_paths([path])) == ["ADV001"]


def test_severity_override_and_per_file_ignores(make_post, tmp_path: Path) -> None:
    path = make_post("2026-12/ad.md", AD.format(extra="", body=""))
    config = Config(root=tmp_path, severity={"ADV": Severity.WARNING})
    (d,) = Linter(config, today=TODAY).lint_paths([path]).diagnostics
    assert d.severity is Severity.WARNING
    config = Config(root=tmp_path, per_file_ignores={"posts/2026-12/*": ["ADV001"]})
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert Linter(config, today=TODAY).lint_paths([path]).diagnostics == []
    finally:
        os.chdir(cwd)


def test_front_matter_ignore_suppresses_whole_post(make_post, tmp_path: Path) -> None:
    path = make_post("ad.md", AD.format(extra="lint:\n  ignore: [ADV]\n", body=""))
    assert _codes(_linter(tmp_path).lint_paths([path])) == []


def test_comment_suppression_is_block_scoped(make_post, tmp_path: Path) -> None:
    long_para = "Очень длинный текст о чек-апе. " * 12
    text = (
        "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [x]\n---\n"
        "Вступление.\n\n<!-- clinic-content: ignore PLAT001 -->\n" + long_para + "\n"
    )
    # PLAT001 anchors on the first block ("Вступление"), which the comment does not cover
    assert _codes(_linter(tmp_path, select=["PLAT001"]).lint_paths([make_post("a.md", text)])) == ["PLAT001"]
    text = text.replace("Вступление.\n\n", "")
    assert _codes(_linter(tmp_path, select=["PLAT001"]).lint_paths([make_post("b.md", text)])) == []


def test_bad_files_do_not_stop_the_others(make_post, tmp_path: Path) -> None:
    make_post("a-binary.md", b"\x00\x01\x02")
    make_post("b-cp1251.md", "---\ntitle: Привет\n---\n".encode("cp1251"))
    make_post("c-ad.md", AD.format(extra="", body=""))
    report = _linter(tmp_path).lint_paths([tmp_path / "posts"])
    assert _codes(report) == ["FM006", "FM005", "ADV001"]
    assert report.files_checked == 3


class Crashes(PostRule):
    id = "ZZZ001"
    name = "crashes"
    summary = T("падает", "crashes")
    doc = T("", "")
    source = "test"
    messages = {"default": T("x", "x")}

    def check(self, post, ctx):
        raise ZeroDivisionError("boom")


class Fires(Crashes):
    id = "ZZZ002"
    name = "fires"

    def check(self, post, ctx):
        yield Finding(Span(2, 1))


def test_a_crashing_rule_becomes_an_internal_diagnostic(make_post, tmp_path: Path) -> None:
    path = make_post("a.md", "---\ntitle: x\n---\nТекст\n")
    linter = Linter(Config(root=tmp_path), rules={"ZZZ001": Crashes, "ZZZ002": Fires}, today=TODAY)
    report = linter.lint_paths([path])
    assert report.internal_errors == 1
    assert _codes(report) == [INTERNAL, "ZZZ002"]
    assert "ZZZ001" in report.diagnostics[0].message and "ZeroDivisionError" in report.diagnostics[0].message


def test_calendar_rules_see_all_posts_but_report_only_requested(make_post, tmp_path: Path) -> None:
    a = make_post("a.md", "---\nid: same\ntitle: a\npublish_at: 2026-12-01\nplatforms: [vk]\n---\nТекст\n")
    make_post("b.md", "---\nid: same\ntitle: b\npublish_at: 2026-12-02\nplatforms: [vk]\n---\nТекст\n")
    report = _linter(tmp_path, select=["CAL"]).lint_paths([a])
    (d,) = report.diagnostics
    assert d.code == "CAL001" and d.path.endswith("a.md") and d.related[0].endswith("b.md")


def test_lint_paths_api_discovers_config(make_post, tmp_path: Path) -> None:
    (tmp_path / ".clinic-content.toml").write_text('ignore = ["ADV"]\n', encoding="utf-8")
    path = make_post("ad.md", AD.format(extra="", body=""))
    assert lint_paths([path], today=TODAY).diagnostics == []


def test_plugins_load_lazily_and_broken_ones_only_warn(monkeypatch) -> None:
    class EP:
        def __init__(self, name, obj=None, error=None):
            self.name, self.value, self._obj, self._error = name, f"{name}:RULES", obj, error

        def load(self):
            if self._error:
                raise self._error
            return self._obj

    class Plugin(Fires):
        id = "ACME001"
        name = "acme"

    class BadId(Fires):
        id = "bad"

    eps = [EP("acme", [Plugin]), EP("broken", error=ImportError("no module")), EP("weird", [BadId, object])]
    monkeypatch.setattr(registry, "entry_points", lambda group: eps if group == registry.ENTRY_POINT_GROUP else [])
    monkeypatch.setattr(registry, "_cache", {})
    assert "ACME001" not in registry.all_rules()  # installed but not named in the config: never loaded
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rules = registry.all_rules(plugins=["acme", "broken", "weird"])
    assert "ACME001" in rules and "bad" not in rules
    messages = " ".join(str(w.message) for w in caught)
    assert "broken" in messages and "invalid rule id" in messages and "not a PostRule" in messages
    monkeypatch.setattr(registry, "_cache", {})
