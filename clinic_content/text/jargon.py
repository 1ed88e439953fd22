"""Medical jargon: dictionary terms, likely terms built from Greek/Latin medical
morphemes, and whether the post explains a term near its first use.

Plain-language advice (WHO, CDC), made checkable: speak the patient's language and explain
every special term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from ..core.packs import load_toml, rules_dir
from .phrases import Phrase, TokenIndex, parse_item
from .tokens import Analysis, Token, fold, reading


@dataclass(frozen=True)
class TermHit:
    """A dictionary term (or a likely one) found in the text."""

    first: int  # token indexes
    last: int
    term: str  # dictionary form
    explanation: str  # "" for likely terms outside the dictionary
    likely: bool = False


@dataclass(frozen=True)
class TermDictionary:
    single: Mapping[str, tuple[str, str]]  # lemma -> (term, explanation)
    multi: tuple[tuple[Phrase, str, str], ...]
    common: frozenset[str]  # lemmas never counted as jargon


@lru_cache(maxsize=1)
def dictionary() -> TermDictionary:
    """The shipped `rules/ru/medical_terms.toml`, lemmatised once per process."""
    data = load_toml(rules_dir() / "ru" / "medical_terms.toml")
    single: dict[str, tuple[str, str]] = {}
    multi: list[tuple[Phrase, str, str]] = []
    for term, explanation in data.get("terms", {}).items():
        if " " in term.strip():
            multi.append((Phrase(term, gap=0, ordered=True), term, explanation))
        else:
            single[_key(term)] = (term, explanation)
    common = frozenset(_key(w) for w in data.get("common", {}).get("words", []))
    return TermDictionary(single, tuple(multi), common)


def _key(word: str) -> str:
    item = parse_item(word, "ru")
    return item.lemma or fold(word)


# Greek/Latin morphemes of medical words, checked on the lemma.
_MORPHEMES = re.compile(
    r"(?:эктомия|томия|стомия|скопия|графия|грамма|пластика|патия|алгия|емия|эмия|ит|оз|ома|"
    r"иаз|плазия|трофия|рагия|рея|терапия|логия)$"
    r"|^(?:гипер|гипо|эндо|пери|пара|интра|дис|поли|гемо|гема|гепат|нефр|кардио|остео|нейро|"
    r"гастро|дермат|миел|ангио|энцефал|артр)(?=[а-я]{5,})"
)
# Everyday words with the same endings or beginnings (checked on the lemma).
_EVERYDAY = frozenset(
    """визит аппетит кредит транзит лимит депозит колорит фаворит реквизит бандит монолит
    динамит магнит графит гранит кит бит сайт эрудит паразит антрацит метеорит
    мороз прогноз диагноз наркоз гипноз навоз колхоз совхоз склероз психоз невроз
    симпатия антипатия эмпатия телепатия фотография биография география хореография
    типография орфография демография каллиграфия картография видеография инфографика
    хромосома аксиома диплома гипермаркет гиперссылка гипотеза параграф парашют паспорт
    паралимпиада перила период периметр полиция политика поликлиника полиэтилен дистанция
    дискуссия дискотека технология идеология экология психология методология терминология
    биология физиология астрология дискриминация эндорфин эндшпиль""".split()
)


def find_terms(tokens: Sequence[Token], likely: bool = True, index: TokenIndex | None = None) -> list[TermHit]:
    """Dictionary terms (multi-word first), then, with ``likely``, morpheme-built words."""
    terms = dictionary()
    index = index or TokenIndex(tokens)
    hits: list[TermHit] = []
    covered: set[int] = set()
    present = index.by_lemma.keys()
    for phrase, term, explanation in terms.multi:
        if not present >= phrase.required:  # a word of the term is missing: no match
            continue
        for first, last in phrase.find(tokens, index):
            hits.append(TermHit(first, last, term, explanation))
            covered.update(range(first, last + 1))
    for i, token in enumerate(tokens):
        if i in covered or token.kind != "word":
            continue
        found = _classify(token.text)
        if found is not None and (likely or not found[2]):
            hits.append(TermHit(i, i, found[0], found[1], likely=found[2]))
    return sorted(hits, key=lambda h: h.first)


@lru_cache(maxsize=300_000)
def _classify(word: str) -> tuple[str, str, bool] | None:
    """(term, explanation, likely) for a Russian word form, or None; cached per form."""
    analyses, lemmas, _ = reading(word, "ru")
    lemmas = lemmas | {fold(word)}
    terms = dictionary()
    if lemmas & terms.common:
        return None
    found = next((terms.single[lemma] for lemma in sorted(lemmas) if lemma in terms.single), None)
    if found:
        return found[0], found[1], False
    if _looks_medical(word, analyses):
        return sorted(a.lemma for a in analyses)[0], "", True
    return None


def _looks_medical(word: str, analyses: tuple[Analysis, ...]) -> bool:
    if len(word) < 7 or not re.search(r"[а-яё]", word.lower()):
        return False
    if not any({"NOUN", "ADJF", "ADJS"} & a.grammemes for a in analyses):
        return False
    if any(a.lemma in _EVERYDAY for a in analyses):
        return False
    if any(_MORPHEMES.search(a.lemma) for a in analyses):
        return True
    from .tokens import analyzer

    return not analyzer().word_is_known(fold(word))  # pymorphy3 only guessed this word


# -- explanations ----------------------------------------------------------------

_AFTER = re.compile(
    r"\s{0,3}(?:[—–-]\s{0,3}(?:это|так\s{1,3}называ)"  # «X — это …»
    r"|\(|,?\s{0,3}(?:то\s+есть|т\.\s?е\.|или|иначе\s+говоря|иными\s+словами)\b"  # «X (…)», «X, то есть …», «X, или …»
    r"|\[\^[^\]\n]{1,20}\]|\*+)",  # footnote markers «X[^1]», «X*»
    re.IGNORECASE,
)
_BEFORE = re.compile(r"(?:\(|называ\w*\s*|так\s+называем\w*\s*)$", re.IGNORECASE)


def is_explained(text: str, hit_start: int, hit_end: int, glossary_lemmas: set[str], hit: TermHit) -> bool:
    """A term is explained right where it is first used, or in the post's `glossary`."""
    if term_keys(hit.term) & glossary_lemmas:
        return True
    after = text[hit_end : hit_end + 40]
    before = text[max(0, hit_start - 25) : hit_start]
    return bool(_AFTER.match(after) or _BEFORE.search(before))


def glossary_keys(glossary: Mapping[str, str]) -> set[str]:
    """Keys of every term the post's `glossary` explains (any inflected form, one word or several)."""
    return {key for term in glossary for key in term_keys(str(term))}


_TERM_WORD = re.compile(r"\w+(?:-\w+)*")
_MAX_KEYS = 256  # readings multiply per word; a term has few words and each word few lemmas


@lru_cache(maxsize=4096)
def term_keys(term: str) -> frozenset[str]:
    """Lemma sequences a term can stand for: «эрозию шейки матки» and «эрозия шейки матки» share one.

    Each word contributes its folded form and every lemma pymorphy3 reads in it, so a glossary entry
    written in any form meets the dictionary form; the words are free text (user content), never a
    phrase pattern, so nothing here can raise on them.
    """
    keys = [""]
    for word in _TERM_WORD.findall(fold(term)):
        lemmas = sorted(reading(word, "ru")[1] | {word})
        keys = [f"{key} {lemma}".strip() for key in keys for lemma in lemmas][:_MAX_KEYS]
    return frozenset(k for k in keys if k)
