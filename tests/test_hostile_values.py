"""One post must never stop the run: YAML values that escape PyYAML's error handling and
dates near year 1 or 9999 become findings at their position (issue 14 items 10, 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_content.cli.main import main

CONFIG = 'content-roots = ["posts"]\ntimezone = "Europe/Moscow"\nlang = "en"\nplatforms = ["vk"]\n'
GOOD = "---\ntitle: Зимний уход за кожей\npublish_at: 2026-12-11 10:00\nplatforms: [vk]\nstatus: approved\n---\nУвлажняйте кожу зимой.\n"


def _repo(tmp_path: Path, post: str, config: str = CONFIG) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / ".clinic-content.toml").write_text(config, encoding="utf-8")
    (tmp_path / "posts" / "hostile.md").write_text(post, encoding="utf-8")
    (tmp_path / "posts" / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _json_lint(capsys) -> tuple[int, list[dict]]:
    code = main(["lint", "--format", "json", "--no-cache", "--today", "2026-11-22"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, json.loads(out.out)["diagnostics"]


def _every_command_survives(capsys) -> None:
    for argv in (["stats"], ["calendar", "show"], ["calendar", "export", "--today", "2026-11-22"]):
        code = main(argv)
        out = capsys.readouterr()
        assert code == 0, (argv, out.err)
        assert "Traceback" not in out.err and "error" not in out.err


@pytest.mark.parametrize(
    "line, position",
    [
        ("tags: !!bool maybe", (5, 7)),
        ("tags: !!timestamp x", (5, 7)),
        ('tags: !!int ""', (5, 7)),
        ('tags: [ok, !!int ""]', (5, 12)),
        ("tags: \x07" + "[" * 250 + "]" * 250, (5, 7)),
    ],
)
def test_yaml_values_that_crashed_the_run_become_fm001_at_their_position(
    line: str, position: tuple[int, int], tmp_path: Path, capsys, monkeypatch
) -> None:
    post = f"---\ntitle: Кожа зимой\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n{line}\n---\nТекст.\n"
    monkeypatch.chdir(_repo(tmp_path, post))
    code, found = _json_lint(capsys)
    assert code == 1
    fm001 = [d for d in found if d["code"] == "FM001"]
    assert [(d["path"], d["line"], d["column"]) for d in fm001] == [("posts/hostile.md", *position)]
    assert not [d for d in found if d["code"] == "INTERNAL"]
    _every_command_survives(capsys)


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01 01:00:00+05:00", "9999-12-31 23:00:00-05:00", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_are_fm003(value: str, tmp_path: Path, capsys, monkeypatch) -> None:
    post = (f"---\ntitle: Кожа зимой\npublish_at: {value}\nplatforms: [vk]\nstatus: draft\nexpires: {value}\n"
            f"updated: {value}\n---\nТекст.\n")
    monkeypatch.chdir(_repo(tmp_path, post))
    code, found = _json_lint(capsys)
    assert code == 1
    assert not [d for d in found if d["code"] == "INTERNAL"]
    fm003 = sorted((d["line"], d["column"]) for d in found if d["code"] == "FM003")
    assert fm003 == [(3, 13), (6, 10), (7, 10)]
    assert "out of range" in next(d["message"] for d in found if d["code"] == "FM003")
    _every_command_survives(capsys)


@pytest.mark.parametrize(
    "table, key",
    [("[calendar]\nreview-hours = 99999999999\n", "review-hours"),
     ("[calendar]\nduration-minutes = 99999999999\n", "duration-minutes"),
     ("[rules.CAL003]\nmax-gap-days = 99999999999\n", "max-gap-days")],
)
def test_huge_config_numbers_are_config_errors(table: str, key: str, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_repo(tmp_path, GOOD, CONFIG + table))
    for argv in (["lint", "--no-cache", "--today", "2026-11-22"], ["calendar", "export", "--today", "2026-11-22"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert key in err and "Traceback" not in err


@pytest.mark.parametrize("option", ["--today", "--from", "--to"])
def test_dates_on_the_command_line_are_range_checked(option: str, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_repo(tmp_path, GOOD))
    command = ["lint"] if option == "--today" else ["calendar", "export"]
    assert main([*command, option, "9999-12-31"]) == 2
    assert "between 1900 and 2999" in capsys.readouterr().err


@pytest.mark.parametrize("raw, code, position", [
    (b"---\rtitle: t\rplatforms: [vk]\r---\r\xd0\xa2\xd0\xb5\x00\r", "FM006", (5, 3)),
    (b"---\rtitle: t\rplatforms: [vk]\r---\r\xd0\xa2\xff\r", "FM005", (5, 2)),
    (b"---\r\ntitle: t\r\n---\r\n\xd0\xa2\xff\r\n", "FM005", (4, 2)),
])
def test_byte_positions_count_cr_line_endings(raw: bytes, code: str, position: tuple[int, int], tmp_path: Path,
                                              capsys, monkeypatch) -> None:
    root = _repo(tmp_path, GOOD)
    (root / "posts" / "hostile.md").write_bytes(raw)
    monkeypatch.chdir(root)
    _, found = _json_lint(capsys)
    assert [(d["line"], d["column"]) for d in found if d["code"] == code] == [position]


def test_a_media_path_too_long_to_look_up_is_fm017_not_a_crash(tmp_path: Path, capsys, monkeypatch) -> None:
    name = "ф" * 300 + ".png"  # 600 bytes in an existing folder: ENAMETOOLONG, which Path.exists() raises (3.11)
    post = GOOD.replace("status: approved\n", f"status: approved\nmedia:\n  - file: {name}\n    alt: Снимок\n")
    monkeypatch.chdir(_repo(tmp_path, post))
    for _ in range(2):  # cold, then warm from the cache (which re-checks the media files)
        code = main(["lint", "--format", "json", "--today", "2026-11-22"])
        found = json.loads(capsys.readouterr().out)["diagnostics"]
        assert code == 1 and "FM017" in [d["code"] for d in found if d["path"] == "posts/hostile.md"]
        assert not [d for d in found if d["code"] == "INTERNAL"]
    _every_command_survives(capsys)
