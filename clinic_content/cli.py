"""Command line, following ruff's conventions.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, config or
internal error. Heavy modules are imported inside the commands so that
``--help`` and ``rules`` start fast (and never load the morphology analyzer).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMAT_CHOICES = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit")


def _date(value: str) -> date:
    from .clock import YEARS

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"a date between {YEARS[0]} and {YEARS[1]}: {value!r}")
    return day


def _lint_changed(linter, config, paths: list[str], args: argparse.Namespace):
    """Lint the posts changed since ``--changed-since``; optionally only their changed lines."""
    from .diagnostics import Report
    from .files import collect_files
    from .gitdiff import changes_since

    changes = changes_since(args.changed_since, config.root, with_lines=args.only_changed_lines)
    files = [f for f in collect_files([Path(p) for p in paths], config) if f.resolve() in changes.files]
    if not files:
        return Report()
    report = linter.lint_paths(files)
    if args.only_changed_lines:
        kept = [d for d in report.diagnostics if d.code == "INTERNAL" or changes.touches(Path(d.path), d.line)]
        report.diagnostics = kept
    return report


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
            from .files import forget_walks

            forget_walks()


def _freeze_imports() -> None:
    """Move everything imported so far (modules, compiled rules, packs) out of the garbage
    collector's view: later collections stop re-scanning it, and forked workers share it.
    A larger first-generation threshold: tokens are many short-lived objects without
    cycles (3-5 % less CPU on a cold lint). Once per process (``--watch`` and in-process
    callers lint many times)."""
    import gc

    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
        gc.set_threshold(20_000, 10, 10)


_frozen = False


def _error(message: str, lang: str = "en") -> int:
    from .safe_text import escape, guard_line

    # config values and file names come from pull requests too: CI reads stderr for workflow commands
    text = f"clinic-content: {'ошибка' if lang == 'ru' else 'error'}: {message}"
    print("\n".join(guard_line(escape(line)) for line in text.split("\n")), file=sys.stderr)
    return EXIT_ERROR


def _say(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def _lint(args: argparse.Namespace) -> int:
    from .config import Config, ConfigError
    from .diagnostics import Severity
    from .engine import Linter, _registry_requested, message_lang
    from .files import UsageError, content_roots, remember_walks
    from .formats import FORMATTERS, format_statistics
    from .gitdiff import GitError
    from .packs import PackError
    from .per_directory import group_files, merge
    from .progress import terminal_progress
    from .stdin_lint import lint_stdin, stdin_target, write_stdout

    if args.show_settings:
        return _show_settings(args)
    paths = args.paths or []
    lang = _lang(args, paths[0] if paths else ".")  # until the config is read: errors in it speak its language
    if args.watch:
        from .watch import watch

        if "-" in (args.paths or []) or args.stdin_filename:
            return _error(_say(lang, "--watch нельзя сочетать с проверкой стандартного ввода",
                               "--watch cannot be used when linting standard input"), lang)
        return watch(args, _lint)
    _log_to_stderr(args.verbose)
    remember_walks()  # this run lists each folder once; a --watch cycle starts afresh
    if args.only_changed_lines and not args.changed_since:
        return _error(_say(lang, "--only-changed-lines работает только вместе с --changed-since REF",
                           "--only-changed-lines needs --changed-since REF"), lang)
    linters: list = []
    skipped: list[tuple[Path, list[str]]] = []
    stdout_bytes = None
    try:
        stdin = stdin_target(args)
        start = stdin.parent if stdin is not None else (paths[0] if paths else ".")
        config = Config.from_file(args.config) if args.config else Config.discover(start)
        if not paths:
            paths = [str(p) for p in content_roots(config) if p.is_dir()] or ["."]
        lang = message_lang(args.lang, config)
        fmt_for_progress = args.format or os.environ.get("CLINIC_CONTENT_FORMAT") or config.format or "text"

        def linter_for(cfg: Config) -> Linter:
            today = datetime.combine(args.today, datetime.min.time()).replace(tzinfo=cfg.tz) if args.today else None
            linter = Linter(cfg, select=args.select, extend_select=args.extend_select, ignore=args.ignore,
                            lang=lang, today=today, cache=_use_cache(args), jobs=args.jobs)
            _freeze_imports()
            linter.progress = terminal_progress(fmt_for_progress, args.quiet, lang)
            return linter

        if stdin is not None:  # the config of the folder the name points into (one file: one config)
            linters = [(None, linter_for(config))]
            report, stdout_bytes = lint_stdin(linters[0][1], stdin, args)
        else:
            groups = group_files(paths, config if args.config else None, skipped)
            linters = [(group, linter_for(group.config)) for group in groups] or [(None, linter_for(config))]
        if stdin is not None:
            pass  # done above
        elif args.diff or args.fix:
            results = [linter.fix_paths(g.files, write=not args.diff,
                                        registry_requested=_registry_requested(g.requested, g.config))
                       for g, linter in linters if g]
            report, fixed = merge(r for r, _ in results), [f for _, found in results for f in found]
            from .fixer import refusal_message

            for result in fixed:
                if result.refused:
                    print(refusal_message(result, lang), file=sys.stderr)
            fixed = [result for result in fixed if not result.refused]
            if args.diff:
                from .masking import Masker

                _print_diff("".join(result.diff() for result in fixed), Masker.union(ln.masker for _, ln in linters), lang)
                return EXIT_FINDINGS if fixed else EXIT_OK
            from .safe_text import escape_path

            for result in fixed:
                print(f"clinic-content: {_say(lang, 'исправлено', 'fixed')} {escape_path(str(result.path))} ({', '.join(result.rules)})",
                      file=sys.stderr)
        elif args.changed_since:
            report = merge(_lint_changed(linter, g.config, g.files, args) for g, linter in linters if g)
        else:
            _stream_if_possible(args, linters, lang, fmt_for_progress)
            report = merge(linter.lint_paths(g.files, registry_requested=_registry_requested(g.requested, g.config))
                           for g, linter in linters if g)
    except (ConfigError, UsageError, PackError, GitError) as exc:
        return _error(str(getattr(exc, "ru", exc)) if lang == "ru" else str(exc), lang)
    except Exception as exc:  # a bug of ours: say so, exit 2, never a bare traceback unless asked
        if args.verbose:
            raise
        return _error(_say(lang, f"внутренняя ошибка: {type(exc).__name__}: {exc} (подробности: --verbose)",
                           f"internal error: {type(exc).__name__}: {exc} (run with --verbose for details)"), lang)
    finally:
        for _, linter in linters:
            if linter.progress is not None:
                linter.progress.finish()

    warning = _say(lang, "предупреждение", "warning")
    if args.verbose:
        for path, roots in [*skipped, *((p, l.config.content_roots) for _, l in linters for p in l.skipped)]:
            sys.stderr.write(f"clinic-content: {_say(lang, 'пропущен', 'skipped')} {path}: "
                             + _say(lang, "не в папке с постами", "not under a content root") + f" ({', '.join(roots)})\n")
    if stdout_bytes is not None:  # --fix / --diff of standard input: the text is the output
        write_stdout(stdout_bytes)
        if args.diff:
            return EXIT_FINDINGS if stdout_bytes else EXIT_OK
    if report.files_checked == 0:
        what = (_say(lang, f"с {args.changed_since} посты не менялись", f"no posts changed since {args.changed_since}")
                if args.changed_since else _say(lang, "в указанных путях нет постов (*.md)",
                                                "no posts (*.md) found under the given paths"))
        sys.stderr.write(f"clinic-content: {warning}: {what}\n")
    elif config.source_file is None and not args.config and not args.quiet:
        sys.stderr.write(f"clinic-content: {warning}: " + _say(
            lang, "файл настроек .clinic-content.toml не найден: врачи и контакты клиники неизвестны, и их "
            "имена и телефоны считаются персональными данными; создайте его командой `clinic-content init`",
            "no .clinic-content.toml found: the clinic's own staff and contacts are unknown, so their names "
            "and phones count as personal data; create one with `clinic-content init`") + "\n")
    fmt = args.format or os.environ.get("CLINIC_CONTENT_FORMAT") or config.format or "text"
    if fmt not in FORMATTERS:
        return _error(_say(lang, f"неизвестный формат {fmt!r}; возможные: {', '.join(FORMATTERS)}",
                           f"unknown format {fmt!r}; choose from {', '.join(FORMATTERS)}"), lang)
    stream = sys.stderr if stdout_bytes is not None else sys.stdout  # stdout holds the fixed text
    if report.streamed is not None:
        output = None
        _write_streamed(report, args.output_file)
    elif args.quiet and not args.output_file:
        output = ""  # nothing is printed: do not format
    elif args.statistics:
        output = format_statistics(report, lang)
    else:
        from .color import use_color

        color = use_color(args.color, fmt, None if args.output_file else stream)
        formatter = FORMATTERS[fmt]
        if fmt == "sarif":
            from functools import partial

            formatter = partial(formatter, category=args.category)
        output = formatter(report, lang, color)
    if output is None:
        pass  # written file by file
    elif args.output_file:
        with open(args.output_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(output)
    elif not args.quiet:
        stream.write(output)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from .ci_formats import step_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(step_summary(report, lang))

    if report.internal_errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    if report.streamed is not None:
        from .streamed import failing as streamed_failing

        return EXIT_FINDINGS if streamed_failing(report, fail_on.rank) else EXIT_OK
    failing = [d for d in report.diagnostics if d.severity.rank >= fail_on.rank]
    return EXIT_FINDINGS if failing else EXIT_OK


def _stream_if_possible(args: argparse.Namespace, linters: list, lang: str, fmt: str) -> None:
    """Have the runner hand over pieces to write file by file (docs/cache.md), for a plain
    lint of one config group in a streamed format whose output is written somewhere."""
    from .streamed import STREAMED_FORMATS, StreamSpec

    if fmt not in STREAMED_FORMATS or args.statistics or (args.quiet and not args.output_file) or len(linters) != 1:
        return
    from .color import use_color

    color = use_color(args.color, fmt, None if args.output_file else sys.stdout)
    linters[0][1].stream = StreamSpec(fmt, lang, color)


def _write_streamed(report, output_file: str | None) -> None:
    from .streamed import write_streamed

    if output_file:
        with open(output_file, "wb") as handle:
            write_streamed(report, handle)
        return
    sys.stdout.flush()
    target = getattr(sys.stdout, "buffer", None)
    if target is None or (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        import io

        buffer = io.BytesIO()
        write_streamed(report, buffer)
        sys.stdout.write(buffer.getvalue().decode("utf-8", errors="replace"))
        return
    write_streamed(report, target)
    target.flush()


def _print_diff(diff: str, masker, lang: str) -> None:
    """The diff with personal data masked and control characters escaped, like every output;
    the lines that changed no longer apply as a patch, so say how many."""
    from .masking import mask_diff

    text, altered = mask_diff(diff, masker)
    sys.stdout.write(text)
    if altered:
        note = (f"в {altered} строках diff скрыты персональные данные или управляющие символы: "
                "они не применятся как патч, исправьте через --fix" if lang == "ru" else
                f"{altered} diff lines hide personal data or control characters: they will not apply "
                "as a patch; use --fix")
        print(f"clinic-content: {note}", file=sys.stderr)


def _use_cache(args: argparse.Namespace) -> bool:
    """The cache is on locally, off under CI (``CI`` set, as GitHub and GitLab do) unless
    ``--cache``: a CI checkout is fresh, and a restored cache is one a pull request could write."""
    if args.no_cache or os.environ.get("CLINIC_CONTENT_NO_CACHE"):
        return False
    return args.cache or os.environ.get("CI", "").lower() in ("", "0", "false", "no")


def _log_to_stderr(verbose: bool) -> None:
    """Warnings always reach stderr; ``--verbose`` adds notes such as a discarded cache file."""
    import logging

    class Stderr(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sys.stderr.write(self.format(record) + "\n")

    logger = logging.getLogger("clinic_content")
    logger.handlers = [h for h in logger.handlers if type(h).__name__ != "Stderr"] + [Stderr()]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _show_settings(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .files import UsageError
    from .packs import PackError
    from .settings_view import FORMATS, render, settings

    lang = _lang(args, (args.paths or ["."])[0])
    fmt = args.format or "text"
    if fmt not in FORMATS:
        return _error(f"--show-settings prints {' or '.join(FORMATS)}, not {fmt!r}", lang)
    try:
        sys.stdout.write(render(settings(args), fmt))
    except (ConfigError, UsageError, PackError) as exc:
        return _error(str(getattr(exc, "ru", exc)) if lang == "ru" else str(exc), lang)
    return EXIT_OK


def _lang(args: argparse.Namespace, start: str = ".") -> str:
    """``--lang``, then the config's ``lang`` (read leniently), then the locale."""
    from .config import peek_lang

    if getattr(args, "lang", None):
        return args.lang
    configured = peek_lang(start)
    if configured:
        return configured
    value = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "ru" if value.lower().startswith("ru") else "en"


