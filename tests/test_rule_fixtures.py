"""Tests as data (sqlfluff style): every rule has posts that must fire and posts
that must stay silent, in ``fixtures/rules/<ID>/``.

* ``fire_*`` / ``pass_*`` files are single posts (``.yaml``: a consent registry);
  ``fire_*`` / ``pass_*`` folders are small calendars for calendar rules.
* ``expected.txt`` lists ``<case path> <line>:<col>`` for every finding a fire
  case must produce, exactly.
* A ``clinic-content.toml`` in the rule folder configures its cases.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from clinic_content.engine.linter import INTERNAL, Linter
from clinic_content.ruleset.registry import all_rules

from .conftest import FIXTURES, TODAY, fixture_config

RULE_FIXTURES = FIXTURES / "rules"


def _cases():
    for rule_dir in sorted(p for p in RULE_FIXTURES.iterdir() if p.is_dir()):
        for case in sorted(rule_dir.iterdir()):
            if case.name.startswith(("fire_", "pass_")):
                yield pytest.param(rule_dir.name, case, id=f"{rule_dir.name}/{case.name}")


def _expected(rule_dir: Path) -> Counter:
    path = rule_dir / "expected.txt"
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    return Counter(tuple(line.split()) for line in lines if line.strip())


def _run(rule_id: str, case: Path):
    folder = case if case.is_dir() else case.parent
    overrides = {"consents-file": case.name} if case.suffix == ".yaml" else {}
    config = fixture_config(case.parent if case.is_dir() else folder, **overrides)
    if case.is_dir():
        config = fixture_config(case)
    linter = Linter(config, select=[rule_id], today=TODAY, lang="en")
    report = linter.lint_paths([case])
    base = case.parent.resolve()
    found = Counter(
        (Path(d.path).resolve().relative_to(base).as_posix(), f"{d.line}:{d.column}")
        for d in report.diagnostics
        if d.code == rule_id
    )
    internal = [d for d in report.diagnostics if d.code == INTERNAL]
    return found, internal, report


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_fixture(rule_id: str, case: Path) -> None:
    found, internal, report = _run(rule_id, case)
    assert not internal, internal
    if case.name.startswith("pass_"):
        assert not found, f"{rule_id} must stay silent on {case.name}: {report.diagnostics}"
        return
    wanted = Counter(
        {key: n for key, n in _expected(case.parent).items() if key[0].split("/")[0] == case.name}
    )
    assert found, f"{rule_id} must fire on {case.name}"
    assert found == wanted, f"positions differ for {case.name}: found {sorted(found)}, expected {sorted(wanted)}"


def test_every_rule_has_firing_and_silent_fixtures() -> None:
    missing = []
    for rule_id in all_rules(plugins=False):
        folder = RULE_FIXTURES / rule_id
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        if not any(n.startswith("fire_") for n in names) or not any(n.startswith("pass_") for n in names):
            missing.append(rule_id)
    assert not missing, f"rules without fire_ and pass_ fixtures: {missing}"


def test_fixture_folders_name_real_rules_and_expectations_name_real_cases() -> None:
    rules = all_rules(plugins=False)
    for rule_dir in (p for p in RULE_FIXTURES.iterdir() if p.is_dir()):
        assert rule_dir.name in rules, f"fixture folder for unknown rule {rule_dir.name}"
        for key in _expected(rule_dir):
            assert len(key) == 2, f"{rule_dir.name}/expected.txt: bad line {key}"
            assert (rule_dir / key[0]).exists(), f"{rule_dir.name}/expected.txt names missing {key[0]}"
        fire_cases = {p.name for p in rule_dir.iterdir() if p.name.startswith("fire_")}
        listed = {key[0].split("/")[0] for key in _expected(rule_dir)}
        assert fire_cases == listed, f"{rule_dir.name}: every fire case needs expected positions"


@pytest.mark.parametrize("rule", [r for r in all_rules(plugins=False).values() if r.bad_example.startswith("---")], ids=lambda r: r.id)
def test_explain_examples_behave(rule, tmp_path: Path) -> None:
    """The failing example that `explain` prints fires; the fixed one does not."""
    from clinic_content.source.config import Config

    if rule.example_registry:
        (tmp_path / "consents.yaml").write_text(rule.example_registry, encoding="utf-8")
    linter = Linter(Config(root=tmp_path), select=[rule.id], today=TODAY)
    bad = [d for d in linter.lint_text(rule.bad_example, "bad.md").diagnostics if d.code == rule.id]
    good = [d for d in linter.lint_text(rule.good_example, "good.md").diagnostics if d.code == rule.id]
    assert bad, f"{rule.id}: bad_example does not fire"
    assert not good, f"{rule.id}: good_example fires: {good}"
