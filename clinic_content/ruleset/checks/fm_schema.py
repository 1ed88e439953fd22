"""FM002–FM004, FM015, FM016: the values — known keys, valid values, required fields,
known platforms, and a readable consent registry.
"""

from __future__ import annotations

from typing import Iterator

from ...core.diagnostics import Finding
from ...source.model import ALIASES, REQUIRED, Status
from ...source.post import Post
from ..rule import Context, LoadProblemRule, PostRule, T
from .findings import platform_span, unknown_name
from .fm_support import GOOD_POST, SCHEMA_SOURCE


class UnknownKey(LoadProblemRule):
    id = "FM002"
    name = "unknown-key"
    summary = T("Неизвестный ключ front-matter", "Unknown front-matter key")
    doc = T(
        "Ключ не входит в схему поста и будет проигнорирован — скорее всего, это опечатка. "
        "Допустимы также имена Hugo/Jekyll: date, publishDate, expiryDate, draft. Собственные ключи темы "
        "блога (description, image, slug, weight…) перечисляются в конфигурации: `[front-matter] "
        "extra-keys = [\"description\", \"image*\"]` (имена или шаблоны; `[\"*\"]` разрешает любые). "
        "«Возможно, имелось в виду» предлагается только для близкого написания. Полный список: "
        "`clinic-content schema`.",
        "The key is not part of the post schema and would be ignored: most likely a typo. "
        "Hugo/Jekyll names are accepted too: date, publishDate, expiryDate, draft. A blog theme's own keys "
        "(description, image, slug, weight…) go to the config: `[front-matter] extra-keys = [\"description\", "
        "\"image*\"]` (names or globs; `[\"*\"]` allows any). \"Did you mean\" is offered only for a close "
        "spelling. Full list: `clinic-content schema`.",
    )
    source = SCHEMA_SOURCE
    messages = {
        "default": T("Неизвестный ключ «{key}»; ключ темы блога добавьте в `[front-matter] extra-keys`",
                     "Unknown key '{key}'; add a blog theme's key to `[front-matter] extra-keys`"),
        "suggest": T("Неизвестный ключ «{key}»; возможно, имелось в виду «{suggestion}»?",
                     "Unknown key '{key}'; did you mean '{suggestion}'?"),
    }
    bad_example = GOOD_POST.replace("publish_at:", "publsh_at:")
    good_example = GOOD_POST


class InvalidValue(LoadProblemRule):
    id = "FM003"
    name = "invalid-value"
    summary = T("Значение ключа неверного типа или не из списка", "A value has the wrong type or is not allowed")
    doc = T(
        "Значение не подходит под схему (например, дата не распознана, статус не из списка). "
        "Неверное значение отбрасывается, остальные проверки поста продолжаются.",
        "The value does not fit the schema (e.g. an unparseable date, an unknown status). "
        "The bad value is dropped and the post's other checks still run.",
    )
    source = SCHEMA_SOURCE
    messages = {
        "default": T("Неверное значение «{key}»: {error}", "Invalid value for '{key}': {error}"),
        "choice": T("«{value}» не подходит для «{key}»; допустимо: {allowed}",
                    "'{value}' is not allowed for '{key}'; use one of: {allowed}"),
        "choice_suggest": T("«{value}» не подходит для «{key}»; возможно, «{suggestion}»? Допустимо: {allowed}",
                            "'{value}' is not allowed for '{key}'; did you mean '{suggestion}'? Allowed: {allowed}"),
        "extra": T("Неизвестный ключ «{key}»", "Unknown key '{key}'"),
        "missing": T("Не хватает обязательного ключа «{key}»", "Missing required key '{key}'"),
        "date_time_form": T("«{value}» в «{key}» — не дата; пишите 2026-12-01 10:00 или 2026-12-01T10:00:00+03:00",
                            "'{value}' in '{key}' is not a date; write 2026-12-01 10:00 or 2026-12-01T10:00:00+03:00"),
        "yes_no": T("«{value}» в «{key}»: нужно true или false (yes/no)", "'{value}' in '{key}': use true or false (yes/no)"),
        "date_range": T("Дата «{key}» вне допустимого диапазона ({first}–{last}): {value}",
                        "Date '{key}' is out of range ({first}-{last}): {value}"),
    }
    bad_example = GOOD_POST.replace("status: approved", "status: aproved")
    good_example = GOOD_POST


