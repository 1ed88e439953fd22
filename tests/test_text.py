"""The text layer: visible words only, exact positions, lemmas for every form."""

from __future__ import annotations

import pytest

from clinic_content.text.phrases import Phrase, PhraseError
from clinic_content.source.post import load_text
from clinic_content.text.tokens import tokenize

HEAD = "---\ntitle: x\n---\n"


def _tokens(body: str, lang: str = "ru"):
    post = load_text(HEAD.replace("title: x", f"title: x\nlang: {lang}") + body)
    return post, tokenize(post)


def test_positions_are_file_positions_with_emoji_and_markup() -> None:
    post, tokens = _tokens("# Лучшие врачи 🩺\n\n**Гарантируем** результат — [запись](https://x.example/ура) 100 %.\n")
    where = {t.text: post.source.line_col(t.start) for t in tokens}
    assert where["Лучшие"] == (5, 3)
    assert where["врачи"] == (5, 10)
    assert where["Гарантируем"] == (7, 3)
    assert where["запись"] == (7, 30)
    assert where["100 %"] == (7, 61)
    for token in tokens:  # every token slices back to itself
        line, column = post.source.line_col(token.start)
        assert post.source.line(line)[column - 1 : column - 1 + len(token.text)] == token.text
    assert "ура" not in where and "https" not in where  # URLs are not visible text


@pytest.mark.parametrize(
    "body, hidden",
    [
        ("Текст `код внутри` текст.\n", "код"),
        ("```\nскрытый код\n```\n", "скрытый"),
        ("<!-- заметка редактора -->\n\nТекст.\n", "заметка"),
        ("Текст <span class=\"красный\">видно</span>.\n", "красный"),
        ("Текст.\n\n[сноска]: https://example.org Описание\n", "Описание"),
    ],
)
def test_hidden_parts_are_not_words(body: str, hidden: str) -> None:
    _, tokens = _tokens(body)
    assert hidden not in {t.text for t in tokens}


def test_alt_text_link_text_and_table_cells_are_visible() -> None:
    _, tokens = _tokens("![фото врача](a.png) и [ссылка](b)\n\n| Дата | Время |\n|---|---|\n| среда | утро |\n")
    words = [t.text for t in tokens]
    assert {"фото", "врача", "ссылка", "Дата", "среда", "утро"} <= set(words)
    assert words.count("среда") == 1  # a table row is read once, not once per cell


def test_lemmas_fold_yo_and_handle_hyphens_latin_numbers() -> None:
    _, tokens = _tokens("Ёлка, физиотерапевт-реабилитолог, Botox и 3,5 %.\n")
    by_text = {t.text: t for t in tokens}
    assert by_text["Ёлка"].lemmas == {"елка"}
    assert "физиотерапевт-реабилитолог" in by_text
    assert by_text["Botox"].lemmas == {"botox"}
    assert by_text["3,5 %"].lemmas == {"3.5%"}


def test_sentences_split_at_stops_and_blocks() -> None:
    _, tokens = _tokens("Один два. Три!\n\nЧетыре\n- пять\n")
    sentences = {t.text: t.sentence for t in tokens}
    assert sentences["Один"] == sentences["два"] != sentences["Три"] != sentences["Четыре"] != sentences["пять"]


def test_english_normaliser() -> None:
    _, tokens = _tokens("Guaranteed results, curing patients.\n", lang="en")
    assert [sorted(t.lemmas)[0] for t in tokens] == ["guarante", "result", "cur", "patient"]


@pytest.mark.parametrize(
    "phrase, text, expected",
    [
        ("гарантировать результат", "Гарантируем результат.", True),
        ("гарантировать результат", "Результат гарантирован.", True),
        ("гарантировать результат", "Нет гарантированного результата.", True),
        ("гарантировать результат", "Гарантируем. Результат будет.", False),  # another sentence
        ("гарантировать результат", "Гарантируем вам очень быстрый и точный результат.", False),  # too far
        ("{Supr} врач", "Лучшие врачи.", True),
        ("{Supr} хирург", "Самый опытный хирург.", True),
        ("{Supr}", "Лучше записаться заранее.", False),
        ("без боль", "Лечение без боли.", True),
    ],
)
def test_phrase_matching(phrase: str, text: str, expected: bool) -> None:
    _, tokens = _tokens(text + "\n")
    assert bool(list(Phrase(phrase).find(tokens))) is expected


def test_ordered_phrase_keeps_order() -> None:
    _, tokens = _tokens("Результат гарантирован.\n")
    assert not list(Phrase("гарантировать результат", ordered=True).find(tokens))


def test_bad_phrase_is_an_error() -> None:
    with pytest.raises(PhraseError):
        Phrase("{").items
