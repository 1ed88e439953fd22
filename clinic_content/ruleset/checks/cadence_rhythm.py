"""CAL002–CAL004: the rhythm of a feed — not eight posts in one day, not two weeks of
silence, not two posts an hour apart.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Iterator
from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.post import Post
from ..rule import CalendarRule, Context, RuleOptions, T
from .cadence_support import CADENCE_SOURCE, CALENDAR_NOTE, at, by_platform, local, platform_name


class BurstOptions(RuleOptions):
    max_per_day: int = Field(default=3, gt=0, description="Most posts on one platform on one day.")


class Burst(CalendarRule):
    id = "CAL002"
    name = "burst"
    default_severity = Severity.WARNING
    summary = T("Слишком много постов на площадке за день", "Too many posts on a platform in one day")
    doc = T(
        "Новости должны быть регулярными, а не «два месяца тишины, а потом 8 постов в "
        "один день». Лента подписчика забивается, алгоритмы режут охват, часть постов никто не увидит. "
        "Больше `max-per-day` постов (3) на одной площадке в один день (по часовому поясу клиники) — "
        "находка на каждом посте этого дня.",
        "News must be regular, not «two months of silence, then 8 posts in one day». The "
        "feed floods, algorithms cut reach, some posts are never seen. More than `max-per-day` posts (3) on "
        "one platform on one day (clinic timezone) gives a finding on every post of that day.",
    )
    source = CADENCE_SOURCE
    messages = {"default": T("{count} постов в {platform} {day} (не больше {max}); также: {others}",
                             "{count} posts on {platform} on {day} (at most {max}); also: {others}")}
    Options = BurstOptions
    bad_example = good_example = CALENDAR_NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        for platform, group in by_platform(posts).items():
            days: dict[str, list[Post]] = defaultdict(list)
            for post in group:
                days[local(post, ctx).date().isoformat()].append(post)
            for day, same in days.items():
                if len(same) > ctx.options.max_per_day:
                    for post in same:
                        yield at(post, ctx, same, count=len(same), platform=platform_name(ctx, platform),
                                 day=day, max=ctx.options.max_per_day)


class SilenceOptions(RuleOptions):
    max_gap_days: int = Field(default=14, gt=0, le=3660, description="Longest pause between two posts on a platform.")
    horizon_days: int = Field(default=7, ge=0, le=3660, description="Posts should be planned at least this far ahead (0: off).")


class Silence(CalendarRule):
    id = "CAL003"
    name = "silence"
    default_severity = Severity.WARNING
    summary = T("Долгое молчание на площадке", "A long silence on a platform")
    doc = T(
        "Новости — не «раз в месяц». Пауза между соседними постами на площадке длиннее "
        "`max-gap-days` (14) — находка на посте после паузы; считаются паузы, которые ещё впереди или "
        "заканчиваются сегодня и позже (`--today`). И план, который кончается слишком рано: на площадке нет "
        "ничего дальше чем на `horizon-days` (7) вперёд — находка на последнем посте.",
        "News are not «once a month». A pause between consecutive posts on a platform longer than "
        "`max-gap-days` (14) gives a finding on the post after it; only pauses that end today or later "
        "(`--today`) count. And a plan that ends too soon: nothing on the platform more than "
        "`horizon-days` (7) ahead gives a finding on the last post.",
    )
    source = CADENCE_SOURCE
    messages = {
        "gap": T("{days} дн. без постов в {platform} перед этим постом (не больше {max}); предыдущий: {others}",
                 "{days} days without posts on {platform} before this one (at most {max}); previous: {others}"),
        "horizon": T("План для {platform} кончается {day}: запланируйте посты хотя бы на {days} дн. вперёд",
                     "The {platform} plan ends on {day}: plan posts at least {days} days ahead"),
        "default": T("Долгое молчание", "A long silence"),
    }
    Options = SilenceOptions
    bad_example = good_example = CALENDAR_NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        max_gap = timedelta(days=ctx.options.max_gap_days)
        for platform, group in by_platform(posts).items():
            name = platform_name(ctx, platform)
            for before, after in zip(group, group[1:]):
                gap = after.meta.publish_at - before.meta.publish_at  # type: ignore[operator]
                if gap > max_gap and after.meta.publish_at >= ctx.today:  # type: ignore[operator]
                    yield at(after, ctx, [before], "gap", days=gap.days, platform=name, max=ctx.options.max_gap_days)
            last = group[-1]
            horizon = ctx.options.horizon_days
            if horizon and last.meta.publish_at < ctx.today + timedelta(days=horizon):  # type: ignore[operator]
                yield at(last, ctx, [], "horizon", platform=name, day=local(last, ctx).date().isoformat(), days=horizon)


class SpacingOptions(RuleOptions):
    min_hours: float = Field(default=2, gt=0, le=24 * 366, description="Least time between two posts on one platform.")


class Spacing(CalendarRule):
    id = "CAL004"
    name = "spacing"
    default_severity = Severity.WARNING
    summary = T("Посты на площадке слишком близко друг к другу", "Two posts on a platform too close together")
    doc = T(
        "Два поста на одной площадке ближе `min-hours` часов (2) друг к другу конкурируют за внимание: "
        "второй хоронит первый в ленте. Находка на втором посте.",
        "Two posts on one platform less than `min-hours` hours (2) apart compete for attention: the second "
        "buries the first in the feed. The finding is on the second post.",
    )
    source = CADENCE_SOURCE
    messages = {"default": T("В {platform} через {minutes} мин после: {others} (нужно не меньше {hours} ч)",
                             "On {platform} {minutes} minutes after: {others} (at least {hours} h)")}
    Options = SpacingOptions
    bad_example = good_example = CALENDAR_NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        least = timedelta(hours=ctx.options.min_hours)
        for platform, group in by_platform(posts).items():
            for before, after in zip(group, group[1:]):
                gap = after.meta.publish_at - before.meta.publish_at  # type: ignore[operator]
                if gap < least:
                    yield at(after, ctx, [before], platform=platform_name(ctx, platform),
                             minutes=int(gap.total_seconds() // 60), hours=f"{ctx.options.min_hours:g}")
