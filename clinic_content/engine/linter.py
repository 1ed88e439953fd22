"""Run the enabled rules over posts and turn findings into sorted diagnostics.

Post rules run on the files asked for; calendar rules run once on every post
under the content roots (cheap: bodies are parsed only when a rule asks) and
keep the findings that involve the files asked for. An exception inside a
rule becomes an ``INTERNAL`` diagnostic naming the rule and file; everything
else is still reported.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..core import clock
from ..source.config import Config, ConfigError
from ..source.consents import ConsentRegistry, LazyRegistry
from ..core.diagnostics import Diagnostic, Finding, Report, Severity, Span
from ..calendar.entries import Calendar, CalendarEntry, entry_of
from ..source.files import collect_files, content_files, display_path, real_path
from .fixing import FixingMixin
from ..text.masking import Masker
from ..core.packs import load_platforms
from ..source.post import Post, load_post, load_text
from ..text.vocabulary import vocabulary
from .progress import Progress
from ..ruleset.registry import all_rules
from ..ruleset.rule import CalendarRule, Context, PostRule, Rule
from ..core.safe_open import escapes_lexically
from ..ruleset.rule_options import check_family_options as _check_family_options, rule_options as _rule_options
from ..ruleset.selection import Selection
from ..source.reading import Limits
from .suppressions import ActiveSuppression as _Suppressed, covers as _covers, unused_findings
from .suppressions import suppressions_of as _suppressions
from ..ruleset.switches import check_run_selection, config_switches, post_switches

if TYPE_CHECKING:
    from .streamed import StreamSpec

INTERNAL = "INTERNAL"


def message_lang(override: str | None, config: Config) -> str:
    """``--lang``, then the config, then the locale (ru for a Russian locale, else en)."""
    if override:
        return override
    if config.lang:
        return config.lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


@dataclass
class Linter(FixingMixin):
    """A configured lint run. Build once, then call :meth:`lint_paths` or :meth:`lint_posts`."""

    config: Config
    select: Sequence[str] | None = None
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    lang: str | None = None
    today: datetime | None = None
    rules: dict[str, type[Rule]] | None = None
    cache: bool = False  # reuse results of unchanged files (.clinic-content-cache/); the CLI turns it on
    jobs: int | None = None  # worker processes for many files (default: CPU count, at most 8)
    progress: Progress | None = None  # files done / total on a terminal; the CLI sets it
    _contexts: dict[str, Context] = field(init=False, default_factory=dict)
    _kept: list | None = field(init=False, default=None)  # findings that survived suppression (--fix)
    skipped: list[Path] = field(init=False, default_factory=list)  # named files outside the content roots
    stream: StreamSpec | None = field(init=False, default=None)  # the CLI's file-by-file output (engine/streamed.py)

    def __post_init__(self) -> None:
        cfg = self.config
        self.selection = Selection(
            select=tuple(self.select if self.select is not None else cfg.select) + tuple(cfg.extend_select)
            + tuple(self.extend_select),
            ignore=tuple(cfg.ignore) + tuple(self.ignore),
            severity=cfg.severity,
            per_file_ignores={k: tuple(v) for k, v in cfg.per_file_ignores.items()},
        )
        self.lang = message_lang(self.lang, cfg)
        self.today = self.today or clock.now(cfg.tz)
        if self.today.tzinfo is None:
            self.today = self.today.replace(tzinfo=cfg.tz)
        self.limits = Limits(max_file_bytes=cfg.max_file_size, root=cfg.root)
        known = self.rules if self.rules is not None else _rules_with_plugins(cfg)
        _check_family_options(cfg, known.values())
        check_run_selection(self, known)
        self.enabled = [r for r in known.values() if self.selection.enabled(r)]
        if escapes_lexically(cfg.root / cfg.consents_file, cfg.root):
            raise ConfigError(f"{cfg.source_file or '<config>'}: consents-file {cfg.consents_file!r} leads outside the repository",
                              f"{cfg.source_file or '<config>'}: consents-file {cfg.consents_file!r} ведёт за пределы репозитория")
        if not self.enabled:
            where = cfg.source_file or "<config>"
            raise ConfigError(f"{where}: the selection enables no rule: nothing would be checked"
                              " (select, extend-select and ignore, with --select/--ignore)",
                              f"{where}: выбор правил не включает ни одного: проверять нечего"
                              " (select, extend-select и ignore вместе с --select/--ignore)")
        self.switches = config_switches(self, known)
        self.known_ids = sorted(known)  # every rule id of this run, enabled or not (FM019: unknown codes)
        self.consents = LazyRegistry(cfg.root / cfg.consents_file, self.limits)
        vocabulary(cfg)  # a glossary file that cannot be read is a config error (exit 2) before any post
        self.platforms = load_platforms()
        self.masker = Masker.from_config(cfg)
        for rule in self.enabled:
            self._contexts[rule.id] = Context(
                config=cfg,
                options=_rule_options(rule, cfg),
                platforms=self.platforms,
                consents=self.consents,
                today=self.today,
                lang=self.lang,
            )

    # -- loading -------------------------------------------------------------

    def load(self, path: Path, raw: bytes | None = None) -> Post:
        """The post at ``path``; with ``raw``, those bytes stand in for the file (stdin, a fix's result)."""
        return load_post(
            path,
            tz=self.config.tz,
            limits=self.limits,
            display_path=display_path(path),
            content_root=_content_root_of(path, self.config),
            settings=self.config.meta_settings,
            raw=raw,
        )

    # -- running -------------------------------------------------------------

    def lint_paths(self, paths: Iterable[str | Path], *, registry_requested: bool | None = None) -> Report:
        """Lint files and folders (folders: the posts under the content roots inside them)."""
        registry = (self.config.root / self.config.consents_file).resolve()
        paths = list(paths)
        files = [f for f in collect_files([Path(p) for p in paths], self.config, self.skipped) if f != registry]
        requested = _registry_requested(paths, self.config) if registry_requested is None else registry_requested
        if any(r.id == "FM019" for r in self.enabled):  # unused suppressions need every finding in one pass
            return self.lint_posts([self.load(f) for f in files], registry_requested=requested)
        from .runner import lint_files

        report = lint_files(self, files, registry_requested=requested, use_cache=self.cache, jobs=self.jobs)
        report.masker = self.masker
        return report

    def lint_text(self, text: str, path: str = "<text>") -> Report:
        """Lint one post held in memory; calendar rules see it together with the content roots."""
        post = load_text(text, path, tz=self.config.tz, limits=self.limits, settings=self.config.meta_settings)
        return self.lint_posts([post])

    def lint_posts(self, targets: list[Post], *, registry_requested: bool = False) -> Report:
        report = Report(files_checked=len(targets), paths=[p.display_path for p in targets], masker=self.masker)
        suppressions = {p.display_path: _suppressions(p) for p in targets}
        if self.progress is not None:
            self.progress.start(len(targets))
        for post in targets:
            report.diagnostics.extend(self.post_diagnostics(post, suppressions[post.display_path], report))
            if self.progress is not None:
                self.progress.advance()
        if self.progress is not None:
            self.progress.finish()
        if targets and self.calendar_rules:
            entries = self._calendar(targets)
            report.diagnostics.extend(self.calendar_diagnostics(entries, suppressions, report))
        report.diagnostics.extend(self._unused_suppressions(suppressions))
        report.switches = [*self.switches, *post_switches(suppressions)]
        if registry_requested:
            report.diagnostics.extend(self._registry_diagnostics(self.consents))
        report.diagnostics.sort(key=Diagnostic.sort_key)
        return report

    @property
    def calendar_rules(self) -> list[type[Rule]]:
        return [r for r in self.enabled if issubclass(r, CalendarRule)]

    def post_diagnostics(self, post: Post, suppressions: list[_Suppressed], report: Report) -> list[Diagnostic]:
        """Every post rule on one post, minus what per-file ignores and suppressions silence."""
        raw = [(rule, f) for rule in self.enabled if issubclass(rule, PostRule) for f in self._run(rule, post, report, post)]
        return list(self._keep(raw, post.display_path, suppressions, post))

    def calendar_diagnostics(self, entries: list[CalendarEntry], suppressions: dict[str, list[_Suppressed]],
                             report: Report) -> list[Diagnostic]:
        """Calendar rules over every entry; only findings on the posts in ``suppressions`` are kept."""
        out: list[Diagnostic] = []
        calendar = Calendar(entries)
        for rule in self.calendar_rules:
            for finding in self._run(rule, calendar, report, None):
                # a calendar rule reports on each post involved; keep the ones asked for
                if finding.path in suppressions:
                    out.extend(self._keep([(rule, finding)], finding.path, suppressions[finding.path], None))
        return out

    def keep_calendar(self, found: list[Diagnostic], suppressions: dict[str, list[_Suppressed]]) -> list[Diagnostic]:
        """Stamped calendar findings (cached or fresh) on the posts in ``suppressions``, minus
        per-file ignores and suppressions: what :meth:`_keep` does to a calendar finding."""
        out = []
        for d in found:
            if d.path not in suppressions or self._ignored_in_file(d.code, d.path):
                continue
            hit = next((s for s in suppressions[d.path] if _covers(s, d.code, d.line)), None)
            if hit is not None:
                hit.used = True
            else:
                out.append(d)
        return out

    def _keep(self, raw, path: str, suppressions: list[_Suppressed], post: Post | None):
        for rule, finding in raw:
            if self._ignored_in_file(rule.id, path):
                continue
            span = finding.span or Span(1, 1)
            hit = next((s for s in suppressions if _covers(s, rule.id, span.line)), None)
            if hit is not None:
                hit.used = True
                continue
            if self._kept is not None and post is not None:
                self._kept.append((rule, post, finding))
            yield self._stamp(rule, path, finding, fixable=post is not None and self._fixable(rule, post, finding))

    def _ignored_in_file(self, code: str, path: str) -> bool:
        """per-file-ignores globs are relative to the config's folder, whatever the cwd."""
        if not self.selection.per_file_ignores:
            return False
        try:
            relative = Path(path).resolve().relative_to(self.config.root.resolve()).as_posix()
        except ValueError:
            relative = path
        return self.selection.ignored_in_file(code, relative)

    def _unused_suppressions(self, suppressions: dict[str, list[_Suppressed]]):
        unused_rule = next((r for r in self.enabled if r.id == "FM019"), None)
        if unused_rule is None:
            return
        enabled_ids = [r.id for r in self.enabled]
        for path, items in suppressions.items():
            if not self._ignored_in_file(unused_rule.id, path):
                for finding in unused_findings(items, enabled_ids, self.known_ids):
                    yield self._stamp(unused_rule, path, finding)

    def _run(self, rule: type[Rule], subject, report: Report, post: Post | None) -> list[Finding]:
        try:
            return list(rule().check(subject, self._contexts[rule.id]))  # type: ignore[arg-type]
        except Exception as exc:  # one broken rule must not hide the others' findings
            report.internal_errors += 1
            where = post.display_path if post else "<calendar>"
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            report.diagnostics.append(
                Diagnostic(
                    path=where,
                    line=1,
                    column=1,
                    code=INTERNAL,
                    severity=Severity.ERROR,
                    name="internal-error",
                    message=f"rule {rule.id} ({rule.name}) crashed: {detail}",
                )
            )
            return []

    def _calendar(self, targets: list[Post]) -> list[CalendarEntry]:
        """Every post under the content roots as a calendar entry, reusing the loaded ones."""
        from .runner import cached_entry

        loaded = {real_path(p.path): p for p in targets}
        entries = [entry_of(loaded[real_path(f)]) if real_path(f) in loaded
                   else (self.cache and cached_entry(self, f)) or entry_of(self.load(f)) for f in content_files(self.config)]
        known = {real_path(f) for f in content_files(self.config)}
        entries.extend(entry_of(p) for p in targets if real_path(p.path) not in known)
        return entries

    # -- stamping ------------------------------------------------------------

    def _stamp(self, rule: type[Rule], path: str, finding: Finding, *, fixable: bool = False) -> Diagnostic:
        span = finding.span or Span(1, 1)
        return Diagnostic(
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=rule.id,
            severity=self.selection.severity_of(rule, finding.severity),
            name=rule.name,
            message=self.masker.redact(rule.render(finding, self.lang or "en")),  # values quoted from posts
            related=finding.related,
            sensitive=finding.redact,
            fixable=fixable,
        )

    def _registry_diagnostics(self, registry: ConsentRegistry) -> list[Diagnostic]:
        from ..ruleset.registry import find_rule

        if not registry.path or not registry.problems:
            return []
        shown = display_path(registry.path)
        out = []
        for rule_id, finding in registry.problems:
            rule = find_rule(rule_id, self.config.plugins)
            if rule is not None and self.selection.enabled(rule):
                out.append(self._stamp(rule, shown, finding))
        return out


def _rules_with_plugins(config: Config) -> dict[str, type[Rule]]:
    from ..ruleset.registry import installed_plugins

    missing = sorted(set(config.plugins) - set(installed_plugins()))
    if missing:
        where = config.source_file or "<config>"
        installed = ", ".join(installed_plugins())
        raise ConfigError(f"{where}: plugins not installed: {', '.join(missing)} (installed: {installed or 'none'})",
                          f"{where}: не установлены плагины: {', '.join(missing)} (установлены: {installed or 'нет'})")
    from ..ruleset.clinic_packs import with_clinic_packs

    return with_clinic_packs(config, all_rules(plugins=config.plugins))


def _content_root_of(path: Path, config: Config) -> Path | None:
    resolved = os.fspath(real_path(path))
    for root in config.content_roots:
        candidate = real_path(config.root / root)
        if resolved.startswith(os.fspath(candidate) + os.sep):
            return candidate
    return None


def _registry_requested(paths: Iterable[str | Path], config: Config) -> bool:
    """Report registry problems when the registry file, or a folder holding it, is linted."""
    registry = (config.root / config.consents_file).resolve()
    named = real_path((config.root / config.consents_file).parent) / Path(config.consents_file).name  # a symlink too
    for p in paths:
        resolved = Path(p).resolve()
        if resolved in (registry, named) or (resolved.is_dir() and (resolved in registry.parents or resolved in named.parents)):
            return True
    return False


def lint_paths(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str | None = None,
    today: datetime | None = None,
) -> Report:
    """Lint files and folders. Without ``config`` each file uses its closest config file."""
    from .per_directory import group_files, merge

    paths = list(paths)
    if config is not None:
        return Linter(config, select=select, ignore=ignore, lang=lang, today=today).lint_paths(paths)
    lang = message_lang(lang, Config.discover(paths[0] if paths else "."))
    return merge(
        Linter(g.config, select=select, ignore=ignore, lang=lang, today=today).lint_paths(
            g.files, registry_requested=_registry_requested(g.requested, g.config))
        for g in group_files(paths)
    )


def lint_text(
    text: str,
    path: str = "<text>",
    config: Config | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str | None = None,
    today: datetime | None = None,
) -> Report:
    """Lint one post given as text."""
    config = config or Config.discover(".")
    return Linter(config, select=select, ignore=ignore, lang=lang, today=today).lint_text(text, path)
