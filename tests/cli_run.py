"""Run the CLI in-process from a given working directory (the tests of per-file config,
selectors, languages and init all need the cwd to be the content repo)."""

from __future__ import annotations

import os
from pathlib import Path

from clinic_content.cli.main import main


def run_cli(folder: Path, capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``clinic-content ARGV`` run in ``folder``."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        code = main(list(argv))
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return code, out, err
