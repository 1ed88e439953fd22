"""Start-up: a lint run imports only what its command and format need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from clinic_content.cli.main import main
code = main(["lint", "--today", "2026-11-22", "--no-cache", "--format", sys.argv[2], sys.argv[1]])
print(",".join(m for m in ("xml.sax.saxutils", "urllib.request", "ssl") if m in sys.modules))
"""


def _imported(post: Path, fmt: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, str(post), fmt], capture_output=True, text=True,
                          cwd=post.parent, check=False)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def test_only_junit_output_imports_xml(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Приём\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: approved\n---\n"
                    "Запись к терапевту открыта.\n", encoding="utf-8")
    assert _imported(post, "concise") == ""
    assert "xml.sax.saxutils" in _imported(post, "junit")


def test_building_the_parser_imports_no_heavy_library() -> None:
    """``--help``, usage errors and every command start from the parser: it must stay light
    (pydantic models, markdown-it and the morphology analyzer cost a third of a second)."""
    probe = ("import sys; from clinic_content.cli.main import build_parser; build_parser(); "
             "print(','.join(m for m in ('pydantic', 'markdown_it', 'markdown_it_pyrs', 'pymorphy3', 'yaml') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
