"""Rule selectors (``ALL``, a family ``ADV``, a prefix ``ADV0``, a code ``ADV001`` or a
rule name) are checked before a run: a typo must be an error, never a selector that
silently matches nothing (ruff: ``invalid rule code provided``).
"""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping

from .rule import Rule, T


def selector_problem(selector: str, rules: Mapping[str, type[Rule]]) -> T | None:
    """Why ``selector`` matches no rule (with a "did you mean"), or None when it is valid."""
    wanted = selector.strip()
    if not wanted:
        return T("пустой код правила", "an empty rule code")
    if wanted.upper() == "ALL" or any(r.name == wanted for r in rules.values()):
        return None
    if any(code.startswith(wanted.upper()) for code in rules):
        return None
    close = " or ".join(repr(c) for c in suggestions(wanted, rules))
    return T(f"нет правила с кодом, префиксом или именем {wanted!r}" + (f"; может быть, {close.replace(' or ', ' или ')}?" if close else ""),
             f"unknown rule code, prefix or name {wanted!r}" + (f"; did you mean {close}?" if close else ""))


def suggestions(wanted: str, rules: Mapping[str, type[Rule]]) -> list[str]:
    """The nearest codes, prefixes or names: «AVD» → «ADV», «ADV9» → «ADV0», «text-to-long» → the name."""
    upper = wanted.upper()
    prefixes = {code[:n] for code in rules for n in range(2, len(code) + 1)}
    same_length = [p for p in prefixes if len(p) == len(upper)]
    distance = {p: sum(a != b for a, b in zip(p, upper)) for p in same_length}
    best = min(distance.values(), default=len(upper))
    close = sorted(p for p, d in distance.items() if d == best and (d <= 1 or sorted(p) == sorted(upper)))[:2]
    if not close:
        close = difflib.get_close_matches(upper, same_length, n=2, cutoff=0.6)
    if not close and upper[:-1]:  # a wrong last digit: the group above it is what exists
        close = [p for p in same_length if p[:-1] == upper[:-1]][:2]
    names = difflib.get_close_matches(wanted, [r.name for r in rules.values()], n=1, cutoff=0.7)
    return sorted(close) + names


def check_selectors(selectors: Iterable[str], rules: Mapping[str, type[Rule]], where: str) -> list[T]:
    """One message per invalid selector, each prefixed with ``where`` (a config key or an option)."""
    return [T(f"{where}: {p.ru}", f"{where}: {p.en}") for s in selectors if (p := selector_problem(s, rules))]
