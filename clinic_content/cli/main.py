"""Command line, following ruff's conventions.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, config or
internal error. Heavy modules are imported inside the commands so that
``--help`` and ``rules`` start fast (and never load the morphology analyzer).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK  # noqa: F401 (re-exported)
from .common import error as _error, run_lang as _lang, say as _say  # noqa: F401 (re-exported)

FORMAT_CHOICES = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")


def _date(value: str) -> date:
    from ..core.clock import YEARS

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"a date between {YEARS[0]} and {YEARS[1]}: {value!r}")
    return day


def _month(value: str) -> date:
    try:
        return _date(value + "-01")
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {value!r}") from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of jobs: {value!r}")
    return jobs


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clinic-content",
        description="Lint a clinic's social-media posts: advertising law, consent, platform rules, "
        "readability and posting cadence.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = sub.add_parser("lint", help="check posts (files or folders)")
    lint.add_argument("paths", nargs="*", default=None,
                      help="files or folders (default: the content roots); - reads one post from standard input")
    lint.add_argument("--config", help="config file to use instead of the discovered one")
    lint.add_argument("--stdin-filename", metavar="PATH",
                      help="the file the standard-input text stands for (config, per-file ignores, calendar)")
    lint.add_argument("--select", type=_codes, help="comma-separated codes or prefixes to enable (replaces config)")
    lint.add_argument("--extend-select", type=_codes, default=[], help="codes to enable on top of the selection")
    lint.add_argument("--ignore", type=_codes, default=[], help="comma-separated codes or prefixes to disable")
    lint.add_argument("--format", choices=FORMAT_CHOICES, default=None, help="output format (default: text)")
    lint.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails (exit 1)")
    lint.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    lint.add_argument("--lang", choices=("ru", "en"), help="message language (default: config, then locale)")
    lint.add_argument("--today", type=_date, help="date to judge expiry and deadlines against (default: today)")
    lint.add_argument("--changed-since", metavar="REF",
                      help="lint only posts changed since the merge base with REF (calendar rules still see all)")
    lint.add_argument("--only-changed-lines", action="store_true",
                      help="with --changed-since: hide findings on lines the change did not touch")
    lint.add_argument("--fix", action="store_true",
                      help="apply safe fixes (ad warning, «Реклама» label and advertiser, Meta footnote, supplement notice)")
    lint.add_argument("--diff", action="store_true", help="show the fixes as a unified diff without writing (exit 1 if any)")
    lint.add_argument("--no-cache", action="store_true", help="ignore and do not write .clinic-content-cache/")
    lint.add_argument("--cache", action="store_true",
                      help="use .clinic-content-cache/ under CI too (off there by default: docs/security.md)")
    lint.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                      help="worker processes for many files (default: CPU count, at most 8; 1 for profiling)")
    lint.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    lint.add_argument("--output-file", "-o", help="write the report to this file")
    lint.add_argument("--quiet", "-q", action="store_true", help="print nothing, only set the exit code")
    lint.add_argument("--category", default="clinic-content", metavar="NAME",
                      help="SARIF automationDetails.id: the code-scanning category (one per workflow job)")
    lint.add_argument("--verbose", "-v", action="store_true", help="show internal details of errors and the files left out")
    lint.add_argument("--show-settings", action="store_true",
                      help="print the resolved settings for PATH (config file, rules, severities, options) and exit")
    lint.add_argument("--watch", "-w", action="store_true", help="re-lint whenever a post, the config or a pack changes (Ctrl-C stops)")
    lint.add_argument("--color", choices=("auto", "always", "never"), default=None,
                      help="colour the text report (default auto: a terminal, not CI; NO_COLOR / FORCE_COLOR apply)")

    rules = sub.add_parser("rules", help="list every rule: id, name, severity, summary")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--lang", choices=("ru", "en"))

    explain = sub.add_parser("explain", help="print a rule's full documentation")
    explain.add_argument("rule", help="rule id (FM002) or name (unknown-key)")
    explain.add_argument("--lang", choices=("ru", "en"))

    schema = sub.add_parser("schema", help="print the JSON Schema of the front-matter (for editors)")
    schema.add_argument("--config", help="config whose platforms and accounts the schema lists (default: discovered)")
    schema.add_argument("--format", choices=["json-schema", "front-matter-cms"], default="json-schema",
                        help="JSON Schema (VS Code YAML, any validator) or a Front Matter CMS content type")
    from .init_cmd import add_parser as add_init

    add_init(sub)

    calendar = sub.add_parser("calendar", help="export the plan as iCalendar (.ics) or show a month")
    calendar_sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    export = calendar_sub.add_parser("export", help="write an .ics feed for Google/Outlook/Apple/Thunderbird")
    show = calendar_sub.add_parser("show", help="a month view: days × platforms, counts and titles")
    for action in (export, show):
        action.add_argument("paths", nargs="*", default=None, help="files or folders (default: the content roots)")
        action.add_argument("--config", help="config file to use instead of the discovered one")
        action.add_argument("--platform", action="append", default=[], help="only these platforms (repeatable)")
        action.add_argument("--status", type=_codes, default=[], help="only these statuses, e.g. approved,scheduled")
        action.add_argument("--lang", choices=("ru", "en"))
        action.add_argument("--private", action="store_true",
                            help="internal calendar: titles and texts unmasked, drafts' texts included (never publish it)")
    export.add_argument("--output", "-o", help="the .ics file (default: standard output)")
    export.add_argument("--stage", action="store_true",
                        help="git add the file when it changed (the pre-commit hook: one commit attempt)")
    export.add_argument("--exit-non-zero-on-change", action="store_true",
                        help="exit 1 when the .ics file was created or changed (pre-commit: stage it)")
    export.add_argument("--from", dest="start", type=_date, help="first day (publish date, clinic timezone)")
    export.add_argument("--to", dest="end", type=_date, help="day after the last one")
    export.add_argument("--split-by", choices=("platform",), help="one event per post and platform")
    export.add_argument("--no-review-events", action="store_true", help="no separate review-deadline events")
    export.add_argument("--no-lint", action="store_true", help="do not put the lint summary into descriptions (faster)")
    export.add_argument("--today", type=_date, help="date the lint summary judges deadlines against")
    export.add_argument("--revisions", choices=("front-matter", "git"), default="front-matter",
                        help="revision time of a post (DTSTAMP, SEQUENCE): `updated`/publish_at, or its last git commit")
    show.add_argument("--month", type=_month, help="YYYY-MM (default: the month of the next post)")

    packs = sub.add_parser("packs", help="the clinic's own phrase packs (config key `packs`)")
    packs_sub = packs.add_subparsers(dest="packs_command", metavar="ACTION", required=True)
    packs_test = packs_sub.add_parser("test", help="validate packs and run their fire/silent examples")
    packs_test.add_argument("files", nargs="*", help="pack files (default: the config's `packs`)")
    packs_test.add_argument("--config", help="config file to use instead of the discovered one")
    packs_test.add_argument("--lang", choices=("ru", "en"))

    stats = sub.add_parser("stats", help="per post: words, readability score, jargon density")
    stats.add_argument("paths", nargs="*", default=None, help="files or folders (default: the content roots)")
    stats.add_argument("--config", help="config file to use instead of the discovered one")
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.add_argument("--lang", choices=("ru", "en"))

    server = sub.add_parser("server", help="language server for editors (LSP over stdio; needs clinic-content[lsp])")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the only transport; for clients that pass it)")
    server.add_argument("--lang", choices=("ru", "en"))
    server.add_argument("--today", type=_date, help="date to judge expiry and deadlines against (default: today)")
    server.add_argument("--debounce-ms", type=int, default=200, help="wait this long after a keystroke before re-linting")
    server.add_argument("--docs-url", help="base URL of docs/rules.md that diagnostics link to")

    report = sub.add_parser("report", help="the plan as one self-contained HTML page")
    report.add_argument("paths", nargs="*", default=None, help="files or folders (default: the content roots)")
    report.add_argument("--output", "-o", required=True, help="the .html file to write")
    report.add_argument("--config", help="config file to use instead of the discovered one")
    report.add_argument("--lang", choices=("ru", "en"))
    report.add_argument("--today", type=_date, help="date to judge expiry and deadlines against (default: today)")
    report.add_argument("--include-drafts", action="store_true", help="show the titles and text excerpts of drafts")
    report.add_argument("--docs-url", help="base URL of docs/rules.md that findings link to")
    report.add_argument("--no-cache", action="store_true", help="ignore and do not write .clinic-content-cache/")
    report.add_argument("--cache", action="store_true", help="use .clinic-content-cache/ under CI too (as lint)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.version:
        from importlib.metadata import version

        print(f"clinic-content {version('clinic-content')}")
        return EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    handler = {"lint": _lint, "rules": _rules, "explain": _explain, "schema": _schema, "stats": _stats,
               "calendar": _calendar, "packs": _packs, "init": _init, "server": _server, "report": _report}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    finally:
        if args.command == "lint":  # in-process callers (tests, --watch's caller) list folders afresh
            from ..source.files import forget_walks

            forget_walks()


def _lint(args: argparse.Namespace) -> int:
    from .lint_cmd import run

    return run(args)


def _rules(args: argparse.Namespace) -> int:
    from .rules_cmd import run_rules

    return run_rules(args)


def _explain(args: argparse.Namespace) -> int:
    from .rules_cmd import run_explain

    return run_explain(args)


def _stats(args: argparse.Namespace) -> int:
    from ..source.config import Config, ConfigError
    from ..engine.linter import Linter
    from ..source.files import UsageError, collect_files, content_roots
    from ..report.stats import format_stats, post_stats

    paths = args.paths or []
    try:
        config = Config.from_file(args.config) if args.config else Config.discover(paths[0] if paths else ".")
        paths = paths or [str(p) for p in content_roots(config) if p.is_dir()] or ["."]
        linter = Linter(config, select=["LANG002"], lang=args.lang)
        files = collect_files([Path(p) for p in paths], config)
    except (ConfigError, UsageError) as exc:
        lang = _lang(args, paths[0] if paths else ".")
        return _error(str(getattr(exc, "ru", exc)) if lang == "ru" else str(exc), lang)
    professional = linter._contexts["LANG002"].options.professional_platforms
    rows = [post_stats(post, professional) for post in map(linter.load, files) if post.usable]
    sys.stdout.write(format_stats(rows, args.format, linter.lang or "en"))
    return EXIT_OK


def _calendar(args: argparse.Namespace) -> int:
    from .calendar_cmd import run

    return run(args, _error)


def _packs(args: argparse.Namespace) -> int:
    from .packs_cmd import run

    return run(args, _error)


def _init(args: argparse.Namespace) -> int:
    from .init_cmd import run

    return run(args, _error, _lang(args, args.folder))


def _schema(args: argparse.Namespace) -> int:
    import json

    from ..source.config import Config, ConfigError
    from ..source.schema import front_matter_schema

    try:  # the clinic's platforms and accounts, when run inside a content repo
        config = Config.from_file(args.config) if args.config else Config.discover(".")
    except ConfigError as exc:
        return _error(str(exc))
    if args.format == "front-matter-cms":
        from ..source.frontmatter_cms import content_type

        print(json.dumps(content_type(config), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(json.dumps(front_matter_schema(config), ensure_ascii=False, indent=2))
    return EXIT_OK


def _server(args: argparse.Namespace) -> int:
    try:
        from ..lsp.server import serve
    except ImportError as exc:
        from ..source.config import peek_lang

        if (args.lang or peek_lang(".")) == "ru":
            return _error(f"языковому серверу нужен pygls: pip install 'clinic-content[lsp]' ({exc})", "ru")
        return _error(f"the language server needs pygls: pip install 'clinic-content[lsp]' ({exc})")
    today = datetime.combine(args.today, datetime.min.time()) if args.today else None
    return serve(lang=args.lang, today=today, debounce_ms=max(0, args.debounce_ms), docs_url=args.docs_url)


def _report(args: argparse.Namespace) -> int:
    from .report_cmd import run

    return run(args, _error)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
