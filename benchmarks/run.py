"""The performance harness: every row of issue 15's target table, for the default text
output and for ``--format json`` to a file, on generated repos (benchmarks/make_repo.py).

    python benchmarks/run.py 1000 10000          # sizes; repos go to /tmp/clinic-bench-N
    python benchmarks/run.py 50000 --repeat 1    # the 50k warm peak-RSS row: only when asked
    python benchmarks/run.py 1000 --rows cold,warm --formats json

Every command runs in a fresh process, as users run it, ``--repeat`` times (default 3;
the median wall and CPU are shown, the largest peak RSS). CPU is user + system time of the
command and of the worker processes it waited for (``wait4`` reports both); peak RSS is the
largest resident set among them. Text output goes to a file so that its size is known.

A textlint+prh row runs textlint with the prh rule and the 12 regex rules of
``benchmarks/textlint/prh.yml`` once ``npm ci --prefix benchmarks/textlint`` has installed the
pinned versions (the harness installs nothing itself); otherwise it is reported as skipped.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_repo import make_repo  # noqa: E402

CLI = [sys.executable, "-m", "clinic_content"]
TODAY = date(2026, 11, 22)
CACHE = ".clinic-content-cache"
FLOOR = """
import sys
from pathlib import Path
from clinic_content.source.reading import read_source
for f in sorted(Path(sys.argv[1]).rglob("*.md")):
    read_source(f)
"""
ROWS = ("floor", "cold", "warm", "next-day", "one-warm", "one-cold", "textlint")
# as installed: with bytecode (pip writes it; PYTHONDONTWRITEBYTECODE=1 would recompile ~70 modules, ~0.6 s, per run)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
OUTPUT = Path("/tmp/clinic-bench-output")  # one per size: .txt (text, stdout) and .json (--format json -o)


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    output_mb: float


def timed(cmd: list[str], cwd: Path, output: Path | None = None) -> Run:
    """One child process: wall, CPU (its own and its waited-for workers'), peak RSS, output size."""
    stdout = output.open("wb") if output is not None else subprocess.DEVNULL
    started = time.perf_counter()
    try:
        child = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        _, _, usage = os.wait4(child.pid, 0)
        child.returncode = 0
    finally:
        if output is not None:
            stdout.close()
    wall = time.perf_counter() - started
    size = 0.0
    for path in (output, OUTPUT.with_suffix(".json")):
        if path is not None and path.exists():
            size = max(size, path.stat().st_size / 1e6)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size)


def median_run(cmd: list[str], cwd: Path, repeat: int, output: Path | None, before=None) -> Run:
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        OUTPUT.with_suffix(".json").unlink(missing_ok=True)
        runs.append(timed(cmd, cwd, output))
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_mb for r in runs), max(r.output_mb for r in runs))


def words_in(repo: Path) -> int:
    total = 0
    for path in repo.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        total += len(re.findall(r"[^\W\d_]+", text.split("---\n", 2)[-1]))
    return total


def _restore_cache(repo: Path, snapshot: Path):
    def restore() -> None:
        shutil.rmtree(repo / CACHE, ignore_errors=True)
        shutil.copytree(snapshot, repo / CACHE)
    return restore


TEXTLINT = HERE / "textlint"  # package.json pins textlint + prh; .textlintrc.json and prh.yml: 12 regex rules


def textlint_command() -> list[str] | None:
    """textlint with prh from ``benchmarks/textlint`` once ``npm ci --prefix benchmarks/textlint``
    has installed it (nothing is installed from here), or None."""
    binary = TEXTLINT / "node_modules" / ".bin" / "textlint"
    if not binary.exists() or shutil.which("node") is None:
        return None
    return [str(binary), "--config", str(TEXTLINT / ".textlintrc.json"), "--format", "compact"]


