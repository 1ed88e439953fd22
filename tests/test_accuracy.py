"""The accuracy harness (benchmarks/accuracy.py) on the development corpus: every floor holds.
The corpus is read at run time from ../shared/corpus; without it the test skips."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import REPO

CORPUS = REPO / ".." / "shared" / "corpus"
HARNESS = REPO / "benchmarks" / "accuracy.py"


def _harness():
    spec = importlib.util.spec_from_file_location("accuracy_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_without_the_corpus_the_harness_skips_cleanly(tmp_path: Path, capsys) -> None:
    assert _harness().main(["--corpus", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


@pytest.mark.skipif(not (CORPUS / "ru_ads_fas.jsonl").is_file(), reason="development corpus not available")
def test_every_floor_holds_on_the_corpus(capsys) -> None:
    code = _harness().main(["--corpus", str(CORPUS), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["failures"]
    assert report["scores"]["all"]["crashes"] == 0
