"""What a run does not check, and why: a reviewer of a pull request must see when the
config, the command line or a post turned rules off (issue 14: "silent switches").

A *switch* is a rule that runs by default but is off for the run (``select``,
``ignore``, ``--select``, ``--ignore``) or for some files (``per-file-ignores``, a
post's ``lint: {ignore: [...]}`` or ``<!-- clinic-content: ignore-file -->``).
Line-level ``ignore`` comments are ordinary suppressions (FM019 reports the unused
ones) and are not switches. Every summary lists the switches.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from ..source.config import ConfigError, _line_of
from ..core.diagnostics import Severity
from .rule import Rule, T
from .selection import Selection
from .selectors import check_selectors, suggestions

if TYPE_CHECKING:
    from ..engine.linter import Linter

WHOLE_FILE = 10**9  # last_line of a suppression that covers the whole file


@dataclass(frozen=True)
class RuleSwitch:
    """``origin`` (a config file, ``command line`` or a post) turns ``codes`` off for ``scope``."""

    origin: str
    codes: tuple[str, ...]
    scope: str = ""  # "" = the whole run; a glob of per-file-ignores; "file" = that post
    written: str = ""  # the settings as the user wrote them, e.g. ``ignore = ["ADV0"]``
    kind: str = "off"  # "off": rules do not run; "no-fail": they run but cannot fail the run; "exclude": files skipped

    def describe(self, lang: str) -> str:
        codes = _short(self.codes)
        ru = lang == "ru"
        if self.kind == "exclude":
            codes = f"{self.written} — " + ("эти файлы не проверяются" if ru else "these files are not linted")
        elif self.kind == "no-fail":
            count = len(self.codes)
            codes = f"{self.written} — " + (f"правил, которые больше не влияют на код выхода: {count}" if ru
                                            else f"{count} rules no longer fail the run")
        elif self.written:
            count = len(self.codes)
            codes = f"{self.written} — " + (f"правил выключено: {count}" if ru else f"{count} rules off")
        origin = "командная строка" if lang == "ru" and self.origin == "command line" else self.origin
        if self.scope == "file":
            return f"{origin}: {codes}" + (" (весь файл)" if lang == "ru" else " (whole file)")
        if self.scope:
            return f"{origin}: {codes}" + (f" в файлах {self.scope}" if lang == "ru" else f" in files {self.scope}")
        return f"{origin}: {codes}"


def summary_line(switches: Iterable[RuleSwitch], lang: str) -> str:
    """One line for every summary; empty when nothing is switched off."""
    items = list(dict.fromkeys(switches))
    if not items:
        return ""
    parts = "; ".join(s.describe(lang) for s in items)
    if lang == "ru":
        return f"Внимание: часть проверок выключена — {parts}."
    return f"Note: some checks are switched off — {parts}."


def _short(codes: tuple[str, ...], limit: int = 12) -> str:
    shown = ", ".join(codes[:limit])
    return shown + (f" … (+{len(codes) - limit})" if len(codes) > limit else "")


def _where(linter: Linter, key: str) -> str:
    cfg = linter.config
    if cfg.source_file is None:
        return key
    line = _line_of(_text(cfg.source_file), key)
    return f"{cfg.source_file}{f':{line}' if line else ''}: {key}"


def _text(path: os.PathLike[str] | str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return ""


def check_run_selection(linter: Linter, rules: Mapping[str, type[Rule]]) -> None:
    """Raise :class:`ConfigError` for a selector or a ``[rules.X]`` table that names no rule."""
    cfg = linter.config
    problems: list[T] = []
    for key, values in (("select", cfg.select), ("extend-select", cfg.extend_select), ("ignore", cfg.ignore)):
        problems += check_selectors(values, rules, _where(linter, key))
    for pattern, codes in cfg.per_file_ignores.items():
        problems += check_selectors(codes, rules, _where(linter, "per-file-ignores") + f" {pattern!r}")
    problems += check_selectors(cfg.severity, rules, _where(linter, "severity"))
    if linter.select is not None:
        problems += check_selectors(linter.select, rules, "--select")
    problems += check_selectors(linter.extend_select, rules, "--extend-select")
    problems += check_selectors(linter.ignore, rules, "--ignore")
    families = {r.family() for r in rules.values()}
    names = {r.name for r in rules.values()}
    for table in cfg.rules:
        if table not in rules and table not in names and table not in families:
            close = " or ".join(repr(c) for c in suggestions(table, rules))
            where = _where(linter, table)
            problems.append(T(f"{where}: [rules.{table}] — нет такого правила, имени правила или семейства"
                              + (f"; может быть, {close.replace(' or ', ' или ')}?" if close else ""),
                              f"{where}: [rules.{table}] names no rule, family or rule name"
                              + (f"; did you mean {close}?" if close else "")))
    if linter.select is not None and not linter.select:
        problems.append(T("--select: пусто — не запустится ни одно правило", "--select: empty: no rule would run"))
    if problems:
        from .registry import installed_plugins

        unloaded = ", ".join(sorted(set(installed_plugins()) - set(cfg.plugins)))
        if unloaded and linter.rules is None:
            problems.append(T(f"(установлены плагины, которые настройки не подключают: {unloaded}; "
                              "чтобы использовать их коды, перечислите их в `plugins`)",
                              f"(installed plugins the config does not load: {unloaded}; "
                              "name them in `plugins` to use their codes)"))
        raise ConfigError("\n".join(p.en for p in problems), "\n".join(p.ru for p in problems))


def config_switches(linter: Linter, rules: Mapping[str, type[Rule]]) -> list[RuleSwitch]:
    """Default rules the config or the command line turn off, and the config's per-file ignores."""
    from ..source.files import display_path

    cfg = linter.config
    origin = display_path(cfg.source_file) if cfg.source_file else "config"
    defaults = [r for r in rules.values() if r.enabled_by_default]
    by_config = Selection(select=(*cfg.select, *cfg.extend_select), ignore=tuple(cfg.ignore), severity={},
                          per_file_ignores={})
    config_off = tuple(r.id for r in defaults if not by_config.enabled(r))
    run_off = tuple(r.id for r in defaults if not linter.selection.enabled(r) and r.id not in config_off)
    written = [f"select = {list(cfg.select)}" if list(cfg.select) != ["ALL"] else "",
               f"ignore = {list(cfg.ignore)}" if cfg.ignore else ""]
    options = [f"--select {','.join(linter.select)}" if linter.select is not None else "",
               f"--ignore {','.join(linter.ignore)}" if linter.ignore else ""]
    out = []
    if config_off:
        out.append(RuleSwitch(origin, config_off, written=", ".join(w for w in written if w)))
    if run_off:
        out.append(RuleSwitch("command line", run_off, written=" ".join(o for o in options if o)))
    out += [RuleSwitch(origin, tuple(codes), pattern) for pattern, codes in cfg.per_file_ignores.items() if codes]
    out += _lowered(linter, [r for r in defaults if linter.selection.enabled(r)], origin)
    if cfg.exclude:
        out.append(RuleSwitch(origin, (), written=f"exclude = {list(cfg.exclude)}", kind="exclude"))
    return out


