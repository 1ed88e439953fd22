"""What the tool prints cannot be turned against its reader (issue 14 items 7-9, issue 11 §2.8):
no workflow commands or terminal escapes from post content, RFC 5545-clean feeds, masked
context whatever rules run, carets under the text they point at."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clinic_content.calendar.export import check_ics
from clinic_content.cli.main import main
from clinic_content.text.personal_data import find_personal_data

CONFIG = """content-roots = ["posts"]
timezone = "Europe/Moscow"
lang = "ru"
platforms = ["vk"]
[clinic]
name = "Клиника «Берёза»"
staff = ["Иванова Анна Сергеевна"]
"""
HEAD = "---\ntitle: Зимний уход за кожей\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nstatus: approved\n"
HUMAN = ("text", "concise", "junit")
# what a terminal or a log viewer acts on, or shows as something else than it is
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _repo(tmp_path: Path, posts: dict[str, str], config: str = CONFIG) -> Path:
    (tmp_path / "posts").mkdir(exist_ok=True)
    (tmp_path / ".clinic-content.toml").write_text(config, encoding="utf-8")
    for name, text in posts.items():
        (tmp_path / "posts" / name).write_bytes(text.encode("utf-8"))
    return tmp_path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


HOSTILE_POST = HEAD + (
    '"x\\n::warning file=.github/workflows/ci.yml::pwned": 1\n'
    '"\\e[2J\\e]0;title\\a\\u202etxt.exe": 2\n'
    "---\n"
    "::stop-commands::endtoken\n"
    "\x1b[31mКрасный\x1b[0m текст и \u202eпереворот\u202c, гарантия 100% результата.\n"
)


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "junit", "json", "sarif", "gitlab", "json-lines"])
def test_post_content_never_starts_a_workflow_command(fmt: str, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_repo(tmp_path, {"a.md": HOSTILE_POST, "::warning x.md": HEAD + "---\nТекст.\n"}))
    code, out, err = _run(capsys, "lint", "--format", fmt, "--no-cache", "--today", "2026-11-22")
    assert code == 1, err
    for line in out.splitlines():
        if line.lstrip().startswith("::"):
            assert fmt == "github" and re.match(r"::(error|warning|notice) title=clinic-content", line), line
        assert "##[" not in line
    if fmt in HUMAN or fmt == "github":
        assert not RAW_CONTROLS.search(out), repr(RAW_CONTROLS.search(out))
        assert "\\x1b" in out or fmt == "github" and "%0A" in out


def test_the_step_summary_and_stderr_are_escaped(tmp_path: Path, capsys, monkeypatch) -> None:
    root = _repo(tmp_path, {"a.md": HOSTILE_POST})
    monkeypatch.chdir(root)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(root / "summary.md"))
    _run(capsys, "lint", "--format", "github", "--no-cache", "--today", "2026-11-22")
    summary = (root / "summary.md").read_text(encoding="utf-8")
    assert not RAW_CONTROLS.search(summary) and "\n::" not in summary


@pytest.mark.parametrize("command", [["stats"], ["calendar", "show"]])
def test_stats_and_month_view_escape_titles(command: list[str], tmp_path: Path, capsys, monkeypatch) -> None:
    post = HEAD.replace("Зимний уход за кожей", '"\\e[31m::warning x\\u202e"') + "---\nТекст поста о коже.\n"
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    code, out, _ = _run(capsys, *command)
    assert code == 0
    assert not RAW_CONTROLS.search(out)
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())


# -- iCalendar -------------------------------------------------------------------


def _logical(ics: bytes) -> list[str]:
    lines: list[str] = []
    for line in ics.decode("utf-8").split("\r\n"):
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


@pytest.mark.parametrize("base_url", ["https://example.org/raw\r\nX-INJECTED:1", "javascript:alert(1)",
                                      "https://exa mple.org", "/relative/path"])
def test_a_bad_base_url_is_a_config_error(base_url: str, tmp_path: Path, capsys, monkeypatch) -> None:
    config = CONFIG + f"[calendar]\nbase-url = {json.dumps(base_url)}\n"
    monkeypatch.chdir(_repo(tmp_path, {"a.md": HEAD + "---\nТекст.\n"}, config))
    code, out, err = _run(capsys, "calendar", "export")
    assert code == 2 and "base-url" in err and "X-INJECTED" not in out


def test_file_names_and_values_cannot_inject_ics_lines(tmp_path: Path, capsys, monkeypatch) -> None:
    config = CONFIG + '[calendar]\nbase-url = "https://example.org/raw"\n'
    post = (HEAD.replace("Зимний уход за кожей", '"Кожа\\r\\nX-INJECTED:title\\u0007"')
            + 'author: "Мария\\rX-INJECTED:author"\n---\nТекст\r\nX-INJECTED:body поста.\n')
    monkeypatch.chdir(_repo(tmp_path, {"a\r\nX-INJECTED:name.md": post}, config))
    code = main(["calendar", "export", "--output", "plan.ics", "--today", "2026-11-22"])
    capsys.readouterr()
    assert code == 0
    data = Path("plan.ics").read_bytes()
    assert check_ics(data) == []
    lines = _logical(data)
    assert not [line for line in lines if line.startswith("X-INJECTED")]
    assert all(not re.search("[\x00-\x08\x0a-\x1f\x7f]", line) for line in lines)
    url = next(line for line in lines if line.startswith("URL:"))
    assert url == "URL:https://example.org/raw/posts/a%0D%0AX-INJECTED%3Aname.md"


# -- personal data in the feed, the month view and the text output ---------------

STORY = ("---\ntitle: История Кравцовой Дарьи\npublish_at: 2026-12-12 10:00\nplatforms: [vk]\nstatus: {status}\n"
         "category: case_study\n{extra}---\nКравцова Дарья Игоревна пришла к нам 3 ноября с болью в колене.\n")


@pytest.mark.parametrize("status, extra", [("draft", ""), ("approved", ""), ("approved", "consents: [C-1]\n")])
def test_the_feed_masks_titles_and_withholds_risky_texts(status: str, extra: str, tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    registry = "consents:\n  - {id: C-1, person: P-1, scopes: [story], signed: 2026-10-01, revoked: 2026-11-01}\n"
    root = _repo(tmp_path, {"story.md": STORY.format(status=status, extra=extra)},
                 'consents-file = "consents.yaml"\n' + CONFIG)
    (root / "consents.yaml").write_text(registry, encoding="utf-8")
    monkeypatch.chdir(root)
    _, feed, _ = _run(capsys, "calendar", "export", "--today", "2026-11-22")
    text = "".join(_logical(feed.encode()))
    assert "Кравцов" not in text and "Дарь" not in text and "болью в колене" not in text
    assert "Текст скрыт" in text and "К***" in text
    _, month, _ = _run(capsys, "calendar", "show", "--month", "2026-12")
    assert "Кравцов" not in month and "К*** Д***" in month
    _, private, _ = _run(capsys, "calendar", "export", "--private", "--today", "2026-11-22")
    assert "Кравцовой Дарьи" in "".join(_logical(private.encode()))


def test_an_approved_clean_post_keeps_its_masked_excerpt(tmp_path: Path, capsys, monkeypatch) -> None:
    post = HEAD + "reviewed_by: Иванова Анна Сергеевна\n---\nУвлажняйте кожу зимой: крем после душа, без горячей воды.\n"
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    _, feed, _ = _run(capsys, "calendar", "export", "--today", "2026-11-22")
    text = "".join(_logical(feed.encode()))
    assert "Увлажняйте кожу зимой" in text and "Иванова Анна Сергеевна" in text  # staff stays readable


@pytest.mark.parametrize("ignore", [["--ignore", "PRIV008"], ["--ignore", "PRIV"], []])
@pytest.mark.parametrize("breaker", ["\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\x1c"])
def test_names_stay_masked_whatever_runs_and_whatever_breaks_lines(ignore: list[str], breaker: str, tmp_path: Path,
                                                                    capsys, monkeypatch) -> None:
    post = HEAD + (f"---\nПервая строка{breaker}с разрывом.\n\n"
                   "Наш стоматолог-терапевт Кравцова Дарья Игоревна ответила: лечение помогает в 95 % случаев.\n")
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    code, out, _ = _run(capsys, "lint", "--no-cache", "--today", "2026-11-22", *ignore)
    assert "Кравцова" not in out and "Дарья" not in out
    context = [line for line in out.splitlines() if line.startswith("    9 | ")]
    assert context and all("К*** Д*** И***" in line for line in context), out


def test_an_inline_suppression_does_not_unmask(tmp_path: Path, capsys, monkeypatch) -> None:
    post = HEAD + ("---\n<!-- clinic-content: ignore PRIV008 -->\n"
                   "Наш стоматолог-терапевт Кравцова Дарья Игоревна ответила: лечение помогает в 95 % случаев.\n")
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    _, out, _ = _run(capsys, "lint", "--no-cache", "--today", "2026-11-22")
    assert "Кравцова" not in out and "Дарья" not in out


def test_carets_point_at_the_printed_text_after_a_mask(tmp_path: Path, capsys, monkeypatch) -> None:
    post = HEAD + "---\nКравцова Дарья Игоревна, стоматолог, и +7 912 345-67-12: лечение помогает в 95 % случаев.\n"
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    _, out, _ = _run(capsys, "lint", "--no-cache", "--today", "2026-11-22", "--format", "text")
    lines = out.splitlines()
    checked = 0
    for i, line in enumerate(lines[:-2]):
        header = re.match(r"posts/a\.md:7:(\d+): (\w+)", line)
        if not header or not lines[i + 1].startswith("    7 | "):
            continue
        shown, caret = lines[i + 1][8:], lines[i + 2][8:]
        start = len(caret) - len(caret.lstrip())
        if header.group(2) == "SRC001":  # «95 %» after two masks: the caret under it, as wide as it
            assert shown[start:].startswith("95 %"), (shown, caret)
            assert caret.strip() == "^" * len("95 %")
            checked += 1
        if header.group(2) == "PRIV007":  # the phone, after the masked name
            assert shown[start:].startswith("+7 9** ***-**-12") and caret.strip() == "^" * len("+7 9** ***-**-12")
            checked += 1
    assert checked == 2 and "К*** Д*** И***" in out, out


def test_the_diff_masks_the_lines_around_a_fix(tmp_path: Path, capsys, monkeypatch) -> None:
    post = ("---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nstatus: approved\nad: true\n"
            "advertiser: ООО «Клиника Берёза»\n---\nКравцова Дарья Игоревна рекомендует: звоните +7 912 345–67–89.\n")
    monkeypatch.chdir(_repo(tmp_path, {"a.md": post}))
    code, out, err = _run(capsys, "lint", "--diff", "--no-cache", "--today", "2026-11-22")
    assert code == 1 and out.startswith("--- a/posts/a.md")
    assert "Кравцова" not in out and "345" not in out and "К*** Д*** И***" in out
    assert "diff" in err and "--fix" in err


# -- detectors -------------------------------------------------------------------


@pytest.mark.parametrize("text, kind", [
    ("звоните +7 912 345–67–89", "phone"),
    ("звоните 8 (912) 345—67—89", "phone"),
    ("СНИЛС 123 456 789 01", "snils"),
    ("СНИЛС 123–456–789 01", "snils"),
    ("дата рождения: 12.03.1985", "birth_date"),
    ("Дата рождения — 3 марта 1985", "birth_date"),
    ("date of birth: March 3, 1985", "birth_date"),
])
def test_detectors_know_the_shapes_word_processors_make(text: str, kind: str) -> None:
    assert [h.kind for h in find_personal_data(text)] == [kind]


@pytest.mark.parametrize("text", ["Скидка 20 % до 15.12.2026, цена 1 200 ₽", "Приём 123 456 пациентов в год",
                                  "ИНН 6671234567, ОГРН 1216600012345"])
def test_ordinary_numbers_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []


def test_mask_text_is_the_api_other_outputs_use() -> None:
    from clinic_content.source.config import Config
    from clinic_content.text.masking import Masker, mask_text

    config = Config(clinic={"staff": ["Иванова Анна Сергеевна"], "contacts": ["+7 (343) 200-10-20"]})
    text = "Иванова Анна Сергеевна и Кравцова Дарья Игоревна: +7 (343) 200-10-20, +7 912 345-67-12\x1b[0m"
    assert mask_text(text, config) == ("Иванова Анна Сергеевна и К*** Д*** И***: +7 (343) 200-10-20, "
                                       "+7 9** ***-**-12\\x1b[0m")
    assert Masker().printed("::set-output x").text.startswith("\\x3a:")


def test_error_messages_on_stderr_are_escaped(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_repo(tmp_path, {"a.md": HEAD + "---\nТекст.\n"}))
    code, _, err = _run(capsys, "lint", "nope\n::warning ::pwned\x1b[2J")
    assert code == 2
    assert not any(line.lstrip().startswith("::") for line in err.splitlines()) and "\x1b" not in err
