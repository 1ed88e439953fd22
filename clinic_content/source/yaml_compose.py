"""Compose a front-matter block's YAML safely: nodes keep their marks and aliases stay
shared, size/depth/duplicate keys are checked before any Python value is constructed, and every
problem comes back as an FM finding with the position where it is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..core.diagnostics import Finding, Span
from .lines import Limits, Problem, SourceText


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
