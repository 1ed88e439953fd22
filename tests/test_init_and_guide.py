"""Issue 11 §2.11: `clinic-content init` writes a config and an empty registry without
asking when not on a terminal, refuses to overwrite; the copywriter's guide is true."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from clinic_content.source.config import Config

from .cli_run import run_cli
from .conftest import REPO

POST = """---
title: Приём терапевта по субботам
publish_at: 2026-12-05 10:00
platforms: [vk]
category: news
status: approved
---
Запишитесь по телефону +7 (343) 200-10-20: в субботу принимает терапевт Петров Игорь Николаевич.
"""


def _in(folder: Path, argv: list[str], capsys) -> tuple[int, str, str]:
    return run_cli(folder, capsys, *argv)


def test_init_without_a_terminal_asks_nothing_and_writes_a_valid_config(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = _in(tmp_path, ["init", "--clinic-name", "Клиника «Берёза»", "--staff", "Петров Игорь Николаевич",
                                  "--contact", "+7 (343) 200-10-20", "--platforms", "vk,telegram", "--lang", "en"], capsys)
    assert code == 0 and ".clinic-content.toml" in err
    config = Config.from_file(tmp_path / ".clinic-content.toml")
    assert config.clinic.staff == ["Петров Игорь Николаевич"] and config.platforms == ["vk", "telegram"]
    assert (tmp_path / "consents.yaml").read_text(encoding="utf-8").rstrip().endswith("consents: []")
    assert (tmp_path / "posts").is_dir()
    text = (tmp_path / ".clinic-content.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") >= 8  # every key is explained


def test_without_config_the_clinics_own_people_are_personal_data_and_init_fixes_it(tmp_path: Path, capsys) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "saturday.md").write_text(POST, encoding="utf-8")
    argv = ["lint", "--no-cache", "--today", "2026-11-22", "--lang", "en", "--format", "concise", "--select", "PRIV"]
    _, before, err = _in(tmp_path, argv, capsys)
    assert "PRIV" in before and "clinic-content init" in err
    _in(tmp_path, ["init", "--staff", "Петров Игорь Николаевич", "--contact", "+7 (343) 200-10-20"], capsys)
    code, after, err = _in(tmp_path, argv, capsys)
    assert code == 0 and after == "" and "init" not in err


def test_init_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    (tmp_path / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    code, _, err = _in(tmp_path, ["init", "--lang", "en"], capsys)
    assert code == 2 and "not overwriting" in err
    assert (tmp_path / ".clinic-content.toml").read_text(encoding="utf-8") == 'lang = "en"\n'


def test_init_keeps_an_existing_registry_and_rejects_bad_values(tmp_path: Path, capsys) -> None:
    (tmp_path / "consents.yaml").write_text("consents: []  # ours\n", encoding="utf-8")
    code, _, err = _in(tmp_path, ["init", "--platforms", "vkk", "--lang", "en"], capsys)
    assert code == 2 and "unknown platforms: vkk" in err and not (tmp_path / ".clinic-content.toml").exists()
    code, _, err = _in(tmp_path, ["init", "--timezone", "Moscow", "--lang", "en"], capsys)
    assert code == 2 and "timezone" in err
    code, _, _ = _in(tmp_path, ["init", "--lang", "en"], capsys)
    assert code == 0 and (tmp_path / "consents.yaml").read_text(encoding="utf-8") == "consents: []  # ours\n"


def test_init_on_a_terminal_asks_for_what_the_flags_did_not_give(tmp_path: Path) -> None:
    import argparse

    from clinic_content.cli.init_cmd import add_parser, run

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["init", str(tmp_path), "--clinic-name", "Берёза"])
    asked: list[str] = []
    answers = {"Staff": "Петров Игорь Николаевич, Иванова Анна Сергеевна", "Timezone": "Asia/Yekaterinburg"}

    def ask(question: str) -> str:
        asked.append(question)
        return next((v for k, v in answers.items() if question.startswith(k)), "")

    assert run(args, lambda message, lang: 2, "en", ask) == 0
    config = Config.from_file(tmp_path / ".clinic-content.toml")
    assert not any(q.startswith("Clinic name") for q in asked)
    assert config.clinic.name == "Берёза" and config.timezone == "Asia/Yekaterinburg"
    assert config.clinic.staff == ["Петров Игорь Николаевич", "Иванова Анна Сергеевна"]


GUIDE = (REPO / "docs" / "getting-started.md").read_text(encoding="utf-8")


def test_the_guide_has_an_install_step_and_a_config_step() -> None:
    assert "pip install" in GUIDE and "clinic-content init" in GUIDE


def test_the_guides_example_posts_pass_with_the_config_the_guide_creates(tmp_path: Path, capsys) -> None:
    command = re.search(r"clinic-content init (.+?)\n\n|clinic-content init ((?:.*\\\n)*.*)\n", GUIDE)
    assert command
    argv = shlex.split((command.group(1) or command.group(2)).replace("\\\n", " "))
    assert _in(tmp_path, ["init", *argv], capsys)[0] == 0
    posts = re.findall(r"```markdown\n(---\n.*?)```", GUIDE, re.S)
    assert posts
    for number, text in enumerate(posts):
        (tmp_path / "posts" / f"example-{number}.md").write_text(text, encoding="utf-8")
    code, out, _ = _in(tmp_path, ["lint", "--no-cache", "--today", "2026-11-22", "--format", "concise"], capsys)
    assert code == 0, out
