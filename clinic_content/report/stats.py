"""Per-post numbers for copywriters: words, readability, jargon (``clinic-content stats``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..ruleset.checks.language import audience, post_terms, score, unexplained_terms
from ..source.post import Post
from ..text.readability import measure
from ..text.tokens import post_tokens


@dataclass(frozen=True)
class PostStats:
    path: str
    words: int
    sentences: int
    readability: float
    avg_sentence_words: float
    long_word_share: float
    terms: int
    unexplained_terms: int
    terms_per_100_words: float
    audience: str


def post_stats(post: Post, professional_platforms: list[str]) -> PostStats:
    tokens = post_tokens(post)
    r = measure(tokens)
    russian = post.meta.lang == "ru"
    hits = [h for h in post_terms(post) if not h.likely] if russian else []
    unexplained = len(unexplained_terms(post)) if russian else 0
    return PostStats(
        path=post.display_path,
        words=r.words,
        sentences=r.sentences,
        readability=round(score(post, r), 1),
        avg_sentence_words=round(r.average_sentence, 1),
        long_word_share=round(r.long_word_share, 3),
        terms=len(hits),
        unexplained_terms=unexplained,
        terms_per_100_words=round(100 * len(hits) / r.words, 1) if r.words else 0.0,
        audience=audience(post, professional_platforms),
    )


def format_stats(rows: list[PostStats], fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    head = (
        ("слов", "индекс", "ср.предл", "длин.сл", "терм", "без поясн", "терм/100", "файл")
        if lang == "ru"
        else ("words", "score", "avg.sent", "long", "terms", "unexpl", "terms/100", "file")
    )
    from ..core.safe_text import escape_path

    lines = ["{:>6} {:>7} {:>8} {:>7} {:>5} {:>9} {:>8}  {}".format(*head)]
    for r in rows:
        lines.append(
            f"{r.words:>6} {r.readability:>7.1f} {r.avg_sentence_words:>8.1f} {r.long_word_share:>7.0%} "
            f"{r.terms:>5} {r.unexplained_terms:>9} {r.terms_per_100_words:>8.1f}  {escape_path(r.path)}"
        )
    return "\n".join(lines) + "\n"
