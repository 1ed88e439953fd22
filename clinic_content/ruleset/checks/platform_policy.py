"""PLAT: platform medical-content policies beyond length — media that platforms
reject or restrict (data in ``rules/platforms/_media.toml``), editorial
before/after advice, hashtag and media counts, the ad label above the fold,
Meta's personal-attribute questions and 18+ targeting for cosmetic ads.
"""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...core.packs import load_media_policies
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T
from ...text.tokens import post_tokens
from .advertising import AD_MARK
from .findings import platform_limits, platform_span

_HEAD = "---\ntitle: Пост\npublish_at: 2026-12-10 10:00\nplatforms: [{platforms}]\n{extra}---\n"
_HASHTAG = re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*")
_META = ("instagram", "facebook")
_COSMETIC = re.compile(
    r"косметолог|пластическ|пластик[аиуе]\b|ботокс|ботулин|филлер|контурн\w+ пластик|блефаропласт|ринопласт|"
    r"маммопласт|липосакц|подтяжк|омоложен|морщин|похуде|снижени\w+ веса|лишн\w+ вес|целлюлит|"
    r"cosmetic|botox|filler|liposuction|weight loss|anti-?aging|wrinkle",
    re.IGNORECASE,
)
_EN_ATTRIBUTE = re.compile(
    r"\b(?:are you (?:\w+ ){0,2}(?:suffering|struggling|overweight|depressed|diabetic|pregnant|sick|ill|tired of)"
    r"|do you (?:suffer|have|struggle|feel)|your (?:acne|weight|pain|wrinkles|hair loss|depression|anxiety|diabetes))\b",
    re.IGNORECASE,
)
_SECOND_PERSON = frozenset({"вы", "ваш", "твой", "ты"})


def _platform_name(ctx: Context, platform_id: str) -> str:
    platform = ctx.platforms.get(platform_id)
    return platform.name if platform else platform_id


class MediaPolicy(PostRule):
    id = "PLAT002"
    name = "media-policy"
    summary = T("Медиа, которые площадка отклоняет или ограничивает", "Media the platform rejects or restricts")
    doc = T(
        "Теги медиа (`procedure`, `surgery`, `needle`, `injection`, `blood`, `before_after`, `body_closeup`) "
        "сравниваются с правилами площадок из `rules/platforms/_media.toml`: реклама и обычные посты "
        "отдельно. Meta (Instagram, Facebook) отклоняет рекламу с иглой в коже вне вакцинации, кровью, ходом "
        "операции, снимками «до и после» и крупными планами проблемных зон; Дзен не пропускает шокирующие "
        "обложки; фото косметологических процедур и пластических операций в процессе соцсети не поощряют. "
        "Подтверждённый запрет (`reject`, уверенность C) — ошибка, "
        "ограничения и неподтверждённые правила — предупреждения.",
        "Media tags (`procedure`, `surgery`, `needle`, `injection`, `blood`, `before_after`, "
        "`body_closeup`) are matched against platform policies in `rules/platforms/_media.toml`, ads and "
        "organic posts separately. Meta (Instagram, Facebook) rejects ads with needles piercing skin "
        "outside vaccination, blood, surgery, before/after images and body close-ups; Dzen rejects "
        "shocking previews; photos of cosmetic procedures and operations in progress are not welcomed by "
        "the networks. A confirmed rejection (`reject`, confidence C) is an "
        "error; restrictions and unconfirmed policies are warnings.",
    )
    source = ("Meta Advertising Standards (https://transparency.meta.com/policies/ad-standards/); Dzen card preview requirements "
              "(https://dzen.ru/help/ru/requirements/card-preview.html); VK Ads/myTarget moderation "
              "(https://target.my.com/help/advertisers/moderation/en); OK native ads (https://ok.ru/help/3600896); "
              "TikTok healthcare ads policy; per-tag sources in rules/platforms/_media.toml")
    messages = {"default": T("{platform}: {file} ({tags}) — {note}", "{platform}: {file} ({tags}) — {note}")}
    bad_example = _HEAD.format(platforms="facebook", extra="ad: true\nmedia:\n  - file: https://cdn.example/filler.jpg\n    tags: [injection]\n") + "Реклама.\n"
    good_example = _HEAD.format(platforms="facebook", extra="ad: true\nmedia:\n  - file: https://cdn.example/doctor.jpg\n    tags: [staff]\n") + "Реклама.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        lang = 0 if ctx.lang == "ru" else 1
        for index, item in enumerate(post.meta.media):
            chosen: dict[int, tuple[object, list[str]]] = {}
            for platform_id in post.meta.platforms:
                matching = [p for p in load_media_policies() if set(item.tags) & set(p.tags)
                            and p.covers(platform_id, post.meta.ad) and (p.topic == "any" or is_cosmetic(post))]
                if matching:  # per platform, the strictest policy
                    policy = max(matching, key=lambda p: (p.verdict == "reject", p.confidence == "C"))
                    chosen.setdefault(id(policy), (policy, []))[1].append(_platform_name(ctx, platform_id))
            for policy, names in chosen.values():  # one finding per media item and policy
                confirmed = policy.verdict == "reject" and policy.confidence == "C"  # type: ignore[attr-defined]
                yield Finding(
                    post.key_span("media", index, "tags"),
                    args={"platform": ", ".join(names), "file": item.file,
                          "tags": ", ".join(sorted(set(item.tags) & set(policy.tags))),  # type: ignore[attr-defined]
                          "note": (policy.note.ru, policy.note.en)[lang]},  # type: ignore[attr-defined]
                    severity=None if confirmed else Severity.WARNING,
                )


