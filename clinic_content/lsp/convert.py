"""What the language server and its features share: the names it answers to, and positions
and edits translated from the linter's 1-based code points to the client's units."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import TextDocument

from ..core.diagnostics import Diagnostic
from .state import DocumentResult
from ..ruleset.rule import Edit

SOURCE = "clinic-content"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.clinic-content"
CONFIG_NAMES = (".clinic-content.toml", "clinic-content.toml", "pyproject.toml")


def diagnostic_range(d: Diagnostic, document: TextDocument) -> types.Range:
    """1-based code-point line/column -> the client's 0-based units; no end = to the end of the line."""
    lines = document.lines
    line = min(max(d.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line].rstrip("\r\n") if lines else ""
    if d.end_line and d.end_column:
        end = types.Position(min(d.end_line - 1, max(len(lines) - 1, 0)), d.end_column - 1)
    else:
        end = types.Position(line, len(text))
    start = types.Position(line, min(d.column - 1, len(text)))
    return document.position_codec.range_to_client_units(lines, types.Range(start, end))


def edit_to_lsp(edit: Edit, result: DocumentResult, document: TextDocument) -> types.TextEdit:
    source = result.post.parsed.source  # type: ignore[union-attr]
    (l1, c1), (l2, c2) = source.line_col(edit.start), source.line_col(edit.end)
    server_range = types.Range(types.Position(l1 - 1, c1 - 1), types.Position(l2 - 1, c2 - 1))
    return types.TextEdit(range=document.position_codec.range_to_client_units(document.lines, server_range),
                          new_text=edit.insert)
