"""Benchmark of `clinic-content report` on a generated repository: time to build the page,
its size (target: ≤ 5 MB for 10,000 posts) and how long headless Chromium takes to render it.

    python benchmarks/report_bench.py              # 10,000 posts
    python benchmarks/report_bench.py --posts 1000
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_repo import make_repo  # noqa: E402

LIMIT = 5_000_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = make_repo(Path(folder) / "repo", args.posts)
        page = Path(folder) / "plan.html"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "clinic_content", "report", str(repo), "-o", str(page),
                        "--today", "2026-06-01"], check=True, env={"CLINIC_CONTENT_NO_CACHE": "1", "PATH": "/usr/bin:/bin"})
        built = time.perf_counter() - start
        size = page.stat().st_size
        print(f"{args.posts} posts: report built in {built:.1f} s, {size / 1e6:.2f} MB (limit {LIMIT / 1e6:.0f} MB)")
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser:
            start = time.perf_counter()
            dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=60000",
                                  "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=600).stdout
            rows = dom.count('class="row"')
            print(f"Chromium: rendered in {time.perf_counter() - start:.1f} s (ready: {'data-ready' in dom}, "
                  f"table rows in the DOM: {rows})")
    return 0 if size <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
