"""The Markdown body as blocks with file positions, the published plain text,
and ``<!-- clinic-content: ignore ... -->`` suppression comments.

markdown-it-py gives block tokens a 0-based ``map`` relative to the text it
parsed; adding the body's first line turns that into file lines. markdown-it-pyrs
(``markdown_rs``, 6-8x faster) builds the same ``Body`` when it is installed;
markdown-it-py is the fallback (``CLINIC_CONTENT_MARKDOWN=py`` forces it).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_TOP_LEVEL = {
    "paragraph_open",
    "heading_open",
    "bullet_list_open",
    "ordered_list_open",
    "blockquote_open",
    "table_open",
    "fence",
    "code_block",
    "html_block",
    "hr",
}
_SUPPRESS = re.compile(
    r"<!--\s*clinic-content:\s*(ignore-file|ignore)(?![\w-])([^>]*?)-->", re.IGNORECASE
)
_CODE = re.compile(r"[^\s,;:]+")  # one code or prefix per word: a typo («ADV0O1») must not become a prefix («ADV0»)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Block:
    """A top-level block: its kind and the file lines it covers (inclusive)."""

    kind: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Suppression:
    """An ignore comment: which codes (empty = all) and which lines it covers."""

    codes: tuple[str, ...]
    line: int
    column: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Body:
    """What rules need of the Markdown body."""

    blocks: tuple[Block, ...]
    text_ranges: tuple[tuple[int, int], ...]  # file lines (inclusive) of each run of visible inline text
    plain_text: str
    suppressions: tuple[Suppression, ...]
    has_images: bool


def _rust_parser():
    if os.environ.get("CLINIC_CONTENT_MARKDOWN") == "py":
        return None
    try:
        from .markdown_rs import parse_tree
    except ImportError:  # no wheel of markdown-it-pyrs for this platform
        return None
    return parse_tree


_parse_tree = _rust_parser()


def parse_body(body: str, first_line: int) -> Body:
    """Parse ``body`` whose first line is file line ``first_line``."""
    parsed = _parse_tree(body, first_line) if _parse_tree is not None else None
    if parsed is None:
        return parse_body_py(body, first_line)
    found, ranges, text, code, images = parsed
    blocks = tuple(Block(*b) for b in found)
    return Body(
        blocks=blocks,
        text_ranges=tuple(ranges),
        plain_text=text,
        suppressions=tuple(_suppressions(blocks, body, first_line, tuple(code))),
        has_images=images,
    )


def parse_body_py(body: str, first_line: int) -> Body:
    """``parse_body`` with markdown-it-py (the fallback, and the reference of the parity test)."""
    tokens = _parser().parse(body)
    blocks = tuple(
        Block(t.type.removesuffix("_open"), t.map[0] + first_line, t.map[1] + first_line - 1)
        for t in tokens
        if t.level == 0 and t.type in _TOP_LEVEL and t.map
    )
    return Body(
        blocks=blocks,
        text_ranges=tuple(
            (t.map[0] + first_line, t.map[1] + first_line - 1) for t in tokens if t.type == "inline" and t.map
        ),
        plain_text=plain_text(tokens),
        suppressions=tuple(_suppressions(blocks, body, first_line, _code_lines(tokens, first_line))),
        has_images=any(c.type == "image" for t in tokens if t.children for c in t.children),
    )


def plain_text(tokens: list[Token]) -> str:
    """The text a reader sees: list markers kept, markup and comments dropped.

    Platforms publish a Markdown list as one line per item with its marker, and
    separate paragraphs by a blank line; length limits count exactly that.
    """
    out: list[str] = []
    counters: list[int | None] = []  # one per open list: next number, or None for bullets
    marker = ""
    for token in tokens:
        if token.type == "bullet_list_open":
            counters.append(None)
        elif token.type == "ordered_list_open":
            counters.append(int(token.attrGet("start") or 1))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif token.type == "list_item_open" and counters:
            number = counters[-1]
            marker = "• " if number is None else f"{number}. "
            if number is not None:
                counters[-1] = number + 1
        elif token.type == "inline" and token.children is not None:
            text = "".join(_inline_text(c) for c in token.children)
            if text:
                separator = "\n" if counters and marker else "\n\n"
                out.append((separator if out else "") + marker + text)
                marker = ""
        elif token.type in ("fence", "code_block"):
            out.append(("\n\n" if out else "") + token.content.rstrip("\n"))
    return "".join(out)


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return "\n"
    return ""


def _code_lines(tokens: list[Token], first_line: int) -> tuple[tuple[int, int], ...]:
    """File lines (inclusive) of code blocks at any depth: a comment shown as code suppresses nothing."""
    return tuple((t.map[0] + first_line, t.map[1] + first_line - 1)
                 for t in tokens if t.type in ("fence", "code_block") and t.map)


def _suppressions(blocks: tuple[Block, ...], body: str, first_line: int, code: tuple[tuple[int, int], ...] = ()):
    """An ``ignore`` comment covers the next block; ``ignore-file`` covers the whole file."""
    for match in _SUPPRESS.finditer(body):
        line = body.count("\n", 0, match.start()) + first_line
        if any(lo <= line <= hi for lo, hi in code):
            continue
        column = match.start() - (body.rfind("\n", 0, match.start()) + 1) + 1
        codes = tuple(code.rstrip(".") for code in _CODE.findall(match.group(2).upper()) if code.rstrip("."))
        if match.group(1).lower() == "ignore-file":
            yield Suppression(codes, line, column, 1, 10**9)
            continue
        following = next((b for b in blocks if b.first_line > line and b.kind != "html_block"), None)
        if following is not None:
            yield Suppression(codes, line, column, following.first_line, following.last_line)
        else:
            yield Suppression(codes, line, column, line, line)
