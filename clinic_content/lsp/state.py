"""What the language server knows about a content repository, without the protocol.

One :class:`LintSession` per config file (the same discovery as ``lint``). It keeps
every post under the content roots as a small calendar entry in memory — read from
disk once, then replaced by the editor's unsaved text while a document is open — so
a keystroke re-runs the post rules on one text and the calendar rules over entries,
never re-reading the repository. Kept free of LSP types so the benchmark and the
tests can drive it directly.
"""

from __future__ import annotations

import os
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..engine.cache import LintCache
from ..source.config import Config
from ..core.diagnostics import Diagnostic, Finding, Report
from ..engine.linter import Linter
from ..calendar.entries import CalendarEntry, entry_of
from ..source.files import content_files, display_path, real_path
from ..source.post import Post, load_text
from ..ruleset.rule import Edit, PostRule, Rule
from ..engine.suppressions import suppressions_of

# calendar rules whose findings on a post involve only posts sharing a feed, its id or its text
_NEIGHBOUR_RULES = frozenset({"CAL001", "CAL002", "CAL003", "CAL004", "CAL005", "CAL006", "CAL007"})
_LINT_KEY = re.compile(r"^lint:[ \t]*\{?[ \t]*ignore:[ \t]*\[", re.MULTILINE)


@dataclass
class DocumentResult:
    """One linted text: its post, what is reported, and the fixes behind the findings."""

    post: Post
    diagnostics: list[Diagnostic]
    fixes: dict[tuple[int, int, str], list[Edit]] = field(default_factory=dict)
    post_diagnostics: list[Diagnostic] = field(default_factory=list)  # reused when only the calendar changed
    suppressions: list = field(default_factory=list)
    used_by_post: list[bool] = field(default_factory=list)  # which suppressions the post rules used


