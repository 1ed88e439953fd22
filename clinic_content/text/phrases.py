"""Lemma-aware phrase matching: a phrase is written once in dictionary form and
matches every inflected form, in any order, within a small window of words of
one sentence.

Syntax of a phrase: words separated by spaces; each word is

* ``гарантировать`` — any form of this lemma (the pattern word is lemmatised too);
* ``хороший{Supr}`` — the lemma in a form with these pymorphy3 grammemes;
* ``{Supr}`` — any word with these grammemes; ``*`` — any word;
* ``врач|клиника|центр`` — any form of any of these lemmas (grammemes may follow: ``a|b{plur}``).

``gap`` extra words may stand between the words of a phrase; with ``ordered``
the words must also keep their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Sequence

from .tokens import Token, analyse, fold

_ITEM = re.compile(r"(?P<word>[^{}\s]+)?(?:\{(?P<grammemes>[^}]*)\})?")


class PhraseError(ValueError):
    """A phrase in a pack cannot be parsed."""


@dataclass(frozen=True)
class Item:
    lemma: str | None
    grammemes: frozenset[str]
    choices: tuple[str, ...] = ()  # alternative lemmas (``a|b``); then ``lemma`` is None

    def matches(self, token: Token) -> bool:
        if self.choices:
            return any(token.has(lemma, self.grammemes) for lemma in self.choices)
        return token.has(self.lemma, self.grammemes)


def parse_item(text: str, lang: str) -> Item:
    match = _ITEM.fullmatch(text)
    if not match or not (match.group("word") or match.group("grammemes")):
        raise PhraseError(f"cannot parse phrase word {text!r}")
    word = match.group("word")
    grammemes = frozenset(g.strip() for g in (match.group("grammemes") or "").split(",") if g.strip())
    if word in (None, "*"):
        return Item(None, grammemes)
    if "|" in word:
        choices = tuple(dict.fromkeys(_lemma(w, lang) for w in word.split("|") if w))
        return Item(None, grammemes, choices) if len(choices) > 1 else Item(choices[0], grammemes)
    return Item(_lemma(word, lang), grammemes)


def _lemma(word: str, lang: str) -> str:
    """A pattern word's lemma: the word itself when it is a dictionary form, else its first reading's."""
    folded = fold(word)
    lemmas = [a.lemma for a in analyse(folded, lang)]
    return folded if folded in lemmas else lemmas[0]


@dataclass(frozen=True)
class Phrase:
    """One phrase of a pack entry, compiled on first use (pattern words need pymorphy3)."""

    text: str
    lang: str = "ru"
    gap: int = 2
    ordered: bool = False

    @cached_property
    def items(self) -> tuple[Item, ...]:
        parts = self.text.split()
        if not parts:
            raise PhraseError("empty phrase")
        return tuple(parse_item(p, self.lang) for p in parts)

    @property
    def window(self) -> int:
        return len(self.items) + self.gap

    def find(self, tokens: Sequence[Token], index: TokenIndex | None = None) -> Iterator[tuple[int, int]]:
        """Yield (first, last) token indexes of non-overlapping matches, in text order."""
        index = index or TokenIndex(tokens)
        items = self.items
        anchor = self._anchor(index)
        if anchor is None:
            return
        next_free = 0
        for p in index.positions(items[anchor]):
            if p < next_free:
                continue
            found = self._match_around(tokens, p, anchor)
            if found is not None:
                yield found
                next_free = found[1] + 1

    @cached_property
    def required(self) -> frozenset[str]:
        """The lemmas a post must contain for this phrase to match: a set test rejects most phrases."""
        return frozenset(lemma for lemma in self._lemmas if lemma is not None)

    @cached_property
    def _lemmas(self) -> tuple[str | None, ...]:
        """Each item's single lemma, or None when it needs the general pool (choices, grammemes only)."""
        return tuple(item.lemma if item.lemma is not None and not item.choices else None for item in self.items)

    def _anchor(self, index: TokenIndex) -> int | None:
        """The item with the fewest candidate tokens (the first on ties); None when one has none
        (most phrases on most posts: a dictionary look-up settles it)."""
        by_lemma = index.by_lemma
        best, fewest = None, -1
        for k, lemma in enumerate(self._lemmas):
            count = len(by_lemma.get(lemma, ())) if lemma is not None else index.count(self.items[k])
            if count == 0:
                return None
            if best is None or count < fewest:
                best, fewest = k, count
        return best

    def _match_around(self, tokens: Sequence[Token], p: int, anchor: int) -> tuple[int, int] | None:
        """Give the anchor item token ``p`` and every other item the nearest free matching token of
        the same sentence; the whole match must fit in the window (and keep order if ``ordered``)."""
        sentence, reach = tokens[p].sentence, self.window - 1
        lo, hi = max(0, p - reach), min(len(tokens) - 1, p + reach)
        used = {anchor: p}
        candidates = sorted(range(lo, hi + 1), key=lambda j: abs(j - p))  # nearest first
        for k, item in enumerate(self.items):
            if k == anchor:
                continue
            pick = next(
                (j for j in candidates if j not in used.values() and tokens[j].sentence == sentence
                 and item.matches(tokens[j]) and (not self.ordered or (j < p) == (k < anchor))),
                None,
            )
            if pick is None:
                return None
            used[k] = pick
        positions = [used[k] for k in range(len(self.items))]
        if max(positions) - min(positions) > reach:
            return None
        if self.ordered and positions != sorted(positions):
            return None
        return min(positions), max(positions)


class TokenIndex:
    """Token positions by lemma and by grammeme, built once per post for all phrases."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.by_lemma: dict[str, list[int]] = {}
        self._by_grammeme: dict[str, list[int]] = {}  # filled on demand: phrases use few grammemes
        self._by_choices: dict[tuple[str, ...], list[int]] = {}
        for i, token in enumerate(tokens):
            for lemma in token.lemmas:
                self.by_lemma.setdefault(lemma, []).append(i)

    def viable(self, phrases: Sequence[Phrase]) -> list[Phrase]:
        """The phrases whose required lemmas all occur in the post: the only ones worth a `find`
        (one set test each instead of a look-up per word)."""
        present = self.by_lemma.keys()
        return [phrase for phrase in phrases if present >= phrase.required]

    def by_grammeme(self, grammeme: str) -> list[int]:
        found = self._by_grammeme.get(grammeme)
        if found is None:
            found = [i for i, t in enumerate(self.tokens) if grammeme in t.tags]
            self._by_grammeme[grammeme] = found
        return found

    def _pool(self, item: Item) -> list[int]:
        if item.choices:  # the union of the lemmas' positions, built once per index and item
            pool = self._by_choices.get(item.choices)
            if pool is None:
                pool = self._by_choices[item.choices] = sorted({i for lemma in item.choices for i in self.by_lemma.get(lemma, [])})
            return pool
        if item.lemma is not None:
            return self.by_lemma.get(item.lemma, [])
        if item.grammemes:
            return min((self.by_grammeme(g) for g in sorted(item.grammemes)), key=len)
        return list(range(len(self.tokens)))

    def count(self, item: Item) -> int:
        return len(self._pool(item))

    def positions(self, item: Item) -> list[int]:
        return [i for i in self._pool(item) if item.matches(self.tokens[i])]


def post_index(post) -> TokenIndex:
    """The post's token index, built once and shared by every rule and detector."""
    from .tokens import post_tokens

    cached = post.__dict__.get("_token_index")
    if cached is None:
        cached = TokenIndex(post_tokens(post))
        post.__dict__["_token_index"] = cached
    return cached
