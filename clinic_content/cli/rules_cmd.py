"""`clinic-content rules` and `clinic-content explain`: the rules of this run (built-ins, the
config's plugins and phrase packs) as a list, JSON or Markdown, and one rule's documentation."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK
from .common import error as _error, run_lang as _lang, say as _say


def run_rules(args: argparse.Namespace) -> int:
    import json

    from ..core.diagnostics import severity_label

    lang = _lang(args)
    rules = _configured_rules()
    if args.format == "markdown":
        from ..report.docgen import rules_markdown

        sys.stdout.write(rules_markdown())
        return EXIT_OK
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "family": r.family(),
                "severity": r.default_severity.value,
                "enabled_by_default": r.enabled_by_default,
                "summary": {"ru": r.summary.ru, "en": r.summary.en},
                "source": r.source,
            }
            for r in rules.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules.values():
        flag = "" if r.enabled_by_default else _say(lang, " (выключено по умолчанию)", " (off by default)")
        print(f"{r.id:<8} {r.name:<30} {severity_label(r.default_severity, lang):<14} {r.summary.get(lang)}{flag}")
        print(f"{'':<8} {'':<30} {'':<14} ↳ {r.source}")
    return EXIT_OK


def _configured_plugins() -> list[str]:
    """The plugins the config in the working directory names (none without a config)."""
    from ..source.config import Config, ConfigError

    try:
        return Config.discover(".").plugins
    except ConfigError:
        return []


def _configured_rules() -> dict:
    """Built-ins plus the plugins and phrase packs the config in the working directory names;
    a pack that does not load is reported and left out (`lint` refuses to run with it)."""
    from ..ruleset.clinic_packs import with_clinic_packs
    from ..source.config import Config, ConfigError
    from ..core.packs import PackError
    from ..ruleset.registry import all_rules

    try:
        config = Config.discover(".")
        return with_clinic_packs(config, all_rules(plugins=config.plugins), strict=False)
    except (ConfigError, PackError) as exc:
        print(f"clinic-content: warning: {exc}", file=sys.stderr)
        return all_rules(plugins=_configured_plugins())


def run_explain(args: argparse.Namespace) -> int:
    from ..report.explain import explain_text
    from ..ruleset.registry import find_rule

    rule = find_rule(args.rule, rules=_configured_rules())
    lang = _lang(args)
    if rule is None:
        return _error(_say(lang, f"нет правила {args.rule!r}; список: `clinic-content rules`",
                           f"unknown rule {args.rule!r}; see `clinic-content rules`"), lang)
    sys.stdout.write(explain_text(rule, lang))
    return EXIT_OK
