"""Rules made from phrase-pack entries (`rules/ru/*.toml`): one class per entry,
built at load time, so a new forbidden claim is a data edit plus a fixture."""

from __future__ import annotations

import re
from typing import Iterator

from ...core.diagnostics import Finding, Severity
from ...core.packs import PhraseEntry, load_phrase_packs
from ..phrase_matching import claim_entries, compile_entry, find_matches  # noqa: F401 (re-exported)
from ...text.phrases import Phrase, post_index
from ...source.post import Post
from ..rule import Context, PostRule, T
from ...text.tokens import Token, fold, post_tokens


class PhraseRule(PostRule):
    """Base of pack rules: report each place one of the entry's phrases matches."""

    entry: PhraseEntry

    @classmethod
    def applies_to(cls, post: Post, ctx: Context | None = None) -> bool:
        when, meta = cls.entry.when, post.meta
        if when.ad is not None and meta.ad != when.ad and not cls._unmarked_ad(post, ctx):
            return False
        if when.subject is not None and (meta.subject is None or meta.subject.value not in when.subject):
            return False
        if when.category is not None and (meta.category is None or meta.category.value not in when.category):
            return False
        if when.platforms is not None and not set(when.platforms) & set(meta.platforms):
            return False
        if when.lang is not None and meta.lang != when.lang:
            return False
        return not any(getattr(meta, name, None) for name in cls.entry.unless_fields)

    @classmethod
    def _unmarked_ad(cls, post: Post, ctx: Context | None) -> bool:
        """An ad entry with `unmarked_ads` also checks a post without `ad` that reads as an ad."""
        if not (cls.entry.unmarked_ads and cls.entry.when.ad and not post.meta.ad and ctx is not None):
            return False
        from ..ad_signals import read_post
        from .ad_subjects import cue_options

        return read_post(post, cue_options(ctx)).reads_as_ad

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or not self.applies_to(post, ctx):
            return
        tokens = post_tokens(post)
        severity = self.severity_for(post)
        claimed = [_words(c.claim) for c in post.meta.claims] if self.entry.unless_claimed else []
        for first, last in find_matches(type(self).compiled(), tokens, post_index(post)):
            start, end = tokens[first].start, tokens[last].end
            matched = post.source.text[start:end]  # type: ignore[union-attr]
            if claimed and _inside_claim(tokens, first, last, post.source.text, claimed):  # type: ignore[union-attr]
                continue
            yield Finding(post.source.span(start, end), args={"match": " ".join(matched.split())}, severity=severity)  # type: ignore[union-attr]

    @classmethod
    def severity_for(cls, post: Post) -> Severity | None:
        """The strictest `platform_severity` among the post's platforms (None: the default)."""
        found = [Severity(cls.entry.platform_severity[p]) for p in post.meta.platforms if p in cls.entry.platform_severity]
        return max(found, key=lambda s: s.rank) if found else None

    @classmethod
    def compiled(cls) -> tuple[list[Phrase], list[Phrase]]:
        cache = cls.__dict__.get("_compiled")
        if cache is None:
            cache = cls._compiled = compile_entry(cls.entry)
        return cache


def _inside_claim(tokens: list[Token], first: int, last: int, text: str, claimed: list[str]) -> bool:
    """The matched words belong to a `claims` entry: the entry's words stand around the match."""
    sentence = tokens[first].sentence
    around = [t for t in tokens if t.sentence == sentence]
    words = _words(" ".join(text[t.start : t.end] for t in around))
    matched = _words(" ".join(text[t.start : t.end] for t in tokens[first : last + 1]))
    return any(claim and claim in words and (matched in claim or claim in matched) for claim in claimed)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def make_rule(entry: PhraseEntry) -> type[PhraseRule]:
    severity = Severity(entry.severity)
    if entry.confidence != "C" and severity is Severity.ERROR:
        severity = Severity.WARNING  # unconfirmed sources ship as warnings
    return type(
        f"PhraseRule_{entry.id}",
        (PhraseRule,),
        {
            "entry": entry,
            "id": entry.id,
            "name": entry.name,
            "default_severity": severity,
            "summary": T(entry.summary.ru, entry.summary.en),
            "doc": T(entry.doc.ru, entry.doc.en),
            "source": entry.source,
            "messages": {"default": T(entry.message.ru, entry.message.en)},
            "bad_example": entry.examples.fire[0],
            "good_example": entry.examples.silent[0],
        },
    )


def pack_rules() -> list[type[PhraseRule]]:
    return [make_rule(entry) for entry in load_phrase_packs()]
