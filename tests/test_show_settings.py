"""`lint --show-settings [PATH]`: which config applies to a file, and what it resolves to."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from clinic_content.cli.main import main

from .conftest import DEMO

CONFIG = """lang = "en"
ignore = ["LANG"]
[severity]
ADV002 = "error"
[per-file-ignores]
"posts/drafts/*" = ["SRC", "FM015"]
[rules.ADV004]
min-share = 0.07
"""


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["lint", "--show-settings", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "posts" / "drafts").mkdir(parents=True)
    (tmp_path / ".clinic-content.toml").write_text(CONFIG, encoding="utf-8")
    post = tmp_path / "posts" / "drafts" / "idea.md"
    post.write_text("---\ntitle: Идея\n---\nТекст.\n", encoding="utf-8")
    return post


def test_json_settings_of_a_file(capsys, tmp_path: Path) -> None:
    post = _repo(tmp_path)
    code, out, _ = _run(capsys, str(post), "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert found["config_file"] == str((tmp_path / ".clinic-content.toml").resolve())
    rules = {r["id"]: r for r in found["rules"]}
    assert rules["ADV002"]["severity"] == "error"  # [severity] applied
    assert rules["ADV004"]["options"]["min-share"] == 0.07
    assert rules["ADV001"]["fixable"] is True
    assert not any(r.startswith("LANG") for r in rules)  # ignore = ["LANG"]
    assert "FM015" in found["ignored_in_file"] and not any(r.startswith("SRC") for r in rules)
    assert found["settings"]["per-file-ignores"] == {"posts/drafts/*": ["SRC", "FM015"]}


def test_command_line_selection_is_part_of_the_settings(capsys, tmp_path: Path) -> None:
    post = _repo(tmp_path)
    code, out, _ = _run(capsys, str(post), "--format", "json", "--select", "ADV00", "--ignore", "ADV003")
    ids = [r["id"] for r in json.loads(out)["rules"]]
    assert code == 0 and ids == ["ADV001", "ADV002", "ADV004", "ADV005", "ADV006", "ADV007", "ADV008", "ADV009"]


def test_text_settings_in_the_configs_language(capsys) -> None:
    code, out, _ = _run(capsys, str(DEMO / "posts" / "2026-12" / "flu-vaccination.md"))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == f"Файл конфигурации: {(DEMO / '.clinic-content.toml').resolve()}"
    assert '  lang = "ru"' in lines
    assert any(line.split()[:3] == ["ADV001", "missing-ad-warning", "error"] and "[исправимо]" in line for line in lines)
    assert '           warning-text = "Имеются противопоказания. Необходима консультация специалиста."' in lines
    assert any(line.split()[:3] == ["CLN001", "patient-not-client", "info"] for line in lines)  # the demo's own pack
    assert '  packs = ["style/clinic-style.toml"]' in lines


def test_without_a_config_says_so(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "--lang", "en")
    assert code == 0 and "Config file: none (defaults)" in out.splitlines()


def test_show_settings_errors(capsys, tmp_path: Path) -> None:
    post = _repo(tmp_path)
    assert _run(capsys, str(post), "--format", "sarif")[0] == 2
    assert _run(capsys, str(post), str(post))[0] == 2
    (tmp_path / ".clinic-content.toml").write_text("selct = []\n", encoding="utf-8")
    code, _, err = _run(capsys, str(post))
    assert code == 2 and "did you mean 'select'" in err


def test_show_settings_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clinic_content", "lint", "--show-settings", "posts/2026-11/diabetes-day.md", "--format", "json"],
        capture_output=True, text=True, cwd=DEMO,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["path"] == "posts/2026-11/diabetes-day.md" and found["lang"] == "ru"
    assert found["settings"]["clinic"]["inn"] == "6671234567"
