"""Read a post file into text with exact positions, and split off its front-matter.

python-frontmatter strips text and loses line numbers, and ``yaml.safe_load``
expands alias bombs before anyone can look at them. So we decode the bytes
ourselves, find the ``---`` fences ourselves and *compose* the YAML (nodes keep
their marks and aliases stay shared) before constructing any Python values.

Problems found here are returned as ``(rule_id, Finding)`` pairs; the FM rules
report them, so select/ignore/severity apply to them like to any rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import Finding, Span
from ..core.safe_open import Refused, read_bytes
from .lines import LINE_BREAK, Limits, Problem, SourceText, split_lines
from .yaml_compose import Composed, _kind, _node_span, compose_yaml

__all__ = [  # what other modules import from here (the YAML and line layers re-exported)
    "LINE_BREAK", "Composed", "FrontMatter", "Limits", "ParsedSource", "Problem", "SourceText", "compose_yaml",
    "decode", "guess_encoding", "load_refusal", "parse_bytes", "read_source", "split", "split_lines",
]

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass
class FrontMatter:
    """The YAML block between the fences: data, node tree and where it sits."""

    data: dict[str, Any]
    root: yaml.Node | None
    first_line: int  # line of the opening fence (1-based)
    last_line: int  # line of the closing fence
    source: SourceText | None = None  # the YAML text: positions come from mark offsets, see _mark_span

    def span_of(self, loc: tuple[Any, ...], *, key: bool = False) -> Span:
        """Where the value (or, with ``key=True``, the key) at ``loc`` is written.

        Falls back to the nearest enclosing node, then to the opening fence.
        """
        node, key_node = self.root, None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                key_node, node = None, node.value[part]
            else:
                break
        target = key_node if (key and key_node is not None) else node
        if target is None or target is self.root:
            return Span(self.first_line, 1)
        return _node_span(target, self.first_line, self.source)


@dataclass
class ParsedSource:
    """A decoded file, its front-matter (if any) and where the Markdown body begins."""

    path: Path
    source: SourceText
    front_matter: FrontMatter | None
    body_offset: int  # character offset of the body in ``source.text``
    problems: list[Problem] = field(default_factory=list)
    had_bom: bool = False  # the file starts with a UTF-8 BOM (``--fix`` keeps it)

    @property
    def body(self) -> str:
        return self.source.text[self.body_offset :]

    @property
    def body_line(self) -> int:
        return self.source.line_col(self.body_offset)[0]


def read_source(path: Path, limits: Limits = Limits()) -> ParsedSource | list[Problem]:
    """Read and split ``path``. Returns the parsed file, or the problems that stop linting it.
    A symlink out of the repository, a FIFO or a device is never opened (safe_open) and is
    reported at ``path``, without naming the target."""
    try:
        raw = read_bytes(path, root=limits.root, limit=limits.max_file_bytes)
    except Refused as refused:
        return [load_refusal(refused, limits)]
    except OSError as exc:
        return [("FM005", Finding(Span(1, 1), "unreadable", {"error": exc.strerror or str(exc)}))]
    return parse_bytes(path, raw, limits)


def parse_bytes(path: Path, raw: bytes, limits: Limits = Limits()) -> ParsedSource | list[Problem]:
    """Decode and split a post's bytes read elsewhere (standard input): the checks of a file."""
    if len(raw) > limits.max_file_bytes:
        return [("FM011", Finding(Span(1, 1), args={"size": len(raw), "limit": limits.max_file_bytes}))]
    text_or_problem = decode(raw)
    if isinstance(text_or_problem, tuple):
        return [text_or_problem]
    parsed = split(path, text_or_problem, limits)
    if isinstance(parsed, ParsedSource):
        parsed.had_bom = raw.startswith(b"\xef\xbb\xbf")
    return parsed


def load_refusal(refused: Refused, limits: Limits) -> Problem:
    """The finding for a file safe_open would not read."""
    if refused.reason == "too_large":
        return ("FM011", Finding(Span(1, 1), args={"size": refused.size, "limit": limits.max_file_bytes}))
    return ("FM005", Finding(Span(1, 1), refused.reason))