def _rules(args: argparse.Namespace) -> int:
    import json

    from .diagnostics import severity_label

    lang = _lang(args)
    rules = _configured_rules()
    if args.format == "markdown":
        from .docgen import rules_markdown

        sys.stdout.write(rules_markdown())
        return EXIT_OK
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "family": r.family(),
                "severity": r.default_severity.value,
                "enabled_by_default": r.enabled_by_default,
                "summary": {"ru": r.summary.ru, "en": r.summary.en},
                "source": r.source,
            }
            for r in rules.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules.values():
        flag = "" if r.enabled_by_default else _say(lang, " (выключено по умолчанию)", " (off by default)")
        print(f"{r.id:<8} {r.name:<30} {severity_label(r.default_severity, lang):<14} {r.summary.get(lang)}{flag}")
        print(f"{'':<8} {'':<30} {'':<14} ↳ {r.source}")
    return EXIT_OK


def _configured_plugins() -> list[str]:
    """The plugins the config in the working directory names (none without a config)."""
    from .config import Config, ConfigError

    try:
        return Config.discover(".").plugins
    except ConfigError:
        return []


def _configured_rules() -> dict:
    """Built-ins plus the plugins and phrase packs the config in the working directory names;
    a pack that does not load is reported and left out (`lint` refuses to run with it)."""
    from .clinic_packs import with_clinic_packs
    from .config import Config, ConfigError
    from .packs import PackError
    from .registry import all_rules

    try:
        config = Config.discover(".")
        return with_clinic_packs(config, all_rules(plugins=config.plugins), strict=False)
    except (ConfigError, PackError) as exc:
        print(f"clinic-content: warning: {exc}", file=sys.stderr)
        return all_rules(plugins=_configured_plugins())


