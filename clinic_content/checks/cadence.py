"""CAL: the content plan as a whole — «news must be regular: not once a
month, and not two months of silence, then 8 posts in one day» — plus the
timeline of each post (quiet hours, offers that expire, approval in time).

Calendar rules see every post under the content roots — as ``CalendarEntry``
summaries (entries.py), so they never need a post's text — and report on the posts
involved, pointing at their ``publish_at`` and naming the others. The consent
timeline (a consent that expires or is revoked before ``publish_at``) is PRIV003.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Iterator

from pydantic import Field

from ..diagnostics import Finding, Severity
from ..model import Category, Status
from ..post import Post
from ..rule import CalendarRule, Context, PostRule, RuleOptions, T

_TIMELY = "WHO Strategic Communications Framework, principle «Timely» (https://www.who.int/about/communications/principles)"
_SEED = _TIMELY + "; thresholds are options (docs/rules.md)"
_NOTE = "(a calendar: several posts)"


def _remember(kind: str, posts: list[Post], build):
    """Six rules sort the same calendar: the engine's ``Calendar`` list keeps the views."""
    views = getattr(posts, "views", None)
    if views is None:
        return build()
    if kind not in views:
        views[kind] = build()
    return views[kind]


def planned(posts: list[Post]) -> list[Post]:
    """Posts that will or did go out: usable, dated, not cancelled; sorted by time."""

    def build() -> list[Post]:
        out = [p for p in posts if p.usable and p.meta.publish_at is not None and p.meta.status is not Status.CANCELLED]
        return sorted(out, key=lambda p: (p.meta.publish_at, p.display_path))  # type: ignore[arg-type, return-value]

    return _remember("planned", posts, build)  # type: ignore[return-value]


def by_platform(posts: list[Post]) -> dict[str, list[Post]]:
    """Posts per feed: a platform, or ``platform/account`` when the post names an account."""

    def build() -> dict[str, list[Post]]:
        groups: dict[str, list[Post]] = defaultdict(list)
        for post in planned(posts):
            for platform in dict.fromkeys(post.meta.platforms):
                groups[f"{platform}/{post.meta.account}" if post.meta.account else platform].append(post)
        return dict(sorted(groups.items()))

    return _remember("by_platform", posts, build)  # type: ignore[return-value]


def at(post: Post, ctx: Context, others: list[Post] = (), message: str = "default", **args) -> Finding:  # type: ignore[assignment]
    """A finding on the post's publish_at line naming the other posts involved."""
    related = tuple(o.display_path for o in others if o is not post)
    args = {**args, "others": ", ".join(related)}
    return Finding(post.key_span("publish_at"), message, args, path=post.display_path, related=related)


def local(post: Post, ctx: Context) -> datetime:
    return post.meta.publish_at.astimezone(ctx.config.tz)  # type: ignore[union-attr]


def platform_name(ctx: Context, feed: str) -> str:
    platform, _, account = feed.partition("/")
    found = ctx.platforms.get(platform)
    name = found.name if found else platform
    return f"{name} ({account})" if account else name


