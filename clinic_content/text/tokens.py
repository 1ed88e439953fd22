"""The visible words of a post with exact file positions, and their lemmas.

Visible text is what a reader sees: paragraphs, headings, list items, table
cells, link text and image alt text; not code, URLs, HTML tags or comments.
Hidden parts are blanked out with spaces, so every offset in a segment is an
offset in the file.

Lemmas come from pymorphy3 (one analyzer per process, loaded on first use,
with a per-word-form cache) for Russian, and from a small suffix-stripping
normaliser for English. ё is folded to е everywhere.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..source.post import Post

_HIDDEN = re.compile(
    r"(?=[<`\]h]|^)(?:"  # what every branch starts with: rejects most positions at once
    r"<!--.*?(?:-->|\Z)"  # HTML comments (also unterminated, to the end of the segment)
    r"|(`+).*?\1"  # inline code
    r"|\]\([^)\n]*\)"  # link and image destinations (the text/alt in [...] stays)
    r"|<(?:https?://|mailto:)[^>\n]*>"  # autolinks
    r"|\bhttps?://[^\s)>\]]+"  # bare URLs
    r"|</?[A-Za-z][^>\n]*>"  # inline HTML tags
    r"|^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?=\S)"  # indentation, quote and list markers
    r"|^[ \t]*\d{1,9}[.)](?=[ \t]|$)"  # a bare ordered-list marker
    r"|^[ \t]*\[[^\]\n]+\]:[^\n]*)",  # link reference definitions
    re.DOTALL | re.MULTILINE,
)
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)"
    r"|(?P<number>\d+(?:[.,]\d+)*(?:[ \u00a0\u202f]?%)?)"
    r"|(?P<stop>[.!?…]+(?!\[)|\n[ \t]*\n|\n(?=[ \t]*[\"«(]?[A-ZА-ЯЁ]))"
)


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its lemma (ё folded) and grammemes (pymorphy3 tags)."""

    lemma: str
    grammemes: frozenset[str]


@dataclass(slots=True, eq=False)
class Token:
    """A word or number as it stands in the file."""

    text: str
    start: int  # character offset in the file text
    end: int
    kind: str  # "word" or "number"
    sentence: int  # index of the sentence within the post
    analyses: tuple[Analysis, ...]
    lemmas: frozenset[str]
    tags: frozenset[str]  # grammemes of all readings together, for quick filtering

    def has(self, lemma: str | None, grammemes: frozenset[str] = frozenset()) -> bool:
        """True when one reading has the lemma (any if None) and all the grammemes."""
        if lemma is not None and lemma not in self.lemmas:
            return False
        if not grammemes:
            return True
        if not grammemes <= self.tags:
            return False
        return any((lemma is None or a.lemma == lemma) and grammemes <= a.grammemes for a in self.analyses)


def fold(text: str) -> str:
    """Lower-case with ё folded to е: the form every comparison uses."""
    return text.lower().replace("ё", "е")


# -- morphology ------------------------------------------------------------------

_lock = threading.Lock()
_analyzer = None


