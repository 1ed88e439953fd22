"""ADV016/ADV017: no ads on Instagram, Facebook and other blocked resources (38-FZ art. 5
part 10.7), and the Meta footnote where they are mentioned.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterator
from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.post import Post
from ..fixer import paragraph_at_end
from ..rule import Context, Edit, PostRule, RuleOptions, T
from .ad_warning import normalise
from .findings import body_match, platform_span


_META = re.compile(r"(?<!\w)(?:instagram|инстаграм\w*|инсту|инсте|инста|insta|facebook|фейсбук\w*|meta)(?!\w)", re.IGNORECASE)
META_BAN_START = datetime(2025, 9, 1, tzinfo=timezone.utc)


class AdOnBlockedPlatform(PostRule):
    id = "ADV016"
    name = "ad-on-blocked-platform"
    summary = T("Реклама в Instagram/Facebook и других запрещённых ресурсах", "Ad on Instagram/Facebook or other blocked resources")
    doc = T(
        "С 1 сентября 2025 года запрещена реклама «на информационных ресурсах … деятельность которых в РФ "
        "запрещена, а также других информационных ресурсах, доступ к которым ограничен» (38-ФЗ, ст. 5, ч. 10.7, "
        "введена законом от 07.04.2025 № 72-ФЗ). Это Instagram и Facebook (Meta признана экстремистской). "
        "Штраф по КоАП 14.3 — до 500 000 ₽ для компании. Для LinkedIn, X и других заблокированных площадок "
        "(`blocked_in_ru` в `rules/platforms`) применение не подтверждено — предупреждение. Правило "
        "срабатывает для рекламных постов с датой публикации с 01.09.2025.",
        "From 1 September 2025 advertising is banned \"on information resources whose activity in Russia is "
        "prohibited, and other resources with restricted access\" (38-FZ art. 5 part 10.7, added by Law "
        "No. 72-FZ of 07.04.2025): Instagram and Facebook (Meta is designated extremist). Fine under KoAP "
        "14.3: up to 500,000 RUB for a company. For LinkedIn, X and other blocked platforms (`blocked_in_ru` "
        "in `rules/platforms`) the application is unconfirmed: a warning. Fires for ads published on or "
        "after 2025-09-01.",
    )
    source = "38-FZ art. 5 part 10.7; Law No. 72-FZ of 07.04.2025 (tass.ru/obschestvo/24918975)"
    messages = {"default": T("Реклама в {platform} запрещена с 01.09.2025 (38-ФЗ, ст. 5, ч. 10.7)",
                             "Advertising on {platform} is banned since 2025-09-01 (38-FZ art. 5 part 10.7)")}
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk, instagram]\nad: true\n---\nРеклама. Скидка.\n"
    good_example = "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\n---\nРеклама. Скидка.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad) or post.meta.publish_at is None:
            return
        if post.meta.publish_at < META_BAN_START:
            return
        for index, platform_id in enumerate(post.meta.platforms):
            platform = ctx.platforms.get(platform_id)
            if platform is not None and platform.blocked_in_ru:
                meta = platform_id in ("instagram", "facebook")
                yield Finding(platform_span(post, index), args={"platform": platform.name},
                              severity=None if meta else Severity.WARNING)


class FootnoteOptions(RuleOptions):
    footnote_text: str = Field(
        default="*Instagram и Facebook принадлежат компании Meta, признанной экстремистской организацией и запрещённой в РФ.",
        description="The footnote the clinic uses (inserted by --fix).",
    )
    media_outlet: bool = Field(default=False, description="The clinic's channel is a registered mass medium: the footnote is mandatory (error).")


class MetaFootnote(PostRule):
    id = "ADV017"
    name = "meta-footnote"
    default_severity = Severity.WARNING
    summary = T("Упоминание Instagram/Facebook/Meta без сноски", "Instagram/Facebook/Meta mentioned without the footnote")
    doc = T(
        "Meta Platforms признана экстремистской организацией (решение Тверского суда от 21.03.2022; WhatsApp "
        "не затронут). Зарегистрированные СМИ обязаны сопровождать упоминание пометкой (закон о СМИ, ст. 4; "
        "разъяснения РКН); для остальных это обычай, поэтому по умолчанию — предупреждение, а с опцией "
        "`media-outlet = true` — ошибка. Проверяются русскоязычные посты. Текст сноски задаётся опцией "
        "`footnote-text`; признаком сноски считается слово «экстремист…».",
        "Meta Platforms is designated extremist (Tverskoy court, 21.03.2022; WhatsApp excluded). Registered "
        "mass media must mark every mention (Mass Media Law art. 4; RKN explanations); for others it is "
        "custom, hence a warning by default and an error with `media-outlet = true`. Russian posts are "
        "checked. The footnote text is the `footnote-text` option; the word «экстремист…» marks a footnote.",
    )
    source = "Mass Media Law art. 4; RKN explanations (55.rkn.gov.ru/news/news316066.htm); Tverskoy court 21.03.2022"
    messages = {"default": T("«{mention}» без сноски о Meta: добавьте «{footnote}»",
                             "'{mention}' without the Meta footnote: add «{footnote}»")}
    Options = FootnoteOptions
    bad_example = "---\ntitle: Мы в соцсетях\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nПодписывайтесь на наш Instagram!\n"
    good_example = bad_example.replace("Instagram!", "Instagram*!\n\n*Instagram принадлежит компании Meta, признанной экстремистской организацией и запрещённой в РФ.")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.lang != "ru":
            return
        text = post.body.plain_text
        mention = _META.search(text)
        if mention is None or "экстремист" in normalise(text):
            return
        span = body_match(post, _META) or post.body_span()
        yield Finding(span, args={"mention": mention.group(0), "footnote": ctx.options.footnote_text},
                      severity=Severity.ERROR if ctx.options.media_outlet else None)

    fixable = True

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        return paragraph_at_end(post, ctx.options.footnote_text)
