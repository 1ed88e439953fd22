"""ADV: advertising law beyond phrase packs — the warning's share and place, ad
labelling (38-FZ art. 18.1), ads on blocked platforms, the Meta footnote, licence,
supplement warning, and a hint for posts that look like ads but are not marked.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterator

from pydantic import Field

from ..diagnostics import Finding, Severity, Span
from ..model import MEDICAL_SUBJECTS, Category, Subject
from ..post import Post
from ..fixer import paragraph_at_end, paragraph_at_start
from ..rule import Context, Edit, PostRule, RuleOptions, T
from ..ad_signals import AdCueOptions, read_post
from .ad_warning import has_warning, normalise

_CONTRA = re.compile(r"противопоказан|contraindicat", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
AD_MARK = re.compile(r"(?<![#\w])реклама(?!\w)", re.IGNORECASE)
_LEGAL_FORM = re.compile(r"(?<!\w)(?:ООО|АО|ПАО|ЗАО|ОАО|ИП|АНО|НКО|ГБУЗ|ГАУЗ|ФГБУ|ЧУЗ)(?!\w)")
_ERID = re.compile(r"erid\s*[:=]?\s*([A-Za-z0-9]{4,64})", re.IGNORECASE)
_SHORTENERS = re.compile(r"\b(?:clck\.ru|vk\.cc|bit\.ly|goo\.su|t\.ly|tinyurl\.com|cutt\.ly|is\.gd|u\.to)/", re.IGNORECASE)
_META = re.compile(r"(?<!\w)(?:instagram|инстаграм\w*|инсту|инсте|инста|insta|facebook|фейсбук\w*|meta)(?!\w)", re.IGNORECASE)
META_BAN_START = datetime(2025, 9, 1, tzinfo=timezone.utc)
_SOURCE_24 = "38-FZ art. 24 part 7"


def _ad_subject(post: Post, default: Subject = Subject.MEDICAL_SERVICE) -> Subject:
    return post.meta.subject or default


def _is_medical_ad(post: Post) -> bool:
    return post.usable and post.meta.ad and _ad_subject(post) in MEDICAL_SUBJECTS


def _body_match(post: Post, pattern: re.Pattern[str]) -> Span | None:
    """Where ``pattern`` first matches in the body (raw text), for pointing at it."""
    assert post.parsed is not None
    match = pattern.search(post.parsed.source.text, post.parsed.body_offset)
    return post.parsed.source.span(match.start(), match.end()) if match else None


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
        if not _is_medical_ad(post) or not has_warning(post.body.plain_text):
            return
        share, _ = warning_share(post.body.plain_text)
        if share < ctx.options.min_share:
            span = _body_match(post, _CONTRA) or post.key_span("ad")
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
        if not _is_medical_ad(post) or not has_warning(post.body.plain_text):
            return
        _, position = warning_share(post.body.plain_text)
        for index, platform_id in enumerate(post.meta.platforms):
            platform = ctx.platforms.get(platform_id)
            fold = platform.limits.get("fold") if platform else None
            if fold is not None and position > fold.value:
                yield Finding(
                    post.key_span("platforms", index, key=False),
                    args={"platform": platform.name, "position": position + 1, "fold": fold.value},
                )


class MissingAdLabel(PostRule):
    id = "ADV013"
    name = "missing-ad-label"
    summary = T("Нет пометки «Реклама»", "No «Реклама» label")
    doc = T(
        "Реклама в интернете «должна содержать пометку „реклама“» (38-ФЗ, ст. 18.1, ч. 16). Нужна отдельная "
        "пометка «Реклама»; «#реклама», «промо», «на правах рекламы» её не заменяют [частично подтверждено]. "
        "Проверяются посты с `ad: true`.",
        "Internet advertising \"must carry the label 'реклама'\" (38-FZ art. 18.1 part 16). A standalone "
        "«Реклама» is required; «#реклама», «промо», «на правах рекламы» do not replace it [partly "
        "confirmed]. Checked on posts with `ad: true`.",
    )
    source = "38-FZ art. 18.1 part 16; Moscow-region UFAS (360.ru, 07.08.2025)"
    messages = {"default": T("В рекламном посте нет пометки «Реклама»", "The ad has no «Реклама» label")}
    bad_example = (
        "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: info\n---\n"
        "#реклама Скидка 20 % на УЗИ. ООО «Клиника», erid: 2VtzqwP8x4a\n"
    )
    good_example = bad_example.replace("#реклама Скидка", "Реклама. Скидка")

    fixable = True

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if post.usable and post.meta.ad and not AD_MARK.search(post.body.plain_text):
            yield Finding(post.key_span("ad"))

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        """«Реклама.» first, with the advertiser and the erid when the text lacks them."""
        label = "Реклама."
        body = post.source.text[post.parsed.body_offset :]  # type: ignore[union-attr]
        advertiser = advertiser_line(post, ctx)
        if advertiser and not _names_advertiser(post, ctx, body):
            label = f"Реклама. {advertiser}"
        if post.meta.erid and post.meta.erid not in body:
            label += f"{',' if label != 'Реклама.' else ''} erid: {post.meta.erid}"
        return paragraph_at_start(post, label.rstrip(".") + ".")


class MissingAdvertiser(PostRule):
    id = "ADV014"
    name = "missing-advertiser"
    summary = T("В рекламе не указан рекламодатель", "The ad does not name the advertiser")
    doc = T(
        "Рекламу в интернете сопровождает «указание на рекламодателя такой рекламы и (или) сайт, страницу "
        "сайта, содержащие информацию о рекламодателе» (38-ФЗ, ст. 18.1, ч. 16). Правило ищет в тексте "
        "организационно-правовую форму (ООО, АО, ИП…), юридическое название клиники из конфигурации "
        "(`clinic.legal-name`), поле `advertiser` поста или ссылку на сайт. Принятый вид: «Реклама. "
        "ООО «Клиника», ИНН …».",
        "Internet ads carry \"an indication of the advertiser and/or a website or page with information "
        "about the advertiser\" (38-FZ art. 18.1 part 16). The rule looks in the text for a legal form (ООО, "
        "АО, ИП…), the clinic's legal name from the config (`clinic.legal-name`), the post's `advertiser` or "
        "a link. Customary: «Реклама. ООО «Клиника», ИНН …».",
    )
    source = "38-FZ art. 18.1 part 16"
    messages = {"default": T("В тексте рекламы нет рекламодателя: добавьте «{example}»",
                             "The ad text does not name the advertiser: add «{example}»")}
    bad_example = (
        "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: info\n---\n"
        "Реклама. Скидка 20 % на УЗИ до конца месяца. erid: 2VtzqwP8x4a\n"
    )
    good_example = bad_example.replace("Реклама. Скидка", "Реклама. ООО «Клиника Берёза», ИНН 6671234567. Скидка")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad):
            return
        text = post.source.text[post.parsed.body_offset :]  # type: ignore[union-attr]
        clinic = ctx.config.clinic
        if _names_advertiser(post, ctx, text):
            return
        legal = clinic.legal_name or "ООО «…»"
        example = f"Реклама. {legal}" + (f", ИНН {clinic.inn}" if clinic.inn else "")
        yield Finding(post.key_span("ad"), args={"example": example})

    fixable = True

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        """The advertiser as the first line — only when the label exists (else ADV013's fix adds both)."""
        advertiser = advertiser_line(post, ctx)
        if not advertiser or not AD_MARK.search(post.body.plain_text):
            return None
        return paragraph_at_start(post, advertiser + ".")


def advertiser_line(post: Post, ctx: Context) -> str | None:
    """«ООО «Клиника», ИНН …» from the post's `advertiser`/`inn` or the config's clinic profile."""
    clinic = ctx.config.clinic
    name = post.meta.advertiser or clinic.legal_name
    if not name:
        return None
    inn = post.meta.inn if post.meta.advertiser else clinic.inn
    return name + (f", ИНН {inn}" if inn else "")


def _names_advertiser(post: Post, ctx: Context, body: str) -> bool:
    clinic = ctx.config.clinic
    names = [n for n in (clinic.legal_name, clinic.site, post.meta.advertiser) if n]
    return bool(_LEGAL_FORM.search(body) or re.search(r"https?://", body) or any(n in body for n in names))


class EridProblem(PostRule):
    id = "ADV015"
    name = "erid"
    summary = T("Нет токена erid или он искажён", "The erid token is missing or altered")
    doc = T(
        "Интернет-рекламу можно распространять только «при условии присвоения оператором рекламных данных … "
        "идентификатора рекламы» (38-ФЗ, ст. 18.1, ч. 17); токен erid размещают в самой рекламе — в ссылке "
        "(`?erid=…`) или в тексте (рекомендации РКН от 22.11.2023). Публичного формата токена нет: это "
        "латинские буквы и цифры (например, 5UGfwMukZ4). РКН называет ошибками «замену всех букв в "
        "идентификаторе на строчные или заглавные» и «шифрование ссылок с идентификатором» (сокращатели "
        "ссылок). Правило сообщает: токена нет в тексте и ссылках; токен только во front-matter; токен в "
        "тексте не совпадает с `erid`; все буквы токена одного регистра; ссылка через сокращатель.",
        "Internet ads may run only \"once the ad data operator has assigned an ad identifier\" (38-FZ art. "
        "18.1 part 17); the erid goes into the ad itself — in the link (`?erid=…`) or the text (RKN "
        "recommendations of 22.11.2023). There is no public format: Latin letters and digits (e.g. "
        "5UGfwMukZ4). RKN names as errors \"changing all letters of the identifier to lower or upper case\" "
        "and \"encrypting links with the identifier\" (link shorteners). Reported: no token in the text or "
        "links; a token only in the front-matter; a text token that differs from `erid`; a token whose "
        "letters are all one case; a shortened link.",
    )
    source = "38-FZ art. 18.1 part 17; RKN recommendations of 22.11.2023 (garant.ru/407957763); lk.usoft.ru/news/17858"
    messages = {
        "missing": T("В рекламе нет токена erid (в тексте или в ссылке ?erid=)", "The ad has no erid token (in the text or a ?erid= link)"),
        "front_matter_only": T("erid «{erid}» указан только во front-matter; разместите его в тексте или ссылке",
                               "erid '{erid}' is only in the front-matter; put it in the text or the link"),
        "mismatch": T("erid в тексте «{found}» не совпадает с erid во front-matter «{erid}»",
                      "erid in the text '{found}' differs from the front-matter erid '{erid}'"),
        "case": T("Все буквы erid «{found}» одного регистра — токен, вероятно, искажён; скопируйте его из ОРД без изменений",
                  "All letters of erid '{found}' have one case — the token was probably altered; copy it from the ORD as is"),
        "shortener": T("Ссылка через сокращатель скрывает erid; используйте прямую ссылку с ?erid=",
                       "A shortened link hides the erid; use the direct link with ?erid="),
        "default": T("Проблема с erid", "erid problem"),
    }
    bad_example = (
        "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: info\n---\n"
        "Реклама. ООО «Клиника». Скидка 20 % на УЗИ. erid: 2vtzqwp8x4a\n"
    )
    good_example = bad_example.replace("2vtzqwp8x4a", "2VtzqwP8x4a")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad):
            return
        assert post.parsed is not None
        source, start = post.parsed.source, post.parsed.body_offset
        text = source.text[start:]
        shortened = _SHORTENERS.search(text)
        if shortened:
            yield Finding(source.span(start + shortened.start(), start + shortened.end()), "shortener")
        found = list(_ERID.finditer(text))
        declared = post.meta.erid
        if not found:
            if declared:
                yield Finding(post.key_span("erid", key=False), "front_matter_only", {"erid": declared})
            else:
                yield Finding(post.key_span("ad"), "missing")
            return
        for match in found:
            token = match.group(1)
            span = source.span(start + match.start(1), start + match.end(1))
            letters = [c for c in token if c.isalpha()]
            if declared and token != declared:
                yield Finding(span, "mismatch", {"found": token, "erid": declared})
            elif len(letters) >= 4 and (all(c.islower() for c in letters) or all(c.isupper() for c in letters)):
                yield Finding(span, "case", {"found": token})


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
                yield Finding(post.key_span("platforms", index, key=False), args={"platform": platform.name},
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
        span = _body_match(post, _META) or post.body_span()
        yield Finding(span, args={"mention": mention.group(0), "footnote": ctx.options.footnote_text},
                      severity=Severity.ERROR if ctx.options.media_outlet else None)

    fixable = True

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        return paragraph_at_end(post, ctx.options.footnote_text)


class MissingLicence(PostRule):
    id = "ADV018"
    name = "missing-licence"
    default_severity = Severity.WARNING
    summary = T("Нет лицензии клиники для рекламы медуслуг", "No clinic licence for a medical-service ad")
    doc = T(
        "Не допускается реклама товаров и услуг, требующих лицензии, «в случае отсутствия таких разрешений» "
        "(38-ФЗ, ст. 7, п. 7) [не подтверждено]; медицинская деятельность лицензируется. Правило просит "
        "указать лицензию в конфигурации (`clinic.license`) или в тексте («Лиц. № …» — обычай, не требование "
        "закона). Поэтому — предупреждение.",
        "Ads of goods and services that require a licence are banned \"if there is no such permit\" (38-FZ "
        "art. 7 item 7) [unconfirmed]; medical practice is licensed. The rule asks for the licence in the "
        "config (`clinic.license`) or the text («Лиц. № …» is custom, not a legal requirement); hence a warning.",
    )
    source = "38-FZ art. 7 item 7 [unconfirmed]"
    messages = {"default": T("Реклама медуслуги без лицензии: укажите `clinic.license` в конфигурации или «Лицензия № …» в тексте",
                             "Medical-service ad without a licence: set `clinic.license` in the config or write «Лицензия № …»")}
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: medical_service\n---\nРеклама. Скидка на УЗИ.\n"
    good_example = bad_example.replace("Скидка на УЗИ.", "Скидка на УЗИ. Лицензия № Л041-01021-66/00123456.")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not (post.usable and post.meta.ad and _ad_subject(post) is Subject.MEDICAL_SERVICE):
            return
        if ctx.config.clinic.license or re.search(r"лиценз|лиц\.\s*№", post.body.plain_text, re.IGNORECASE):
            return
        yield Finding(post.key_span("ad"))


class LooksLikeAd(PostRule):
    id = "ADV019"
    name = "looks-like-ad"
    default_severity = Severity.WARNING
    summary = T("Пост читается как реклама медуслуг, но не помечен `ad: true`",
                "Post reads as an ad of medical services but is not marked `ad: true`")
    doc = T(
        "Является ли пост рекламой (38-ФЗ, ст. 3), решает человек. Но медицинская реклама без пометки — "
        "самая частая причина штрафов: нет «Реклама», рекламодателя и erid (ст. 18.1, ч. 16–17) и "
        "предупреждения о противопоказаниях (ст. 24, ч. 7). Правило сообщает, когда в русском посте без "
        "`ad: true` есть признаки рекламы: предложение (цена, скидка, акция, «предлагаем», «приглашаем», "
        "«ждём вас», «к вашим услугам», запись вместе с телефоном, ссылкой или адресом) рядом с услугой или "
        "клиникой; гарантия, обещание излечения или сравнение с другими клиниками; короткий перечень услуг с "
        "названием клиники. На таких постах работают и правила утверждений (ADV002, ADV003, ADV006, ADV007, "
        "ADV009, ADV010). Если это реклама — поставьте `ad: true`, добавьте «Реклама», рекламодателя, erid и "
        "предупреждение; если нет — отключите правило для поста (`lint: {ignore: [ADV019]}`). Списки "
        "признаков — опции `service-cues`, `provider-cues`, `offer-cues`, `booking-cues`; важность — "
        "`[severity] ADV019 = \"info\"`.",
        "Whether a post is advertising (38-FZ art. 3) is a person's call. But an unmarked medical ad is the "
        "most common cause of fines: no «Реклама», advertiser or erid (art. 18.1 parts 16–17) and no "
        "contraindications warning (art. 24 part 7). The rule reports a Russian post without `ad: true` "
        "that has an ad's cues: an offer (price, discount, promotion, «предлагаем», «приглашаем», «ждём вас», "
        "«к вашим услугам», booking with a phone, link or address) next to a service or a clinic; a "
        "guarantee, a cure claim or a comparison with other clinics; a short list of services with the "
        "clinic's name. The claim rules (ADV002, ADV003, ADV006, ADV007, ADV009, ADV010) check such posts "
        "too. If it is an ad, set `ad: true` and add «Реклама», the advertiser, the erid and the warning; if "
        "not, silence the rule for the post (`lint: {ignore: [ADV019]}`). The cue lists are the options "
        "`service-cues`, `provider-cues`, `offer-cues`, `booking-cues`; the severity is "
        "`[severity] ADV019 = \"info\"`.",
    )
    source = "38-FZ art. 3 (definition of advertising); art. 18.1 parts 16-17; art. 24 part 7"
    messages = {"default": T(
        "Читается как реклама («{sign}»), но нет `ad: true`: если это реклама, поставьте `ad: true`, добавьте "
        "«Реклама», рекламодателя и erid и предупреждение «Имеются противопоказания. Необходима консультация "
        "специалиста.»",
        "Reads as an ad ('{sign}') but has no `ad: true`: if it is one, set `ad: true`, add «Реклама», the "
        "advertiser and the erid, and the warning «Имеются противопоказания. Необходима консультация специалиста.»")}
    Options = AdCueOptions
    bad_example = "---\ntitle: Скидка\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nУЗИ со скидкой 20 % до конца месяца!\n"
    good_example = "---\ntitle: УЗИ\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nРассказываем, как подготовиться к УЗИ.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.ad or post.meta.lang != "ru":
            return
        if post.meta.subject is not None and post.meta.subject not in MEDICAL_SUBJECTS | {Subject.SUPPLEMENT}:
            return
        if post.meta.category is Category.VACANCY:  # «предлагаем зарплату» offers a job, not a service
            return
        reading = read_post(post, ctx.options)
        if reading.reads_as_ad:
            yield Finding(post.body_span(), args={"sign": reading.sign})


class SupplementWarning(PostRule):
    id = "ADV020"
    name = "supplement-warning"
    default_severity = Severity.WARNING
    summary = T("В рекламе БАД нет «Не является лекарственным средством»", "Supplement ad lacks «Не является лекарственным средством»")
    doc = T(
        "Реклама биологически активных добавок должна сопровождаться предупреждением о том, что объект "
        "рекламирования не является лекарственным средством (38-ФЗ, ст. 25, ч. 1.1) [не подтверждено в "
        "каталоге: поэтому предупреждение, а не ошибка].",
        "Supplement ads must carry a warning that the product is not a medicine (38-FZ art. 25 part 1.1) "
        "[unconfirmed in the catalogue: hence a warning, not an error].",
    )
    source = "38-FZ art. 25 part 1.1 [unconfirmed]"
    messages = {"default": T("Реклама БАД без «Не является лекарственным средством»", "Supplement ad without «Не является лекарственным средством»")}
    bad_example = "---\ntitle: Витамины\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\nsubject: supplement\n---\nРеклама. Витамин D в аптеке клиники.\n"
    good_example = bad_example.replace("клиники.", "клиники. Не является лекарственным средством.")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if post.usable and post.meta.ad and post.meta.subject is Subject.SUPPLEMENT:
            if "не является лекарствен" not in normalise(post.body.plain_text):
                yield Finding(post.key_span("subject"))

    fixable = True

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        return paragraph_at_end(post, "Не является лекарственным средством.")


ADV_RULES = [AdWarningTooSmall, AdWarningBelowFold, MissingAdLabel, MissingAdvertiser, EridProblem,
             AdOnBlockedPlatform, MetaFootnote, MissingLicence, LooksLikeAd, SupplementWarning]
