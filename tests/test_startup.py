"""Start-up: a lint run imports only what its command and format need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from clinic_content.cli import main
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
