"""Person names in the text, from pymorphy3's Name/Surn/Patr grammemes.

Finds «Иванова Анна Сергеевна», «Анна Иванова», «Иванова А. С.», «А. С. Иванова»,
«Игорь Николаевич» and a first name right after a patient word («пациентка Анна,
34 года»). A lone capitalised first name is not reported: «Вера», «Надежда» and
«Любовь» are words too. Names of the clinic's staff (config ``clinic.staff``)
are marked, so privacy rules can let doctors be named; so are names given with a
title or role («академик», «министр», «главный врач», «курс», «имени»): officials,
lecturers and namesakes of institutions are named in their public role, not as patients.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from ..core.packs import load_toml, rules_dir
from .tokens import Token, analyse, fold

_PERSON = ("Name", "Surn", "Patr")
_PERSON_SET = frozenset(_PERSON)
_PATIENT_CUES = frozenset({"пациент", "пациентка", "клиент", "клиентка", "подопечный", "подопечная"})
_AGE_AFTER = re.compile(r"^\s*(?:,\s*)?\d{1,3}\s?(?:год|года|лет)\b")


@dataclass(frozen=True)
class NameSpan:
    """A person's name: token range, file offsets, confidence 0..1, staff or not."""

    first: int
    last: int
    start: int
    end: int
    text: str
    confidence: float
    staff: bool = False
    titled: bool = False  # given with a title or role: an official, a lecturer, a namesake


def _kinds(token: Token) -> set[str]:
    if token.kind != "word" or token.tags.isdisjoint(_PERSON_SET) or not token.text[:1].isupper():
        return set()  # most words: no reading is a name part
    return {g for a in token.analyses for g in _PERSON if g in a.grammemes}


def _is_initial(tokens: Sequence[Token], i: int, text: str) -> bool:
    token = tokens[i]
    return len(token.text) == 1 and token.text.isupper() and text[token.end : token.end + 1] == "."


def find_names(tokens: Sequence[Token], text: str, staff: Iterable[str] = ()) -> list[NameSpan]:
    """Names in ``tokens`` (``text`` is the file text the offsets point into)."""
    staff_index = staff_names(tuple(staff))
    global _last
    last = _last
    if last is not None and last[0] is tokens and last[1] == len(tokens) and last[2] is text:
        spans = last[3]  # the same post's tokens again (patients, then the term rules)
    else:
        spans = _find_names(tokens, text)
        _last = (tokens, len(tokens), text, spans)
    if not staff_index:
        return list(spans)
    return [replace(n, staff=_is_staff(tokens[n.first : n.last + 1], staff_index)) for n in spans]


_last: tuple[Sequence[Token], int, str, list[NameSpan]] | None = None  # the last call's names, before staff