def analyzer():
    """The process-wide pymorphy3 analyzer, created on first use (about 0.15 s)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                import pymorphy3

                _analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    return _analyzer


@lru_cache(maxsize=200_000)
def analyse_ru(word: str) -> tuple[Analysis, ...]:
    """All pymorphy3 readings of a (folded) word form, cached per form."""
    seen: dict[tuple[str, frozenset[str]], None] = {}
    for parse in analyzer().parse(word):
        seen[(fold(parse.normal_form), frozenset(parse.tag.grammemes))] = None
    return tuple(Analysis(lemma, grammemes) for lemma, grammemes in seen) or (Analysis(word, frozenset()),)


_EN_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@lru_cache(maxsize=50_000)
def analyse_en(word: str) -> tuple[Analysis, ...]:
    """A deliberately simple English normaliser: plural, -ed and -ing stripped."""
    lemma = word
    for suffix, replacement in _EN_SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            lemma = word[: -len(suffix)] + replacement
            break
    return (Analysis(lemma, frozenset({"LATN"})),)


_CYRILLIC = re.compile(r"[а-я]")
_NUMBER = frozenset({"NUMB"})


def analyse(word: str, lang: str) -> tuple[Analysis, ...]:
    return reading(word, lang)[0]


@lru_cache(maxsize=300_000)
def reading(word: str, lang: str) -> tuple[tuple[Analysis, ...], frozenset[str], frozenset[str]]:
    """Readings, lemma set and grammeme set of a word form as written, cached per form (the hot path)."""
    folded = fold(word)
    analyses = analyse_en(folded) if lang == "en" or not _CYRILLIC.search(folded) else analyse_ru(folded)
    return analyses, frozenset(a.lemma for a in analyses), frozenset(g for a in analyses for g in a.grammemes)


# -- tokenising ------------------------------------------------------------------


def visible_segments(post: Post) -> Iterator[tuple[int, str]]:
    """(file offset, text) of each visible block, hidden parts blanked with spaces."""
    if post.parsed is None:
        return
    source = post.parsed.source
    seen: set[tuple[int, int]] = set()
    for first, last in post.body.text_ranges:
        if (first, last) in seen:
            continue
        seen.add((first, last))
        start = source.line_starts[first - 1]
        end = source.line_starts[last] if last < source.line_count else len(source.text)
        raw = source.text[start:end]
        yield start, _HIDDEN.sub(lambda m: " " * len(m.group(0)), raw)


def tokenize(post: Post) -> list[Token]:
    """Every visible word and number of the post, in file order, with sentence numbers."""
    tokens: list[Token] = []
    sentence = 0
    for offset, text in visible_segments(post):
        sentence = _add_tokens(tokens, text, offset, sentence, post.meta.lang) + 1  # a block never continues a sentence
    return _mark_analytic_superlatives(tokens)


def tokenize_text(text: str, lang: str = "ru") -> list[Token]:
    """The words and numbers of plain text (a printed line, a title), offsets into ``text``."""
    tokens: list[Token] = []
    _add_tokens(tokens, text, 0, 0, lang)
    return tokens


def _add_tokens(tokens: list[Token], text: str, offset: int, sentence: int, lang: str) -> int:
    """Append the tokens of one segment; returns the sentence number reached."""
    append = tokens.append  # the hot loop of every lint: names bound once
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "stop":
            if match.group() != "." or not tokens or not _abbreviation(tokens[-1].text):
                sentence += 1
            continue
        word = match.group()
        start, end = match.span()
        if kind == "word":
            analyses, lemmas, tags = reading(word, lang)
        else:  # «100 %», «100%» and «100 %» (narrow space) are one lemma
            analyses, lemmas, tags = _number_reading(word)
        append(Token(word, offset + start, offset + end, kind, sentence, analyses, lemmas, tags))
    return sentence


@lru_cache(maxsize=50_000)
def _number_reading(word: str) -> tuple[tuple[Analysis, ...], frozenset[str], frozenset[str]]:
    analyses = (Analysis("".join(word.split()).replace(",", "."), _NUMBER),)
    return analyses, frozenset({analyses[0].lemma}), _NUMBER


_ABBREVIATIONS = frozenset("т е г гг ул д др пр см им проф доц акад зав канд мед наук руб тыс млн мин ч стр рис табл".split())


@lru_cache(maxsize=50_000)
def _abbreviation(word: str) -> bool:
    """A period after an initial («О. В. Смирнова») or an abbreviation («т. е.», «ул.») ends no sentence."""
    return (len(word) == 1 and word.isalpha()) or fold(word) in _ABBREVIATIONS


def post_tokens(post: Post) -> list[Token]:
    """The post's tokens, computed once per post and shared by every rule."""
    cached = post.__dict__.get("_tokens")
    if cached is None:
        cached = tokenize(post)
        post.__dict__["_tokens"] = cached
    return cached


_ANALYTIC = frozenset({"самый", "наиболее"})


def _mark_analytic_superlatives(tokens: list[Token]) -> list[Token]:
    """«самый опытный», «наиболее эффективный»: give the adjective the Supr grammeme
    that synthetic forms («лучший», «опытнейший») already have."""
    out = tokens
    for i in range(len(tokens) - 1):
        if tokens[i].lemmas.isdisjoint(_ANALYTIC):
            continue
        token = tokens[i]
        nxt = tokens[i + 1]
        if token.sentence == nxt.sentence:
            if nxt.has(None, frozenset({"ADJF"})) or nxt.has(None, frozenset({"ADJS"})):
                analyses = tuple(
                    Analysis(a.lemma, a.grammemes | {"Supr"}) if "ADJF" in a.grammemes or "ADJS" in a.grammemes else a
                    for a in nxt.analyses
                )
                out[i + 1] = Token(nxt.text, nxt.start, nxt.end, nxt.kind, nxt.sentence, analyses, nxt.lemmas, nxt.tags | {"Supr"})
    return out
