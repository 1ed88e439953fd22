"""``clinic-content lint --show-settings [PATH]``: the settings that apply to one file or
folder, as ruff's ``--show-settings`` shows them: which config file, every resolved key,
the enabled rules with their effective severity and options, and the rules the config's
per-file ignores switch off there. Text for people, ``--format json`` for machines.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..source.config import Config
from ..engine.linter import Linter
from ..source.files import UsageError, display_path
from ..ruleset.rule import PostRule

FORMATS = ("text", "json")
_LABELS = {
    "en": {"for": "Settings for", "file": "Config file", "none": "none (defaults)", "root": "Root",
           "settings": "Resolved settings", "rules": "Enabled rules", "off": "Ignored in this file (per-file-ignores)",
           "fix": "fixable"},
    "ru": {"for": "Настройки для", "file": "Файл конфигурации", "none": "нет (значения по умолчанию)", "root": "Корень",
           "settings": "Итоговые настройки", "rules": "Включённые правила",
           "off": "Отключены в этом файле (per-file-ignores)", "fix": "исправимо"},
}


def config_for(path: str | Path, config_file: str | None = None) -> Config:
    """The config that applies to ``path``: the explicit file, else the one discovery finds.
    The single place ``--show-settings`` asks, so a change of discovery rules is one line."""
    return Config.from_file(config_file) if config_file else Config.discover(path)


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """The resolved settings for ``args.paths[0]`` (default: the working directory)."""
    if len(args.paths or []) > 1:
        raise UsageError("--show-settings takes one path")
    path = Path((args.paths or [getattr(args, "stdin_filename", None) or "."])[0])
    config = config_for(path, args.config)
    linter = Linter(config, select=args.select, extend_select=args.extend_select, ignore=args.ignore, lang=args.lang)
    shown = display_path(path)
    rules, ignored = [], []
    for rule in linter.enabled:
        if path.is_file() and linter.selection.ignored_in_file(rule.id, shown):
            ignored.append(rule.id)
            continue
        options = linter._contexts[rule.id].options.model_dump(mode="json")
        rules.append({
            "id": rule.id,
            "name": rule.name,
            "severity": linter.selection.severity_of(rule, None).value,
            "fixable": issubclass(rule, PostRule) and rule.fixable,
            "options": {key.replace("_", "-"): value for key, value in options.items()},
        })
    return {
        "path": shown,
        "config_file": str(config.source_file.resolve()) if config.source_file else None,
        "root": str(config.root.resolve()),
        "lang": linter.lang,
        "settings": config.model_dump(mode="json", by_alias=True),
        "rules": rules,
        "ignored_in_file": ignored,
    }


def render(found: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    label = _LABELS["ru" if found["lang"] == "ru" else "en"]
    out = [f"{label['for']} {found['path']}",
           f"{label['file']}: {found['config_file'] or label['none']}",
           f"{label['root']}: {found['root']}", "", f"{label['settings']}:"]
    out += [f"  {line}" for line in _toml_lines(found["settings"])]
    out += ["", f"{label['rules']} ({len(found['rules'])}):"]
    for rule in found["rules"]:
        mark = f"  [{label['fix']}]" if rule["fixable"] else ""
        out.append(f"  {rule['id']:<8} {rule['name']:<34} {rule['severity']:<8}{mark}".rstrip())
        out += [f"  {'':<8} {key} = {json.dumps(value, ensure_ascii=False)}" for key, value in rule["options"].items()]
    if found["ignored_in_file"]:
        out += ["", f"{label['off']}: {', '.join(found['ignored_in_file'])}"]
    return "\n".join(out) + "\n"


def _toml_lines(table: dict[str, Any], prefix: str = "") -> list[str]:
    """Nested settings as ``key = value`` lines, tables as dotted keys (close to the file's TOML)."""
    lines = []
    for key, value in table.items():
        if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()) or (
            isinstance(value, dict) and key in ("clinic", "calendar")
        ):
            lines += _toml_lines(value, f"{prefix}{key}.")
        else:
            lines.append(f"{prefix}{key} = {json.dumps(value, ensure_ascii=False)}")
    return lines
