"""The ``Body`` of a post built from markdown-it-pyrs (the Rust port of markdown-it,
6-8x faster than markdown-it-py), identical to what ``markdown.parse_body`` builds
from markdown-it-py tokens: tests/test_markdown_parity.py runs both on every fixture,
demo post and corpus text.

pyrs gives a tree with byte offsets; markdown-it-py gives a flat token stream with
line maps. The differences this module bridges: lines from byte offsets; a list's
line map that takes in one blank line after it; a setext heading whose text stops
above its underline; table rows padded to the header's width; tight list items
without paragraph nodes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from markdown_it_pyrs import MarkdownIt, Node

_BLOCKS = {
    "paragraph": "paragraph",
    "heading": "heading",
    "lheading": "heading",
    "bullet_list": "bullet_list",
    "ordered_list": "ordered_list",
    "blockquote": "blockquote",
    "table": "table",
    "fence": "fence",
    "code_block": "code_block",
    "html_block": "html_block",
    "hr": "hr",
}
_LISTS = ("bullet_list", "ordered_list")
_INLINE_TEXT = ("text", "text_special")
_CODE = ("fence", "code_block")
# Where markdown-it.rs 0.6 parses differently from markdown-it-py (found by fuzzing both), markdown-it-py
# is used: block quotes (lazy continuation lines) and pipe tables (a delimiter row without pipes, a list
# item after a row). Backticks with brackets: the Rust parser panics on some («[\\]`a», «[[``_```»).
_DIVERGES = re.compile(r"^[ \t]*>", re.MULTILINE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable_many(["table", "strikethrough"])


class _Lines:
    """0-based line numbers of byte offsets in the normalised source."""

    def __init__(self, source: str) -> None:
        data = source.encode("utf-8")
        self.starts = [0]
        find = data.find
        at = find(b"\n")
        while at != -1:
            self.starts.append(at + 1)
            at = find(b"\n", at + 1)
        self.size = len(data)
        self.data = data
        # markdown-it counts a final line without "\n" but not the empty one after a final "\n"
        self.count = len(self.starts) - (1 if data.endswith(b"\n") or not data else 0)

    def of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def last(self, node: Node) -> int:
        """The line of the node's last byte."""
        start, end = node.srcmap  # type: ignore[misc]
        return self.of(max(start, end - 1))

    def blank(self, line: int) -> bool:
        if line >= self.count:
            return False
        end = self.starts[line + 1] if line + 1 < len(self.starts) else self.size
        return not self.data[self.starts[line]:end].strip()


class _Builder:
    def __init__(self, source: str, first_line: int) -> None:
        self.lines = _Lines(source)
        self.first = first_line
        self.blocks: list[tuple[str, int, int]] = []
        self.ranges: list[tuple[int, int]] = []
        self.code: list[tuple[int, int]] = []
        self.out: list[str] = []
        self.counters: list[int | None] = []
        self.marker = ""
        self.images = False

    # -- line maps (0-based, inclusive) ----------------------------------------

    def span(self, node: Node) -> tuple[int, int]:
        first, last = self.lines.of(node.srcmap[0]), self.lines.last(node)  # type: ignore[index]
        if node.name in _LISTS and self.lines.blank(last + 1):
            last += 1  # markdown-it's list map takes in the blank line after the last item
        elif node.name == "fence" and not self.closed(node, last):
            last = max(last, self.lines.count - 1)  # an unclosed fence runs to the end of the document
        return first, last

    def closed(self, fence: Node, last: int) -> bool:
        end = self.lines.starts[last + 1] if last + 1 < len(self.lines.starts) else self.lines.size
        line = self.lines.data[self.lines.starts[last]:end].decode("utf-8", "replace").strip()
        marker = str(fence.meta.get("marker", "`"))
        return last > self.lines.of(fence.srcmap[0]) and len(line) >= int(fence.meta.get("marker_len", 3)) and not line.strip(marker)  # type: ignore[index]

    def file_lines(self, first: int, last: int) -> tuple[int, int]:
        return first + self.first, last + self.first

    # -- walking -----------------------------------------------------------------

    def top(self, root: Node) -> None:
        for node in root.children:
            kind = _BLOCKS.get(node.name)
            if kind is not None and node.srcmap is not None:
                self.blocks.append((kind, *self.file_lines(*self.span(node))))
            self.block(node)

    def block(self, node: Node) -> None:
        name = node.name
        if name in ("paragraph", "heading", "lheading"):
            first, last = self.span(node)
            if name == "lheading":
                last -= 1  # the text stops above the underline
            self.inline(node.children, first, last)
        elif name in _LISTS:
            self.counters.append(None if name == "bullet_list" else int(node.meta.get("start", 1)))
            for item in node.children:
                self.list_item(item)
            self.counters.pop()
        elif name in _CODE:
            first, last = self.span(node)
            self.code.append(self.file_lines(first, last))
            self.out.append(("\n\n" if self.out else "") + str(node.meta.get("content", "")).rstrip("\n"))
        elif name == "table":
            self.table(node)
        elif name == "blockquote":
            for child in node.children:
                self.block(child)

    def list_item(self, item: Node) -> None:
        if self.counters:
            number = self.counters[-1]
            self.marker = "• " if number is None else f"{number}. "
            if number is not None:
                self.counters[-1] = number + 1
        group: list[Node] = []
        for child in item.children:
            if child.name in _BLOCKS or child.name == "definition":
                if group:  # a tight item's text, as far as the line above this block
                    self.inline(group, self.lines.of(group[0].srcmap[0]), self.lines.of(child.srcmap[0]) - 1)  # type: ignore[index]
                    group = []
                self.block(child)
            else:
                group.append(child)
        if group:
            last = self.lines.last(item)
            while last > 0 and self.lines.blank(last):
                last -= 1
            self.inline(group, self.lines.of(group[0].srcmap[0]), last)  # type: ignore[index]

    def table(self, node: Node) -> None:
        width = 0
        for section in node.children:
            for row in section.children:
                line = self.lines.of(row.srcmap[0])  # type: ignore[index]
                cells = list(row.children)
                if section.name == "thead":
                    width = len(cells)
                for k in range(width if section.name == "tbody" else len(cells)):
                    self.inline(cells[k].children if k < len(cells) else (), line, line)

    def inline(self, children, first: int, last: int) -> None:
        self.ranges.append(self.file_lines(first, last))
        text = "".join(self.inline_text(c) for c in children)
        if text:
            separator = "\n" if self.counters and self.marker else "\n\n"
            self.out.append((separator if self.out else "") + self.marker + text)
            self.marker = ""

    def inline_text(self, node: Node) -> str:
        name = node.name
        if name in _INLINE_TEXT:
            return str(node.meta.get("content", ""))
        if name in ("softbreak", "hardbreak"):
            return "\n"
        if name == "image":
            self.images = True
            return ""
        if name == "code_inline":
            return "".join(str(c.meta.get("content", "")) for c in node.children)
        if name == "html_inline":
            return ""
        return "".join(self.inline_text(c) for c in node.children)


def parse_tree(body: str, first_line: int):
    """(blocks, text ranges, plain text, code lines, has images) of ``body``; None if pyrs failed."""
    if ("`" in body and "[" in body) or "|" in body or _DIVERGES.search(body):
        return None
    source = body.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    try:
        tree = _parser().tree(source)
    except BaseException as exc:  # a Rust panic (pyo3's PanicException) on odd input: the caller falls back
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    builder = _Builder(source, first_line)
    builder.top(tree)
    return builder.blocks, builder.ranges, "".join(builder.out), builder.code, builder.images
