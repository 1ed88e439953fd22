"""Mask personal data in anything the tool prints, whatever rules run.

The PRIV rules decide what a copywriter must fix; this module decides what may be
shown. It runs the same detectors (:mod:`personal_data` patterns, pymorphy3 names
from :mod:`names`) on every printed line, message, title and calendar text, so
switching PRIV008 off or suppressing it never unmasks a patient's name. The
clinic's own contacts and staff stay readable (config ``clinic``).

:func:`mask_text` is the one entry point for other outputs (HTML report, LSP);
:class:`Printed` maps file columns to printed columns, so carets stay under the
text they point at when a mask is shorter than the value or a control character
is shown as ``\\x1b``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .personal_data import find_personal_data, mask
from ..core.safe_text import CONTROL, escape

_COMMAND = re.compile(r"^\s*:(?=:)")

if TYPE_CHECKING:
    from ..source.config import Config

Cut = tuple[int, int, str]  # (start, end, replacement) in the original text


@dataclass(frozen=True)
class Masker:
    """What counts as the clinic's own (and may be shown): staff names, contacts, site."""

    staff: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: Config | None) -> Masker:
        if config is None:
            return cls()
        clinic = config.clinic
        return cls(tuple(clinic.staff), tuple([*clinic.contacts, *([clinic.site] if clinic.site else [])]))

    @classmethod
    def union(cls, maskers: Iterable[Masker]) -> Masker:
        """One masker for a run over several configs (per-directory): everyone's own stay readable."""
        maskers = list(maskers)
        staff = tuple(dict.fromkeys(name for m in maskers for name in m.staff))
        return cls(staff, tuple(dict.fromkeys(value for m in maskers for value in m.allowed)))

    def cuts(self, text: str) -> list[Cut]:
        """Personal data and non-staff names in ``text``, with their masks."""
        return list(_cuts(self.staff, self.allowed, text))

    def redact(self, text: str) -> str:
        """``text`` with personal data and non-staff names masked, nothing else changed (messages)."""
        out, pos = [], 0
        for start, end, replacement in _cuts(self.staff, self.allowed, text):
            if start >= pos:
                out += [text[pos:start], replacement]
                pos = end
        return "".join(out) + text[pos:]

    def mask(self, text: str) -> str:
        """``text`` with personal data masked and control characters escaped (one printable line
        per input line)."""
        return "\n".join(self.printed(line).text for line in text.split("\n"))

    def printed(self, line: str, hidden: Iterable[tuple[int, int]] = ()) -> Printed:
        """A line as the text output shows it: masked, escaped, tabs as one space; plus
        ``hidden`` (start, end) spans masked as names (what a PRIV finding marked)."""
        return _printed(self, line, tuple(hidden))


def mask_text(text: str, config: Config | None = None) -> str:
    """Personal data in ``text`` masked with the linter's own detectors; the clinic's
    staff and contacts from ``config`` stay readable. For every output that shows post text."""
    return Masker.from_config(config).mask(text)


@lru_cache(maxsize=1 << 15)
def _cuts(staff: tuple[str, ...], allowed: tuple[str, ...], text: str) -> tuple[Cut, ...]:
    found: list[Cut] = [(h.start, h.end, h.masked) for h in find_personal_data(text, allowed)]
    if any(c.isupper() for c in text):
        from .names import find_names
        from .tokens import tokenize_text

        for name in find_names(tokenize_text(text), text, staff):
            if not name.staff and not any(s < name.end and name.start < e for s, e, _ in found):
                found.append((name.start, name.end, mask(name.text, "name")))
    return tuple(sorted(found))


@dataclass(frozen=True)
class Printed:
    """A printed line and where each original column went."""

    text: str
    origin: tuple[int, ...]  # start offsets (original) of the cuts
    origin_end: tuple[int, ...]
    shown: tuple[int, ...]  # their start offsets in ``text``
    shown_end: tuple[int, ...]

    def column(self, original: int, *, end: bool = False) -> int:
        """Printed 0-based column of an original 0-based column; inside a masked value,
        its start (or, with ``end``, its end)."""
        i = bisect.bisect_right(self.origin, original) - 1
        if i < 0:
            return original
        if original == self.origin[i]:
            return self.shown[i]
        if original < self.origin_end[i]:
            return self.shown_end[i] if end else self.shown[i]
        return original - self.origin_end[i] + self.shown_end[i]


@lru_cache(maxsize=1 << 14)
def _printed(masker: Masker, line: str, hidden: tuple[tuple[int, int], ...]) -> Printed:
    cuts = list(masker.cuts(line))
    for s, e in hidden:
        if 0 <= s < e <= len(line) and not any(c[0] < e and s < c[1] for c in cuts):
            cuts.append((s, e, mask(line[s:e], "name")))
    taken = sorted(cuts)
    command = _COMMAND.match(line)
    if command:  # «::warning …» at the start of a printed line: the runner would execute it
        cuts.append((command.end() - 1, command.end(), "\\x3a"))
    for match in CONTROL.finditer(line):
        if not any(s <= match.start() < e for s, e, _ in taken):
            cuts.append((match.start(), match.end(), escape(match.group(0))))
    out, pos = [], 0
    origin, origin_end, shown, shown_end = [], [], [], []
    length = 0
    for start, end, replacement in sorted(cuts):
        if start < pos:
            continue
        out.append(line[pos:start])
        length += start - pos
        replacement = escape(replacement)
        origin.append(start)
        origin_end.append(end)
        shown.append(length)
        out.append(replacement)
        length += len(replacement)
        shown_end.append(length)
        pos = end
    out.append(line[pos:])
    text = "".join(out).replace("\t", " ")
    return Printed(text, tuple(origin), tuple(origin_end), tuple(shown), tuple(shown_end))


def mask_diff(diff: str, masker: Masker) -> tuple[str, int]:
    """A unified diff with personal data masked and control characters escaped in its lines;
    returns it with the number of lines that had to change (those no longer apply as a patch)."""
    out, changed = [], 0
    for line in re.findall(r"[^\n]*\n|[^\n]+$", diff):  # \n only: a U+2028 inside a line is content
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        if body.startswith(("@@", "\\ No newline")):
            out.append(line)
            continue
        prefix, content = body[:1], body[1:]
        if body.startswith(("--- ", "+++ ")):
            prefix, content = body[:4], body[4:]
        safe = masker.printed(content).text if prefix in (" ", "+", "-") else escape(content)
        if safe == content.replace("\t", " "):
            safe = content  # tabs are the file's own: keep them, the patch must apply
        if safe != content:
            changed += 1
        out.append(prefix + safe + ending)
    return "".join(out), changed
