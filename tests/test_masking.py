"""Personal data never reaches output in full: every format, every message, context lines too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clinic_content.cli.main import main
from clinic_content.report.formats import FORMATTERS
from clinic_content.text.personal_data import find_personal_data, mask

RAW = {
    "phone": "+7 (912) 345-67-12",
    "email": "anna.petrova@mail.ru",
    "snils": "112-233-445 95",
    "passport": "45 06 123456",
    "name": "Кравцова Дарья Игоревна",
}
POST = (
    "---\ntitle: Ответ на отзыв\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: case_study\n---\n"
    "Кравцова Дарья Игоревна, вы были у нас на приёме: перезвоните на {phone} или напишите {email}.\n\n"
    "Для записи нужен СНИЛС {snils} и паспорт {passport}.\n"
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_no_output_format_prints_personal_data(fmt: str, tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "reply.md").write_text(POST.format(**RAW), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["lint", "posts", "--format", fmt])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1
    for kind, value in RAW.items():
        assert value not in text, f"{fmt} prints the raw {kind}"
        if len(_digits(value)) >= 6:
            assert _digits(value) not in _digits(text), f"{fmt} prints the digits of the {kind}"
    assert "Кравцова" not in text and "Дарья" not in text
    assert "PRIV007" in text and "PRIV008" in text


def test_masks_keep_a_hint_but_not_the_value() -> None:
    assert mask("+7 (912) 345-67-12", "phone") == "+7 (9**) ***-**-12"
    assert mask("anna.petrova@mail.ru", "email") == "a***@***.ru"
    assert mask("Иванова Анна", "name") == "И*** А***"
    assert mask("112-233-445 95", "snils") == "***-***-*** 95"


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Позвоните: 8-912-345-67-12", ["phone"]),
        ("тел. +79123456712", ["phone"]),
        ("Call (555) 123-4567 today", ["phone"]),
        ("SSN 123-45-6789", ["ssn"]),
        ("MRN: 884512", ["medical_record"]),
        ("амбулаторная карта № 12345", ["medical_record"]),
        ("дата рождения 3 марта 1985", ["birth_date"]),
        ("DOB: March 3, 1985", ["birth_date"]),
        ("проживает: проспект Ленина, д. 50, кв. 7", ["address"]),
        ("lives at 120 Main Street, Apt 4", ["address"]),
        ("полис ДМС 1234567890123456", ["oms"]),
        ("Приём с 9:00 до 21:00, акция до 01.12.2026, цена 2 500 ₽, скидка 20 %", []),
        ("Исследование 2019 года: 1 234 участника, 95 % ДИ", []),
    ],
)
def test_detects_personal_data_in_its_usual_shapes(text: str, kinds: list[str]) -> None:
    assert [h.kind for h in find_personal_data(text)] == kinds


def test_clinic_contacts_are_not_personal_data() -> None:
    text = "Звоните 8 (343) 200-10-20, пишите info@bereza-clinic.example или doctor@bereza-clinic.example"
    assert find_personal_data(text, ["+7 343 200 10 20", "https://bereza-clinic.example"]) == []
