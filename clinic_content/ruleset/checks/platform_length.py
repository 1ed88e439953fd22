"""PLAT001: the published text fits the platform's length limit.

Limits live in ``rules/platforms/*.toml`` with how sure we are of them; a
limit that is only partly confirmed or unconfirmed yields a warning.
"""

from __future__ import annotations

from typing import Iterator

from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T


class LengthOptions(RuleOptions):
    limits: dict[str, int] = Field(
        default_factory=dict,
        description="Platform id -> your own limit, e.g. telegram = 4096 for a Telegram Premium channel.",
    )


class TextTooLong(PostRule):
    id = "PLAT001"
    name = "text-too-long"
    summary = T("Текст длиннее лимита площадки", "Text longer than the platform allows")
    doc = T(
        "Считается видимый текст поста (без разметки Markdown и HTML-комментариев) так, как считает "
        "площадка: Telegram и YouTube — в единицах UTF-16 (эмодзи = 2). Пост с медиа в Telegram — это "
        "подпись, лимит 1024 символа; без медиа — 4096. Instagram — 2200, LinkedIn — 3000, X — 280. "
        "Лимиты и их источники — в `rules/platforms/*.toml`; неподтверждённые лимиты дают предупреждение. "
        "Свой лимит (например, Telegram Premium) задаётся опцией `limits`.",
        "Counts the visible text of the post (no Markdown markup or HTML comments) the way the platform "
        "does: Telegram and YouTube count UTF-16 units (an emoji is 2). A Telegram post with media is a "
        "caption limited to 1,024 characters; without media 4,096. Instagram 2,200, LinkedIn 3,000, "
        "X 280. Limits and their sources are in `rules/platforms/*.toml`; unconfirmed limits give a "
        "warning. Set your own limit (e.g. Telegram Premium) with the `limits` option.",
    )
    source = "Platform limits in rules/platforms/*.toml (Telegram app config, Instagram Help Center, …)"
    messages = {
        "default": T("Текст для {platform}: {length} симв. при лимите {limit}",
                     "Text for {platform}: {length} characters, limit {limit}"),
        "caption": T("Подпись к медиа в {platform}: {length} симв. при лимите {limit}; сократите текст или "
                     "опубликуйте медиа отдельно",
                     "Media caption on {platform}: {length} characters, limit {limit}; shorten it or post "
                     "the media separately"),
    }
    Options = LengthOptions
    bad_example = "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [x]\n---\n" + "Очень длинный текст. " * 20
    good_example = "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [x]\n---\nЗапишитесь на чек-ап.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        text = post.body.plain_text
        has_media = bool(post.meta.media) or post.body.has_images
        for platform_id in post.meta.platforms:
            platform = ctx.platforms.get(platform_id)
            if platform is None:
                continue
            kind = "caption_with_media" if has_media and "caption_with_media" in platform.limits else "text"
            limit = platform.limits.get(kind)
            if limit is None and platform_id not in ctx.options.limits:
                continue
            value = ctx.options.limits.get(platform_id, limit.value if limit else 0)
            length = platform.length(text)
            if length > value:
                confirmed = platform_id in ctx.options.limits or (limit is not None and limit.confidence == "C")
                yield Finding(
                    post.body_span(),
                    "caption" if kind == "caption_with_media" else "default",
                    {"platform": platform.name, "length": length, "limit": value},
                    severity=None if confirmed else Severity.WARNING,
                )
