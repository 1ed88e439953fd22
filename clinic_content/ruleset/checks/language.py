"""LANG: plain language for patients — medical terms (``lang_terms``: LANG001–003) and
readability (``lang_readability``: LANG004–006). This module keeps the family's registry order."""

from __future__ import annotations

from .lang_readability import HardToRead, LengthOptions, LongParagraph, LongSentence, ParagraphOptions, ReadabilityOptions, english_flesch, score
from .lang_terms import DensityOptions, JargonDensity, PossibleTerm, UnexplainedTerm, audience, post_terms, unexplained_terms

__all__ = [
    "DensityOptions", "HardToRead", "JargonDensity", "LANG_RULES", "LengthOptions", "LongParagraph", "LongSentence",
    "ParagraphOptions", "PossibleTerm", "ReadabilityOptions", "UnexplainedTerm", "audience", "english_flesch",
    "post_terms", "score", "unexplained_terms",
]

LANG_RULES = [UnexplainedTerm, JargonDensity, PossibleTerm, HardToRead, LongSentence, LongParagraph]
