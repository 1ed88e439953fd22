"""A post: the file, its validated front-matter and (parsed on demand) its body.

Reading never raises on bad content: every problem is kept in
``Post.problems`` for the FM rules to report, and whatever could be read is
still available to the other rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.diagnostics import Finding, Span
from .files import real_path
from .markdown import Body, parse_body
from .model import MetaSettings, PostMeta, validate_meta
from .reading import FrontMatter, Limits, ParsedSource, Problem, SourceText, parse_bytes, read_source, split

_SLUG_JUNK = re.compile(r"[^\w\-/]+", re.UNICODE)


@dataclass
class Post:
    """One post file. ``meta`` is always a model; ``parsed`` is None when the file could not be read."""

    path: Path
    display_path: str
    meta: PostMeta
    parsed: ParsedSource | None
    problems: list[Problem] = field(default_factory=list)
    slug: str = ""

    @property
    def id(self) -> str:
        """The post's stable id: ``id:`` from the front-matter, else the path-derived slug."""
        return self.meta.id or self.slug

    @property
    def front_matter(self) -> FrontMatter | None:
        return self.parsed.front_matter if self.parsed else None

    @property
    def source(self) -> SourceText | None:
        return self.parsed.source if self.parsed else None

    @cached_property
    def body(self) -> Body:
        """The Markdown body, parsed the first time a rule asks for it."""
        if self.parsed is None:
            return parse_body("", 1)
        return parse_body(self.parsed.body, self.parsed.body_line)

    @property
    def usable(self) -> bool:
        """True when the file was read and has front-matter, so content rules can run."""
        return self.parsed is not None

    def key_span(self, *loc: str | int, key: bool = True) -> Span:
        """Where a front-matter key (or its value) is written; line 1 when absent."""
        if self.front_matter is None:
            return Span(1, 1)
        return self.front_matter.span_of(tuple(loc), key=key)

    def body_span(self) -> Span:
        """The first content block of the body (where "the text as a whole" findings point)."""
        if self.parsed is None:
            return Span(1, 1)
        first = next((b for b in self.body.blocks if b.kind != "html_block"), None)
        return Span(first.first_line if first else self.parsed.body_line, 1)


def load_post(
    path: str | Path,
    *,
    tz: tzinfo = ZoneInfo("Europe/Moscow"),
    limits: Limits = Limits(),
    display_path: str | None = None,
    content_root: Path | None = None,
    settings: MetaSettings = MetaSettings(),
    raw: bytes | None = None,
) -> Post:
    """Read one post file, or take ``raw`` as its bytes (standard input). Never raises for bad content."""
    path = Path(path)
    parsed = read_source(path, limits) if raw is None else parse_bytes(path, raw, limits)
    return _build(path, parsed, tz, display_path, content_root, settings)


def load_text(
    text: str,
    path: str | Path = "<text>",
    *,
    tz: tzinfo = ZoneInfo("Europe/Moscow"),
    limits: Limits = Limits(),
    settings: MetaSettings = MetaSettings(),
    display_path: str | None = None,
    content_root: Path | None = None,
) -> Post:
    """Build a post from text already in memory (editors, tests, other tools); an editor passes
    the file's display path and content root so the post gets the same id as on disk."""
    path = Path(path)
    return _build(path, split(path, text, limits), tz, display_path or str(path), content_root, settings)


def _build(
    path: Path,
    parsed: ParsedSource | list[Problem],
    tz: tzinfo,
    display_path: str | None,
    content_root: Path | None,
    settings: MetaSettings = MetaSettings(),
) -> Post:
    slug = make_slug(path, content_root)
    shown = display_path or path.as_posix()
    if isinstance(parsed, list):
        return Post(path, shown, PostMeta(), None, list(parsed), slug)
    assert parsed.front_matter is not None
    meta, problems = validate_meta(parsed.front_matter, tz, settings)
    return Post(path, shown, meta, parsed, parsed.problems + problems, slug)


def make_slug(path: Path, content_root: Path | None) -> str:
    """A stable id from the path: ``posts/2026-12/flu.md`` under root ``posts`` -> ``2026-12/flu``."""
    try:
        relative = real_path(path).relative_to(real_path(content_root)) if content_root else Path(path.name)
    except ValueError:
        relative = Path(path.name)
    slug = relative.with_suffix("").as_posix().lower()
    return _SLUG_JUNK.sub("-", slug).strip("-") or "post"


def finding_at_key(post: Post, key: str, message: str = "default", **args: object) -> Finding:
    """A finding pointing at a front-matter key (or line 1 if the key is absent)."""
    return Finding(post.key_span(key), message, args)
