"""`clinic-content report -o plan.html [PATHS]`: lint the plan and write it as one HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable


EXIT_OK, EXIT_ERROR = 0, 2


def run(args: argparse.Namespace, error: Callable[..., int]) -> int:
    from ..source.config import ConfigError
    from ..source.files import UsageError
    from ..core.packs import PackError
    from .plan_loading import load_plan, use_cache
    from ..report.html_data import build_data
    from ..report.html import render

    try:
        # a page others open (CI artifact, Pages): its language is --lang or the config's, never the locale
        config, linter, files = load_plan(args, cache=use_cache(args), default_lang="ru")
        registry = (config.root / config.consents_file).resolve()
        files = [f for f in files if f != registry]
        report = linter.lint_paths(files)
        posts = [linter.load(f) for f in files]
    except (ConfigError, UsageError, PackError) as exc:
        from ..source.config import peek_lang

        paths = args.paths or []
        lang = args.lang or peek_lang(paths[0] if paths else ".") or "en"
        return error(str(getattr(exc, "ru", exc)) if lang == "ru" else str(exc), lang)
    if not posts:
        print("clinic-content: warning: no posts (*.md) found under the given paths", file=sys.stderr)
    data = build_data(posts, report, linter, include_drafts=args.include_drafts, docs_url=args.docs_url)
    names = {pid: platform.name for pid, platform in linter.platforms.items()}
    page = render(data, names)
    Path(args.output).write_bytes(page.encode("utf-8"))
    size = len(page.encode("utf-8"))
    print(f"clinic-content: {len(posts)} posts, {len(report.diagnostics)} findings -> {args.output} "
          f"({size / 1_000_000:.1f} MB)", file=sys.stderr)
    return EXIT_OK
