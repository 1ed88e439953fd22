"""Shared helpers: fixture configs and a pinned "today" so no test reads the wall clock."""

from __future__ import annotations

import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from clinic_content.source.config import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if "FAKETIME" in os.environ:
    # CI runs the suite a second time under libfaketime with a real monotonic clock
    # (FAKETIME_DONT_FAKE_MONOTONIC=1, so timeouts and hypothesis deadlines work). libfaketime
    # 0.9.10 then shifts clock_nanosleep's absolute monotonic deadline and time.sleep fails with
    # EINVAL (so does subprocess's wait loop, which sleeps); a timed wait on an event is the same
    # sleep without that call.
    _never = threading.Event()
    time.sleep = lambda seconds: None if seconds <= 0 else _never.wait(seconds)  # type: ignore[assignment]

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
DEMO = REPO / "examples" / "demo-clinic"
TODAY = datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    """Every in-process run sees ``TODAY`` as the current time; subprocess runs pass ``--today``."""
    from clinic_content.core import clock

    monkeypatch.setattr(clock, "now", lambda tz=None: TODAY.astimezone(tz) if tz else TODAY)
    return TODAY


_RUNNER_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITLAB_CI", "FORCE_COLOR", "NO_COLOR",
                     "CLINIC_CONTENT_FORMAT", "CLINIC_CONTENT_NO_CACHE", "CLINIC_CONTENT_DOCS_URL")


@pytest.fixture(autouse=True)
def neutral_environment(monkeypatch):
    """The suite behaves the same on a laptop and in CI (.ci/run sets CI=true): tests that are
    about these variables set them themselves."""
    for name in _RUNNER_VARIABLES:
        monkeypatch.delenv(name, raising=False)


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
