"""All known rules: built-ins, rules made from data packs, and third-party plugins.

Plugins are packages declaring ``[project.entry-points."clinic_content.rules"]``
with a list of rule classes. They load when rules are first needed, never at
import time, and a broken plugin is a warning, not a crash (sqlfluff's lesson;
mdformat's eager loading is the pitfall). Nothing is ever loaded from the
working directory.
"""

from __future__ import annotations

import warnings
from importlib.metadata import entry_points
from typing import Iterable

from .rule import RULE_ID, CalendarRule, PostRule, Rule

ENTRY_POINT_GROUP = "clinic_content.rules"
_cache: dict[str, type[Rule]] | None = None


class PluginWarning(UserWarning):
    """A plugin could not be loaded or declared an invalid rule."""


def builtin_rules() -> list[type[Rule]]:
    """Rules written in Python plus the rules made from the shipped phrase packs."""
    from .checks import BUILTIN_RULES
    from .checks.phrase_rules import pack_rules

    return [*BUILTIN_RULES, *pack_rules()]


def plugin_rules() -> list[type[Rule]]:
    """Rule classes from installed plugins; problems become :class:`PluginWarning`."""
    found: list[type[Rule]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = ep.load()
            rules = list(loaded() if callable(loaded) and not isinstance(loaded, type) else loaded)
        except Exception as exc:  # a plugin's bug must not break the linter
            warnings.warn(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}", PluginWarning, stacklevel=2)
            continue
        found.extend(_valid(rules, ep.name))
    return found


def _valid(rules: Iterable[object], origin: str) -> Iterable[type[Rule]]:
    for rule in rules:
        if not (isinstance(rule, type) and issubclass(rule, (PostRule, CalendarRule))):
            warnings.warn(f"plugin {origin!r}: {rule!r} is not a PostRule/CalendarRule", PluginWarning, stacklevel=3)
        elif not RULE_ID.match(str(getattr(rule, "id", ""))):
            warnings.warn(f"plugin {origin!r}: invalid rule id {getattr(rule, 'id', None)!r}", PluginWarning, stacklevel=3)
        else:
            yield rule


def all_rules(*, plugins: bool = True) -> dict[str, type[Rule]]:
    """Every rule by id, sorted by id. Built-ins win over a plugin reusing an id."""
    global _cache
    if _cache is not None and plugins:
        return _cache
    rules: dict[str, type[Rule]] = {}
    for rule in builtin_rules():
        rules[rule.id] = rule
    if plugins:
        for rule in plugin_rules():
            if rule.id in rules:
                warnings.warn(f"plugin rule {rule.id} clashes with a built-in rule; ignored", PluginWarning, stacklevel=2)
                continue
            rules[rule.id] = rule
    result = dict(sorted(rules.items()))
    if plugins:
        _cache = result
    return result


def find_rule(code_or_name: str) -> type[Rule] | None:
    """Look a rule up by id (case-insensitive) or by name."""
    rules = all_rules()
    wanted = code_or_name.strip()
    return rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
