"""What the CAL rules share: the planned posts sorted once per calendar, per feed, and
a finding on a post's ``publish_at`` that names the other posts involved.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Iterator

from ...core.diagnostics import Finding
from ...source.model import Category, Status
from ...source.post import Post
from ..rule import Context


TIMELY_SOURCE = "WHO Strategic Communications Framework, principle «Timely» (https://www.who.int/about/communications/principles)"
CADENCE_SOURCE = TIMELY_SOURCE + "; thresholds are options (docs/rules.md)"
CALENDAR_NOTE = "(a calendar: several posts)"


def remember_view(kind: str, posts: list[Post], build):
    """Six rules sort the same calendar: the engine's ``Calendar`` list keeps the views."""
    views = getattr(posts, "views", None)
    if views is None:
        return build()
    if kind not in views:
        views[kind] = build()
    return views[kind]


def planned(posts: list[Post]) -> list[Post]:
    """Posts that will or did go out: usable, dated, not cancelled; sorted by time."""

    def build() -> list[Post]:
        out = [p for p in posts if p.usable and p.meta.publish_at is not None and p.meta.status is not Status.CANCELLED]
        return sorted(out, key=lambda p: (p.meta.publish_at, p.display_path))  # type: ignore[arg-type, return-value]

    return remember_view("planned", posts, build)  # type: ignore[return-value]


def by_platform(posts: list[Post]) -> dict[str, list[Post]]:
    """Posts per feed: a platform, or ``platform/account`` when the post names an account."""

    def build() -> dict[str, list[Post]]:
        groups: dict[str, list[Post]] = defaultdict(list)
        for post in planned(posts):
            for platform in dict.fromkeys(post.meta.platforms):
                groups[f"{platform}/{post.meta.account}" if post.meta.account else platform].append(post)
        return dict(sorted(groups.items()))

    return remember_view("by_platform", posts, build)  # type: ignore[return-value]


def at(post: Post, ctx: Context, others: list[Post] = (), message: str = "default", **args) -> Finding:  # type: ignore[assignment]
    """A finding on the post's publish_at line naming the other posts involved."""
    related = tuple(o.display_path for o in others if o is not post)
    args = {**args, "others": ", ".join(related)}
    return Finding(post.key_span("publish_at"), message, args, path=post.display_path, related=related)


def local(post: Post, ctx: Context) -> datetime:
    return post.meta.publish_at.astimezone(ctx.config.tz)  # type: ignore[union-attr]


def platform_name(ctx: Context, feed: str) -> str:
    platform, _, account = feed.partition("/")
    found = ctx.platforms.get(platform)
    name = found.name if found else platform
    return f"{name} ({account})" if account else name


def is_promo(post: Post) -> bool:
    return post.meta.ad or post.meta.category is Category.PROMO


def windows(group: list[Post], days: int) -> Iterator[tuple[int, int]]:
    """(first, end): the posts in the ``days`` up to and including group[end], for each end.
    Two pointers over the sorted group, so a 10,000-post plan costs O(n), not O(n²)."""
    span, first = timedelta(days=days), 0
    for end, post in enumerate(group):
        while group[first].meta.publish_at <= post.meta.publish_at - span:  # type: ignore[operator]
            first += 1
        yield first, end


def running_count(group: list[Post], test) -> list[int]:
    """Prefix counts: how many of group[:i] pass ``test``, for O(1) counts per window."""
    counts = [0]
    for post in group:
        counts.append(counts[-1] + bool(test(post)))
    return counts
