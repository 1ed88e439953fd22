"""ADV004/ADV005: the contraindications warning must take 5 % of the ad (38-FZ art. 24
part 7) and should stand above the platform's 'more' fold.
"""

from __future__ import annotations

import re
from typing import Iterator
from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T
from .ad_warning import has_warning
from .findings import body_match, is_medical_ad, platform_limits, platform_span


_CONTRA = re.compile(r"противопоказан|contraindicat", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_SOURCE_24 = "38-FZ art. 24 part 7"


def warning_share(text: str) -> tuple[float, int]:
    """(share of the text taken by sentences of the warning, offset of the first one)."""
    sentences = [m for m in _SENTENCE.finditer(text) if _CONTRA.search(m.group(0))]
    if not text or not sentences:
        return 0.0, -1
    return sum(len(m.group(0).strip()) for m in sentences) / len(text), sentences[0].start()


class WarningShareOptions(RuleOptions):
    min_share: float = Field(default=0.05, gt=0, lt=1, description="Smallest share of the ad text for the warning.")


class AdWarningTooSmall(PostRule):
    id = "ADV004"
    name = "ad-warning-too-small"
    summary = T("Предупреждение занимает меньше 5 % рекламы", "The ad warning takes less than 5 % of the ad")
    doc = T(
        "Предупреждение о противопоказаниях должно занимать «не менее чем пять процентов рекламной площади "
        "(рекламного пространства)» (38-ФЗ, ст. 24, ч. 7). Для поста это доля символов: символы предложений "
        "с предупреждением ÷ символы видимого текста поста. Нижегородское УФАС оштрафовало рекламу, где "
        "предупреждение занимало 1,5 % вместо 5 %. В длинном рекламном посте предупреждение стоит повторить "
        "или набрать крупнее (на картинке).",
        "The contraindications warning must take \"at least five percent of the advertising space\" "
        "(38-FZ art. 24 part 7). For a post this is a share of characters: the warning's sentences ÷ the "
        "post's visible text. Nizhny Novgorod UFAS fined an ad whose warning took 1.5 % instead of 5 %. In a "
        "long ad, repeat the warning or set it larger (on the image).",
    )
    source = _SOURCE_24 + "; Nizhny Novgorod UFAS case (n-novgorod.fas.gov.ru/news/11206)"
    messages = {"default": T("Предупреждение занимает {share} текста рекламы (нужно не меньше {min})",
                             "The warning takes {share} of the ad text (at least {min} is required)")}
    Options = WarningShareOptions
    bad_example = (
        "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: medical_service\n---\n"
        + "Чек-ап для всей семьи: анализы, ЭКГ, приём терапевта и подробный разбор результатов. " * 12
        + "\n\nЕсть противопоказания, нужна консультация.\n"
    )
    good_example = (
        "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: medical_service\n---\n"
        "Чек-ап для всей семьи: анализы, ЭКГ и приём терапевта.\n\n"
        "Имеются противопоказания. Необходима консультация специалиста.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not is_medical_ad(post) or not has_warning(post.body.plain_text):
            return
        share, _ = warning_share(post.body.plain_text)
        if share < ctx.options.min_share:
            span = body_match(post, _CONTRA) or post.key_span("ad")
            yield Finding(span, args={"share": f"{share:.1%}", "min": f"{ctx.options.min_share:.0%}"})


class AdWarningBelowFold(PostRule):
    id = "ADV005"
    name = "ad-warning-below-fold"
    default_severity = Severity.WARNING
    summary = T("Предупреждение скрыто под «ещё»", "The ad warning is hidden below the 'more' fold")
    doc = T(
        "Instagram показывает около 125 символов подписи, LinkedIn — около 140, YouTube — около 120, остальное "
        "скрыто за «ещё». Закон не говорит прямо, что предупреждение должно быть видно без раскрытия "
        "[не подтверждено], но предупреждение, которое никто не увидит, легко признать несоблюдением ст. 24 "
        "ч. 7. Поставьте его в начало текста или на изображение. Границы — в `rules/platforms/*.toml` "
        "(`limits.fold`). Поэтому правило — предупреждение, а не ошибка.",
        "Instagram shows about 125 characters of a caption, LinkedIn about 140, YouTube about 120; the rest "
        "hides behind 'more'. The law does not say outright that the warning must be visible without "
        "expanding [unconfirmed], but a warning nobody sees is easily found non-compliant with art. 24 "
        "part 7. Put it first or on the image. Folds are in `rules/platforms/*.toml` (`limits.fold`); "
        "hence a warning, not an error.",
    )
    source = _SOURCE_24 + " (the fold itself: platform limits in rules/platforms)"
    messages = {"default": T("В {platform} предупреждение начинается с {position}-го символа, а видно только {fold}",
                             "On {platform} the warning starts at character {position}, only {fold} are visible")}
    bad_example = (
        "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [linkedin]\nad: true\nsubject: medical_service\n---\n"
        "Реклама. ООО «Клиника», erid: 2VtzqwP8x4a. Корпоративный чек-ап для сотрудников: анализы, ЭКГ, приём "
        "терапевта и разбор результатов с рекомендациями для каждого.\n\nИмеются противопоказания. "
        "Необходима консультация специалиста.\n"
    )
    good_example = (
        "---\ntitle: Чек-ап\npublish_at: 2026-12-01 10:00\nplatforms: [linkedin]\nad: true\nsubject: medical_service\n---\n"
        "Имеются противопоказания. Необходима консультация специалиста.\n\nРеклама. ООО «Клиника». Корпоративный "
        "чек-ап для сотрудников.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not is_medical_ad(post) or not has_warning(post.body.plain_text):
            return
        _, position = warning_share(post.body.plain_text)
        for index, platform, fold in platform_limits(post, ctx, "fold"):
            if position > fold.value:
                yield Finding(platform_span(post, index), args={"platform": platform.name, "position": position + 1, "fold": fold.value})
