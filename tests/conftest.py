"""Shared helpers: fixture configs and a pinned "today" so no test reads the wall clock."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from clinic_content.config import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
DEMO = REPO / "examples" / "demo-clinic"
TODAY = datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    """Every in-process run sees ``TODAY`` as the current time; subprocess runs pass ``--today``."""
    from clinic_content import clock

    monkeypatch.setattr(clock, "now", lambda tz=None: TODAY.astimezone(tz) if tz else TODAY)
    return TODAY


def fixture_config(folder: Path, **overrides) -> Config:
    """The folder's ``clinic-content.toml`` (if any), content root = the folder itself."""
    table = {}
    config_file = folder / "clinic-content.toml"
    if config_file.is_file():
        table = tomllib.loads(config_file.read_text(encoding="utf-8"))
    table.setdefault("content-roots", ["."])
    table.update(overrides)
    return Config.from_mapping(table, root=folder)


@pytest.fixture
def make_post(tmp_path: Path):
    """Write a post into a temporary content repo and return its path."""

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return write
