"""`clinic-content calendar export|show`: load the plan, filter it, write an
.ics feed or print a month view."""

from __future__ import annotations

import argparse
import os
import sys
from calendar import monthrange
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Callable

from ..core import clock
from ..calendar.export import ExportOptions, build_calendar, to_ics
from ..core.fileio import atomic_write
from ..text.masking import Masker
from ..core.safe_open import read_bytes
from ..source.post import Post
from ..core.safe_text import escape, guard_output

EXIT_OK, EXIT_ERROR = 0, 2
FEED_LANG = "ru"  # the feed's language when neither --lang nor the config sets one


def run(args: argparse.Namespace, error: Callable[..., int]) -> int:
    from ..source.config import ConfigError
    from ..source.files import UsageError
    from ..core.packs import PackError
    from .plan_loading import load_plan

    try:
        # a feed is a shared file: its language comes from --lang or the config, never the locale
        config, linter, files = load_plan(args, default_lang=FEED_LANG if args.calendar_command == "export" else None)
        posts = [linter.load(f) for f in files]
    except (ConfigError, UsageError, PackError) as exc:
        from ..source.config import peek_lang

        paths = args.paths or []
        lang = args.lang or peek_lang(paths[0] if paths else ".") or "en"
        return error(str(getattr(exc, "ru", exc)) if lang == "ru" else str(exc), lang)
    lang = linter.lang or "ru"
    options = ExportOptions(platforms=args.platform, statuses=args.status, lang=lang,
                            private=getattr(args, "private", False), masker=Masker.from_config(config))
    if args.calendar_command == "show":
        sys.stdout.write(guard_output(month_view(posts, options, config.tz, args.month, lang)))
        return EXIT_OK
    return _export(args, posts, options, linter, config)


def _export(args, posts: list[Post], options: ExportOptions, linter, config) -> int:
    from ..calendar.revisions import git_revisions

    settings = config.calendar
    options.start, options.end = args.start, args.end
    options.split_by_platform = args.split_by == "platform"
    options.review_events = not args.no_review_events
    options.review_hours, options.duration_minutes = settings.review_hours, settings.duration_minutes
    options.base_url = settings.base_url
    options.revisions = git_revisions(config.root) if args.revisions == "git" else {}
    report = None if args.no_lint else linter.lint_posts(posts)
    events = build_calendar(posts, options, consents=linter.consents, report=report, tz=config.tz)
    clinic = config.clinic.name
    name = settings.name or (f"{clinic} — контент-план" if clinic else "Контент-план")
    data = to_ics(events, name=name, timezone_name=config.timezone, refresh=settings.refresh)
    if args.output:
        target = Path(args.output)
        existed = os.path.lexists(target)
        try:  # the committed .ics may be a FIFO or a link to /dev/zero: never read those
            before = read_bytes(target, follow=False, limit=len(data) + 1)
        except OSError:
            before = None
        if before is not None and before != data and _same_lines(before, data):
            print(f"{args.output}: only line endings differ (git core.autocrlf?); left as is. "
                  "Add `*.ics -text` to .gitattributes so git keeps the CRLF lines RFC 5545 requires.",
                  file=sys.stderr)
        elif before != data:
            atomic_write(target, data)
            ru = options.lang == "ru"
            print(f"{'событий' if ru else 'events'}: {len(events)} -> {args.output}", file=sys.stderr)
            if args.exit_non_zero_on_change and not args.stage:
                if ru:
                    print(f"{args.output} {'обновлён' if existed else 'создан'}: добавьте его в коммит", file=sys.stderr)
                else:
                    print(f"{args.output} was {'updated' if existed else 'created'}: stage it", file=sys.stderr)
                return 1
        if args.stage:
            return _stage(target, config.root)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _same_lines(before: bytes, after: bytes) -> bool:
    return before.replace(b"\r\n", b"\n") == after.replace(b"\r\n", b"\n")


def _stage(target: Path, root: Path) -> int:
    """``git add`` the re-exported feed, so the commit that changed a post carries it (one attempt)."""
    import subprocess

    done = subprocess.run(["git", "-C", str(root), "add", "--", str(target.resolve())], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"clinic-content: error: git add {target}: {done.stderr.strip()}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def month_view(posts: list[Post], options: ExportOptions, tz, month: date | None, lang: str) -> str:
    """Days × platforms for one month: counts per platform and the titles."""
    dated = sorted((p for p in posts if p.usable and p.meta.publish_at is not None
                    and (not options.statuses or p.meta.status.value in options.statuses)),
                   key=lambda p: p.meta.publish_at)  # type: ignore[arg-type, return-value]
    if month is None:
        month = (dated[-1].meta.publish_at.astimezone(tz).date().replace(day=1)  # type: ignore[union-attr]
                 if dated else clock.today(tz).replace(day=1))
    days: dict[date, list[Post]] = defaultdict(list)
    for post in dated:
        day = post.meta.publish_at.astimezone(tz).date()  # type: ignore[union-attr]
        wanted = [p for p in post.meta.platforms if not options.platforms or p in options.platforms]
        if (day.year, day.month) == (month.year, month.month) and wanted:
            days[day].append(post)
    platforms = sorted({p for group in days.values() for post in group for p in post.meta.platforms
                        if not options.platforms or p in options.platforms})
    weekdays = ("пн", "вт", "ср", "чт", "пт", "сб", "вс") if lang == "ru" else ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
    lines = [f"{month:%Y-%m}   " + " ".join(f"{escape(p):>9}" for p in platforms)]
    for number in range(1, monthrange(month.year, month.month)[1] + 1):
        day = month.replace(day=number)
        group = days.get(day, [])
        counts = " ".join(f"{sum(p in post.meta.platforms for post in group) or '·':>9}" for p in platforms)
        titles = "; ".join(_title(post, tz, options) for post in group)
        lines.append(f"{day:%d} {weekdays[day.weekday()]}    {counts}  {titles}".rstrip())
    total = sum(len(g) for g in days.values())
    lines.append(("Постов в месяце: " if lang == "ru" else "Posts this month: ") + str(total))
    return "\n".join(lines) + "\n"


def _title(post: Post, tz, options: ExportOptions) -> str:
    """A post's time and title: masked like every output (``--private``: as written, still escaped)."""
    when = post.meta.publish_at.astimezone(tz)  # type: ignore[union-attr]
    mark = "" if post.meta.status.value in ("approved", "scheduled", "published") else f" [{post.meta.status.value}]"
    title = post.meta.title or post.id
    return f"{when:%H:%M} {escape(title) if options.private else options.masker.mask(title)}{mark}"
