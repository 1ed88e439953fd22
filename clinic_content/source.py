"""Read a post file into text with exact positions, and split off its front-matter.

python-frontmatter strips text and loses line numbers, and ``yaml.safe_load``
expands alias bombs before anyone can look at them. So we decode the bytes
ourselves, find the ``---`` fences ourselves and *compose* the YAML (nodes keep
their marks and aliases stay shared) before constructing any Python values.

Problems found here are returned as ``(rule_id, Finding)`` pairs; the FM rules
report them, so select/ignore/severity apply to them like to any rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Finding, Span
from .safe_open import Refused, read_bytes

Problem = tuple[str, Finding]

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class Limits:
    """Caps that keep hostile input from exhausting memory or time."""

    max_file_bytes: int = 1_000_000
    max_yaml_nodes: int = 5_000
    max_yaml_depth: int = 32
    root: Path | None = None  # the repository: a symlink out of it is never followed (safe_open)


LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the only line breaks: never U+2028, NEL, VT or FF


def split_lines(text: str) -> list[str]:
    """``text`` cut at the file's real line breaks (``str.splitlines`` also cuts at U+2028,
    NEL, VT, FF…, which would shift every later line against the reported positions)."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


class SourceText:
    """Decoded file text with offset -> (line, column) mapping (both 1-based)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return Span(line, col, end_line, end_col)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number`` without its line ending."""
        if not 1 <= number <= len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


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


@dataclass
class Composed:
    """YAML that passed the safety checks: constructed data, node tree, non-fatal problems."""

    data: Any
    root: yaml.Node | None
    problems: list[Problem]
    source: SourceText | None = None  # the composed YAML text, for positions


_BRACKETS = re.compile(r"[^\[\]{}]+")
_C_LOADER_MAX_BRACKET_DEPTH = 200


def _loader_class(text: str) -> type:
    """libyaml's C loader is ~10x faster, but its composer recurses in C and segfaults on
    ~100k nested brackets; such text goes to the pure-Python loader, which raises a
    RecursionError we report. Brackets inside quotes count too: that only errs towards safety."""
    if not yaml.__with_libyaml__:
        return yaml.SafeLoader
    depth = deepest = 0
    for char in _BRACKETS.sub("", text):
        depth = depth + 1 if char in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return yaml.SafeLoader if deepest > _C_LOADER_MAX_BRACKET_DEPTH else yaml.CSafeLoader


