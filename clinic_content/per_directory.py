"""Each linted file is judged under its own config: the closest config file to it
(ruff's rule, docs/configuration.md), whatever the order of the paths or the cwd.

The files of a run are grouped by config; each group gets its own :class:`Linter`
and the reports are merged into one. The run's language is one for all groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .config import Config, config_for
from .diagnostics import Diagnostic, Report
from .files import collect_files


@dataclass
class Group:
    """A config and the post files it applies to (real paths), plus the paths as given."""

    config: Config
    files: list[Path]
    requested: list[Path]


def group_files(paths: Iterable[str | Path], config: Config | None = None) -> list[Group]:
    """Expand ``paths`` into post files, grouped by the config of each file. With ``config``
    (``--config FILE``) every file uses that one, as in ruff."""
    groups: dict[int, Group] = {}
    for raw in paths:
        path = Path(raw)
        expand_with = config or config_for(path)
        for file in collect_files([path], expand_with):
            own = config or config_for(file)
            group = groups.setdefault(id(own), Group(own, [], []))
            if file not in group.files:
                group.files.append(file)
            if path not in group.requested:
                group.requested.append(path)
    return list(groups.values())


def merge(reports: Iterable[Report]) -> Report:
    """One report from the reports of several groups."""
    out = Report()
    for report in reports:
        out.diagnostics.extend(report.diagnostics)
        out.files_checked += report.files_checked
        out.internal_errors += report.internal_errors
        out.paths.extend(report.paths)
        out.switches.extend(s for s in report.switches if s not in out.switches)
    out.diagnostics.sort(key=Diagnostic.sort_key)
    return out


def lint_groups(groups: list[Group], run: Callable[[Group], Report]) -> Report:
    return merge(run(group) for group in groups)
