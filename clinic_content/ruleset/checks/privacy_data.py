"""PRIV007–PRIV009: personal data in the text — identifiers, names of people not on
staff, and a HIPAA authorization for US posts.
"""

from __future__ import annotations

from typing import Iterator

from ...source.consents import Scope
from ...core.diagnostics import Finding, Severity
from ...text.patients import patient_signals
from ...text.personal_data import KIND_NAMES, find_personal_data, mask
from ...source.post import Post
from ..rule import Context, PostRule, T
from .privacy_support import EXAMPLE_REGISTRY, cited_consents, jurisdiction, staff_names


class PersonalDataInText(PostRule):
    id = "PRIV007"
    name = "personal-data"
    summary = T("Персональные данные в тексте", "Personal data in the text")
    doc = T(
        "Телефоны, e-mail, СНИЛС, номера полисов ОМС/ДМС и паспортов, даты рождения, номера медкарт, "
        "домашние адреса (и SSN, MRN для США) в посте — это персональные данные третьих лиц: их "
        "распространение требует отдельного согласия (152-ФЗ, ст. 10.1), а вместе со сведениями о лечении — "
        "это врачебная тайна (323-ФЗ, ст. 13). Для США это идентификаторы Safe Harbor (45 CFR "
        "164.514(b)(2)). Контакты самой клиники (`clinic.contacts`, домен `clinic.site`) не считаются. "
        "Значения в сообщениях и выводе всегда замаскированы: `+7 9** ***-**-12`.",
        "Phones, e-mails, SNILS, OMS/DMS policy and passport numbers, birth dates, medical record numbers, "
        "home addresses (and SSN, MRN for the US) in a post are third parties' personal data: publishing "
        "them needs separate consent (152-FZ art. 10.1), and with treatment details they are a medical "
        "secret (323-FZ art. 13). For the US they are Safe Harbor identifiers (45 CFR 164.514(b)(2)). The "
        "clinic's own contacts (`clinic.contacts`, the `clinic.site` domain) do not count. Values in "
        "messages and all output are masked: `+7 9** ***-**-12`.",
    )
    source = "152-FZ art. 3, 10.1; 323-FZ art. 13; 45 CFR 164.514(b)(2) (Safe Harbor)"
    messages = {"default": T("Персональные данные ({kind}): {masked}", "Personal data ({kind}): {masked}")}
    bad_example = (
        "---\ntitle: Ответ\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n---\n"
        "Анна, перезвоните нам или напишите на anna.petrova@mail.ru — мы ответим по вашему номеру +7 912 345-67-12.\n"
    )
    good_example = (
        "---\ntitle: Ответ\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n---\n"
        "Здравствуйте! Напишите нам в личные сообщения, администратор ответит в течение часа.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.parsed is None:
            return
        source, clinic = post.parsed.source, ctx.config.clinic
        allowed = [*clinic.contacts, *(v for v in (clinic.site,) if v)]
        lang = 0 if ctx.lang == "ru" else 1
        start = post.parsed.body_offset
        for hit in find_personal_data(source.text[start:], allowed):
            kind = KIND_NAMES[hit.kind][lang]
            yield Finding(source.span(start + hit.start, start + hit.end), args={"kind": kind, "masked": hit.masked},
                          redact=True)


class PersonName(PostRule):
    id = "PRIV008"
    name = "person-name"
    default_severity = Severity.WARNING
    summary = T("Имя человека не из персонала клиники", "Name of a person who is not on staff")
    doc = T(
        "Имя человека — персональные данные (152-ФЗ, ст. 3); имя пациента вместе с фактом обращения — "
        "врачебная тайна (323-ФЗ, ст. 13). Правило находит имена (морфология pymorphy3: «Иванова Анна "
        "Сергеевна», «А. С. Иванова», «пациентка Анна, 34 года») и пропускает персонал из `clinic.staff` в "
        "любой форме. Имя с титулом или ролью («академик», «министр», «главный врач», «курс», «университет "
        "имени …»; список — `[titles]` в `rules/ru/patients.toml`) — это должностное лицо, лектор или врач, "
        "а не пациент: оно не отмечается. Считаются и имена во front-matter: ключ `patient:` и `author:` "
        "отзыва (`testimonial`). Имя допустимо, если согласие поста имеет область `name`. В посте о "
        "пациенте это ошибка, в остальных — предупреждение (это может быть историческое лицо или автор "
        "исследования). Имя в сообщении замаскировано.",
        "A person's name is personal data (152-FZ art. 3); a patient's name with the fact of a visit is a "
        "medical secret (323-FZ art. 13). The rule finds names (pymorphy3 morphology: «Иванова Анна "
        "Сергеевна», «А. С. Иванова», «пациентка Анна, 34 года») and skips staff from `clinic.staff` in any "
        "form. A name given with a title or role («академик», «министр», «главный врач», «курс», «университет "
        "имени …»; the `[titles]` list of `rules/ru/patients.toml`) is an official, a lecturer or a doctor, "
        "not a patient: it is not reported. Names in the front-matter count too: a `patient:` key and the "
        "`author:` of a `testimonial`. A name is fine when a consent of the post has scope `name`. In a post "
        "about a patient it is an error, elsewhere a warning (it may be a historical figure or a study "
        "author). The name is masked in the message.",
    )
    source = "152-FZ art. 3; 323-FZ art. 13; Civil Code art. 152.1"
    messages = {"default": T("Имя человека не из персонала: {masked}; нужна область согласия «name» или обезличьте",
                             "Name of a person not on staff: {masked}; needs consent scope 'name' or anonymise")}
    bad_example = (
        "---\ntitle: Отзыв\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n---\n"
        "Иванова Анна Сергеевна прошла у нас обследование.\n"
    )
    good_example = bad_example.replace("Иванова Анна Сергеевна", "Пациентка")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.lang != "ru":
            return
        signals = patient_signals(post, staff_names(ctx))
        if not signals.names or any(Scope.NAME in c.scopes for c in cited_consents(post, ctx)):
            return
        severity = Severity.ERROR if signals.features_patient else None
        source = post.source
        assert source is not None
        for name in signals.names:
            yield Finding(source.span(name.start, name.end), args={"masked": mask(name.text, "name")},
                          severity=severity, redact=True)


class HipaaAuthorization(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV009"
    name = "hipaa-authorization"
    summary = T("Нет маркетинговой авторизации HIPAA (США)", "No HIPAA marketing authorization (US)")
    doc = T(
        "Для постов с `jurisdiction: US` (в посте или конфигурации): использование защищённой медицинской "
        "информации в маркетинге требует авторизации пациента (45 CFR 164.508(a)(3)) — отзывы, фото и "
        "истории пациентов тоже. В английских постах пост о пациенте — это и ответ на отзыв, который "
        "подтверждает визит или обсуждает лечение в прошедшем времени («when you came in we took x-rays», "
        "«this patient presented…»), и история одного пациента (возраст, рождение, диагноз, лечение). "
        "Согласие в реестре должно быть отмечено `hipaa_authorization: true`. OCR "
        "штрафовал клиники за ответы на отзывы, раскрывающие сведения о пациентах (Elite Dental, 2019; New "
        "Vision Dental, 2022).",
        "For posts with `jurisdiction: US` (in the post or the config): using protected health information "
        "for marketing requires the patient's authorization (45 CFR 164.508(a)(3)) — testimonials, photos "
        "and patient stories included. In English posts a post about a patient is also a review reply that "
        "confirms the visit or discusses care in the past tense («when you came in we took x-rays», «this "
        "patient presented…») and one patient's story (an age, a birth, a diagnosis, a treatment). The "
        "registry record must have `hipaa_authorization: true`. OCR "
        "fined practices for review replies disclosing patient information (Elite Dental, 2019; New Vision "
        "Dental, 2022).",
    )
    source = "45 CFR 164.508(a)(3); HHS OCR settlements (Elite Dental 2019, New Vision Dental 2022)"
    messages = {"default": T("Пост о пациенте (США) без авторизации HIPAA: нужно согласие с `hipaa_authorization: true`",
                             "US post about a patient without a HIPAA authorization: cite a consent with `hipaa_authorization: true`")}
    bad_example = (
        "---\ntitle: Patient story\npublish_at: 2026-12-10 10:00\nplatforms: [facebook]\ncategory: testimonial\n"
        "jurisdiction: US\nlang: en\nconsents: [C-2026-014]\n---\nOur patient shares her experience.\n"
    )
    good_example = bad_example.replace("C-2026-014", "C-2026-040")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or jurisdiction(post, ctx) != "US":
            return
        signals = patient_signals(post, staff_names(ctx))
        if signals.features_patient and not any(c.hipaa_authorization for c in cited_consents(post, ctx)):
            yield Finding(signals.reasons[0][1])