def decode(raw: bytes) -> str | Problem:
    """Decode UTF-8 (BOM allowed); anything else becomes a problem naming the likely encoding."""
    if not raw.strip():
        return ("FM007", Finding(Span(1, 1)))
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if name == "utf-8-sig":
                raw = raw[len(bom) :]
                break
            return ("FM005", Finding(Span(1, 1), "bom", {"encoding": name.upper()}))
    nul = raw.find(b"\x00")
    if nul >= 0:
        return ("FM006", Finding(_byte_span(raw, nul)))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(raw):
            return ("FM005", Finding(_byte_span(raw, exc.start), "truncated", {"byte": exc.start + 1}))
        return ("FM005", Finding(_byte_span(raw, exc.start), "encoding", {"encoding": guess_encoding(raw)}))


def guess_encoding(raw: bytes) -> str:
    """Name the most likely legacy encoding of non-UTF-8 Russian text.

    In windows-1251 lower-case Cyrillic sits in 0xE0-0xFF, in KOI8-R in 0xC0-0xDF;
    Russian prose is mostly lower-case, so the busier range wins.
    """
    high = [b for b in raw if b >= 0x80]
    latin = sum(1 for b in raw if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    letters = [b for b in high if b >= 0xC0]
    if not high:
        return "unknown"
    if len(letters) < latin or len(letters) < len(high) * 0.6:
        return "windows-1252 / Latin-1 (not Cyrillic)"
    cp1251 = sum(1 for b in letters if b >= 0xE0)
    koi8 = len(letters) - cp1251
    return "windows-1251" if cp1251 >= koi8 else "KOI8-R"


def _byte_span(raw: bytes, index: int) -> Span:
    """Position of byte ``index``, lines ending at CR, LF or CRLF as in :class:`SourceText`."""
    breaks = list(re.finditer(rb"\r\n|\r|\n", raw[:index]))
    line_start = breaks[-1].end() if breaks else 0
    column = len(raw[line_start:index].decode("utf-8", errors="replace")) + 1
    return Span(len(breaks) + 1, column)


def split(path: Path, text: str, limits: Limits = Limits()) -> ParsedSource | list[Problem]:
    """Separate the front-matter block from the body and compose its YAML safely."""
    source = SourceText(text)
    if not _FENCE.match(source.line(1)):
        return [_missing_front_matter(text)]
    closing = next(
        (n for n in range(2, source.line_count + 1) if _CLOSE_FENCE.match(source.line(n))), None
    )
    if closing is None:
        return [("FM013", Finding(Span(1, 1, 1, 4)))]
    yaml_start = source.line_starts[1]
    yaml_end = source.line_starts[closing - 1]
    body_offset = source.line_starts[closing] if closing < source.line_count else len(text)
    composed = compose_yaml(text[yaml_start:yaml_end], first_line=1, limits=limits)
    if not isinstance(composed, Composed):
        return [composed]
    if composed.root is not None and not isinstance(composed.root, yaml.MappingNode):
        return [("FM009", Finding(_node_span(composed.root, 1, composed.source), args={"kind": _kind(composed.root)}))]
    fm = FrontMatter(composed.data or {}, composed.root, 1, closing, composed.source)
    return ParsedSource(path, source, fm, body_offset, composed.problems)


def _missing_front_matter(text: str) -> Problem:
    """A file without ``---`` fences: name TOML (Hugo ``+++``) or JSON front-matter if that is what it has."""
    if re.match(r"\+\+\+[ \t]*(?:\r\n|\r|\n)", text):
        return ("FM012", Finding(Span(1, 1, 1, 4), args={"format": "TOML"}))
    if text.lstrip(" \t").startswith("{"):
        return ("FM012", Finding(Span(1, 1), args={"format": "JSON"}))
    return ("FM008", Finding(Span(1, 1)))
