"""Shapes many rules repeat when they build a finding: where a pattern first stands in the
body, each platform of a post with its entry in ``platforms:``, a name nobody defines with
the closest known one, and whether a post is a medical ad. One place, so that every rule
points at the same spans and suggests the same way."""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable, Iterator, Mapping

from ...core.diagnostics import Finding, Span
from ...source.model import MEDICAL_SUBJECTS, Subject
from ...core.packs import Limit, Platform
from ...source.post import Post
from ..rule import Context


def ad_subject(post: Post, default: Subject = Subject.MEDICAL_SERVICE) -> Subject:
    return post.meta.subject or default


def is_medical_ad(post: Post) -> bool:
    return post.usable and post.meta.ad and ad_subject(post) in MEDICAL_SUBJECTS


def body_match(post: Post, pattern: re.Pattern[str]) -> Span | None:
    """Where ``pattern`` first matches in the body (raw text), for pointing at it."""
    assert post.parsed is not None
    match = pattern.search(post.parsed.source.text, post.parsed.body_offset)
    return post.parsed.source.span(match.start(), match.end()) if match else None


def platform_span(post: Post, index: int) -> Span:
    """The ``index``-th entry of the post's ``platforms:`` list: findings about one platform point here."""
    return post.key_span("platforms", index, key=False)


def platform_limits(post: Post, ctx: Context, limit_name: str) -> Iterator[tuple[int, Platform, Limit]]:
    """(index, platform, limit) for each platform of the post that sets the named limit."""
    for index, platform_id in enumerate(post.meta.platforms):
        platform = ctx.platforms.get(platform_id)
        limit = platform.limits.get(limit_name) if platform else None  # type: ignore[call-overload]
        if platform is not None and limit is not None:
            yield index, platform, limit


def unknown_name(span: Span, name: str, known: Iterable[str], args: Mapping[str, Any], *, cutoff: float) -> Finding:
    """A finding on a name nothing defines: message ``suggest`` with the closest known name
    (``{suggestion}``) when one is close enough, else ``default``."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=cutoff)
    return Finding(span, "suggest", {**args, "suggestion": close[0]}) if close else Finding(span, args=args)