class MissingRequired(PostRule):
    id = "FM004"
    name = "missing-required-field"
    summary = T("Нет обязательного поля (title, publish_at, platforms)",
                "A required field is missing (title, publish_at, platforms)")
    doc = T(
        "Чтобы пост попал в контент-план, нужны заголовок, дата публикации и хотя бы одна площадка. "
        "У черновиков (`status: draft`) и отменённых постов дата может отсутствовать.",
        "A post needs a title, a publish date and at least one platform to be in the calendar. "
        "Drafts (`status: draft`) and cancelled posts may have no date yet.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Нет обязательного поля «{key}»", "Missing required field '{key}'")}
    bad_example = "---\ntitle: Прививка от гриппа\nstatus: approved\n---\nТекст.\n"
    good_example = GOOD_POST

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        # a value that was written but failed validation is FM003's finding, not a missing field
        written = [str(f.args.get("key", "")).split(".")[0] for rule, f in post.problems if rule == "FM003"]
        invalid = {ALIASES.get(key, key) for key in written}
        for key in REQUIRED:
            if key in invalid or getattr(post.meta, key):
                continue
            if key == "publish_at" and post.meta.status in (Status.DRAFT, Status.CANCELLED):
                continue
            yield Finding(post.key_span(), args={"key": key})


class ConsentRegistryInvalid(LoadProblemRule):
    id = "FM015"
    name = "consent-registry-invalid"
    summary = T("Ошибка в реестре согласий", "Invalid consent registry")
    doc = T(
        "Реестр согласий (`consents.yaml`) — список `consents:` с записями: id, scopes "
        "(photo, video, face, story, diagnosis, name, testimonial), signed, expires, revoked, minor, "
        "guardian, separate_document, purpose, data, revocation. Имена пациентов в реестр не пишутся — "
        "только псевдоним `person`.",
        "The consent registry (`consents.yaml`) is a `consents:` list of records: id, scopes "
        "(photo, video, face, story, diagnosis, name, testimonial), signed, expires, revoked, minor, "
        "guardian, separate_document, purpose, data, revocation. Never write patients' names there: "
        "only the pseudonym `person`.",
    )
    source = "152-FZ art. 9 and 10.1; 323-FZ art. 13; " + SCHEMA_SOURCE
    messages = {
        "invalid": T("Запись согласия: неверное поле «{key}»: {error}", "Consent record: invalid '{key}': {error}"),
        "duplicate": T("Согласие {id} записано дважды", "Consent {id} is listed twice"),
        "no_list": T("В реестре нет списка consents:", "The registry has no consents: list"),
        "default": T("Ошибка в реестре согласий", "Invalid consent registry"),
    }
    bad_example = "consents:\n  - id: C-1\n    scopes: [photo]\n    signed: вчера\n"
    good_example = "consents:\n  - id: C-1\n    scopes: [photo]\n    signed: 2026-10-01\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        return iter(())  # reported once per run by the engine, on the registry file


class UnknownPlatform(PostRule):
    id = "FM016"
    name = "unknown-platform"
    summary = T("Неизвестная площадка", "Unknown platform")
    doc = T(
        "Площадки задаются идентификаторами из `rules/platforms`: vk, telegram, ok, instagram, facebook, "
        "dzen, youtube, rutube, tiktok, x, linkedin, max и site (сайт клиники). Если площадки в конфигурации перечислены "
        "(`platforms = [...]`), пост на другой площадке тоже отмечается; когда перечислены аккаунты "
        "(`[accounts] vk = [\"main\", \"kids\"]`), проверяется и `account` поста.",
        "Platforms are ids from `rules/platforms`: vk, telegram, ok, instagram, facebook, dzen, youtube, "
        "rutube, tiktok, x, linkedin, max and site (the clinic's website). When the config lists the clinic's platforms "
        "(`platforms = [...]`), a post for another platform is reported too; when it lists accounts "
        "(`[accounts] vk = [\"main\", \"kids\"]`), the post's `account` is checked as well.",
    )
    source = "rules/platforms"
    messages = {
        "default": T("Неизвестная площадка «{platform}»", "Unknown platform '{platform}'"),
        "suggest": T("Неизвестная площадка «{platform}»; возможно, «{suggestion}»?",
                     "Unknown platform '{platform}'; did you mean '{suggestion}'?"),
        "not_enabled": T("Площадки «{platform}» нет в списке площадок клиники ({enabled})",
                         "Platform '{platform}' is not one of the clinic's platforms ({enabled})"),
        "account": T("У клиники нет аккаунта «{account}» в {platform} (есть: {known})",
                     "The clinic has no account '{account}' on {platform} (known: {known})"),
    }
    bad_example = GOOD_POST.replace("[vk, telegram]", "[vk, telegramm]")
    good_example = GOOD_POST

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        enabled = ctx.config.platforms
        for index, platform in enumerate(post.meta.platforms):
            span = platform_span(post, index)
            if platform not in ctx.platforms:
                yield unknown_name(span, platform.lower(), ctx.platforms, {"platform": platform}, cutoff=0.8)
            elif enabled and platform not in enabled:
                yield Finding(span, "not_enabled", {"platform": platform, "enabled": ", ".join(enabled)})
            elif post.meta.account and platform in ctx.config.accounts and post.meta.account not in ctx.config.accounts[platform]:
                known = ", ".join(ctx.config.accounts[platform])
                yield Finding(post.key_span("account", key=False), "account",
                              {"account": post.meta.account, "platform": platform, "known": known})
