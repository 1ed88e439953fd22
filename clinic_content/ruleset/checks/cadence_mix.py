"""CAL005–CAL007: what the plan is made of — the share of promotion, education posts in
every window, and the same text posted twice.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Iterator
from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.model import Category
from ...source.post import Post
from ..rule import CalendarRule, Context, RuleOptions, T
from .cadence_support import (
    CALENDAR_NOTE, at, by_platform, is_promo, local, planned, platform_name, running_count, windows,
)


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
    bad_example = good_example = CALENDAR_NOTE

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
    bad_example = good_example = CALENDAR_NOTE

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
    bad_example = good_example = CALENDAR_NOTE

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