class LintSession:
    """Lint state of one content repository (one config)."""

    def __init__(self, config: Config, *, lang: str | None = None, today: datetime | None = None) -> None:
        self.config = config
        self.linter = Linter(config, lang=lang, today=today)
        self._disk: dict[Path, CalendarEntry] | None = None  # real path -> entry of the saved file
        self._open: dict[Path, CalendarEntry] = {}  # real path -> entry of the editor's text
        self._index = _Index()  # the saved entries by feed, id and text
        self._lock = threading.Lock()  # the calendar may be read in a thread (the server)
        self._changed_while_loading: set[Path] = set()
        self.results: dict[Path, DocumentResult] = {}

    # -- the calendar in memory ----------------------------------------------

    def shown(self, path: Path) -> str:
        """A post's path as findings name it: relative to the repository root, as in CI."""
        try:
            return real_path(path).relative_to(real_path(self.config.root)).as_posix()
        except ValueError:
            return display_path(path)

    @property
    def calendar_ready(self) -> bool:
        return self._disk is not None

    def load_calendar(self) -> None:
        """Read every saved post's calendar entry (seconds in a 10,000-post repository; the
        server does it in a thread and publishes the post rules' findings meanwhile)."""
        if self._disk is not None:
            return
        disk, index = {}, _Index()
        if self.linter.calendar_rules:
            cache = _lint_cache(self.linter)
            for path in content_files(self.config):
                real = real_path(path)
                disk[real] = entry = _cached_entry(cache, real) or self._entry_from_disk(real)
                entry.display_path = self.shown(real)
                index.add(real, entry)
        with self._lock:
            for path in self._changed_while_loading:  # changed after the loader listed or read them
                self._apply(disk, index, path)
            self._changed_while_loading = set()
            self._index, self._disk = index, disk  # the lint thread sees all of it or nothing

    def _entries_on_disk(self) -> dict[Path, CalendarEntry]:
        self.load_calendar()
        return self._disk  # type: ignore[return-value]

    def _entry_from_disk(self, path: Path) -> CalendarEntry:
        entry = entry_of(self.linter.load(path))
        entry.display_path = self.shown(path)
        return entry

    def file_changed(self, path: Path) -> None:
        """A post was saved, created, deleted or changed outside the editor."""
        real = real_path(path)
        if real == real_path(self.config.root / self.config.consents_file):
            self.linter.consents._registry = None  # read again on next use
            self.results.clear()
            return
        with self._lock:
            if not self.calendar_ready:
                self._changed_while_loading.add(real)  # the loader applies it when done
                return
        self._apply(self._entries_on_disk(), self._index, real)

    def _apply(self, disk: dict[Path, CalendarEntry], index: _Index, real: Path) -> None:
        """Bring one file's saved entry up to date (gone, new or changed)."""
        if real in disk:
            index.remove(real, disk.pop(real))
        if self.linter.calendar_rules and real.is_file() and real in {real_path(p) for p in content_files(self.config)}:
            disk[real] = entry = self._entry_from_disk(real)
            index.add(real, entry)

    def close(self, path: Path) -> None:
        real = real_path(path)
        self._open.pop(real, None)
        self.results.pop(real, None)

    def calendar_changed(self, path: Path, before: CalendarEntry | None) -> bool:
        """Whether the new text moved the post in the calendar (other posts' findings may change)."""
        after = self._open.get(real_path(path))
        if before is None or after is None:
            return True
        return (before.meta, before.id, before.text_key, before.usable) != (after.meta, after.id, after.text_key, after.usable)

    def entry(self, path: Path) -> CalendarEntry | None:
        return self._open.get(real_path(path))

    # -- linting -------------------------------------------------------------

    def lint(self, path: Path, text: str, *, wait_for_calendar: bool = True) -> DocumentResult:
        """Every finding ``lint`` would report for this file if ``text`` were saved; with
        ``wait_for_calendar=False``, without the calendar rules' until the calendar is read."""
        real = real_path(path)
        root = next((r for r in map(real_path, (self.config.root / c for c in self.config.content_roots))
                     if r in real.parents), None)
        post = load_text(text, real, tz=self.config.tz, limits=self.linter.limits, settings=self.config.meta_settings,
                         display_path=self.shown(real), content_root=root)
        linter = self.linter
        suppressions = suppressions_of(post)
        scratch = Report()
        linter._kept = []
        try:
            found = linter.post_diagnostics(post, suppressions, scratch)
            kept = linter._kept
        finally:
            linter._kept = None
        fixes: dict[tuple[int, int, str], list[Edit]] = {}
        for rule, _, finding in kept:
            edit = _fix_of(rule, post, finding, linter)
            if edit is not None:
                d = linter._stamp(rule, post.display_path, finding)
                fixes.setdefault((d.line, d.column, d.code), []).append(edit)
        self._open[real] = entry_of(post)
        post_part = [*scratch.diagnostics, *found]
        result = DocumentResult(post, [], fixes, post_part, suppressions, [s.used for s in suppressions])
        result.diagnostics = self._with_calendar(result, wait_for_calendar or self.calendar_ready)
        self.results[real] = result
        return result

    def recheck(self, path: Path) -> DocumentResult | None:
        """Re-run only the calendar rules for an open post (another post moved)."""
        result = self.results.get(real_path(path))
        if result is None:
            return None
        for s, used in zip(result.suppressions, result.used_by_post):
            s.used = used
        result.diagnostics = self._with_calendar(result, self.calendar_ready)
        return result

    def _with_calendar(self, result: DocumentResult, calendar: bool = True) -> list[Diagnostic]:
        linter, post = self.linter, result.post
        out = list(result.post_diagnostics)
        suppressions = {post.display_path: result.suppressions}
        if linter.calendar_rules and calendar:
            entries = self._calendar_for(self._open[real_path(post.path)])
            scratch = Report()
            out += linter.calendar_diagnostics(entries, suppressions, scratch)
            out += scratch.diagnostics
        if calendar or not linter.calendar_rules:  # a CAL suppression is judged with the calendar
            out += linter._unused_suppressions(suppressions)
        out.sort(key=Diagnostic.sort_key)
        return out

    def _calendar_for(self, mine: CalendarEntry) -> list[CalendarEntry]:
        """The entries the calendar rules need to judge one post. The built-in rules compare a
        post only with posts on the same feed, with the same id or the same text, so a keystroke
        in a 10,000-post repository judges a few hundred entries, found in an index; any other
        calendar rule (a plugin) gets them all."""
        disk = self._entries_on_disk()
        if not {r.id for r in self.linter.calendar_rules} <= _NEIGHBOUR_RULES:
            return list({**disk, **self._open}.values())
        near = [disk[p] for p in self._index.near(mine) if p not in self._open]
        near += [e for e in self._open.values() if e is mine or _Index.related(e, mine)]
        return sorted(near, key=lambda e: e.display_path)  # the order `lint` sees them in

    # -- "ignore this rule here" ---------------------------------------------

    def ignore_edit(self, result: DocumentResult, d: Diagnostic) -> tuple[Edit, str] | None:
        """The edit that suppresses ``d``: a comment above its block, or ``lint.ignore`` in the
        front-matter for findings there; with a short description of where it goes."""
        post = result.post
        if post.parsed is None:
            return None
        source = post.parsed.source
        fm = post.parsed.front_matter
        closing = fm.last_line if fm is not None else 0
        if d.line > closing:
            block = next((b for b in post.body.blocks if b.first_line <= d.line <= b.last_line), None)
            if block is not None and block.kind != "html_block":
                at = source.line_starts[block.first_line - 1]
                return Edit(at, at, f"<!-- clinic-content: ignore {d.code} -->\n", d.code), "block"
        header = source.text[: source.line_starts[closing - 1]] if closing else ""
        existing = _LINT_KEY.search(header)
        if existing is not None:
            return Edit(existing.end(), existing.end(), f"{d.code}, ", d.code), "post"
        if re.search(r"^lint:", header, re.MULTILINE) or not closing:
            return None  # a block-style `lint:` mapping: editing YAML by hand is safer
        at = source.line_starts[closing - 1]
        return Edit(at, at, f"lint: {{ignore: [{d.code}]}}\n", d.code), "post"


