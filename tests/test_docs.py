"""Docs stay true: the generated rule reference is current, every field and key is documented,
and the README opens with the two commands CI runs."""

from __future__ import annotations

from clinic_content.source.config import Config
from clinic_content.report.docgen import rules_markdown
from clinic_content.source.model import ALIASES, PostMeta

from .conftest import REPO


def test_rules_reference_is_up_to_date() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "regenerate: clinic-content rules --format markdown > docs/rules.md"


def test_every_post_field_and_alias_is_documented() -> None:
    text = (REPO / "docs" / "post-format.md").read_text(encoding="utf-8")
    for name in [*PostMeta.model_fields, *ALIASES]:
        assert f"`{name}`" in text, name


def test_every_config_key_is_documented() -> None:
    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Config.model_fields:
        if name in ("root", "source_file", "extended_files"):
            continue
        assert f"`{name.replace('_', '-')}`" in text, name


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    block = readme[readme.index("```sh") + 1 : readme.index("```sh") + 3]
    assert "pip install . " in block[0] and "clinic-content lint examples/demo-clinic" in block[0]
    assert "pip install '.[test]'" in block[1] and "python -m pytest" in block[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q '.[test]' && .venv/bin/python -m pytest" in ci
