"""Generate docs/rules.md from the rule metadata (a test fails when it is stale)."""

from __future__ import annotations

from ..ruleset.registry import all_rules
from ..ruleset.rule import FAMILIES

HEADER = """# Rule reference

Generated from the rule metadata by `clinic-content rules --format markdown`; do not edit by hand.
Every rule also has a full bilingual explanation: `clinic-content explain ID --lang ru|en`.

"""


def rules_markdown() -> str:
    rules = all_rules(plugins=False)
    out = [HEADER]
    for family, title in FAMILIES.items():
        members = [r for r in rules.values() if r.family() == family]
        if not members:
            continue
        out.append(f"## {family} — {title}\n\n")
        out.append("| id | name | severity | summary | source |\n|---|---|---|---|---|\n")
        for r in members:
            severity = r.default_severity.value + ("" if r.enabled_by_default else " (off by default)")
            summary = f"{r.summary.en}<br>{r.summary.ru}"
            out.append(f"| {r.id} | `{r.name}` | {severity} | {summary} | {r.source.replace('|', '/')} |\n")
        out.append("\n")
        for r in members:
            out.append(f"### {r.id} `{r.name}`\n\n{r.doc.en}\n\n{r.doc.ru}\n\n")
    return "".join(out).rstrip("\n") + "\n"
