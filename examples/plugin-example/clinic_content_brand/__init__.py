"""House rules of Клиника «Берёза», as an example of a clinic-content plugin."""

from __future__ import annotations

from typing import Iterator

from pydantic import Field

from clinic_content import Finding, PostRule, RuleOptions, Severity, T


class HashtagOptions(RuleOptions):
    hashtag: str = Field(default="#клиникаберёза", description="The clinic's brand hashtag.")
    platforms: list[str] = Field(default_factory=lambda: ["vk", "instagram"], description="Where it is required.")


class BrandHashtag(PostRule):
    id = "BRAND001"
    name = "brand-hashtag"
    default_severity = Severity.WARNING
    summary = T("Нет фирменного хештега", "The brand hashtag is missing")
    doc = T("Посты во ВКонтакте и Instagram заканчиваются фирменным хештегом клиники.",
            "VK and Instagram posts end with the clinic's brand hashtag.")
    source = "Клиника «Берёза» style guide"
    messages = {"default": T("Добавьте {hashtag} в конец поста", "Add {hashtag} at the end of the post")}
    Options = HashtagOptions

    def check(self, post, ctx) -> Iterator[Finding]:
        wanted = set(ctx.options.platforms) & set(post.meta.platforms)
        if post.usable and wanted and ctx.options.hashtag.lower() not in post.body.plain_text.lower():
            yield Finding(post.body_span(), args={"hashtag": ctx.options.hashtag})


class CapsTitle(PostRule):
    id = "BRAND002"
    name = "caps-title"
    default_severity = Severity.WARNING
    summary = T("Заголовок капслоком", "Title in capitals")
    doc = T("Заголовок не пишется капслоком.", "Do not write titles in capitals.")
    source = "Клиника «Берёза» style guide"
    messages = {"default": T("Заголовок «{title}» капслоком", "Title '{title}' is in capitals")}

    def check(self, post, ctx) -> Iterator[Finding]:
        title = post.meta.title or ""
        if sum(c.isalpha() for c in title) >= 4 and title.isupper():
            yield Finding(post.key_span("title", key=False), args={"title": title})


RULES = [BrandHashtag, CapsTitle]
