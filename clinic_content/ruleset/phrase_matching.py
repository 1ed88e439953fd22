"""Phrase-pack entries as matchers: an entry's phrases compiled once, their matches in a post's
tokens (minus sentences an ``unless`` phrase cancels), and the entries that count as ad cues.
Shared by the pack rules (``checks/phrase_rules.py``), the ad reading of unmarked posts
(``ad_signals.py``) and ``packs test``, so none of them needs the others."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..core.packs import PhraseEntry, load_phrase_packs
from ..text.phrases import Phrase, TokenIndex
from ..text.tokens import Token


def compile_entry(entry: PhraseEntry) -> tuple[list[Phrase], list[Phrase]]:
    """The entry's phrases and its ``unless`` phrases, compiled."""
    return [_phrase(p, entry) for p in entry.phrases], [_phrase(p, entry) for p in entry.unless]


def _phrase(text: str, entry: PhraseEntry) -> Phrase:
    """``=до и после``: the words adjacent and in order, whatever the entry's gap."""
    if text.startswith("="):
        return Phrase(text[1:], entry.lang, 0, True)
    return Phrase(text, entry.lang, entry.gap, entry.ordered)


def find_matches(
    compiled: tuple[list[Phrase], list[Phrase]], tokens: list[Token], index: TokenIndex | None = None
) -> Iterator[tuple[int, int]]:
    """Matches of any phrase, minus those in a sentence where an `unless` phrase matches."""
    phrases, unless = compiled
    index = index or TokenIndex(tokens)
    found = {m for p in index.viable(phrases) for m in p.find(tokens, index)}
    if not found:
        return
    cancelled = {tokens[a].sentence for p in index.viable(unless) for a, _ in p.find(tokens, index)}
    spans = sorted(m for m in found if tokens[m[0]].sentence not in cancelled)
    last_end = -1
    for first, last in spans:
        if first > last_end:  # two phrases hitting the same words: report once
            yield first, last
            last_end = last


@lru_cache(maxsize=None)
def claim_entries(strength: str) -> tuple[tuple[list[Phrase], list[Phrase]], ...]:
    """The compiled phrases of the pack entries whose matches are ad cues (`ad_cue = "strong"|"weak"`)."""
    return tuple(compile_entry(e) for e in load_phrase_packs() if e.ad_cue == strength and e.lang == "ru")
