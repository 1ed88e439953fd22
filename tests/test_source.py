"""Positions are exact: front-matter keys, body blocks, with blank lines, CRLF and a BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_content.source.markdown import parse_body
from clinic_content.source.post import load_post, load_text
from clinic_content.source.reading import Limits, SourceText, decode, guess_encoding, read_source

POST = (
    "---\n"
    "title: Прививка от гриппа\n"
    "\n"
    "publish_at: 2026-12-01 10:00\n"
    "platforms:\n"
    "  - vk\n"
    "  - telegram\n"
    "---\n"
    "\n"
    "Первый абзац.\n"
    "\n"
    "- пункт\n"
    "- второй пункт\n"
)


def _variants():
    yield "lf", POST.encode()
    yield "crlf", POST.replace("\n", "\r\n").encode()
    yield "bom", b"\xef\xbb\xbf" + POST.encode()
    yield "bom+crlf", b"\xef\xbb\xbf" + POST.replace("\n", "\r\n").encode()


@pytest.mark.parametrize("name, raw", list(_variants()), ids=[v[0] for v in _variants()])
def test_positions_survive_line_endings_and_bom(tmp_path: Path, name: str, raw: bytes) -> None:
    path = tmp_path / "post.md"
    path.write_bytes(raw)
    post = load_post(path)
    assert not post.problems
    assert post.key_span("title").line == 2
    assert post.key_span("publish_at").line == 4
    assert post.key_span("publish_at", key=False).column == 13
    assert post.key_span("platforms", 1, key=False).line == 7
    assert post.key_span("platforms", 1, key=False).column == 5
    blocks = post.body.blocks
    assert [(b.kind, b.first_line, b.last_line) for b in blocks] == [("paragraph", 10, 10), ("bullet_list", 12, 13)]
    assert post.body_span().line == 10


@pytest.mark.parametrize("blank_lines", [0, 1, 5])
def test_blank_lines_before_body_shift_body_positions(blank_lines: int) -> None:
    text = "---\ntitle: x\n---\n" + "\n" * blank_lines + "Абзац.\n"
    post = load_text(text)
    assert post.body.blocks[0].first_line == 4 + blank_lines


def test_source_text_line_col_roundtrip() -> None:
    text = "а\r\nбв\rг\nд"
    src = SourceText(text)
    assert src.line_count == 4
    assert src.line_col(text.index("в")) == (2, 2)
    assert src.line_col(text.index("г")) == (3, 1)
    assert src.line_col(text.index("д")) == (4, 1)
    assert src.line(2) == "бв"


def test_key_span_of_absent_key_is_the_opening_fence() -> None:
    post = load_text("---\ntitle: x\n---\nТекст\n")
    assert post.key_span("erid").line == 1


@pytest.mark.parametrize(
    "raw, rule, message",
    [
        ("Привет, мир. Запишитесь на приём к терапевту.".encode("cp1251"), "FM005", "encoding"),
        ("Привет, мир. Запишитесь на приём к терапевту.".encode("koi8-r"), "FM005", "encoding"),
        (b"\xff\xfe" + "Привет".encode("utf-16-le"), "FM005", "bom"),
        (b"abc\x00def", "FM006", "default"),
        (b"", "FM007", "default"),
        (b"  \n\t\n", "FM007", "default"),
    ],
)
def test_undecodable_input_becomes_a_problem(raw: bytes, rule: str, message: str) -> None:
    result = decode(raw)
    assert isinstance(result, tuple)
    assert result[0] == rule and result[1].message == message


def test_encoding_guess_names_the_right_legacy_encoding() -> None:
    text = "Прививка от гриппа защищает от тяжёлых осложнений"
    assert guess_encoding(text.encode("cp1251")) == "windows-1251"
    assert guess_encoding(text.encode("koi8-r")) == "KOI8-R"
    assert guess_encoding("café au lait".encode("latin-1")).startswith("windows-1252")


def test_invalid_utf8_position_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes("---\ntitle: ok\n---\nТекст ".encode() + b"\xff\n")
    (rule, finding), = read_source(path)
    assert rule == "FM005"
    assert (finding.span.line, finding.span.column) == (4, 7)


def test_huge_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 10_000_001)
    (rule, finding), = read_source(path, Limits(max_file_bytes=1_000_000))
    assert rule == "FM011"
    assert finding.args["limit"] == 1_000_000


def test_alias_bomb_is_rejected_before_expansion(tmp_path: Path) -> None:
    levels = ["a0: &a0 [" + ", ".join(["x"] * 10) + "]"]
    for i in range(1, 9):  # 10**9 nodes if expanded
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + "\n---\n", encoding="utf-8")
    (rule, finding), = read_source(path)
    assert rule == "FM010" and finding.message == "size"


def test_suppression_comment_covers_the_next_block_only() -> None:
    body = parse_body("Абзац.\n\n<!-- clinic-content: ignore ADV001, PLAT -->\nЗащищённый абзац\nвторая строка.\n\nСледующий.\n", 10)
    (s,) = body.suppressions
    assert s.codes == ("ADV001", "PLAT")
    assert (s.line, s.first_line, s.last_line) == (12, 13, 14)


def test_plain_text_drops_markup_and_comments_but_keeps_list_markers() -> None:
    body = parse_body("# Заголовок\n\n**Жирный** [текст](https://x.example).\n\n<!-- заметка -->\n\n1. раз\n2. два\n\n```\nкод\n```\n", 1)
    assert body.plain_text == "Заголовок\n\nЖирный текст.\n1. раз\n2. два\n\nкод"


def test_pathological_bracket_nesting_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    """libyaml's C composer segfaults on ~100k nested brackets; run in a subprocess so a crash fails, not kills, the suite."""
    import subprocess
    import sys

    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: x\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n", encoding="utf-8")
    code = f"from clinic_content.source.reading import read_source; from pathlib import Path; print(read_source(Path({str(path)!r}))[0][0])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FM010"


@pytest.mark.parametrize(
    "written, hour_utc",
    [("2026-12-01 10:00", 7), ("2026-12-01 10:00:00", 7), ("2026-12-01T10:00:00+05:00", 5), ("2026-12-01", -3)],
)
def test_times_without_offset_take_the_config_timezone(written: str, hour_utc: int) -> None:
    from datetime import timezone
    from zoneinfo import ZoneInfo

    post = load_text(f"---\ntitle: x\npublish_at: {written}\n---\n", tz=ZoneInfo("Europe/Moscow"))
    value = post.meta.publish_at
    assert value.tzinfo is not None
    utc = value.astimezone(timezone.utc)
    assert (utc.hour if hour_utc >= 0 else utc.hour - 24) == hour_utc


def test_an_unpadded_hour_is_a_time_not_an_error() -> None:
    from clinic_content.source.post import load_text

    post = load_text("---\ntitle: x\npublish_at: 2026-12-15 9:05\nexpires: 2026-12-31T7:00\nplatforms: [vk]\n---\nТекст.\n")
    assert not post.problems
    assert (post.meta.publish_at.hour, post.meta.publish_at.minute) == (9, 5)
    assert post.meta.expires.hour == 7