def _explain(args: argparse.Namespace) -> int:
    from .explain import explain_text
    from .registry import find_rule

    rule = find_rule(args.rule, rules=_configured_rules())
    lang = _lang(args)
    if rule is None:
        return _error(_say(lang, f"нет правила {args.rule!r}; список: `clinic-content rules`",
                           f"unknown rule {args.rule!r}; see `clinic-content rules`"), lang)
    sys.stdout.write(explain_text(rule, lang))
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from .config import Config, ConfigError
    from .engine import Linter
    from .files import UsageError, collect_files, content_roots
    from .stats import format_stats, post_stats

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
    from .calendar_cli import run

    return run(args, _error)


def _packs(args: argparse.Namespace) -> int:
    from .packs_cli import run

    return run(args, _error)


def _init(args: argparse.Namespace) -> int:
    from .init_cmd import run

    return run(args, _error, _lang(args, args.folder))


def _schema(args: argparse.Namespace) -> int:
    import json

    from .config import Config, ConfigError
    from .schema import front_matter_schema

    try:  # the clinic's platforms and accounts, when run inside a content repo
        config = Config.from_file(args.config) if args.config else Config.discover(".")
    except ConfigError as exc:
        return _error(str(exc))
    if args.format == "front-matter-cms":
        from .frontmatter_cms import content_type

        print(json.dumps(content_type(config), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(json.dumps(front_matter_schema(config), ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _server(args: argparse.Namespace) -> int:
    try:
        from .lsp_server import serve
    except ImportError as exc:
        from .config import peek_lang

        if (args.lang or peek_lang(".")) == "ru":
            return _error(f"языковому серверу нужен pygls: pip install 'clinic-content[lsp]' ({exc})", "ru")
        return _error(f"the language server needs pygls: pip install 'clinic-content[lsp]' ({exc})")
    today = datetime.combine(args.today, datetime.min.time()) if args.today else None
    return serve(lang=args.lang, today=today, debounce_ms=max(0, args.debounce_ms), docs_url=args.docs_url)


def _report(args: argparse.Namespace) -> int:
    from .report_cli import run

    return run(args, _error)
