"""ADV018–ADV020: what an ad of a kind must carry (a clinic's licence, a supplement's
«not a medicine»), and a hint for posts that read as medical ads but are not marked.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...core.diagnostics import Finding, Severity
from ...source.model import MEDICAL_SUBJECTS, Category, Subject
from ...source.post import Post
from ..fixer import paragraph_at_end
from ..rule import Context, Edit, PostRule, T
from ..rule_options import rule_options
from ..ad_signals import AdCueOptions, read_post
from .ad_warning import normalise
from .findings import ad_subject


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
        if not (post.usable and post.meta.ad and ad_subject(post) is Subject.MEDICAL_SERVICE):
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


def cue_options(ctx: Context) -> AdCueOptions:
    """ADV019's options (`[rules.ADV019]`, `[rules.ADV]`) for any rule's context, built once per
    context: the pack rules with `unmarked_ads` read a post with the same cues."""
    cached = ctx.extra.get("ad_cues")
    if cached is None:
        cached = ctx.extra["ad_cues"] = rule_options(LooksLikeAd, ctx.config)
    return cached


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
