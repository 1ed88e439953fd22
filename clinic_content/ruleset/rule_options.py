"""A rule's options from the config: ``[rules.<family>]`` keys the rule knows, overridden by
``[rules.<id or name>]``, validated by the rule's ``Options`` model; and the check that a
family table names no key that no rule of the family takes (it would be silently ignored)."""

from __future__ import annotations

from typing import Iterable

from ..core.bilingual import T
from ..source.config import Config, ConfigError
from .rule import Rule


def rule_options(rule: type[Rule], config: Config):
    """Validate ``[rules.<family>]`` (the keys this rule knows) under ``[rules.<id or name>]``."""
    known = option_keys(rule)
    family = {k: v for k, v in config.rules.get(rule.family(), {}).items() if k in known}
    table = {**family, **(config.rules.get(rule.id) or config.rules.get(rule.name) or {})}
    try:
        return rule.Options.model_validate(table)
    except ValueError as exc:
        where = config.source_file or "<config>"
        detail = option_errors(exc)
        raise ConfigError(f"{where}: invalid options for rule {rule.id} ({rule.name}): {detail.en}",
                          f"{where}: неверные параметры правила {rule.id} ({rule.name}): {detail.ru}") from None


def option_errors(exc: ValueError) -> T:
    """A rule options' validation error, key by key, in both languages."""
    from pydantic import ValidationError

    from ..core.validation_messages import describe

    if not isinstance(exc, ValidationError):
        return T(str(exc), str(exc))
    parts = [(".".join(str(p) for p in e["loc"]), describe(e)) for e in exc.errors()]
    return T("; ".join(f"'{k}': {t.ru}" for k, t in parts), "; ".join(f"'{k}': {t.en}" for k, t in parts))


def option_keys(rule: type[Rule]) -> set[str]:
    return {key for name in rule.Options.model_fields for key in (name, name.replace("_", "-"))}


def check_family_options(config: Config, rules: Iterable[type[Rule]]) -> None:
    """A key in ``[rules.<family>]`` that no rule of the family takes would be silently ignored."""
    rules = list(rules)
    families = {r.family() for r in rules}
    for family in families & set(config.rules):
        accepted = set().union(*(option_keys(r) for r in rules if r.family() == family))
        unknown = sorted(set(config.rules[family]) - accepted)
        if unknown:
            where = config.source_file or "<config>"
            raise ConfigError(f"{where}: [rules.{family}] has options no {family} rule takes: {', '.join(unknown)}",
                              f"{where}: в [rules.{family}] параметры, которых нет ни у одного правила {family}: "
                              f"{', '.join(unknown)}")
