"""The cache rows of issue 15 on a generated repo: warm re-runs with real output (JSON and
text to a file, not ``--quiet``), the first run of the next day, and one file (pre-commit).

    python benchmarks/cache_bench.py /tmp/repo-10k [10000]   # generates the repo when absent

Every command is a fresh process; time is wall, CPU is the child's user+system, RSS its peak.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_repo import make_repo  # noqa: E402

CLI = [sys.executable, "-m", "clinic_content", "lint"]
TODAY, NEXT_DAY = "2026-11-22", "2026-11-23"


def timed(cmd: list[str], cwd: Path, out: str = os.devnull) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of one child process."""
    started = time.perf_counter()
    with open(out, "wb") as sink:
        child = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL, env={k: v for k, v in os.environ.items() if k != "CI"})
        _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(repo: Path, size: int) -> None:
    if not (repo / "clinics").is_dir():
        make_repo(repo, size)
    shutil.rmtree(repo / ".clinic-content-cache", ignore_errors=True)
    one = str(sorted((repo / "clinics").rglob("*.md"))[len(list((repo / "clinics").rglob("*.md"))) // 2].relative_to(repo))
    rows = [
        ("fill the cache (--quiet)", timed([*CLI, "--today", TODAY, "--quiet"], repo)),
        ("warm, --format json to a file", timed([*CLI, "--today", TODAY, "--format", "json"], repo, "/tmp/cache-bench.json")),
        ("warm, default text to a file", timed([*CLI, "--today", TODAY], repo, "/tmp/cache-bench.txt")),
        ("next day (--today +1), json", timed([*CLI, "--today", NEXT_DAY, "--format", "json"], repo, "/tmp/cache-bench-next.json")),
        ("next day again (warm), json", timed([*CLI, "--today", NEXT_DAY, "--format", "json"], repo, os.devnull)),
        ("one file, warm", timed([*CLI, "--today", NEXT_DAY, one], repo)),
        ("one file, --no-cache", timed([*CLI, "--today", NEXT_DAY, "--no-cache", one], repo)),
    ]
    print(f"| measure ({size} posts) | wall | CPU | peak RSS |")
    for name, (wall, cpu, rss) in rows:
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