def is_promo(post: Post) -> bool:
    return post.meta.ad or post.meta.category is Category.PROMO


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
    source = _SEED
    messages = {"default": T("{count} постов в {platform} {day} (не больше {max}); также: {others}",
                             "{count} posts on {platform} on {day} (at most {max}); also: {others}")}
    Options = BurstOptions
    bad_example = good_example = _NOTE

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
    source = _SEED
    messages = {
        "gap": T("{days} дн. без постов в {platform} перед этим постом (не больше {max}); предыдущий: {others}",
                 "{days} days without posts on {platform} before this one (at most {max}); previous: {others}"),
        "horizon": T("План для {platform} кончается {day}: запланируйте посты хотя бы на {days} дн. вперёд",
                     "The {platform} plan ends on {day}: plan posts at least {days} days ahead"),
        "default": T("Долгое молчание", "A long silence"),
    }
    Options = SilenceOptions
    bad_example = good_example = _NOTE

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
    source = _SEED
    messages = {"default": T("В {platform} через {minutes} мин после: {others} (нужно не меньше {hours} ч)",
                             "On {platform} {minutes} minutes after: {others} (at least {hours} h)")}
    Options = SpacingOptions
    bad_example = good_example = _NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        least = timedelta(hours=ctx.options.min_hours)
        for platform, group in by_platform(posts).items():
            for before, after in zip(group, group[1:]):
                gap = after.meta.publish_at - before.meta.publish_at  # type: ignore[operator]
                if gap < least:
                    yield at(after, ctx, [before], platform=platform_name(ctx, platform),
                             minutes=int(gap.total_seconds() // 60), hours=f"{ctx.options.min_hours:g}")


class MixOptions(RuleOptions):
    window_days: int = Field(default=28, gt=0, le=3660, description="Length of the rolling window.")
    max_promo_share: float = Field(default=0.3, gt=0, le=1, description="Largest share of promo/ad posts in a window.")
    min_posts: int = Field(default=4, gt=0, description="Windows with fewer posts are not judged.")


class PromoShare(CalendarRule):
    id = "CAL005"
    name = "promo-share"
    default_severity = Severity.WARNING
    summary = T("Слишком много рекламы в ленте", "Too many promotional posts")
    doc = T(
        "Основная идея постов клиники — сохранение здоровья и рассказ о том, как клиника "
        "помогает; реклама не должна вытеснять пользу. В любом окне из `window-days` дней (28) на площадке "
        "доля рекламных постов (`ad: true` или категория `promo`) не больше `max-promo-share` (30 %); окна, "
        "где меньше `min-posts` постов, не оцениваются. Находка на последнем рекламном посте окна.",
        "A clinic's posts are about keeping healthy and how the clinic helps; promotion "
        "must not crowd out value. In any `window-days` window (28) on a platform the share of promotional "
        "posts (`ad: true` or category `promo`) is at most `max-promo-share` (30 %); windows with fewer than "
        "`min-posts` posts are not judged. The finding is on the window's last promotional post.",
    )
    source = ("WHO Strategic Communications Framework, principles «Relevant» and «Credible and trusted» "
              "(https://www.who.int/about/communications/principles); 38-FZ «О рекламе» art. 5 (an ad must not mislead) (https://www.consultant.ru/document/cons_doc_LAW_58968/)")
    messages = {"default": T("В {platform} за {days} дн. до {day} реклама — {promo} из {total} постов ({share}, не больше {max}); также: {others}",
                             "On {platform} in the {days} days to {day} promotion is {promo} of {total} posts ({share}, at most {max}); also: {others}")}
    Options = MixOptions
    bad_example = good_example = _NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        o = ctx.options
        for platform, group in by_platform(posts).items():
            reported: set[int] = set()
            promo_count = running_count(group, is_promo)
            for first, end in windows(group, o.window_days):
                total, promos = end - first + 1, promo_count[end + 1] - promo_count[first]
                if total < o.min_posts or not promos or promos / total <= o.max_promo_share:
                    continue
                window = group[first : end + 1]
                promo = [p for p in window if is_promo(p)]
                last = promo[-1]
                if id(last) in reported:
                    continue
                reported.add(id(last))
                yield at(last, ctx, promo, platform=platform_name(ctx, platform), days=o.window_days,
                         day=local(group[end], ctx).date().isoformat(), promo=len(promo), total=len(window),
                         share=f"{len(promo) / len(window):.0%}", max=f"{o.max_promo_share:.0%}")


def windows(group: list[Post], days: int) -> Iterator[tuple[int, int]]:
    """(first, end): the posts in the ``days`` up to and including group[end], for each end.
    Two pointers over the sorted group, so a 10,000-post plan costs O(n), not O(n²)."""
    span, first = timedelta(days=days), 0
    for end, post in enumerate(group):
        while group[first].meta.publish_at <= post.meta.publish_at - span:  # type: ignore[operator]
            first += 1
        yield first, end


def running_count(group: list[Post], test) -> list[int]:
    """Prefix counts: how many of group[:i] pass ``test``, for O(1) counts per window."""
    counts = [0]
    for post in group:
        counts.append(counts[-1] + bool(test(post)))
    return counts


class NoEducation(CalendarRule):
    id = "CAL006"
    name = "no-education"
    default_severity = Severity.WARNING
    summary = T("На площадке нет просветительских постов", "No educational posts on a platform")
    doc = T(
        "Клиника — надёжный источник информации о здоровье. В окне из `window-days` дней "
        "(28) с хотя бы `min-posts` постами на площадке должен быть хотя бы один пост категории "
        "`education`. Находка на первом посте окна, одна на окно.",
        "A clinic is a reliable source of health information. A `window-days` window "
        "(28) with at least `min-posts` posts on a platform needs at least one `education` post. The finding "
        "is on the window's first post, one per window.",
    )
    source = "WHO Strategic Communications Framework, principles «Actionable» and «Credible and trusted» (https://www.who.int/about/communications/principles)"
    messages = {"default": T("В {platform} за {days} дн. с {day} — {total} постов и ни одного просветительского; также: {others}",
                             "On {platform} the {days} days from {day} have {total} posts and no educational one; also: {others}")}
    Options = MixOptions
    bad_example = good_example = _NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        o = ctx.options
        for platform, group in by_platform(posts).items():
            covered_until = None
            educational = running_count(group, lambda p: p.meta.category is Category.EDUCATION)
            for start, end in windows(group, o.window_days):
                if end - start + 1 < o.min_posts or educational[end + 1] - educational[start]:
                    continue
                window = group[start : end + 1]
                first = window[0]
                if covered_until is not None and first.meta.publish_at <= covered_until:  # type: ignore[operator]
                    continue
                covered_until = group[end].meta.publish_at
                yield at(first, ctx, window, platform=platform_name(ctx, platform), days=o.window_days,
                         day=local(first, ctx).date().isoformat(), total=len(window))


class DuplicateTextOptions(RuleOptions):
    within_days: int = Field(default=30, gt=0, le=3660, description="Same text closer than this is reported.")
    min_chars: int = Field(default=80, gt=0, description="Shorter texts (greetings, schedules) are not compared.")


class DuplicateText(CalendarRule):
    id = "CAL007"
    name = "duplicate-text"
    default_severity = Severity.WARNING
    summary = T("Один и тот же текст запланирован дважды", "The same text is scheduled twice")
    doc = T(
        "Один текст в двух постах ближе `within-days` дней (30) — обычно копия, которую забыли переписать. "
        "Чтобы опубликовать пост в нескольких сетях, перечислите их в `platforms` одного поста. "
        "Сравнивается видимый текст без учёта регистра, пробелов и пунктуации; тексты короче `min-chars` "
        "не сравниваются.",
        "One text in two posts less than `within-days` days (30) apart — usually a copy not rewritten. To "
        "publish on several networks, list them in one post's `platforms`. The visible text is compared "
        "ignoring case, spaces and punctuation; texts shorter than `min-chars` are skipped.",
    )
    source = "clinic-content calendar model (one post per text; platforms list for cross-posting)"
    messages = {"default": T("Тот же текст, что и в: {others} ({days} дн. между ними)",
                             "Same text as: {others} ({days} days apart)")}
    Options = DuplicateTextOptions
    bad_example = good_example = _NOTE

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        by_text: dict[str, list[Post]] = defaultdict(list)
        for post in planned(posts):
            if post.text_length >= ctx.options.min_chars:  # type: ignore[attr-defined]
                by_text[post.text_key].append(post)  # type: ignore[attr-defined]
        limit = timedelta(days=ctx.options.within_days)
        for group in by_text.values():
            for before, after in zip(group, group[1:]):
                gap = after.meta.publish_at - before.meta.publish_at  # type: ignore[operator]
                if gap < limit:
                    yield at(after, ctx, [before], days=gap.days)
                    yield at(before, ctx, [after], days=gap.days)


class QuietOptions(RuleOptions):
    start: int = Field(default=22, ge=0, le=23, description="Hour the quiet time starts (clinic timezone).")
    end: int = Field(default=8, ge=0, le=23, description="Hour it ends.")


class QuietHours(PostRule):
    id = "CAL008"
    name = "quiet-hours"
    default_severity = Severity.WARNING
    summary = T("Публикация ночью", "Publishing at night")
    doc = T(
        "Пост ночью (с `start` до `end` часов по часовому поясу клиники, 22–8) уходит вниз ленты к утру и "
        "будит подписчиков уведомлением. Время без часа (только дата) не проверяется.",
        "A post at night (from `start` to `end` in the clinic's timezone, 22-8) sinks in the feed by "
        "morning and wakes followers with a notification. A date without a time is not checked.",
    )
    source = ("Telegram Bot API `disable_notification`: a post notifies every subscriber unless sent silently "
              "(https://core.telegram.org/bots/api#sendmessage); " + _TIMELY)
    messages = {"default": T("Публикация в {time} — ночью (тихие часы {start}:00–{end}:00)",
                             "Published at {time}, at night (quiet hours {start}:00-{end}:00)")}
    Options = QuietOptions
    bad_example = "---\ntitle: Пост\npublish_at: 2026-12-10 23:30\nplatforms: [vk]\n---\nТекст.\n"
    good_example = "---\ntitle: Пост\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n---\nТекст.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.publish_at is None or _date_only(post):
            return
        when = local(post, ctx)
        start, end = ctx.options.start, ctx.options.end
        night = (start <= when.hour or when.hour < end) if start > end else (start <= when.hour < end)
        if night:
            yield Finding(post.key_span("publish_at", key=False),
                          args={"time": when.strftime("%H:%M"), "start": start, "end": end})


def _date_only(post: Post) -> bool:
    """`publish_at: 2026-12-10` (a date, midnight) carries no time of day."""
    data = post.front_matter.data if post.front_matter else {}
    raw = next((data[k] for k in ("publish_at", "date", "publishDate", "publish_date") if k in data), None)
    return raw is not None and not isinstance(raw, datetime) and len(str(raw).strip()) <= 10


class PromoWithoutExpiry(PostRule):
    id = "CAL009"
    name = "promo-without-expiry"
    default_severity = Severity.WARNING
    summary = T("Акция без срока `expires`", "A promotion without `expires`")
    doc = T(
        "Устаревшая информация должна сниматься вовремя: акция со сроком, который кончился, а пост висит, — "
        "недостоверная реклама (38-ФЗ, ст. 5, ч. 3, п. 4: о цене и условиях). Укажите `expires` для "
        "рекламы и постов категории `promo`, чтобы CAL011 напомнил снять пост и календарь показал дату.",
        "Outdated information must come down on time: a promotion whose term ended while the post stays "
        "up is untrue advertising (38-FZ art. 5 part 3 item 4: price and terms). Set `expires` on ads and "
        "`promo` posts so CAL011 reminds you and the calendar shows the date.",
    )
    source = "38-FZ art. 5 part 3 item 4"
    messages = {"default": T("Рекламный пост без `expires`: когда акция закончится?", "Promotional post without `expires`: when does the offer end?")}
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: promo\n---\nСкидка на УЗИ.\n"
    good_example = "---\ntitle: Скидка\npublish_at: 2026-12-10 10:00\nexpires: 2026-12-31\nplatforms: [vk]\ncategory: promo\n---\nСкидка на УЗИ.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if post.usable and is_promo(post) and post.meta.expires is None:
            yield Finding(post.key_span("category") if post.meta.category else post.key_span("ad"))


class ExpiryTimeline(PostRule):
    id = "CAL010"
    name = "expires-before-publish"
    summary = T("`expires` раньше `publish_at`", "`expires` is before `publish_at`")
    doc = T(
        "Пост, срок которого истекает до публикации, публиковать нельзя: акция уже закончилась. "
        "Обычно опечатка в годе или месяце.",
        "A post that expires before it is published must not go out: the offer is already over. Usually "
        "a typo in the year or month.",
    )
    source = "38-FZ art. 5 part 3 item 4"
    messages = {"default": T("Срок {expires} раньше публикации {publish}", "Expires {expires}, before publication {publish}")}
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-12-10 10:00\nexpires: 2025-12-31\nplatforms: [vk]\n---\nСкидка.\n"
    good_example = "---\ntitle: Скидка\npublish_at: 2026-12-10 10:00\nexpires: 2026-12-31\nplatforms: [vk]\n---\nСкидка.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        m = post.meta
        if post.usable and m.expires and m.publish_at and m.expires <= m.publish_at:
            yield Finding(post.key_span("expires", key=False),
                          args={"expires": m.expires.date().isoformat(), "publish": m.publish_at.date().isoformat()})


class ExpiredOnline(PostRule):
    id = "CAL011"
    name = "expired-online"
    summary = T("Срок поста истёк, а он опубликован", "The post expired but is still online")
    doc = T(
        "Пост со статусом `published`, у которого прошёл `expires` (относительно `--today`, по умолчанию "
        "сегодня): устаревшая акция или информация должна быть снята — недостоверная реклама о цене и "
        "условиях (38-ФЗ, ст. 5, ч. 3, п. 4). Снимите пост и поставьте `status: cancelled`.",
        "A `published` post whose `expires` has passed (against `--today`, default today): an outdated "
        "offer or information must come down — untrue advertising of price and terms (38-FZ art. 5 part 3 "
        "item 4). Remove it and set `status: cancelled`.",
    )
    source = "38-FZ art. 5 part 3 item 4"
    messages = {"default": T("Срок истёк {expires}, а пост опубликован: снимите его", "Expired on {expires} but published: take it down")}
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-10-01 10:00\nexpires: 2026-10-31\nstatus: published\nplatforms: [vk]\n---\nСкидка.\n"
    good_example = bad_example.replace("status: published", "status: cancelled")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        m = post.meta
        if post.usable and m.status is Status.PUBLISHED and m.expires and m.expires < ctx.today:
            yield Finding(post.key_span("expires", key=False), args={"expires": m.expires.date().isoformat()})


class ApprovalOptions(RuleOptions):
    hours: int = Field(default=48, gt=0, le=24 * 366, description="A post must be approved this long before publication.")


class NotApprovedInTime(PostRule):
    id = "CAL012"
    name = "not-approved-in-time"
    default_severity = Severity.WARNING
    summary = T("Пост не согласован к сроку", "The post is not approved in time")
    doc = T(
        "Черновик (`draft`) или пост на проверке (`review`) меньше чем за `hours` часов (48) до "
        "`publish_at` или уже после неё: врач и юрист не успеют проверить, или пост опоздал.",
        "A `draft` or `review` post less than `hours` hours (48) before its `publish_at`, or past it: the "
        "doctor and the lawyer will not have time to check, or the post is late.",
    )
    source = "clinic-content workflow (draft → review → approved → scheduled → published)"
    messages = {
        "soon": T("Статус «{status}», а публикация через {hours} ч", "Status '{status}' and publication in {hours} h"),
        "late": T("Статус «{status}», а время публикации {publish} уже прошло", "Status '{status}' and the publish time {publish} has passed"),
        "default": T("Не согласован", "Not approved"),
    }
    Options = ApprovalOptions
    bad_example = "---\ntitle: Пост\npublish_at: 2026-11-23 10:00\nstatus: review\nplatforms: [vk]\n---\nТекст.\n"
    good_example = bad_example.replace("status: review", "status: approved")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        m = post.meta
        if not post.usable or m.publish_at is None or m.status not in (Status.DRAFT, Status.REVIEW):
            return
        left = m.publish_at - ctx.today
        if left < timedelta(0):
            yield Finding(post.key_span("status", key=False), "late",
                          {"status": m.status.value, "publish": local(post, ctx).strftime("%Y-%m-%d %H:%M")})
        elif left < timedelta(hours=ctx.options.hours):
            yield Finding(post.key_span("status", key=False), "soon",
                          {"status": m.status.value, "hours": int(left.total_seconds() // 3600)})


class PublishedInFuture(PostRule):
    id = "CAL013"
    name = "published-in-future"
    summary = T("`published` с датой в будущем", "`published` with a future date")
    doc = T(
        "Статус `published` у поста, чей `publish_at` ещё не наступил (относительно `--today`): либо статус "
        "поставлен заранее, либо дата неверна — календарь и проверки сроков будут врать.",
        "Status `published` on a post whose `publish_at` is still ahead (against `--today`): either the "
        "status was set early or the date is wrong — the calendar and timeline checks will mislead.",
    )
    source = "clinic-content workflow"
    messages = {"default": T("Статус published, но публикация только {publish}", "Status published but publication is only on {publish}")}
    bad_example = "---\ntitle: Пост\npublish_at: 2027-03-01 10:00\nstatus: published\nplatforms: [vk]\n---\nТекст.\n"
    good_example = bad_example.replace("status: published", "status: scheduled")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        m = post.meta
        if post.usable and m.status is Status.PUBLISHED and m.publish_at and m.publish_at > ctx.today + timedelta(days=1):
            yield Finding(post.key_span("status", key=False), args={"publish": local(post, ctx).date().isoformat()})


CAL_RULES = [Burst, Silence, Spacing, PromoShare, NoEducation, DuplicateText, QuietHours, PromoWithoutExpiry,
             ExpiryTimeline, ExpiredOnline, NotApprovedInTime, PublishedInFuture]