def compose_yaml(text: str, *, first_line: int, limits: Limits) -> Composed | Problem:
    """Compose, check size/depth/duplicates, then construct with the safe constructor."""
    try:
        loader = _loader_class(text)(text)
    except yaml.reader.ReaderError as exc:  # a control character: the pure-Python reader checks the whole text first
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        error = f"a control character U+{ord(char):04X} is not allowed in YAML"
        return ("FM001", Finding(_offset_span(text, exc.position, first_line), args={"error": error}))
    lines = SourceText(text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            return ("FM010", Finding(Span(first_line, 1), "depth", {"limit": limits.max_yaml_depth}))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            span = _mark_span(mark, mark, first_line, lines) if mark else Span(first_line, 1)
            span = Span(span.line, span.column)
            colon = "mapping values are not allowed" in (exc.problem or "")
            return ("FM001", Finding(span, "colon" if colon else "default", {"error": _yaml_error_text(exc)}))
        except yaml.YAMLError as exc:
            return ("FM001", Finding(Span(first_line, 1), args={"error": str(exc)}))
        if root is None:
            return Composed({}, None, [], lines)
        size_problem = _check_size(root, first_line, limits, lines)
        if size_problem:
            return size_problem
        problems = list(_duplicate_keys(root, first_line, lines))
        try:
            data = loader.construct_document(root)
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise KeyError, IndexError, ... on `!!bool maybe`
            # e.g. a timestamp like 2026-13-45, `!!int ""` or an unhashable mapping key
            return ("FM001", Finding(_failing_node_span(root, text, first_line), args={"error": _construct_error_text(exc)}))
        return Composed(data, root, problems, lines)
    finally:
        loader.dispose()


def _offset_span(text: str, offset: int, first_line: int) -> Span:
    """File position of a character offset into the YAML text (which starts on ``first_line + 1``)."""
    offset = max(0, min(offset, len(text)))
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return Span(first_line + 1 + len(re.findall(r"\r\n|\r|\n", before)), offset - line_start + 1)


def _failing_node_span(root: yaml.Node, text: str, first_line: int) -> Span:
    """Where the scalar that PyYAML could not construct is: each tagged scalar is tried alone."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.constructor.SafeConstructor().construct_object(node, deep=True)
            except Exception:  # noqa: BLE001 - the same failures as above, now with a position
                return _offset_span(text, node.start_mark.index, first_line)  # NEL/U+2028 are no line breaks
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return _offset_span(text, root.start_mark.index, first_line)


def _construct_error_text(exc: Exception) -> str:
    if isinstance(exc, yaml.YAMLError):
        return _yaml_error_text(exc)
    if isinstance(exc, (ValueError, OverflowError, TypeError)) and str(exc):
        return str(exc)
    return "the value does not match its tag"


def _yaml_error_text(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        return " ".join(part for part in (exc.context, exc.problem) if part)
    return str(exc)


def _check_size(root: yaml.Node, first_line: int, limits: Limits, lines: SourceText) -> Problem | None:
    """Count nodes as if every alias were expanded, without expanding anything."""
    memo: dict[int, int] = {}

    def expanded(node: yaml.Node, depth: int) -> int:
        if depth > limits.max_yaml_depth:
            raise _TooDeep(node)
        if id(node) in memo:
            return memo[id(node)]
        memo[id(node)] = limits.max_yaml_nodes + 1  # a cycle counts as too big
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(expanded(k, depth + 1) + expanded(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(expanded(v, depth + 1) for v in node.value)
        else:
            total = 1
        memo[id(node)] = min(total, limits.max_yaml_nodes + 1)
        return memo[id(node)]

    try:
        if expanded(root, 0) > limits.max_yaml_nodes:
            return ("FM010", Finding(Span(first_line + 1, 1), "size", {"limit": limits.max_yaml_nodes}))
    except _TooDeep as deep:
        return ("FM010", Finding(_node_span(deep.node, first_line, lines), "depth", {"limit": limits.max_yaml_depth}))
    return None


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _duplicate_keys(node: yaml.Node, first_line: int, lines: SourceText, seen_nodes: set[int] | None = None):
    """YAML silently keeps the last of two equal keys; a copywriter never means that."""
    seen_nodes = set() if seen_nodes is None else seen_nodes
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in keys:
                    first = _node_span(keys[key.value], first_line, lines).line
                    yield ("FM014", Finding(_node_span(key, first_line, lines), args={"key": key.value, "first": first}))
                else:
                    keys[key.value] = key
            yield from _duplicate_keys(value, first_line, lines, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from _duplicate_keys(value, first_line, lines, seen_nodes)


def _node_span(node: yaml.Node, first_line: int, lines: SourceText | None = None) -> Span:
    return _mark_span(node.start_mark, node.end_mark, first_line, lines)


def _mark_span(start: Any, end: Any, first_line: int, lines: SourceText | None) -> Span:
    """File position of YAML marks. PyYAML counts U+2028, U+2029 and NEL as line breaks in
    ``mark.line``; the file's lines end only at CR/LF, so positions come from the character
    offset ``mark.index`` (both loaders count characters) mapped on the YAML text."""
    if lines is None:
        return Span(start.line + first_line + 1, start.column + 1, end.line + first_line + 1, end.column + 1)
    line, column = lines.line_col(start.index)
    end_line, end_column = lines.line_col(end.index)
    return Span(line + first_line, column, end_line + first_line, end_column)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "scalar"
