"""Config discovery and validation: bad configs name the key and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_content.source.config import Config, ConfigError
from clinic_content.engine.linter import Linter


def test_discovery_walks_up_to_dot_file(tmp_path: Path) -> None:
    (tmp_path / ".clinic-content.toml").write_text('timezone = "Asia/Yekaterinburg"\n', encoding="utf-8")
    deep = tmp_path / "posts" / "2026-12"
    deep.mkdir(parents=True)
    config = Config.discover(deep)
    assert config.timezone == "Asia/Yekaterinburg"
    assert config.root == tmp_path.resolve()


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert Config.discover(inner).lang == "en"


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.clinic-content]\nplatforms = ["vk"]\n[tool.clinic-content.clinic]\nname = "Берёза"\ninn = 6671234567\n',
        encoding="utf-8",
    )
    config = Config.discover(tmp_path)
    assert config.platforms == ["vk"]
    assert config.clinic.inn == "6671234567"


def test_no_config_gives_defaults_rooted_at_start(tmp_path: Path) -> None:
    config = Config.discover(tmp_path)
    assert config.content_roots == ["posts"] and config.root == tmp_path.resolve()


def test_unknown_key_names_line_and_suggestion(tmp_path: Path) -> None:
    path = tmp_path / ".clinic-content.toml"
    path.write_text('lang = "ru"\n\ncontent-root = ["posts"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Config.from_file(path)
    message = str(info.value)
    assert ":3:" in message and "content-root" in message and "did you mean 'content-roots'" in message


def test_unknown_nested_key_suggests_within_the_section(tmp_path: Path) -> None:
    path = tmp_path / ".clinic-content.toml"
    path.write_text('[clinic]\nlicence = "Л041"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'license'"):
        Config.from_file(path)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('timezone = "Moscow"\n', "unknown timezone"),
        ('fail-on = "fatal"\n', "fail-on"),
        ('select = "ADV"\n', "select"),
        ("lang = [\n", "invalid TOML"),
    ],
)
def test_invalid_values_are_config_errors(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / ".clinic-content.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        Config.from_file(path)


def test_rule_options_are_validated(tmp_path: Path) -> None:
    config = Config.from_mapping({"rules": {"PLAT001": {"limit": 10}}}, root=tmp_path)
    with pytest.raises(ConfigError, match="PLAT001"):
        Linter(config)


def test_rule_options_accept_the_rule_name(tmp_path: Path) -> None:
    config = Config.from_mapping({"rules": {"text-too-long": {"limits": {"telegram": 4096}}}}, root=tmp_path)
    linter = Linter(config, select=["PLAT001"])
    assert linter._contexts["PLAT001"].options.limits == {"telegram": 4096}


def test_family_options_reach_every_rule_of_the_family_that_takes_them(tmp_path: Path) -> None:
    config = Config.from_mapping(
        {"rules": {"PLAT": {"limits": {"x": 500}}, "ADV": {"warning-text": "Есть противопоказания."}}}, root=tmp_path
    )
    linter = Linter(config)
    assert linter._contexts["PLAT001"].options.limits == {"x": 500}
    assert linter._contexts["ADV001"].options.warning_text == "Есть противопоказания."


def test_rule_options_win_over_family_options(tmp_path: Path) -> None:
    config = Config.from_mapping(
        {"rules": {"PLAT": {"limits": {"x": 500}}, "PLAT001": {"limits": {"x": 300}}}}, root=tmp_path
    )
    assert Linter(config)._contexts["PLAT001"].options.limits == {"x": 300}


def test_family_option_nobody_takes_is_an_error(tmp_path: Path) -> None:
    config = Config.from_mapping({"rules": {"ADV": {"limits": {}}}}, root=tmp_path)
    with pytest.raises(ConfigError, match=r"\[rules.ADV\].*limits"):
        Linter(config)
