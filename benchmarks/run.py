"""The performance harness: wall time, posts/s, words/s and peak RSS of the installed
`clinic-content` on generated repos (benchmarks/make_repo.py).

    python benchmarks/run.py 1000 10000 50000      # sizes; repos go to /tmp/clinic-bench-N

For each size: the floor (read every file and split its front-matter, nothing else), a
cold full lint (no cache), a warm re-run with nothing changed, a re-run after one file
changed, a one-file lint (the pre-commit case) and the .ics export. Every command runs
in a fresh process, as users run it; peak RSS is the child's maximum resident set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_repo import make_repo  # noqa: E402

CLI = [sys.executable, "-m", "clinic_content"]
TODAY = "2026-11-22"
FLOOR = """
import sys, time
from pathlib import Path
from clinic_content.source import read_source
files = sorted(Path(sys.argv[1]).rglob("*.md"))
for f in files:
    read_source(f)
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process (its own rusage, via wait4;
    worker processes it forks are counted in their own right only while alive)."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def words_in(repo: Path) -> int:
    total = 0
    for path in repo.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        total += len(re.findall(r"[^\W\d_]+", text.split("---\n", 2)[-1]))
    return total


def bench(size: int) -> list[tuple[str, float, float]]:
    repo = Path(f"/tmp/clinic-bench-{size}")
    if not (repo / "clinics").is_dir():
        make_repo(repo, size)
    shutil.rmtree(repo / ".clinic-content-cache", ignore_errors=True)
    one = sorted((repo / "clinics").rglob("*.md"))[size // 2]
    lint = [*CLI, "lint", "--today", TODAY, "--quiet"]
    rows = [
        ("floor: read + split front-matter", *timed([sys.executable, "-c", FLOOR, str(repo)], repo)),
        ("full lint, cold (no cache)", *timed([*lint, "--no-cache"], repo)),
        ("full lint, filling the cache", *timed(lint, repo)),
        ("warm re-run, nothing changed", *timed(lint, repo)),
    ]
    with one.open("a", encoding="utf-8") as handle:
        handle.write("\nДобавили строку.\n")
    rows.append(("re-run after one file changed", *timed(lint, repo)))
    rows.append(("lint one file (pre-commit)", *timed([*lint, str(one.relative_to(repo))], repo)))
    rows.append((".ics export (--no-lint)", *timed([*CLI, "calendar", "export", "--no-lint", "-o", "/tmp/bench.ics"], repo)))
    return rows


def main(sizes: list[int]) -> None:
    for size in sizes:
        repo = Path(f"/tmp/clinic-bench-{size}")
        rows = bench(size)
        words = words_in(repo)
        print(f"\n{size:,} posts, {words:,} words, {os.cpu_count()} CPUs")
        print(f"{'measure':<36} {'seconds':>8} {'posts/s':>9} {'words/s':>10} {'peak MB':>8}")
        for name, seconds, peak in rows:
            print(f"{name:<36} {seconds:>8.2f} {size / seconds:>9,.0f} {words / seconds:>10,.0f} {peak:>8.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
