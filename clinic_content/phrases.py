"""Lemma-aware phrase matching: a phrase is written once in dictionary form and
matches every inflected form, in any order, within a small window of words of
one sentence.

Syntax of a phrase: words separated by spaces; each word is

* ``гарантировать`` — any form of this lemma (the pattern word is lemmatised too);
* ``хороший{Supr}`` — the lemma in a form with these pymorphy3 grammemes;
* ``{Supr}`` — any word with these grammemes; ``*`` — any word.

``gap`` extra words may stand between the words of a phrase; with ``ordered``
the words must also keep their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Sequence

from .text import Token, analyse, fold

_ITEM = re.compile(r"(?P<word>[^{}\s]+)?(?:\{(?P<grammemes>[^}]*)\})?")


class PhraseError(ValueError):
    """A phrase in a pack cannot be parsed."""


@dataclass(frozen=True)
class Item:
    lemma: str | None
    grammemes: frozenset[str]

    def matches(self, token: Token) -> bool:
        return token.has(self.lemma, self.grammemes)


def parse_item(text: str, lang: str) -> Item:
    match = _ITEM.fullmatch(text)
    if not match or not (match.group("word") or match.group("grammemes")):
        raise PhraseError(f"cannot parse phrase word {text!r}")
    word = match.group("word")
    grammemes = frozenset(g.strip() for g in (match.group("grammemes") or "").split(",") if g.strip())
    if word in (None, "*"):
        return Item(None, grammemes)
    folded = fold(word)
    readings = analyse(folded, lang)
    lemmas = [a.lemma for a in readings]
    return Item(folded if folded in lemmas else lemmas[0], grammemes)


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

    def find(self, tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
        """Yield (first, last) token indexes of non-overlapping matches."""
        items = self.items
        anchor = items[0]
        next_free = 0
        for i, token in enumerate(tokens):
            if i < next_free or not anchor.matches(token) and self.ordered:
                continue
            if not any(item.matches(token) for item in items):
                continue
            found = self._match_at(tokens, i)
            if found is not None:
                yield found
                next_free = found[1] + 1

    def _match_at(self, tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
        """Match every item to a distinct token in [start, start + window) of one sentence;
        the token at ``start`` must take part."""
        sentence = tokens[start].sentence
        end = start
        while end + 1 < len(tokens) and end + 1 < start + self.window and tokens[end + 1].sentence == sentence:
            end += 1
        used: list[int] = []
        for item in self.items:
            lower = used[-1] + 1 if (self.ordered and used) else start
            pick = next((j for j in range(lower, end + 1) if j not in used and item.matches(tokens[j])), None)
            if pick is None:
                return None
            used.append(pick)
        if start not in used:
            return None
        return min(used), max(used)
