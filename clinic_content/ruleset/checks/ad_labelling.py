"""ADV013–ADV015: an internet ad carries «Реклама», its advertiser and the erid token
(38-FZ art. 18.1 parts 16–17).
"""

from __future__ import annotations

import re
from typing import Iterator

from ...core.diagnostics import Finding
from ...source.post import Post
from ..fixer import paragraph_at_start
from ..rule import Context, Edit, PostRule, T


AD_MARK = re.compile(r"(?<![#\w])реклама(?!\w)", re.IGNORECASE)
_LEGAL_FORM = re.compile(r"(?<!\w)(?:ООО|АО|ПАО|ЗАО|ОАО|ИП|АНО|НКО|ГБУЗ|ГАУЗ|ФГБУ|ЧУЗ)(?!\w)")
_ERID = re.compile(r"erid\s*[:=]?\s*([A-Za-z0-9]{4,64})", re.IGNORECASE)
_SHORTENERS = re.compile(r"\b(?:clck\.ru|vk\.cc|bit\.ly|goo\.su|t\.ly|tinyurl\.com|cutt\.ly|is\.gd|u\.to)/", re.IGNORECASE)


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
