"""``clinic-content packs test [FILES]``: check the clinic's phrase packs and run every
``fire``/``silent`` example, listing each one that misbehaves (``file:line``).

Without FILES, the packs named by the config's ``packs``. Exit 0 when every example
behaves, 1 when some do not, 2 when a pack does not load (the error ``lint`` would give).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from ..ruleset.clinic_packs import example_failures, load_packs, pack_paths
from ..source.config import Config, ConfigError
from ..engine.linter import message_lang
from ..core.packs import PackError
from ..ruleset.registry import all_rules

_SUMMARY = {
    "en": ("{rules} rules, {examples} examples: all behave.", "{failed} of {examples} examples in {rules} rules misbehave.",
           "no packs: name them in the config (packs = [\"style/our-words.toml\"]) or on the command line"),
    "ru": ("Правил: {rules}, примеров: {examples} — все ведут себя как задумано.",
           "Примеров с ошибкой: {failed} из {examples} (правил: {rules}).",
           "паков нет: перечислите их в конфигурации (packs = [\"style/our-words.toml\"]) или в командной строке"),
}


def run(args: argparse.Namespace, error: Callable[[str], int]) -> int:
    try:
        config = Config.from_file(args.config) if args.config else Config.discover(".")
        lang = message_lang(args.lang, config)
        paths = [Path(p) for p in args.files] if args.files else pack_paths(config)
        if not paths:
            return error(_SUMMARY[lang][2])
        rules = all_rules(plugins=config.plugins)
        packs = load_packs(paths, set(rules), {r.name: r.id for r in rules.values()})
    except (ConfigError, PackError) as exc:
        return error(str(exc))
    failures = [f for pack in packs for f in example_failures(pack)]
    for failure in failures:
        print(failure.message(lang))
    counts = {
        "rules": sum(len(p.entries) for p in packs),
        "examples": sum(len(e.examples.fire) + len(e.examples.silent) for p in packs for e in p.entries),
        "failed": len(failures),
    }
    print(_SUMMARY[lang][1 if failures else 0].format(**counts))
    return 1 if failures else 0
