"""`clinic-content lint`: lint, fix or diff the posts of PATHS (or standard input, or what
changed since a git ref), and write the report in the chosen format."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from .common import error as _error, run_lang as _lang, say as _say
from .plan_loading import use_cache


def run(args: argparse.Namespace) -> int:
    from ..source.config import Config, ConfigError
    from ..core.diagnostics import Severity
    from ..engine.linter import Linter, _registry_requested, message_lang
    from ..source.files import UsageError, content_roots, remember_walks
    from ..report.formats import FORMATTERS, format_statistics
    from ..source.gitdiff import GitError
    from ..core.packs import PackError
    from ..engine.per_directory import group_files, merge
    from ..engine.progress import terminal_progress
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
        return watch(args, run)
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
                            lang=lang, today=today, cache=use_cache(args), jobs=args.jobs)
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
            from ..ruleset.fixer import refusal_message

            for result in fixed:
                if result.refused:
                    print(refusal_message(result, lang), file=sys.stderr)
            fixed = [result for result in fixed if not result.refused]
            if args.diff:
                from ..text.masking import Masker

                _print_diff("".join(result.diff() for result in fixed), Masker.union(ln.masker for _, ln in linters), lang)
                return EXIT_FINDINGS if fixed else EXIT_OK
            from ..core.safe_text import escape_path

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
        from ..report.color import use_color

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
        from ..report.ci_formats import step_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(step_summary(report, lang))

    if report.internal_errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    if report.streamed is not None:
        from ..engine.streamed import failing as streamed_failing

        return EXIT_FINDINGS if streamed_failing(report, fail_on.rank) else EXIT_OK
    failing = [d for d in report.diagnostics if d.severity.rank >= fail_on.rank]
    return EXIT_FINDINGS if failing else EXIT_OK


def _lint_changed(linter, config, paths: list[str], args: argparse.Namespace):
    """Lint the posts changed since ``--changed-since``; optionally only their changed lines."""
    from ..core.diagnostics import Report
    from ..source.files import collect_files
    from ..source.gitdiff import changes_since

    changes = changes_since(args.changed_since, config.root, with_lines=args.only_changed_lines)
    files = [f for f in collect_files([Path(p) for p in paths], config) if f.resolve() in changes.files]
    if not files:
        return Report()
    report = linter.lint_paths(files)
    if args.only_changed_lines:
        kept = [d for d in report.diagnostics if d.code == "INTERNAL" or changes.touches(Path(d.path), d.line)]
        report.diagnostics = kept
    return report


def _stream_if_possible(args: argparse.Namespace, linters: list, lang: str, fmt: str) -> None:
    """Have the runner hand over pieces to write file by file (docs/cache.md), for a plain
    lint of one config group in a streamed format whose output is written somewhere."""
    from ..engine.streamed import STREAMED_FORMATS, StreamSpec

    if fmt not in STREAMED_FORMATS or args.statistics or (args.quiet and not args.output_file) or len(linters) != 1:
        return
    from ..report.color import use_color

    color = use_color(args.color, fmt, None if args.output_file else sys.stdout)
    linters[0][1].stream = StreamSpec(fmt, lang, color)


def _write_streamed(report, output_file: str | None) -> None:
    from ..engine.streamed import write_streamed

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
    from ..text.masking import mask_diff

    text, altered = mask_diff(diff, masker)
    sys.stdout.write(text)
    if altered:
        note = (f"в {altered} строках diff скрыты персональные данные или управляющие символы: "
                "они не применятся как патч, исправьте через --fix" if lang == "ru" else
                f"{altered} diff lines hide personal data or control characters: they will not apply "
                "as a patch; use --fix")
        print(f"clinic-content: {note}", file=sys.stderr)


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
    from ..source.config import ConfigError
    from ..source.files import UsageError
    from ..core.packs import PackError
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