def _lowered(linter: Linter, running: list[type[Rule]], origin: str) -> list[RuleSwitch]:
    """Rules whose default severity fails the run but whose configured severity, or the
    config's ``fail-on``, no longer does: they still report, CI stays green."""
    cfg = linter.config
    lowered = tuple(r.id for r in running if r.default_severity.rank >= Severity.WARNING.rank
                    and linter.selection.severity_of(r, None).rank < cfg.fail_on.rank)
    if not lowered:
        return []
    written = [f'fail-on = "{cfg.fail_on.value}"'] if cfg.fail_on.rank > Severity.WARNING.rank else []
    written += [f'severity {pattern} = "{level.value}"' for pattern, level in cfg.severity.items()
                if level.rank < cfg.fail_on.rank]
    return [RuleSwitch(origin, lowered, written=", ".join(written), kind="no-fail")]


def post_switches(suppressions: Mapping[str, Iterable]) -> list[RuleSwitch]:
    """Whole-file suppressions of each post (``lint.ignore``, ``ignore-file``)."""
    out = []
    for path, items in suppressions.items():
        codes = [c for s in items if s.first_line <= 1 and s.last_line >= WHOLE_FILE for c in (s.codes or ("ALL",))]
        if codes:
            out.append(RuleSwitch(path, tuple(dict.fromkeys(codes)), "file"))
    return out
