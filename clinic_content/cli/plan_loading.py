"""The plan a command works on: its config, a linter and the post files of PATHS — the same
for `calendar`, `report` and whatever else reads the whole content plan."""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path

from ..source.config import Config
from ..engine.linter import Linter
from ..source.files import collect_files, content_roots


def load_plan(args: argparse.Namespace, *, cache: bool = False,
              default_lang: str | None = None) -> tuple[Config, Linter, list[Path]]:
    """``--config`` (else the config found from the first path), a linter with ``--lang`` and
    ``--today``, and the posts of PATHS (default: the content roots). ``default_lang``: the
    language when neither ``--lang`` nor the config sets one (else the locale decides).

    Raises ConfigError, UsageError or PackError for the command to report (exit 2)."""
    paths = args.paths or []
    config = Config.from_file(args.config) if args.config else Config.discover(paths[0] if paths else ".")
    paths = paths or [str(p) for p in content_roots(config) if p.is_dir()] or ["."]
    today = getattr(args, "today", None)
    lang = args.lang or ((config.lang or default_lang) if default_lang else None)
    linter = Linter(config, lang=lang, cache=cache,
                    today=datetime.combine(today, datetime.min.time()).replace(tzinfo=config.tz) if today else None)
    return config, linter, collect_files([Path(p) for p in paths], config)


def use_cache(args: argparse.Namespace) -> bool:
    """The cache is on locally, off under CI (``CI`` set, as GitHub and GitLab do) unless
    ``--cache``: a CI checkout is fresh, and a restored cache is one a pull request could write."""
    if args.no_cache or os.environ.get("CLINIC_CONTENT_NO_CACHE"):
        return False
    return args.cache or os.environ.get("CI", "").lower() in ("", "0", "false", "no")
