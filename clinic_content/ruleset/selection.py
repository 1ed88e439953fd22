"""Which rules run, at which severity, and which findings are suppressed.

Codes are matched by prefix as in ruff: ``ADV`` is the family, ``ADV0`` a
group, ``ADV001`` one rule, ``ALL`` everything; rule names work too. When a
select and an ignore both match, the more specific (longer) one wins, and an
ignore wins a tie. Rules that are off by default run only when selected by
something more specific than ``ALL``.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..core.diagnostics import Severity
from .rule import Rule


def _match_len(rule: type[Rule], patterns: Iterable[str]) -> int:
    """Length of the most specific pattern matching ``rule``; -1 if none."""
    best = -1
    for raw in patterns:
        pattern = raw.strip()
        if pattern.upper() == "ALL":
            best = max(best, 0)
        elif pattern == rule.name:
            best = max(best, 100)
        elif rule.id.startswith(pattern.upper()):
            best = max(best, len(pattern))
    return best


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` is covered by one of the prefixes (or ALL)."""
    return any(p.strip().upper() == "ALL" or code.startswith(p.strip().upper()) for p in patterns if p.strip())


@dataclass(frozen=True)
class Selection:
    """The resolved select/ignore/severity settings of a run."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, Severity]
    per_file_ignores: Mapping[str, tuple[str, ...]]

    def enabled(self, rule: type[Rule]) -> bool:
        selected = _match_len(rule, self.select)
        if selected < 0 or (selected == 0 and not rule.enabled_by_default):
            return False
        return selected > _match_len(rule, self.ignore)

    def severity_of(self, rule: type[Rule], proposed: Severity | None) -> Severity:
        """The user's most specific override, else what the finding proposes, else the default."""
        best, chosen = -1, None
        for pattern, level in self.severity.items():
            length = _match_len(rule, [pattern])
            if length > best:
                best, chosen = length, level
        return chosen or proposed or rule.default_severity

    def ignored_in_file(self, code: str, display_path: str) -> bool:
        for pattern, codes in self.per_file_ignores.items():
            if _glob(display_path, pattern) and code_matches(code, codes):
                return True
        return False


def _glob(path: str, pattern: str) -> bool:
    """``fnmatch`` where ``**/`` also matches zero folders, on posix paths."""
    return any(
        fnmatch.fnmatchcase(path, p) or fnmatch.fnmatchcase(path, "*/" + p)
        for p in {pattern, pattern.replace("**/", "")}
    )
