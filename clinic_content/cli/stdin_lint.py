"""``clinic-content lint -``: lint a post read from standard input (CMS, bots, editors).

With ``--stdin-filename posts/x.md`` the text stands in for that file: the config is found
from the name's folder, per-file ignores match the name, and the calendar rules see the
repository with this text in place of the file on disk (which need not exist yet).
Without a name the post is ``stdin.md`` in the working directory and no calendar rule
runs: one text alone says nothing about the plan. ``--fix`` prints the fixed text to
standard output (the report goes to standard error), ``--diff`` prints the diff, as ruff does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.diagnostics import Report
from ..engine.linter import Linter
from ..source.files import UsageError
from ..ruleset.rule import CalendarRule

DEFAULT_NAME = "stdin.md"  # Vale's name for an unnamed Markdown text
_BOM = b"\xef\xbb\xbf"


def stdin_target(args: argparse.Namespace) -> Path | None:
    """The file the standard-input text stands for, or None when the run lints files."""
    paths, name = list(args.paths or []), getattr(args, "stdin_filename", None)
    if "-" not in paths and name is None:
        return None
    if paths not in ([], ["-"]):
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if args.changed_since:
        raise UsageError("--changed-since cannot be used when linting standard input")
    return Path(name) if name else Path(DEFAULT_NAME)


def lint_stdin(linter: Linter, target: Path, args: argparse.Namespace, raw: bytes | None = None) -> tuple[Report, bytes | None]:
    """The report on the text, and with ``--fix``/``--diff`` what goes to standard output."""
    if raw is None:
        raw = _read_stdin()
    if getattr(args, "stdin_filename", None) is None:
        linter.enabled = [r for r in linter.enabled if not issubclass(r, CalendarRule)]
    post = linter.load(target, raw)
    if not (args.fix or args.diff):
        return _report(linter, post, raw), None
    fixed = linter.fix_posts([post])
    if not fixed:
        return _report(linter, post, raw), (b"" if args.diff else raw)
    result = fixed[0][1]
    if args.diff:
        return _report(linter, post, raw), result.diff().encode("utf-8")
    new = (_BOM if raw.startswith(_BOM) else b"") + result.after.encode("utf-8")
    return _report(linter, linter.load(target, new), new), new


def _report(linter: Linter, post, raw: bytes) -> Report:
    report = linter.lint_posts([post])
    report.texts[post.display_path] = raw.decode("utf-8", errors="replace")
    return report


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return stream.read()
    return (sys.stdin.read() if sys.stdin is not None else "").encode("utf-8")


def write_stdout(data: bytes) -> None:
    """Bytes to standard output unchanged (the fixed text keeps its BOM and line endings)."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        stream.write(data)
        stream.flush()
    else:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
