"""Person names from pymorphy3 grammemes; staff are recognised in any form."""

from __future__ import annotations

import pytest

from clinic_content.text.names import find_names
from clinic_content.source.post import load_text
from clinic_content.text.tokens import post_tokens

STAFF = ["Петров Игорь Николаевич", "Иванова Анна Сергеевна"]


def _names(body: str, staff=STAFF):
    post = load_text("---\ntitle: x\n---\n" + body + "\n")
    return find_names(post_tokens(post), post.source.text, staff)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Пациентку Смирнову Ольгу Викторовну выписали.", "Смирнову Ольгу Викторовну"),
        ("Ольга Викторовна Смирнова пришла на приём.", "Ольга Викторовна Смирнова"),
        ("Спасибо Ольге Смирновой за отзыв.", "Ольге Смирновой"),
        ("Лечащий врач — Смирнова О. В., приём по средам.", "Смирнова О. В"),
        ("Принимает О. В. Смирнова.", "О. В. Смирнова"),
        ("Наша пациентка Марина, 34 года, обратилась с болью в спине.", "Марина"),
        ("Наш пациент Сергей долго откладывал визит.", "Сергей"),
    ],
)
def test_finds_names_in_any_form(body: str, expected: str) -> None:
    (span,) = _names(body, staff=[])
    assert span.text == expected
    assert not span.staff and span.confidence >= 0.7


@pytest.mark.parametrize(
    "body",
    [
        "Вера в выздоровление помогает лечению.",
        "Надежда есть всегда.",
        "Любовь к спорту — лучшая профилактика.",
        "Клиника «Берёза» открыта с 8:00.",
        "Запись к терапевту по телефону.",
    ],
)
def test_ordinary_capitalised_words_are_not_names(body: str) -> None:
    assert _names(body, staff=[]) == []


@pytest.mark.parametrize(
    "body",
    [
        "Принимает врач-терапевт Петров И. Н.",
        "Игорь Николаевич Петров отвечает на вопросы.",
        "Спасибо Анне Сергеевне за заботу!",
        "Записаться к Ивановой А. С. можно онлайн.",
    ],
)
def test_staff_in_any_form_are_marked(body: str) -> None:
    spans = _names(body)
    assert spans and all(s.staff for s in spans), spans


def test_wrong_initials_are_not_staff() -> None:
    (span,) = _names("Приём ведёт Петров А. А.")
    assert not span.staff


def test_positions_point_at_the_name() -> None:
    post = load_text("---\ntitle: x\n---\nВыписали Смирнову Ольгу Викторовну.\n")
    (span,) = find_names(post_tokens(post), post.source.text)
    assert post.source.line_col(span.start) == (4, 10)


@pytest.mark.parametrize(
    "body",
    [
        "Грамоту вручил министр здравоохранения области Сергей Петрович Волков.",
        "Она окончила университет им. акад. И. П. Павлова.",
        "Весной прошёл курс А. В. Соколовой и Н. Д. Морозовой.",
        "Приём ведёт главный врач Елена Андреевна Лебедева.",
        "Лебедева Елена Андреевна, врач-терапевт, принимает по средам.",
    ],
)
def test_a_name_with_a_title_or_role_is_marked_titled(body: str) -> None:
    """Officials, lecturers, doctors and namesakes named in their role are not patients."""
    spans = _names(body, staff=[])
    assert spans and all(s.titled for s in spans), spans


@pytest.mark.parametrize(
    "body",
    ["Лечащий врач пациентки Анны Сорокиной рассказал о ходе лечения.", "Врач осмотрел Анну Сорокину и назначил анализы."],
)
def test_a_patient_named_after_a_doctor_word_is_not_titled(body: str) -> None:
    (span,) = _names(body, staff=[])
    assert not span.titled