def is_cosmetic(post: Post) -> bool:
    """The post is about cosmetology, plastic surgery or weight loss (Meta's and editorial concern)."""
    cached = post.__dict__.get("_cosmetic")
    if cached is None:
        cached = post.__dict__["_cosmetic"] = bool(cosmetic_topic(post))
    return cached


def cosmetic_topic(post: Post) -> re.Match[str] | None:
    return _COSMETIC.search(post.body.plain_text) or _COSMETIC.search(post.meta.title or "")


class BeforeAfterOptions(RuleOptions):
    min_chars: int = Field(default=500, gt=0, description="Shortest story that may accompany a before/after.")


class BareBeforeAfter(PostRule):
    id = "PLAT003"
    name = "bare-before-after"
    default_severity = Severity.WARNING
    summary = T("«До и после» без подробного рассказа", "A before/after without a long-form story")
    doc = T(
        "Голые фото «до и после» соцсети не поощряют (Meta запрещает в рекламе снимки «до и после» с "
        "идеализированным результатом); лучше подробная история: что было, что сделали и что стало. Правило "
        "срабатывает на медиа с тегом `before_after`, когда текст короче `min-chars` символов (500 по "
        "умолчанию). Согласие пациента проверяют правила PRIV, рекламу «до и после» — PLAT002 и ADV006.",
        "Bare before/after photos are not welcomed by the networks (Meta bans before/after images showing "
        "idealised results in ads); a long-form story of what there was, what was done and the result is "
        "better. The rule fires on "
        "media tagged `before_after` when the text is shorter than `min-chars` characters (500 by default). "
        "The patient's consent is checked by the PRIV rules, before/after in ads by PLAT002 and ADV006.",
    )
    source = ("Meta Advertising Standards, Health and wellness: before-and-after images (https://transparency.meta.com/policies/ad-standards/); "
              "WHO Strategic Communications Framework, principle «Understandable»: tell real stories (https://www.who.int/about/communications/principles)")
    messages = {"default": T("«До и после» с текстом {length} симв.: расскажите, что было, что сделали и что стало (от {min})",
                             "Before/after with {length} characters of text: tell what there was, what was done and the result (at least {min})")}
    Options = BeforeAfterOptions
    bad_example = _HEAD.format(platforms="vk", extra="media:\n  - file: https://cdn.example/ba.jpg\n    tags: [before_after]\n") + "Результат за 3 месяца!\n"
    good_example = _HEAD.format(platforms="vk", extra="media:\n  - file: https://cdn.example/ba.jpg\n    tags: [before_after]\n") + (
        "Пациентка пришла к дерматологу с акне, которое не проходило два года. " * 8 + "\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        length = len(post.body.plain_text.strip())
        for index, item in enumerate(post.meta.media):
            if "before_after" in item.tags and length < ctx.options.min_chars:
                yield Finding(post.key_span("media", index, "tags"), args={"length": length, "min": ctx.options.min_chars})
                return


class TooManyHashtags(PostRule):
    id = "PLAT004"
    name = "too-many-hashtags"
    summary = T("Хештегов больше, чем допускает площадка", "More hashtags than the platform allows")
    doc = T(
        "Instagram с декабря 2025 года допускает 5 хештегов (было 30) [частично подтверждено]. Лимиты — "
        "`limits.hashtags` в `rules/platforms/*.toml`; неподтверждённый лимит даёт предупреждение.",
        "Instagram allows 5 hashtags since December 2025 (was 30) [partly confirmed]. Limits are "
        "`limits.hashtags` in `rules/platforms/*.toml`; an unconfirmed limit gives a warning.",
    )
    source = "Platform limits in rules/platforms/*.toml (Instagram: Mosseri announcement, Dec 2025)"
    messages = {"default": T("{platform}: {count} хештегов при лимите {limit}", "{platform}: {count} hashtags, limit {limit}")}
    bad_example = _HEAD.format(platforms="instagram", extra="") + "Зима. #здоровье #зима #врач #клиника #грипп #прививка\n"
    good_example = _HEAD.format(platforms="instagram", extra="") + "Зима. #здоровье #прививка\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.parsed is None:
            return
        body = post.parsed.source.text[post.parsed.body_offset :]
        count = len(_HASHTAG.findall(body))
        yield from _count_limit(post, ctx, "hashtags", count)


def _count_limit(post: Post, ctx: Context, limit_name: str, count: int) -> Iterator[Finding]:
    for index, platform, limit in platform_limits(post, ctx, limit_name):
        if count > limit.value:
            yield Finding(platform_span(post, index), args={"platform": platform.name, "count": count, "limit": limit.value},
                          severity=None if limit.confidence == "C" else Severity.WARNING)


class TooManyMedia(PostRule):
    id = "PLAT005"
    name = "too-many-media"
    summary = T("Файлов больше, чем вмещает карусель или альбом", "More files than a carousel or album holds")
    doc = T(
        "Альбом Telegram — от 2 до 10 файлов, карусель Instagram через API — 10, вложений во ВКонтакте — "
        "10 [частично подтверждено]. Лимиты — `limits.media` в `rules/platforms/*.toml`.",
        "A Telegram album holds 2-10 files, an Instagram carousel via the API 10, VK attachments 10 "
        "[partly confirmed]. Limits are `limits.media` in `rules/platforms/*.toml`.",
    )
    source = "Platform limits in rules/platforms/*.toml (Telegram Bot API sendMediaGroup, Instagram Graph API)"
    messages = {"default": T("{platform}: {count} файлов при лимите {limit}", "{platform}: {count} files, limit {limit}")}
    bad_example = _HEAD.format(platforms="telegram", extra="media:\n" + "".join(
        f"  - file: https://cdn.example/{i}.jpg\n" for i in range(11))) + "Фото с дня открытых дверей.\n"
    good_example = _HEAD.format(platforms="telegram", extra="media:\n" + "".join(
        f"  - file: https://cdn.example/{i}.jpg\n" for i in range(10))) + "Фото с дня открытых дверей.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if post.usable and post.meta.media:
            yield from _count_limit(post, ctx, "media", len(post.meta.media))


class AdLabelBelowFold(PostRule):
    id = "PLAT006"
    name = "ad-label-below-fold"
    default_severity = Severity.WARNING
    summary = T("Пометка «Реклама» скрыта под «ещё»", "The «Реклама» label is hidden below the fold")
    doc = T(
        "Закон не говорит прямо, что пометка «Реклама» должна быть видна без раскрытия поста "
        "[не подтверждено], но пометка, которую видно только после «ещё», плохо выполняет ст. 18.1, ч. 16 "
        "38-ФЗ. Правило сравнивает позицию пометки с границей `limits.fold` площадки (Instagram ≈125, "
        "LinkedIn ≈140, YouTube ≈120 символов). Поэтому предупреждение.",
        "The law does not say outright that the «Реклама» label must be visible without expanding the "
        "post [unconfirmed], but a label visible only after 'more' poorly serves 38-FZ art. 18.1 part 16. "
        "The rule compares the label's position with the platform's `limits.fold` (Instagram ≈125, "
        "LinkedIn ≈140, YouTube ≈120 characters). Hence a warning.",
    )
    source = "38-FZ art. 18.1 part 16 [unconfirmed for the fold]; platform folds in rules/platforms"
    messages = {"default": T("{platform}: «Реклама» с {position}-го символа, а видно только {fold}",
                             "{platform}: «Реклама» starts at character {position}, only {fold} are visible")}
    bad_example = _HEAD.format(platforms="linkedin", extra="ad: true\n") + (
        "Корпоративный чек-ап для сотрудников: анализы, ЭКГ, приём терапевта и разбор результатов с "
        "рекомендациями для каждого сотрудника. Программу подбирает терапевт под возраст и условия работы.\n\n"
        "Реклама. ООО «Клиника».\n"
    )
    good_example = _HEAD.format(platforms="linkedin", extra="ad: true\n") + "Реклама. ООО «Клиника». Корпоративный чек-ап.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad):
            return
        match = AD_MARK.search(post.body.plain_text)
        if match is None:
            return  # no label at all is ADV013
        for index, platform, fold in platform_limits(post, ctx, "fold"):
            if match.start() >= fold.value:
                yield Finding(platform_span(post, index), args={"platform": platform.name, "position": match.start() + 1, "fold": fold.value})


class PersonalAttributeQuestion(PostRule):
    id = "PLAT007"
    name = "personal-attribute-question"
    summary = T("Вопрос о здоровье читателя в рекламе Meta", "An ad asks about the reader's health (Meta)")
    doc = T(
        "Meta: «we don't allow ads that ask questions about personal attributes», в том числе о состоянии "
        "здоровья и внешности («Вы страдаете от…?», «У вас болит спина?», «Are you overweight?»). Правило "
        "смотрит вопросительные предложения рекламы для Instagram и Facebook, обращённые к читателю и "
        "касающиеся здоровья. Перепишите от третьего лица: «Боль в спине — частая причина обращения к "
        "неврологу».",
        "Meta: «we don't allow ads that ask questions about personal attributes», including health and "
        "appearance («Вы страдаете от…?», «Are you overweight?»). The rule looks at questions in Instagram "
        "and Facebook ads that address the reader and concern health. Rephrase in the third person: "
        "«Back pain is a common reason to see a neurologist».",
    )
    source = "Meta Business Help Center, personal attributes (facebook.com/business/help/2557868957763449)"
    messages = {"default": T("Вопрос о личных характеристиках в рекламе {platform}: «{match}»",
                             "Personal-attribute question in an ad on {platform}: '{match}'")}
    bad_example = _HEAD.format(platforms="facebook", extra="ad: true\n") + "Реклама. Вы страдаете от боли в спине? Запишитесь к неврологу.\n"
    good_example = _HEAD.format(platforms="facebook", extra="ad: true\n") + "Реклама. Боль в спине — частая причина обратиться к неврологу.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        targets = [p for p in post.meta.platforms if p in _META] if post.usable and post.meta.ad else []
        if not targets:
            return
        found = self._english(post) if post.meta.lang == "en" else self._russian(post)
        if found is not None:
            start, end = found
            text = " ".join(post.source.text[start:end].split())  # type: ignore[union-attr]
            yield Finding(post.source.span(start, end), args={"platform": _platform_name(ctx, targets[0]), "match": text})  # type: ignore[union-attr]

    @staticmethod
    def _english(post: Post) -> tuple[int, int] | None:
        assert post.parsed is not None
        match = _EN_ATTRIBUTE.search(post.parsed.source.text, post.parsed.body_offset)
        return match.span() if match else None

    @staticmethod
    def _russian(post: Post) -> tuple[int, int] | None:
        """A question sentence addressed to the reader («вы», «ваш», a 2nd-person verb) about health."""
        from ...text import patients

        tokens = post_tokens(post)
        text = post.source.text  # type: ignore[union-attr]
        health = patients.diagnosis_words() | _HEALTH
        by_sentence: dict[int, list] = {}
        for token in tokens:
            by_sentence.setdefault(token.sentence, []).append(token)
        for words in by_sentence.values():
            end = words[-1].end
            if text[end : end + 3].lstrip()[:1] != "?":
                continue
            addressed = any(w.lemmas & _SECOND_PERSON or "2per" in w.tags for w in words)
            if addressed and any(w.lemmas & health for w in words):
                start = max(text.rfind(c, words[0].start, end) for c in ".!?\n") + 1
                first = next((w.start for w in words if w.start >= start), words[0].start)
                return first, end + 1
        return None


_HEALTH = frozenset(
    "боль болеть страдать мучить беспокоить лишний вес морщина прыщ акне выпадение волос бессонница "
    "давление тревога усталость отёк отек целлюлит храп изжога".split()
)


class CosmeticAdAge(PostRule):
    id = "PLAT008"
    name = "cosmetic-ad-age"
    summary = T("Реклама косметологии или похудения без возраста 18+", "Cosmetic or weight-loss ad not limited to 18+")
    doc = T(
        "Meta: «Ads promoting or marketing cosmetic products, procedures or surgeries, must be targeted to "
        "people at least 18 years or older»; то же для похудения. TikTok допускает медицинскую рекламу по "
        "правилам рынка, часто 18+ [правило для косметологии не подтверждено — предупреждение]. Правило "
        "срабатывает на рекламу для Instagram, Facebook и TikTok, где есть косметология, пластика или "
        "похудение, а `targeting.min_age` не задан или меньше 18.",
        "Meta: «Ads promoting or marketing cosmetic products, procedures or surgeries, must be targeted to "
        "people at least 18 years or older»; the same for weight loss. TikTok allows medical ads per market "
        "rules, often 18+ [the cosmetic rule is unconfirmed — a warning]. The rule fires on Instagram, "
        "Facebook and TikTok ads about cosmetology, plastic surgery or weight loss whose "
        "`targeting.min_age` is missing or below 18.",
    )
    source = "Meta Advertising Standards, personal health and appearance; TikTok healthcare ads policy (Nov 2024)"
    messages = {"default": T("Реклама «{topic}» в {platform}: задайте `targeting.min_age: 18`",
                             "Ad about '{topic}' on {platform}: set `targeting.min_age: 18`")}
    bad_example = _HEAD.format(platforms="instagram", extra="ad: true\n") + "Реклама. Контурная пластика губ филлерами.\n"
    good_example = _HEAD.format(platforms="instagram", extra="ad: true\ntargeting:\n  min_age: 18\n") + "Реклама. Контурная пластика губ филлерами.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad):
            return
        age = post.meta.targeting.min_age if post.meta.targeting else None
        if age is not None and age >= 18:
            return
        topic = cosmetic_topic(post)
        if topic is None:
            return
        for index, platform_id in enumerate(post.meta.platforms):
            if platform_id in (*_META, "tiktok"):
                yield Finding(platform_span(post, index),
                              args={"topic": topic.group(0), "platform": _platform_name(ctx, platform_id)},
                              severity=None if platform_id in _META else Severity.WARNING)


PLAT_RULES = [MediaPolicy, BareBeforeAfter, TooManyHashtags, TooManyMedia, AdLabelBelowFold,
              PersonalAttributeQuestion, CosmeticAdAge]
