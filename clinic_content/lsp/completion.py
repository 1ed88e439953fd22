"""Front-matter completion from the JSON Schema (`clinic-content schema`, with the clinic's
platforms): keys with their descriptions at the start of a line, allowed values after ``key:``
(status, category, platforms…). Markdown editors do not validate YAML front-matter against a
schema, so the language server does it: FM002/FM003 report, completion prevents."""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(\[?)\s*(?:[\w-]+\s*,\s*)*([\w-]*)$")


def _values(prop: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Allowed values of one property: an enum (the clinic's platforms are one) or a boolean."""
    for part in [prop, *prop.get("anyOf", []), prop.get("items", {}), *prop.get("items", {}).get("anyOf", [])]:
        ref = part.get("$ref")
        if ref:
            part = schema["$defs"][ref.rsplit("/", 1)[1]]
        if "enum" in part:
            return [str(v) for v in part["enum"]]
        if part.get("type") == "boolean":
            return ["true", "false"]
    return []


def front_matter_end(lines: list[str]) -> int:
    """Index of the closing ``---`` line, or -1 when the document has no front-matter."""
    if not lines or lines[0].rstrip("\r\n") != "---":
        return -1
    return next((i for i, line in enumerate(lines[1:], 1) if line.rstrip("\r\n") in ("---", "...")), -1)


def complete(lines: list[str], position: types.Position, schema: dict[str, Any]) -> list[types.CompletionItem]:
    """Completion items at ``position`` (server units: code points), inside the front-matter only."""
    end = front_matter_end(lines)
    if not 0 < position.line < (end if end > 0 else len(lines)):
        return []
    before = lines[position.line][: position.character]
    props = schema["properties"]
    if not before.startswith((" ", "\t")) and ":" not in before:
        written = {m.group(1) for m in (re.match(r"^([\w-]+)\s*:", line) for line in lines[1:end]) if m}
        return [types.CompletionItem(label=key, kind=types.CompletionItemKind.Property, insert_text=f"{key}: ",
                                     documentation=prop.get("description"))
                for key, prop in props.items() if key not in written and key.startswith(before.strip())]
    match = _KEY.match(before)
    if match is None or match.group(1) not in props:
        return []
    prop = props[match.group(1)]
    return [types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember, documentation=prop.get("description"))
            for value in _values(prop, schema) if value.startswith(match.group(3))]
