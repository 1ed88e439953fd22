"""PRIV001–PRIV006: a patient's story needs a consent that exists, is valid on the
publish day, covers what is shown, is signed by a guardian for a minor, and is complete.
"""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Finding, Severity
from ...text.patients import media_needs, patient_signals
from ...source.post import Post
from ..rule import Context, PostRule, T
from .findings import unknown_name
from .privacy_support import (
    CONSENT_SOURCE, EXAMPLE_REGISTRY, STORY_BODY, STORY_HEAD, cited_consents, jurisdiction, publish_day,
    references, staff_names,
)


class PatientWithoutConsent(PostRule):
    id = "PRIV001"
    name = "patient-without-consent"
    summary = T("Пост о пациенте без ссылки на согласие", "A post about a patient cites no consent")
    doc = T(
        "«Сведения о факте обращения гражданина за оказанием медицинской помощи, состоянии его здоровья и "
        "диагнозе … составляют врачебную тайну»; разглашать их можно только «с письменного согласия "
        "гражданина или его законного представителя» (323-ФЗ, ст. 13, ч. 1–3). Данные о здоровье — особая "
        "категория (152-ФЗ, ст. 10), согласие на распространение оформляется отдельно (ст. 10.1); "
        "изображение человека — только с его согласия (ГК РФ, ст. 152.1). Правило срабатывает, когда пост "
        "рассказывает о пациенте: категория `case_study` или `testimonial`; рассказ об одном человеке — "
        "пациент или родственник что-то делает («пациентка обратилась…», «наш пациент рассказал…», «муж "
        "обратился…», «дочку вожу лечить…», «поступил мужчина…»), имя или «мне» с возрастом («Анна, 34 "
        "года», «мне 82 года»), благодарность от первого лица («благодарю доктора…», «хочу выразить "
        "благодарность»); ключ `patient:` во front-matter; медиа с тегами `patient`, `face`, "
        "`before_after`, `minor` — а в `consents` (поста или медиа) нет ни одного согласия. Само слово "
        "«пациент» рассказом не считается: «каждый наш пациент важен», «ведение пациента», общие советы "
        "(«если ребёнок пожаловался…») и благодарность клиники своим врачам проходят. Посты с "
        "`jurisdiction: US` проверяет PRIV009. Исправление: укажите id согласия из `consents.yaml` или "
        "обезличьте историю.",
        "\"Information on the fact of seeking medical care, the state of health and the diagnosis … is a "
        "medical secret\"; it may be disclosed only \"with the written consent of the citizen or their legal "
        "representative\" (323-FZ art. 13 parts 1-3). Health data is a special category (152-FZ art. 10), "
        "consent to distribution is separate (art. 10.1); a person's image needs their consent (Civil Code "
        "art. 152.1). The rule fires when a post is about a patient — category `case_study` or "
        "`testimonial`; a story of one person in which a patient or a relative does something («пациентка "
        "обратилась…», «наш пациент рассказал…», «муж обратился…», «дочку вожу лечить…», «поступил "
        "мужчина…»); a name or «мне» with an age («Анна, 34 года», «мне 82 года»); first-person thanks "
        "(«благодарю доктора…»); a `patient:` front-matter key; media tagged `patient`, `face`, "
        "`before_after`, `minor` — and neither the post nor its media cite a consent. The word «пациент» "
        "alone is no story: «каждый наш пациент важен», «ведение пациента», general advice («если ребёнок "
        "пожаловался…») and the clinic thanking its own doctors pass. Posts with `jurisdiction: US` are "
        "PRIV009's. Fix: cite a consent id from `consents.yaml` or anonymise the story.",
    )
    source = CONSENT_SOURCE
    messages = {"default": T("Пост о пациенте ({reason}) без согласия: укажите `consents` из реестра или обезличьте",
                             "Post about a patient ({reason}) without consent: cite `consents` from the registry or anonymise")}
    bad_example = STORY_HEAD + STORY_BODY
    good_example = STORY_HEAD.replace("category: case_study\n", "category: education\n") + (
        "---\nБоль в колене бывает от перегрузки, травмы или воспаления. Рассказываем, когда идти к врачу.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or references(post) or jurisdiction(post, ctx) == "US":
            return  # a US post needs a HIPAA authorization: PRIV009's finding
        signals = patient_signals(post, staff_names(ctx))
        if signals.features_patient:
            reason, span = signals.reasons[0]
            yield Finding(span, args={"reason": reason})


class UnknownConsent(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV002"
    name = "unknown-consent"
    summary = T("Согласия с таким id нет в реестре", "No consent with this id in the registry")
    doc = T(
        "Пост ссылается на согласие, которого нет в реестре (`consents.yaml`, ключ конфигурации "
        "`consents-file`). Без записи нельзя проверить, что согласие подписано, действует и покрывает "
        "публикацию (323-ФЗ, ст. 13, ч. 3; 152-ФЗ, ст. 10.1). Проверьте опечатку в id или добавьте запись.",
        "The post cites a consent that is not in the registry (`consents.yaml`, config key "
        "`consents-file`). Without the record nobody can check that it is signed, valid and covers the "
        "publication (323-FZ art. 13 part 3; 152-FZ art. 10.1). Fix the id or add the record.",
    )
    source = "323-FZ art. 13 part 3; 152-FZ art. 10.1"
    messages = {
        "default": T("Согласия «{id}» нет в реестре", "Consent '{id}' is not in the registry"),
        "suggest": T("Согласия «{id}» нет в реестре; может быть, «{suggestion}»?",
                     "Consent '{id}' is not in the registry; did you mean '{suggestion}'?"),
    }
    bad_example = STORY_HEAD + "consents: [C-2026-999]\n" + STORY_BODY
    good_example = STORY_HEAD + "consents: [C-2026-011]\n" + STORY_BODY

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        for cid, span, _ in references(post):
            if ctx.consents.get(cid) is None:
                yield unknown_name(span, cid, ctx.consents.consents, {"id": cid}, cutoff=0.7)


class ConsentNotValid(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV003"
    name = "consent-not-valid"
    summary = T("Согласие не действует на дату публикации", "The consent is not valid on the publish date")
    doc = T(
        "Согласие должно быть подписано до публикации, не истечь к ней (срок — обязательная часть согласия, "
        "152-ФЗ, ст. 9, ч. 4) и не быть отозвано: после отзыва распространение прекращается (152-ФЗ, "
        "ст. 10.1, ч. 12–14). Опубликованный пост, чьё согласие истекло или отозвано, нужно снять — правило "
        "сообщает и об этом (по дате `--today`).",
        "A consent must be signed before the publication, not expire by then (the term is a required part "
        "of a consent, 152-FZ art. 9 part 4) and not be revoked: after revocation distribution stops "
        "(152-FZ art. 10.1 parts 12-14). A published post whose consent expired or was revoked must come "
        "down; the rule reports that too (against `--today`).",
    )
    source = "152-FZ art. 9 part 4, art. 10.1 parts 12-14"
    messages = {
        "not_signed": T("Согласие «{id}» подписано {date}, позже публикации {publish}",
                        "Consent '{id}' was signed on {date}, after the publication on {publish}"),
        "expired": T("Согласие «{id}» истекает {date}, раньше публикации {publish}",
                     "Consent '{id}' expires on {date}, before the publication on {publish}"),
        "revoked": T("Согласие «{id}» отозвано {date}: публиковать нельзя, опубликованное — снять",
                     "Consent '{id}' was revoked on {date}: do not publish, take down what is online"),
        "expired_online": T("Согласие «{id}» истекло {date}, а пост опубликован: снимите его или продлите согласие",
                            "Consent '{id}' expired on {date} but the post is online: take it down or renew the consent"),
        "default": T("Согласие «{id}» не действует", "Consent '{id}' is not valid"),
    }
    bad_example = STORY_HEAD.replace("2026-12-10", "2027-01-10") + "consents: [C-2026-017]\n" + STORY_BODY
    good_example = STORY_HEAD + "consents: [C-2026-017]\n" + STORY_BODY

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        day = publish_day(post) if post.usable else None
        if day is None:
            return
        online = post.meta.status.value == "published"
        for cid, span, _ in references(post):
            consent = ctx.consents.get(cid)
            if consent is None:
                continue
            problem = consent.problem_on(day)
            today = ctx.today.date() if problem is None and online else day  # read only when it decides
            if problem is None and online and (
                (consent.revoked and consent.revoked <= today) or (consent.expires and consent.expires < today)
            ):
                problem = consent.problem_on(today)
                problem = ("expired_online", problem[1]) if problem and problem[0] == "expired" else problem
            if problem is not None:
                yield Finding(span, problem[0], {"id": cid, "date": problem[1].isoformat(), "publish": day.isoformat()})


class ConsentScope(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV004"
    name = "consent-scope"
    summary = T("Согласие не покрывает то, что публикуется", "The consent does not cover what is published")
    doc = T(
        "Согласие на распространение перечисляет, какие данные можно публиковать (152-ФЗ, ст. 10.1; приказ "
        "Роскомнадзора № 18: «категории и перечень персональных данных»). Правило сравнивает, что показывает "
        "пост, с `scopes` согласий, на которые он ссылается (срок и отзыв проверяет PRIV003): история пациента → `story`; названный диагноз или болезнь в "
        "истории → `diagnosis`; отзыв → `testimonial`; фото с тегами пациента → `photo`, видео → `video`, "
        "тег `face` → `face`. Согласия медиа покрывают только этот файл, согласия поста — всё.",
        "Consent to distribution lists which data may be published (152-FZ art. 10.1; RKN order No. 18: "
        "\"categories and list of personal data\"). The rule compares what the post shows with the `scopes` "
        "of the consents it cites (dates and revocation are PRIV003's): a patient story → `story`; a disease named in it → `diagnosis`; a testimonial → "
        "`testimonial`; photos with patient tags → `photo`, video → `video`, tag `face` → `face`. A media "
        "item's consents cover that file only; the post's cover everything.",
    )
    source = "152-FZ art. 10.1; RKN order No. 18 of 24.02.2021; Civil Code art. 152.1"
    messages = {"default": T("Ни одно согласие поста не имеет области «{scope}» для «{what}»",
                             "No cited consent has scope '{scope}' for '{what}'")}
    bad_example = STORY_HEAD + "consents: [C-2026-017]\n" + STORY_BODY.replace("с болью в колене", "с артрозом колена")
    good_example = STORY_HEAD + "consents: [C-2026-011]\n" + STORY_BODY.replace("с болью в колене", "с артрозом колена")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or not references(post):
            return
        signals = patient_signals(post, staff_names(ctx))
        covered = {s for c in cited_consents(post, ctx) for s in c.scopes}
        for scope, (span, what) in signals.needs.items():
            if scope not in covered:
                yield Finding(span, args={"scope": scope.value, "what": what})
        for index, item in enumerate(post.meta.media):
            have = {s for c in cited_consents(post, ctx, media=index) for s in c.scopes}
            for scope in sorted(media_needs(item.tags, item.kind) - have, key=lambda s: s.value):
                yield Finding(post.key_span("media", index, "tags"), args={"scope": scope.value, "what": item.file})


class MinorWithoutGuardian(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV005"
    name = "minor-without-guardian"
    summary = T("Ребёнок в посте без согласия законного представителя", "A minor without a guardian's consent")
    doc = T(
        "За несовершеннолетнего согласие даёт законный представитель (323-ФЗ, ст. 13, ч. 3: «с письменного "
        "согласия гражданина или его законного представителя»; ст. 54). Правило срабатывает, когда в посте "
        "ребёнок (тег медиа `minor`, возраст меньше 18 лет в тексте, согласие с `minor: true`), а ни одно "
        "согласие поста не отмечено `guardian: true`.",
        "For a minor the legal representative consents (323-FZ art. 13 part 3: \"with the written consent "
        "of the citizen or their legal representative\"; art. 54). The rule fires when the post shows a "
        "minor (media tag `minor`, an age under 18 in the text, a consent with `minor: true`) and no cited "
        "consent is marked `guardian: true`.",
    )
    source = "323-FZ art. 13 part 3, art. 54"
    messages = {"default": T("В посте несовершеннолетний: нужно согласие законного представителя (`guardian: true`)",
                             "The post shows a minor: a legal representative's consent is needed (`guardian: true`)")}
    bad_example = STORY_HEAD + "consents: [C-2026-011]\n" + "---\nПациент, 12 лет, пришёл к нам с болью в колене.\n"
    good_example = STORY_HEAD + "consents: [C-2026-020]\n" + "---\nПациент, 12 лет, пришёл к нам с болью в колене.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        signals = patient_signals(post, staff_names(ctx))
        cited = [c for cid, _, _ in references(post) if (c := ctx.consents.get(cid)) is not None]
        minor_consent = next((c for c in cited if c.minor), None)
        if signals.minor is None and minor_consent is None:
            return
        if any(c.guardian for c in cited_consents(post, ctx)) or not (cited or signals.features_patient):
            return  # no consent at all is PRIV001's finding
        span = signals.minor or references(post)[0][1]
        yield Finding(span)


class ConsentRecordIncomplete(PostRule):
    example_registry = EXAMPLE_REGISTRY
    id = "PRIV006"
    name = "consent-record-incomplete"
    default_severity = Severity.WARNING
    summary = T("В записи согласия не хватает обязательных сведений", "The consent record lacks required elements")
    doc = T(
        "Согласие на обработку должно содержать цель, перечень данных, срок и способ отзыва (152-ФЗ, ст. 9, "
        "ч. 4 [частично подтверждено]); согласие на распространение — отдельный документ (ст. 10.1, ч. 1; с "
        "1 сентября 2025 — закон № 156-ФЗ) с содержанием по приказу РКН № 18. Для США — авторизация HIPAA "
        "(45 CFR 164.508(c)): описание данных, получатели, цель, срок, право отзыва. Реестр хранит не "
        "бумагу, а её признаки; правило проверяет, что они отмечены: `purpose`, `data`, `expires`, "
        "`revocation`, `separate_document` (RU) или `recipients` (US). Часть требований ст. 9 не "
        "подтверждена в каталоге — поэтому это предупреждение.",
        "A consent must state the purpose, the data, the term and how to revoke it (152-FZ art. 9 part 4 "
        "[partly confirmed]); consent to distribution is a separate document (art. 10.1 part 1; from "
        "1 September 2025 law No. 156-FZ) with the content of RKN order No. 18. For the US, a HIPAA "
        "authorization (45 CFR 164.508(c)): the data, recipients, purpose, expiry, right to revoke. The "
        "registry holds not the paper but its features; the rule checks they are recorded: `purpose`, "
        "`data`, `expires`, `revocation`, `separate_document` (RU) or `recipients` (US). Part of art. 9 is "
        "unconfirmed in the catalogue — hence a warning.",
    )
    source = "152-FZ art. 9 part 4 [partly confirmed], art. 10.1 part 1; 156-FZ; RKN order No. 18; 45 CFR 164.508(c)"
    messages = {"default": T("В записи согласия «{id}» в реестре нет: {missing}",
                             "Consent record '{id}' in the registry lacks: {missing}")}
    bad_example = STORY_HEAD + "consents: [C-2026-030]\n" + STORY_BODY
    good_example = STORY_HEAD + "consents: [C-2026-011]\n" + STORY_BODY

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        seen: set[str] = set()
        for cid, span, _ in references(post):
            consent = ctx.consents.get(cid)
            if consent is None or cid in seen:
                continue
            seen.add(cid)
            missing = consent.missing_elements(consent.jurisdiction or jurisdiction(post, ctx))
            if missing:
                yield Finding(span, args={"id": cid, "missing": ", ".join(missing)})
