"""CAL001: post ids are unique across the calendar (the .ics UID is derived from them)."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...core.diagnostics import Finding
from ...source.post import Post
from ..rule import CalendarRule, Context, T


class DuplicateId(CalendarRule):
    id = "CAL001"
    name = "duplicate-id"
    summary = T("Два поста с одинаковым id", "Two posts share an id")
    doc = T(
        "Id поста (ключ `id` или путь к файлу) должен быть уникален во всём контент-плане: из него "
        "строится UID события в календаре, и два поста с одним id превратятся в одно событие. "
        "Обычно это копия поста, у которой забыли поменять `id`.",
        "A post's id (the `id` key or its path) must be unique across the calendar: the calendar "
        "event UID is built from it, and two posts with one id become one event. Usually a copied "
        "post whose `id` was not changed.",
    )
    source = "RFC 5545 §3.8.4.7 (UID must be unique); clinic-content calendar model"
    messages = {"default": T("id «{id}» также у: {others}", "id '{id}' is also used by: {others}")}
    bad_example = "(two posts with `id: flu-2026`)"
    good_example = "(posts with distinct ids)"

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        by_id: dict[str, list[Post]] = defaultdict(list)
        for post in posts:
            if post.usable:
                by_id[post.id].append(post)
        for post_id, group in sorted(by_id.items()):
            if len(group) < 2:
                continue
            for post in group:
                others = tuple(p.display_path for p in group if p is not post)
                span = post.key_span("id") if post.meta.id else post.key_span("publish_at")
                yield Finding(span, args={"id": post_id, "others": ", ".join(others)}, path=post.display_path, related=others)
