"""What every command shares: exit codes, the one error line on stderr, and the run's language
before a config is read."""

from __future__ import annotations

import argparse
import os
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def error(message: str, lang: str = "en") -> int:
    from ..core.safe_text import escape, guard_line

    # config values and file names come from pull requests too: CI reads stderr for workflow commands
    text = f"clinic-content: {'ошибка' if lang == 'ru' else 'error'}: {message}"
    print("\n".join(guard_line(escape(line)) for line in text.split("\n")), file=sys.stderr)
    return EXIT_ERROR


def say(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def run_lang(args: argparse.Namespace, start: str = ".") -> str:
    """``--lang``, then the config's ``lang`` (read leniently), then the locale."""
    from ..source.config import peek_lang

    if getattr(args, "lang", None):
        return args.lang
    configured = peek_lang(start)
    if configured:
        return configured
    value = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "ru" if value.lower().startswith("ru") else "en"