def bench(size: int, rows: set[str], formats: list[str], repeat: int,
          repo: Path | None = None) -> list[tuple[str, str, Run | None]]:
    global OUTPUT
    OUTPUT = repo.with_name(f"{repo.name}-output") if repo else Path(f"/tmp/clinic-bench-output-{size}")
    repo = repo or Path(f"/tmp/clinic-bench-{size}")
    if not (repo / "clinics").is_dir():
        make_repo(repo, size)
    one = str(sorted((repo / "clinics").rglob("*.md"))[size // 2].relative_to(repo))
    snapshot = repo.with_name(f"{repo.name}-cache-snapshot")
    out: list[tuple[str, str, Run | None]] = []
    if "floor" in rows:
        out.append(("floor: read + split front-matter", "-", median_run([sys.executable, "-c", FLOOR, str(repo)], repo, repeat, None)))
    for fmt in formats:
        args = ["--format", "json", "-o", str(OUTPUT.with_suffix(".json"))] if fmt == "json" else []
        text_out = OUTPUT.with_suffix(".txt") if fmt == "text" else None
        lint = [*CLI, "lint", "--today", TODAY.isoformat(), *args]
        if "cold" in rows:
            out.append(("cold full lint (no cache)", fmt, median_run([*lint, "--no-cache"], repo, repeat, text_out)))
        shutil.rmtree(repo / CACHE, ignore_errors=True)
        timed(lint, repo, text_out)  # fill the cache (not a row: the next rows need it)
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(repo / CACHE, snapshot)
        restore = _restore_cache(repo, snapshot)
        if "warm" in rows:
            out.append(("warm re-run, nothing changed", fmt, median_run(lint, repo, repeat, text_out, restore)))
        if "next-day" in rows:
            next_day = [*CLI, "lint", "--today", (TODAY + timedelta(days=1)).isoformat(), *args]
            out.append(("first run of the next day (--today +1)", fmt, median_run(next_day, repo, repeat, text_out, restore)))
        if "one-warm" in rows:
            out.append(("one file (pre-commit), warm", fmt, median_run([*lint, one], repo, repeat, text_out, restore)))
        if "one-cold" in rows:
            out.append(("one file, no cache", fmt, median_run([*lint, "--no-cache", one], repo, repeat, text_out)))
    if "textlint" in rows:
        command = textlint_command()
        out.append(("textlint + prh (all posts)", "-",
                    median_run([*command, "clinics"], repo, repeat, None) if command else None))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated subset of {','.join(ROWS)}")
    parser.add_argument("--formats", default="text,json", help="text, json or both")
    parser.add_argument("--repo", type=Path, help="the repository to use (one size; a copy of a shared one)")
    args = parser.parse_args(argv)
    if args.repo and len(args.sizes) != 1:
        parser.error("--repo takes one size")
    rows = {r.strip() for r in args.rows.split(",") if r.strip()}
    unknown = rows - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if set(formats) - {"text", "json"}:
        parser.error("--formats takes text and/or json")
    load = os.getloadavg()
    for size in args.sizes:
        results = bench(size, rows, formats, args.repeat, args.repo)
        words = words_in(args.repo or Path(f"/tmp/clinic-bench-{size}"))
        print(f"\n{size:,} posts, {words:,} words, {os.cpu_count()} CPUs, load {load[0]:.1f}, median of {args.repeat}")
        print(f"{'measure':<40} {'format':<6} {'wall s':>7} {'CPU s':>7} {'CPU ms/post':>11} {'peak MB':>8} {'out MB':>7}")
        for name, fmt, run in results:
            if run is None:
                print(f"{name:<40} {fmt:<6} skipped (run `npm ci --prefix benchmarks/textlint` first)")
                continue
            print(f"{name:<40} {fmt:<6} {run.wall:>7.2f} {run.cpu:>7.2f} {1000 * run.cpu / size:>11.2f} "
                  f"{run.peak_mb:>8.0f} {run.output_mb:>7.1f}")
        baseline = next((run for name, _, run in results if name.startswith("textlint") and run), None)
        for name, fmt, run in results:
            if baseline is not None and run is not None and name.startswith("cold"):
                print(f"CPU per post, cold lint ({fmt}) / textlint + prh: {run.cpu / baseline.cpu:.2f}x (target <= 0.5x)")


if __name__ == "__main__":
    main(sys.argv[1:])
