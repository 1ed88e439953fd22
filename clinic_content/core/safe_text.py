"""Values from posts, file names and configs made safe to print.

Posts arrive from outsiders, and CI prints what the linter says: a post can hold
``\\n::warning ...`` or ``::stop-commands::`` (which the GitHub runner executes as
workflow commands when a line starts with them, after leading spaces), ANSI
escapes a terminal obeys, bidi overrides that reorder what a reviewer reads, or
U+2028 that some viewers take for a line break. Every human format passes its
values through :func:`escape` and its lines through :func:`guard_line`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 (but tab), DEL, C1, the bidi controls, line/paragraph separators and the BOM
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
_WITH_TAB = re.compile(CONTROL.pattern[:-1] + "\t]")
_COMMAND = re.compile(r"^(\s*):(?=:)")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_control(text: str) -> bool:
    return bool(_WITH_TAB.search(text))


def escape(text: str) -> str:
    """``\\x1b``, ``\\u202e``, ``\\n`` instead of the characters themselves: one printed line,
    nothing a terminal or a CI runner acts on. Tabs are kept; ``##[`` (the runner's old
    command syntax, recognised anywhere in a line) is broken up."""
    if not text.isprintable() or "##[" in text:
        text = CONTROL.sub(_escaped, text).replace("##[", "#\\x23[")
    return text


def escape_path(path: str) -> str:
    """A display path, escaped; ``./`` before a name that starts with ``:``."""
    path = escape(path)
    return "./" + path if path.startswith(":") else path


def guard_line(line: str) -> str:
    """A printed line that is not a workflow command: a leading ``::`` loses its first colon's power."""
    return _COMMAND.sub(lambda m: m.group(1) + "\\x3a", line) if "::" in line else line


def guard_output(text: str) -> str:
    """:func:`guard_line` on every line of a whole output."""
    if "::" not in text and "##[" not in text:
        return text
    return "\n".join(guard_line(line).replace("##[", "#\\x23[") for line in text.split("\n"))


def check_url(value: str) -> str:
    """An absolute http(s) URL without spaces or control characters (for ``[calendar] base-url``)."""
    if has_control(value) or any(c.isspace() for c in value):
        raise ValueError("the URL contains a space, line break or control character")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an absolute http:// or https:// URL")
    return value
