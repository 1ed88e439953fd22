"""CAL008–CAL013: one post's timeline — night-time publishing, offers that expire,
approval in time, a 'published' post dated in the future.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterator
from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.model import Status
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T
from .cadence_support import TIMELY_SOURCE, is_promo, local


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
              "(https://core.telegram.org/bots/api#sendmessage); " + TIMELY_SOURCE)
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
