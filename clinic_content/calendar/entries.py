"""What calendar rules see of a post: a small, serialisable summary.

Calendar rules need every post's date, platforms and status, but not its text.
A :class:`CalendarEntry` holds just that (plus where ``publish_at`` and ``id``
are written, the post's suppressions and a fingerprint of its text), so a
10,000-post calendar fits in the cache and a pre-commit run on one file does
not re-parse 9,999 others.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..core.diagnostics import Span
from ..source.model import Category, Status
from ..source.post import Post

_NOT_LETTERS = re.compile(r"[\W_]+")
_SPAN_KEYS = ("publish_at", "id")


@dataclass(frozen=True)
class EntryMeta:
    """The front-matter fields calendar rules use."""

    id: str | None
    publish_at: datetime | None
    platforms: tuple[str, ...]
    account: str | None
    status: Status
    category: Category | None
    ad: bool


@dataclass(frozen=True)
class Suppressed:
    """A suppression comment or `lint.ignore` of the post: codes, lines it covers, where it is."""

    codes: tuple[str, ...]
    first_line: int
    last_line: int
    span: Span


@dataclass
class CalendarEntry:
    """One post as calendar rules see it; duck-compatible with :class:`Post` for them."""

    display_path: str
    id: str
    usable: bool
    meta: EntryMeta
    spans: dict[str, Span | list] = field(default_factory=dict)  # lists until first used (cache loads fast)
    text_key: str = ""  # sha1 of the body's letters, lower-cased ("" when unusable)
    text_length: int = 0
    suppressions: tuple[Suppressed, ...] = ()

    def key_span(self, *loc: str, key: bool = True) -> Span:
        """Where ``publish_at`` or ``id`` is written (the only keys calendar rules point at)."""
        found = self.spans.get(str(loc[0]) if loc else "") or self.spans.get("publish_at")
        if isinstance(found, list):
            found = Span(*found)
        return found or Span(1, 1)

    def to_json(self) -> dict[str, Any]:
        m = self.meta
        return {
            "path": self.display_path, "id": self.id, "usable": self.usable,
            "meta": [m.id, m.publish_at.isoformat() if m.publish_at else None, list(m.platforms), m.account,
                     m.status.value, m.category.value if m.category else None, m.ad],
            "spans": {k: s if isinstance(s, list) else [s.line, s.column, s.end_line, s.end_column] for k, s in self.spans.items()},
            "text": [self.text_key, self.text_length],
            "suppressions": [[list(s.codes), s.first_line, s.last_line, s.span.line, s.span.column] for s in self.suppressions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CalendarEntry:
        mid, when, platforms, account, status, category, ad = data["meta"]
        meta = EntryMeta(mid, datetime.fromisoformat(when) if when else None, tuple(platforms), account,
                         Status(status), Category(category) if category else None, bool(ad))
        return cls(
            display_path=data["path"], id=data["id"], usable=bool(data["usable"]), meta=meta,
            spans=data["spans"],
            text_key=data["text"][0], text_length=data["text"][1],
            suppressions=tuple(Suppressed(tuple(c), a, b, Span(line, col)) for c, a, b, line, col in data["suppressions"]),
        )


class Calendar(list):
    """The entries calendar rules receive; ``views`` caches sorted groupings they share."""

    def __init__(self, entries=()) -> None:
        super().__init__(entries)
        self.views: dict[str, object] = {}


def entry_of(post: Post, suppressions: tuple[Suppressed, ...] = ()) -> CalendarEntry:
    m = post.meta
    meta = EntryMeta(m.id, m.publish_at, tuple(m.platforms), m.account, m.status, m.category, m.ad)
    spans = {k: post.key_span(k) for k in _SPAN_KEYS} if post.front_matter is not None else {}
    text_key, length = "", 0
    if post.usable and post.parsed is not None:
        letters = _NOT_LETTERS.sub("", post.parsed.source.text[post.parsed.body_offset :].lower().replace("ё", "е"))
        text_key, length = hashlib.sha1(letters.encode()).hexdigest(), len(letters)
    return CalendarEntry(post.display_path, post.id, post.usable, meta, spans, text_key, length, suppressions)
