"""Export time of the .ics feed for 10,000 posts (build_calendar + to_ics), one core.

    python benchmarks/ics_bench.py [N]

Posts are parsed first (not timed); the figure is what `calendar export --no-lint` adds.
"""

from __future__ import annotations

import sys
import time
from zoneinfo import ZoneInfo

from clinic_content.calendar.export import ExportOptions, build_calendar, check_ics, to_ics
from clinic_content.source.post import load_text

TEMPLATE = (
    "---\nid: post-{i}\ntitle: \"Пост {i}: прививка, запись; скидка\"\npublish_at: 2027-{m:02d}-{d:02d} {h:02d}:00\n"
    "updated: 2026-11-01 09:00\nplatforms: [vk, telegram, ok]\nstatus: {status}\ncategory: education\n{extra}---\n"
    "Прививку от гриппа лучше сделать до начала эпидемии. Запишитесь через администратора или на сайте. "
    "Приём с 8 до 20 часов без выходных.\n"
)
STATUSES = ("draft", "review", "approved", "scheduled", "published")


def main(n: int = 10_000) -> None:
    tz = ZoneInfo("Europe/Moscow")
    posts = [
        load_text(TEMPLATE.format(i=i, m=i % 12 + 1, d=i % 28 + 1, h=8 + i % 12, status=STATUSES[i % 5],
                                  extra="expires: 2027-12-31\n" if i % 7 == 0 else ""), f"posts/{i}.md", tz=tz)
        for i in range(n)
    ]
    for post in posts:
        _ = post.body.plain_text  # parse Markdown outside the timing
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        events = build_calendar(posts, ExportOptions(), tz=tz)
        built = time.perf_counter()
        data = to_ics(events)
        runs.append((built - started, time.perf_counter() - built, len(events), len(data)))
    build_s, write_s, count, size = min(runs, key=lambda r: r[0] + r[1])
    assert check_ics(data) == []
    print(f"{n} posts -> {count} events, {size / 1e6:.1f} MB: build {build_s:.2f} s + write {write_s:.2f} s "
          f"= {build_s + write_s:.2f} s (best of 3)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