def _find_names(tokens: Sequence[Token], text: str) -> list[NameSpan]:
    spans: list[NameSpan] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "word" or not token.text[:1].isupper():  # a name starts with a capital
            i += 1
            continue
        found = _match(tokens, i, text)
        if found is None:
            i += 1
            continue
        last, confidence = found
        start, end = tokens[i].start, tokens[last].end
        span_text = " ".join(text[start:end].split())
        titled = _titled(tokens, i, last) or _listed_after_titled(tokens, i, spans)
        spans.append(NameSpan(i, last, start, end, span_text, confidence, False, titled))
        i = last + 1
    return spans


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Titles and roles that introduce a person in a public role (``rules/ru/patients.toml``)."""
    return frozenset(fold(w) for w in load_toml(rules_dir() / "ru" / "patients.toml")["titles"]["words"])


def _titled(tokens: Sequence[Token], first: int, last: int) -> bool:
    """A title just before the name, over adjectives, nouns and capitalised organisation
    words («главный врач», «президент «Опоры России»», «курс»), or a role right after it
    («Иванова Анна, врач-терапевт»)."""
    titles = title_words()
    j, sentence = first - 1, tokens[first].sentence
    for _ in range(4):
        if j < 0 or tokens[j].sentence < sentence - 1:
            break
        token = tokens[j]
        if token.lemmas & _PATIENT_CUES:
            return False  # «врач пациентки Анны»: the name is the patient's
        if _is_title(token, titles):
            return True
        if not (token.tags & {"ADJF", "PRTF", "NOUN"} or token.text[:1].isupper()):
            break
        j -= 1
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return after is not None and after.sentence == tokens[last].sentence and _is_title(after, titles)


def _is_title(token: Token, titles: frozenset[str]) -> bool:
    words = {fold(token.text), *token.lemmas}
    return bool(words & titles) or any(part in titles for part in fold(token.text).split("-"))


def _listed_after_titled(tokens: Sequence[Token], first: int, spans: list[NameSpan]) -> bool:
    """«курс И. Петрова и О. Сидоровой»: a name joined by «и» or a comma to a titled one."""
    if not spans or not spans[-1].titled:
        return False
    between = tokens[spans[-1].last + 1 : first]
    return len(between) <= 1 and all(fold(t.text) == "и" for t in between)


def _match(tokens: Sequence[Token], i: int, text: str) -> tuple[int, float] | None:
    """The longest name starting at token ``i``: (last token index, confidence)."""
    sentence = tokens[i].sentence

    def kinds(j: int) -> set[str]:
        return _kinds(tokens[j]) if j < len(tokens) and tokens[j].sentence == sentence else set()

    def initial(j: int) -> bool:
        return j < len(tokens) and tokens[j].sentence == sentence and _is_initial(tokens, j, text)

    k0 = kinds(i)
    if not k0 and not _is_initial(tokens, i, text):
        return None  # every name below starts with a name part or an initial
    k1, k2 = kinds(i + 1), kinds(i + 2)
    # Surname Name Patronymic / Name Patronymic Surname
    if "Surn" in k0 and "Name" in k1 and "Patr" in k2:
        return i + 2, 0.95
    if "Name" in k0 and "Patr" in k1 and "Surn" in k2:
        return i + 2, 0.95
    # Surname И. О. / И. О. Surname / Surname И.
    if "Surn" in k0 and initial(i + 1):
        return (i + 2, 0.9) if initial(i + 2) else (i + 1, 0.75)
    if _is_initial(tokens, i, text):
        if initial(i + 1) and "Surn" in kinds(i + 2):
            return i + 2, 0.9
        if "Surn" in k1:
            return i + 1, 0.75
        return None
    # Name Patronymic; Name Surname; Surname Name
    if "Name" in k0 and "Patr" in k1:
        return i + 1, 0.85
    if ("Name" in k0 and "Surn" in k1) or ("Surn" in k0 and "Name" in k1):
        return i + 1, 0.85
    # «пациентка Анна, 34 года», «наш пациент Сергей»
    if "Name" in k0 and i > 0 and tokens[i - 1].sentence == sentence and tokens[i - 1].lemmas & _PATIENT_CUES:
        return i, 0.8 if _AGE_AFTER.match(text[tokens[i].end : tokens[i].end + 12]) else 0.7
    return None


@lru_cache(maxsize=64)
def staff_names(staff: tuple[str, ...]) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per staff member: the lemmas/forms of their name parts, and their initials."""
    out = []
    for name in staff:
        parts = re.findall(r"[^\W\d_]+", name)
        forms = {fold(p) for p in parts} | {a.lemma for p in parts for a in analyse(p, "ru")}
        out.append((frozenset(forms), frozenset(fold(p)[0] for p in parts)))
    return tuple(out)


def _is_staff(tokens: Sequence[Token], staff: tuple[tuple[frozenset[str], frozenset[str]], ...]) -> bool:
    for forms, initials in staff:
        ok = True
        for token in tokens:
            if len(token.text) == 1:
                ok = fold(token.text) in initials
            else:
                ok = bool((token.lemmas | {fold(token.text)}) & forms)
            if not ok:
                break
        if ok:
            return True
    return False
