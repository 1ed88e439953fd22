"""All known rules: built-ins, rules made from data packs, and third-party plugins.

Plugins are packages declaring ``[project.entry-points."clinic_content.rules"]``
with a list of rule classes. A plugin loads only when the config names it
(``plugins = ["brand"]``): installing a package is not consent to run it on
outsiders' pull requests. Loading happens when rules are first needed, never at
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
_cache: dict[frozenset[str], dict[str, type[Rule]]] = {}


class PluginWarning(UserWarning):
    """A plugin could not be loaded or declared an invalid rule."""


def builtin_rules() -> list[type[Rule]]:
    """Rules written in Python plus the rules made from the shipped phrase packs."""
    from .checks import BUILTIN_RULES
    from .checks.phrase_rules import pack_rules

    return [*BUILTIN_RULES, *pack_rules()]


def installed_plugins() -> list[str]:
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


def plugin_rules(names: Iterable[str] | None = None) -> list[type[Rule]]:
    """Rule classes from the named installed plugins (all with None); problems become warnings."""
    wanted = None if names is None else set(names)
    found: list[type[Rule]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if wanted is not None and ep.name not in wanted:
            continue
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


def all_rules(*, plugins: Iterable[str] | bool = ()) -> dict[str, type[Rule]]:
    """Every rule by id, sorted by id: built-ins plus the named plugins (``True``: every
    installed one, ``False``/empty: none). Built-ins win over a plugin reusing an id."""
    names = frozenset(installed_plugins()) if plugins is True else frozenset(plugins or ())
    cached = _cache.get(names)
    if cached is not None:
        return cached
    rules: dict[str, type[Rule]] = {}
    for rule in builtin_rules():
        rules[rule.id] = rule
    if names:
        for rule in plugin_rules(names):
            if rule.id in rules:
                warnings.warn(f"plugin rule {rule.id} clashes with a built-in rule; ignored", PluginWarning, stacklevel=2)
                continue
            rules[rule.id] = rule
    result = _cache[names] = dict(sorted(rules.items()))
    return result


def find_rule(code_or_name: str, plugins: Iterable[str] = (), rules: dict[str, type[Rule]] | None = None) -> type[Rule] | None:
    """Look a rule up by id (case-insensitive) or by name, among built-ins and the named plugins
    (or among ``rules``, e.g. with the clinic's packs)."""
    rules = rules if rules is not None else all_rules(plugins=plugins)
    wanted = code_or_name.strip()
    return rules.get(wanted.upper()) or next((r for r in rules.values() if r.name == wanted), None)
