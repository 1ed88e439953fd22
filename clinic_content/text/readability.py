"""Readability of Russian text: the Flesch reading-ease formula with Oborneva's
coefficients, sentence and paragraph lengths, share of long words.

Formula (Оборнева И. В. «Автоматизированная оценка сложности учебных текстов на
основе статистических параметров». Автореферат дисс. … канд. пед. наук. М., 2006):

    FRE = 206.835 − 1.3 × ASL − 60.1 × ASW

ASL is the average sentence length in words, ASW the average number of syllables
per word (a syllable = a vowel letter). Higher is easier: 80–100 very easy,
50–80 plain, 25–50 hard, below 25 very hard.
"""

from __future__ import annotations

from functools import lru_cache

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .tokens import Token, fold

VOWELS = frozenset("аеиоуыэюяaeiouy")
LONG_WORD_SYLLABLES = 4


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Vowels in the word (at least 1); cached per form — texts repeat their words."""
    return max(1, sum(1 for ch in fold(word) if ch in VOWELS))


def oborneva(words: int, sentences: int, syllable_count: int) -> float:
    if not words or not sentences:
        return 100.0
    return 206.835 - 1.3 * (words / sentences) - 60.1 * (syllable_count / words)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    long_words: int
    longest_sentence: int

    @property
    def score(self) -> float:
        return oborneva(self.words, self.sentences, self.syllables)

    @property
    def long_word_share(self) -> float:
        return self.long_words / self.words if self.words else 0.0

    @property
    def average_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def measure(tokens: Sequence[Token]) -> Readability:
    words = [t for t in tokens if t.kind == "word"]
    per_sentence = Counter(t.sentence for t in words)
    counts = [syllables(t.text) for t in words]
    return Readability(
        words=len(words),
        sentences=len(per_sentence),
        syllables=sum(counts),
        long_words=sum(1 for c in counts if c >= LONG_WORD_SYLLABLES),
        longest_sentence=max(per_sentence.values(), default=0),
    )


def sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped by sentence, in order."""
    groups: dict[int, list[Token]] = {}
    for token in tokens:
        groups.setdefault(token.sentence, []).append(token)
    return list(groups.values())
