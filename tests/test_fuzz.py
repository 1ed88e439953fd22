"""The seeded mutation fuzzer (benchmarks/fuzz.py) on a few thousand inputs: no traceback,
no INTERNAL finding, no exit 2, every position inside its file (issue 14 item 14).
`python benchmarks/fuzz.py 100000` runs the same fuzzer at benchmark size."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from fuzz import fuzz  # noqa: E402

INPUTS = int(os.environ.get("CLINIC_CONTENT_FUZZ_INPUTS", "2000"))


def test_mutated_posts_never_crash_any_command(tmp_path: Path) -> None:
    started = time.monotonic()
    result = fuzz(INPUTS, seed=14, batch=250, workdir=tmp_path)
    print(f"\nfuzz: {result.inputs} inputs, {result.runs} command runs, {time.monotonic() - started:.0f} s",
          *result.notes, sep="\n")
    signatures = sorted({re.sub(r"batch of \d+ in \S+", "", f) for f in result.failures})
    assert result.inputs == INPUTS
    assert not signatures, "\n".join(signatures[:20])
