"""The text `clinic-content explain ID` prints: doc, source, options, examples."""

from __future__ import annotations

from ..core.diagnostics import severity_label
from ..ruleset.rule import FAMILIES, Rule

FAMILIES_RU = {
    "FM": "front-matter и формат файла",
    "ADV": "закон о рекламе",
    "PRIV": "согласия и персональные данные",
    "PLAT": "правила площадок",
    "LANG": "язык, термины и читаемость",
    "SRC": "источники и проверка врачом",
    "CAL": "календарь и регулярность",
}


def _family(family: str, ru: bool, clinic_pack: bool = False) -> str:
    if ru:
        return FAMILIES_RU.get(family, "набор фраз клиники" if clinic_pack else "плагин")
    return FAMILIES.get(family, "clinic pack" if clinic_pack else "plugin")


def explain_text(rule: type[Rule], lang: str) -> str:
    ru = lang == "ru"
    lines = [
        f"{rule.id} ({rule.name}) — {rule.summary.get(lang)}",
        "",
        f"{'Семейство' if ru else 'Family'}: {rule.family()} ({_family(rule.family(), ru, hasattr(rule, 'entry'))})",
        f"{'Важность по умолчанию' if ru else 'Default severity'}: {severity_label(rule.default_severity, lang)}"
        + ("" if rule.enabled_by_default else (" (выключено по умолчанию)" if ru else " (off by default)")),
        f"{'Источник' if ru else 'Source'}: {rule.source}",
        "",
        rule.doc.get(lang),
    ]
    options = rule.Options.model_fields
    if options:
        lines += ["", f"Опции ([rules.{rule.id}] в настройках):" if ru else f"Options ([rules.{rule.id}] in config):"]
        for name, field in options.items():
            default = field.get_default(call_default_factory=True)
            lines.append(f"  {name.replace('_', '-')} = {default!r}  — {field.description or ''}")
    if rule.example_registry:
        lines += ["", "Реестр согласий в примерах (consents.yaml):" if ru else "Consent registry of the examples (consents.yaml):",
                  _indent(rule.example_registry)]
    if rule.bad_example:
        lines += ["", "Пример с нарушением:" if ru else "Example that fails:", _indent(rule.bad_example)]
    if rule.good_example:
        lines += ["", "Исправленный пример:" if ru else "Fixed example:", _indent(rule.good_example)]
    return "\n".join(lines).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").splitlines())
