"""The typed API works for a client under ``mypy --strict`` (issue 11 §2.5: «Module
"clinic_content" does not explicitly export attribute "lint_text"»): a small client, the
README's Python example and every Python example of docs/api.md are type-checked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import clinic_content

from .conftest import REPO

pytest.importorskip("mypy")

CLIENT = '''
from datetime import datetime, timezone
from pathlib import Path

from clinic_content import (
    Config, ConfigError, Diagnostic, ExportOptions, Linter, Report, Severity, build_calendar,
    lint_paths, lint_text, load_post, to_ics,
)


def worst(report: Report) -> Severity | None:
    ranks = [d.severity for d in report.diagnostics]
    return max(ranks, key=lambda s: s.rank) if ranks else None


def lines(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}" for d in diagnostics]


def main(root: Path) -> int:
    try:
        config = Config.discover(root)
    except ConfigError as exc:
        print(exc)
        return 2
    report = lint_text("---\\ntitle: x\\n---\\n", "post.md", config=config, lang="en",
                       today=datetime(2026, 11, 22, tzinfo=timezone.utc))
    print("\\n".join(lines(report.diagnostics)), report.counts(), report.files_checked, worst(report))
    linter = Linter(config, select=["ADV"], ignore=["ADV018"])
    print(linter.lint_paths([root]).diagnostics[:1], lint_paths([root], config=config).diagnostics[:1])
    post = load_post(root / "post.md")
    print(post.id, post.meta.publish_at, post.meta.platforms, post.problems, post.body.plain_text)
    events = build_calendar([post], ExportOptions(platforms=["vk"]), consents=linter.consents, tz=config.tz)
    data: bytes = to_ics(events, name="VK")
    return len(data)
'''


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_all_is_written_out_and_complete() -> None:
    assert clinic_content.__all__ == sorted(clinic_content._EXPORTS) + ["__version__"]
    for name in clinic_content.__all__:
        assert getattr(clinic_content, name) is not None


def test_the_package_says_it_is_typed() -> None:
    assert (Path(clinic_content.__file__).parent / "py.typed").is_file()


def test_clients_and_documented_examples_pass_mypy_strict(tmp_path: Path) -> None:
    sources = {"client.py": CLIENT}
    for doc in (REPO / "README.md", REPO / "docs" / "api.md"):
        for index, block in enumerate(_python_blocks(doc)):
            sources[f"{doc.stem.lower()}_{index}.py"] = block
    assert len(sources) >= 5, sorted(sources)
    for name, text in sources.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy_cache"),
         "--no-error-summary", *sorted(sources)],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
