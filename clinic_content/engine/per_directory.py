"""Each linted file is judged under its own config: the closest config file to it
(ruff's rule, docs/configuration.md), whatever the order of the paths or the cwd.

The files of a run are grouped by config; each group gets its own :class:`Linter`
and the reports are merged into one. The run's language is one for all groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..source.config import Config, config_for
from ..core.diagnostics import Diagnostic, Report
from ..source.files import collect_files


@dataclass
class Group:
    """A config and the post files it applies to (real paths), plus the paths as given."""

    config: Config
    files: list[Path]
    requested: list[Path]


def group_files(paths: Iterable[str | Path], config: Config | None = None,
                skipped: list[tuple[Path, list[str]]] | None = None) -> list[Group]:
    """Expand ``paths`` into post files, grouped by the config of each file. With ``config``
    (``--config FILE``) every file uses that one, as in ruff. Named files outside their
    config's content roots go to ``skipped`` with those roots."""
    groups: dict[int, Group] = {}
    files: dict[int, dict[Path, None]] = {}  # ordered sets: a list's `in` is quadratic on 10,000 posts
    requested: dict[int, dict[Path, None]] = {}
    by_folder: dict[Path, Config] = {}  # posts of one folder share their config
    for raw in paths:
        path = Path(raw)
        expand_with = config or config_for(path)
        left_out: list[Path] = []
        found = collect_files([path], expand_with, left_out)
        if skipped is not None:
            skipped.extend((p, list(expand_with.content_roots)) for p in left_out)
        for file in found:
            own = config or by_folder.get(file.parent) or by_folder.setdefault(file.parent, config_for(file))
            key = id(own)
            groups.setdefault(key, Group(own, [], []))
            files.setdefault(key, {})[file] = None
            requested.setdefault(key, {})[path] = None
    for key, group in groups.items():
        group.files, group.requested = list(files[key]), list(requested[key])
    return list(groups.values())


def merge(reports: Iterable[Report]) -> Report:
    """One report from the reports of several groups."""
    from ..text.masking import Masker

    out = Report()
    maskers = []
    for report in reports:
        maskers += [report.masker] if report.masker else []
        out.diagnostics.extend(report.diagnostics)
        out.files_checked += report.files_checked
        out.internal_errors += report.internal_errors
        out.paths.extend(report.paths)
        out.switches.extend(s for s in report.switches if s not in out.switches)
        out.streamed = out.streamed or report.streamed  # one group at most: the CLI streams only then
    out.diagnostics.sort(key=Diagnostic.sort_key)
    out.masker = Masker.union(maskers)  # every group's staff and contacts stay readable
    return out


def lint_groups(groups: list[Group], run: Callable[[Group], Report]) -> Report:
    return merge(run(group) for group in groups)
