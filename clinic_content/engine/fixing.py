"""The ``--fix`` half of :class:`~clinic_content.engine.linter.Linter`: the edits fixable rules offer
for the findings that survive suppression, applied only when the result is stable (fixing it
again changes nothing). A mixin so that ``Linter.fix_paths``/``fix_posts`` stay where the
documented API has them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..core.diagnostics import Finding, Report
from ..source.files import collect_files
from ..source.post import Post
from ..ruleset.rule import PostRule, Rule
from .suppressions import suppressions_of

if TYPE_CHECKING:
    from ..source.config import Config
    from ..ruleset.fixer import FixResult
    from ..ruleset.rule import Context


class FixingMixin:
    """Fixing methods of the linter (they use its config, rules, contexts and lint runs)."""

    if TYPE_CHECKING:  # what the linter provides
        config: Config
        skipped: list[Path]
        _contexts: dict[str, Context]
        _kept: list | None

        def load(self, path: Path, raw: bytes | None = None) -> Post: ...
        def lint_posts(self, targets: list[Post], *, registry_requested: bool = False) -> Report: ...
        def lint_paths(self, paths: Iterable[str | Path], *, registry_requested: bool | None = None) -> Report: ...
        def post_diagnostics(self, post: Post, suppressions: list, report: Report) -> list: ...

    def fix_paths(self, paths: Iterable[str | Path], *, write: bool = True,
                  registry_requested: bool | None = None) -> tuple[Report, list]:
        """Apply the safe fixes of the enabled rules (``--fix``; ``write=False`` for ``--diff``).

        Returns the report after fixing (what is left) and the per-file results."""
        from ..ruleset.fixer import had_bom, write_fix

        registry = (self.config.root / self.config.consents_file).resolve()
        files = [f for f in collect_files([Path(p) for p in paths], self.config, self.skipped) if f != registry]
        targets = [self.load(f) for f in files]
        results = []
        for post, result in self.fix_posts(targets, keep_unstable=True):
            results.append(result)
            if write and not result.refused:
                write_fix(post, result, had_bom(post))
        if not write:
            return self.lint_posts(targets), results
        return self.lint_paths(paths, registry_requested=registry_requested), results

    def fix_posts(self, targets: list[Post], *, keep_unstable: bool = False) -> list[tuple[Post, FixResult]]:
        """(post, FixResult) for each post the safe fixes change; nothing is written. A fix that
        does not converge (fixing its result would change it again: the insertion lands in a
        comment) is left out, or with ``keep_unstable`` kept and marked ``refused="unstable"``."""
        from ..ruleset.fixer import converges, fix_post, had_bom

        fixed = []
        for post, post_edits in self._fixes(targets).values():
            result = fix_post(post, post_edits)
            if result is None:
                continue
            bom = b"\xef\xbb\xbf" if had_bom(post) else b""
            again = self.load(post.path, bom + result.after.encode("utf-8"))
            if not converges(result, self._fixes([again], calendar=False).get(again.display_path, (again, []))[1], again):
                if not keep_unstable:
                    continue
                result.refused = "unstable"  # never written
            fixed.append((post, result))
        return fixed

    def _fixes(self, posts: list[Post], *, calendar: bool = True) -> dict[str, tuple[Post, list]]:
        """Per post, the edits the fixable rules offer for the findings that survive suppression."""
        self._kept = []
        if calendar:
            self.lint_posts(posts)
        else:
            for post in posts:
                self.post_diagnostics(post, suppressions_of(post), Report())
        kept, self._kept = self._kept, None
        edits: dict[str, tuple[Post, list]] = {}
        for rule, post, finding in kept:
            if issubclass(rule, PostRule) and rule.fixable:
                edit = rule().fix(post, finding, self._contexts[rule.id])
                if edit is not None:
                    edits.setdefault(post.display_path, (post, []))[1].append(replace(edit, rule=rule.id))
        return edits

    def _fixable(self, rule: type[Rule], post: Post, finding: Finding) -> bool:
        if not (issubclass(rule, PostRule) and rule.fixable):
            return False
        try:
            return rule().fix(post, finding, self._contexts[rule.id]) is not None
        except Exception:  # a broken fix is not offered; --fix reports the crash
            return False
