"""The personal-data leak matrix (issue 14 item 9): every output × every kind of personal
data × placement (body, title, a front-matter value) × rules (all, PRIV switched off).

Each cell lints a small invented post and asserts that no output shows the value: not
the raw value, not its digits, not a name part. The count of cells is printed, so the
CI log states the matrix size (`pytest -s`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clinic_content.report.ci_formats import step_summary
from clinic_content.cli.main import main
from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter
from clinic_content.report.formats import FORMATTERS, format_statistics

from .conftest import TODAY

# kind -> (value as a copywriter would paste it, fragments that must never be printed)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "phone": ("+7 912 345-67-12", ("912 345", "345-67")),
    "phone_en_dash": ("+7 912 345–67–89", ("912 345", "345–67")),
    "email": ("darya.kravtsova@mail.ru", ("darya.kravtsova", "kravtsova@")),
    "snils": ("СНИЛС 112-233-445 95", ("112-233", "233-445")),
    "snils_spaces": ("СНИЛС 123 456 789 01", ("123 456", "456 789")),
    "ssn": ("SSN 123-45-6789", ("123-45", "45-6789")),
    "oms": ("полис ОМС 1234 5678 9012 3456", ("1234 5678", "9012 3456")),
    "passport": ("паспорт 45 06 123456", ("123456",)),
    "birth_date": ("дата рождения: 12.03.1985", ("12.03.19",)),
    "birth_date_words": ("родилась 3 марта 1985", ("3 марта 1985",)),
    "medical_record": ("медкарта № 884512", ("884512",)),
    "address": ("проживает: ул. Лесная, д. 50, кв. 7", ("Лесная",)),
    "name": ("Кравцова Дарья Игоревна", ("Кравцова", "Дарья", "Игоревна")),
}
PLACEMENTS = ("body", "title", "front-matter")
SELECTIONS = {"all rules": "", "PRIV off": 'ignore = ["PRIV"]\n'}
CONFIG = """content-roots = ["posts"]
timezone = "Europe/Moscow"
lang = "ru"
platforms = ["vk", "telegram"]
{selection}
[clinic]
name = "Клиника «Берёза»"
staff = ["Иванова Анна Сергеевна"]
contacts = ["+7 (343) 200-10-20"]
"""
OUTPUTS = (*sorted(FORMATTERS), "step-summary", "statistics", "stats", "calendar-export", "calendar-show",
           "diff", "cache")


def _post(value: str, placement: str) -> str:
    title = f"Ответ пациентке: {value}" if placement == "title" else "Ответ пациентке"
    status = value if placement == "front-matter" else "approved"
    body = (f"Наш стоматолог ответил: {value} — это данные из анкеты; лечение помогает в 95 % случаев."
            if placement == "body" else "Наш стоматолог ответил на вопросы о лечении кариеса.")
    return (f'---\ntitle: "{title}"\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nstatus: "{status}"\n'
            f"ad: true\nadvertiser: ООО «Клиника Берёза»\n---\n{body}\n")


def _outputs(root: Path, capsys, monkeypatch) -> dict[str, str]:
    monkeypatch.chdir(root)
    config = Config.discover(".")
    report = Linter(config, today=TODAY, lang="ru").lint_paths(["posts"])
    out = {fmt: formatter(report, "ru", False) for fmt, formatter in FORMATTERS.items()}
    out["step-summary"] = step_summary(report, "ru")
    out["statistics"] = format_statistics(report, "ru")
    for name, argv in {
        "stats": ["stats"],
        "calendar-export": ["calendar", "export", "--today", "2026-11-22"],
        "calendar-show": ["calendar", "show"],
        "diff": ["lint", "--diff", "--no-cache", "--today", "2026-11-22"],
        "cache": ["lint", "--today", "2026-11-22", "--format", "concise"],
    }.items():
        main(argv)
        captured = capsys.readouterr()
        out[name] = captured.out + captured.err
    cache = root / ".clinic-content-cache"
    out["cache"] += "".join(p.read_text("utf-8", "replace") for p in cache.rglob("*") if p.is_file())
    assert set(out) == set(OUTPUTS)
    return out


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _unfold(text: str) -> str:
    """iCalendar folds long lines (CRLF + space) and escapes commas: compare the logical text."""
    return text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_output_leaks_personal_data(kind: str, placement: str, tmp_path: Path, capsys, monkeypatch) -> None:
    value, fragments = KINDS[kind]
    leaks = []
    for selection, table in SELECTIONS.items():
        root = tmp_path / selection.replace(" ", "-")
        (root / "posts").mkdir(parents=True)
        (root / ".clinic-content.toml").write_text(CONFIG.format(selection=table), encoding="utf-8")
        (root / "posts" / "reply.md").write_text(_post(value, placement), encoding="utf-8")
        for output, text in _outputs(root, capsys, monkeypatch).items():
            text = _unfold(text)
            shown = [f for f in fragments if f in text]
            number = _digits(value)
            if len(number) >= 6 and number in _digits(text):
                shown.append(number)
            if shown:
                leaks.append(f"{output} / {selection}: {shown}")
    assert not leaks, f"{kind} in the {placement}: " + "; ".join(leaks)


def test_matrix_size() -> None:
    cells = len(OUTPUTS) * len(KINDS) * len(PLACEMENTS) * len(SELECTIONS)
    print(f"\nleak matrix: {len(OUTPUTS)} outputs x {len(KINDS)} kinds x {len(PLACEMENTS)} placements "
          f"x {len(SELECTIONS)} rule selections = {cells} checks")
    assert cells >= 1000