def _fix_of(rule: type[Rule], post: Post, finding: Finding, linter: Linter) -> Edit | None:
    if not (issubclass(rule, PostRule) and rule.fixable):
        return None
    edit = rule().fix(post, finding, linter._contexts[rule.id])
    if edit is None:
        return None
    text = post.parsed.source.text if post.parsed else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    return replace(edit, insert=edit.insert.replace("\n", newline), rule=rule.id)


def _feeds(entry: CalendarEntry) -> list[str]:
    """Feeds as the cadence rules group them: ``platform`` or ``platform/account``."""
    account = entry.meta.account
    return [f"{p}/{account}" if account else p for p in entry.meta.platforms]


def _lint_cache(linter: Linter) -> LintCache | None:
    """The cache `lint` filled (read only): a repository linted today opens in a second.
    Not under CI, where `lint` does not trust it either (docs/security.md)."""
    if os.environ.get("CLINIC_CONTENT_NO_CACHE") or os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        return None
    from ..engine.runner import cache_key

    return LintCache(linter.config.root, cache_key(linter))


def _cached_entry(cache: LintCache | None, path: Path) -> CalendarEntry | None:
    """The file's calendar entry from the cache while the file is unchanged."""
    if cache is None:
        return None
    try:
        record = cache.lookup(path, path.stat())
    except OSError:
        return None
    return CalendarEntry.from_json(record.entry) if record is not None and record.entry else None


class _Index:
    """Saved entries by feed, id and text: who a post's calendar findings can involve."""

    def __init__(self) -> None:
        self.keys: dict[str, set[Path]] = defaultdict(set)

    @staticmethod
    def keys_of(entry: CalendarEntry) -> list[str]:
        keys = [f"feed:{f}" for f in _feeds(entry)] + [f"id:{entry.id}"]
        return keys + [f"text:{entry.text_key}"] if entry.text_key else keys

    @classmethod
    def related(cls, a: CalendarEntry, b: CalendarEntry) -> bool:
        return not set(cls.keys_of(a)).isdisjoint(cls.keys_of(b))

    def add(self, path: Path, entry: CalendarEntry) -> None:
        for key in self.keys_of(entry):
            self.keys[key].add(path)

    def remove(self, path: Path, entry: CalendarEntry) -> None:
        for key in self.keys_of(entry):
            self.keys[key].discard(path)

    def near(self, entry: CalendarEntry) -> set[Path]:
        return set().union(*(self.keys.get(k, ()) for k in self.keys_of(entry)))
