"""FM: the file can be read, its front-matter is valid YAML and matches the post schema.

Most FM findings are made while reading the file (``source.py``, ``model.py``);
these classes give them ids, texts and docs so that select/ignore/explain
treat them like any other rule.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import Iterator

from ..diagnostics import Finding, Severity
from ..fileio import exists
from ..model import ALIASES, REQUIRED, Status
from ..post import Post
from ..rule import Context, LoadProblemRule, PostRule, T

_SOURCE_SCHEMA = "clinic-content post format (docs/post-format.md)"
_GOOD = """---
title: Прививка от гриппа — когда и кому
publish_at: 2026-12-01 10:00
platforms: [vk, telegram]
status: approved
category: education
---
Сезон гриппа начинается в декабре. Рассказываем, кому нужна прививка.
"""


class InvalidYaml(LoadProblemRule):
    id = "FM001"
    name = "invalid-yaml"
    summary = T("Front-matter не читается как YAML", "Front-matter is not valid YAML")
    doc = T(
        "Блок между `---` должен быть корректным YAML. Частые причины: двоеточие внутри "
        "значения без кавычек, табуляция вместо пробелов, несбалансированные кавычки.",
        "The block between the `---` fences must be valid YAML. Typical causes: a colon inside an "
        "unquoted value, tabs instead of spaces, unbalanced quotes.",
    )
    source = "YAML 1.1 (PyYAML safe loader); " + _SOURCE_SCHEMA
    messages = {
        "default": T("Ошибка YAML в front-matter: {error}", "Invalid YAML in front-matter: {error}"),
        "colon": T("Двоеточие с пробелом внутри значения: возьмите значение в кавычки",
                   "A colon followed by a space inside a value: put the value in quotes"),
    }
    bad_example = "---\ntitle: Акция: скидка 10%\nplatforms: [vk\n---\nТекст.\n"
    good_example = _GOOD


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
    source = _SOURCE_SCHEMA
    messages = {
        "default": T("Неизвестный ключ «{key}»; ключ темы блога добавьте в `[front-matter] extra-keys`",
                     "Unknown key '{key}'; add a blog theme's key to `[front-matter] extra-keys`"),
        "suggest": T("Неизвестный ключ «{key}»; возможно, имелось в виду «{suggestion}»?",
                     "Unknown key '{key}'; did you mean '{suggestion}'?"),
    }
    bad_example = _GOOD.replace("publish_at:", "publsh_at:")
    good_example = _GOOD


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
    source = _SOURCE_SCHEMA
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
    bad_example = _GOOD.replace("status: approved", "status: aproved")
    good_example = _GOOD


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
    source = _SOURCE_SCHEMA
    messages = {"default": T("Нет обязательного поля «{key}»", "Missing required field '{key}'")}
    bad_example = "---\ntitle: Прививка от гриппа\nstatus: approved\n---\nТекст.\n"
    good_example = _GOOD

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


class NotUtf8(LoadProblemRule):
    id = "FM005"
    name = "not-utf8"
    summary = T("Файл не в кодировке UTF-8", "File is not UTF-8")
    doc = T(
        "Посты хранятся в UTF-8. Файл, сохранённый в Windows-1251, KOI8-R или UTF-16, "
        "отобразится на площадке кракозябрами. Пересохраните файл в UTF-8 (в VS Code: "
        "«Reopen with Encoding», затем «Save with Encoding → UTF-8»). Здесь же — файл, который "
        "нельзя прочитать: символическая ссылка за пределы репозитория или не обычный файл (FIFO, "
        "устройство). Такой файл не открывается вовсе, а цель ссылки не называется (docs/security.md).",
        "Posts are stored as UTF-8. A file saved as Windows-1251, KOI8-R or UTF-16 shows up as "
        "mojibake. Re-save it as UTF-8 (VS Code: Reopen with Encoding, then Save with Encoding → UTF-8). "
        "A file that cannot be read is reported here too: a symlink leading outside the repository or "
        "something that is not a regular file (a FIFO, a device). It is never opened and the link's "
        "target is never named (docs/security.md).",
    )
    source = "RFC 3629 (UTF-8); " + _SOURCE_SCHEMA
    messages = {
        "encoding": T("Файл не в UTF-8 (похоже на {encoding}); пересохраните в UTF-8",
                      "File is not UTF-8 (looks like {encoding}); re-save it as UTF-8"),
        "bom": T("Файл в кодировке {encoding}; пересохраните в UTF-8",
                 "File is encoded as {encoding}; re-save it as UTF-8"),
        "unreadable": T("Файл не читается: {error}", "Cannot read the file: {error}"),
        "outside": T("Файл не прочитан: это символическая ссылка за пределы репозитория",
                     "Not read: the file is a symlink leading outside the repository"),
        "special": T("Файл не прочитан: это не обычный файл (устройство, FIFO, сокет или папка)",
                     "Not read: not a regular file (a device, FIFO, socket or folder)"),
        "truncated": T("Файл в UTF-8 обрезан посередине символа (байт {byte}); восстановите конец файла",
                       "The UTF-8 file is cut off in the middle of a character (byte {byte}); restore its end"),
        "default": T("Файл не в UTF-8", "File is not UTF-8"),
    }
    bad_example = "(a file saved in Windows-1251)"
    good_example = _GOOD


class BinaryFile(LoadProblemRule):
    id = "FM006"
    name = "binary-file"
    summary = T("Двоичный файл вместо текста поста", "Binary file instead of a post")
    doc = T(
        "Файл содержит нулевые байты: это не текст (картинка, документ Word или файл UTF-16). "
        "Картинки кладите в media/ и ссылайтесь на них из `media:`.",
        "The file contains NUL bytes: it is not text (an image, a Word document or a UTF-16 file). "
        "Put images in media/ and reference them from `media:`.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Двоичный файл, а не текст поста", "Binary file, not a post")}
    bad_example = "(a .md file that is really a PNG)"
    good_example = _GOOD


class EmptyFile(LoadProblemRule):
    id = "FM007"
    name = "empty-file"
    default_severity = Severity.WARNING
    summary = T("Пустой файл", "Empty file")
    doc = T("Файл пуст. Удалите его или заполните пост.", "The file is empty. Delete it or write the post.")
    source = _SOURCE_SCHEMA
    messages = {"default": T("Пустой файл", "Empty file")}
    bad_example = ""
    good_example = _GOOD


class NoFrontMatter(LoadProblemRule):
    id = "FM008"
    name = "missing-front-matter"
    summary = T("Нет front-matter в начале файла", "No front-matter at the start of the file")
    doc = T(
        "Пост начинается с блока метаданных между строками `---`: дата, площадки, статус. "
        "Без него пост не попадёт в контент-план и не будет проверен.",
        "A post starts with a metadata block between `---` lines: date, platforms, status. "
        "Without it the post is not in the calendar and is not checked.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Файл должен начинаться с front-matter между строками ---",
                             "The file must start with front-matter between --- lines")}
    bad_example = "Прививка от гриппа: когда и кому.\n"
    good_example = _GOOD


class NotMapping(LoadProblemRule):
    id = "FM009"
    name = "front-matter-not-mapping"
    summary = T("Front-matter — не набор ключей", "Front-matter is not a set of keys")
    doc = T(
        "Front-matter должен состоять из пар «ключ: значение», а не из списка или одной строки.",
        "Front-matter must be `key: value` pairs, not a list or a single value.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Front-matter должен быть набором «ключ: значение», а здесь {kind}",
                             "Front-matter must be key: value pairs, found a {kind}")}
    bad_example = "---\n- vk\n- telegram\n---\nТекст.\n"
    good_example = _GOOD


class YamlTooComplex(LoadProblemRule):
    id = "FM010"
    name = "yaml-too-complex"
    summary = T("Front-matter слишком велик или глубок (YAML-бомба)", "Front-matter too large or deep (YAML bomb)")
    doc = T(
        "Ссылки YAML (`&якорь`/`*ссылка`), раскрывающиеся в огромную структуру, или слишком "
        "глубокая вложенность отклоняются до раскрытия: так посторонний pull request не "
        "исчерпает память CI.",
        "YAML aliases (`&anchor`/`*alias`) that expand to a huge structure, or very deep nesting, "
        "are rejected before they expand, so a stranger's pull request cannot exhaust CI's memory.",
    )
    source = "Billion laughs attack (CWE-776); " + _SOURCE_SCHEMA
    messages = {
        "size": T("Front-matter раскрывается более чем в {limit} узлов YAML; упростите его",
                  "Front-matter expands to more than {limit} YAML nodes; simplify it"),
        "depth": T("Вложенность front-matter глубже {limit} уровней", "Front-matter is nested deeper than {limit} levels"),
        "default": T("Front-matter слишком сложен", "Front-matter is too complex"),
    }
    bad_example = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"
    good_example = _GOOD


class FileTooLarge(LoadProblemRule):
    id = "FM011"
    name = "file-too-large"
    summary = T("Файл поста слишком большой", "Post file too large")
    doc = T(
        "Пост больше лимита `max-file-size` (по умолчанию 1 000 000 байт) не разбирается: "
        "ни одна площадка не примет такой текст, а в CI это защита от мусора.",
        "A post larger than `max-file-size` (default 1,000,000 bytes) is not parsed: no platform "
        "accepts such a text, and in CI it guards against junk.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Файл {size} байт больше лимита {limit} байт",
                             "File of {size} bytes exceeds the limit of {limit} bytes")}
    bad_example = "(a 10 MB post)"
    good_example = _GOOD


class UnsupportedFormat(LoadProblemRule):
    id = "FM012"
    name = "unsupported-front-matter"
    summary = T("Front-matter в TOML или JSON", "Front-matter in TOML or JSON")
    doc = T(
        "Поддерживается только YAML между `---`. Перенесите метаданные из `+++` (TOML) или `{…}` (JSON) в YAML.",
        "Only YAML between `---` is supported. Move `+++` (TOML) or `{…}` (JSON) metadata to YAML.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Front-matter в формате {format} не поддерживается; используйте YAML между ---",
                             "{format} front-matter is not supported; use YAML between ---")}
    bad_example = "+++\ntitle = \"Прививка\"\n+++\nТекст.\n"
    good_example = _GOOD


class UnclosedFrontMatter(LoadProblemRule):
    id = "FM013"
    name = "unclosed-front-matter"
    summary = T("Front-matter не закрыт строкой ---", "Front-matter is not closed by ---")
    doc = T(
        "После метаданных нужна строка `---`; без неё весь текст поста считается метаданными.",
        "The metadata must end with a `---` line; otherwise the whole post is read as metadata.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Нет закрывающей строки --- после front-matter",
                             "No closing --- line after the front-matter")}
    bad_example = "---\ntitle: Прививка\nplatforms: [vk]\nТекст поста.\n"
    good_example = _GOOD


class DuplicateKey(LoadProblemRule):
    id = "FM014"
    name = "duplicate-key"
    summary = T("Ключ front-matter повторяется", "A front-matter key is repeated")
    doc = T(
        "YAML молча берёт последнее из двух одинаковых значений — обычно это ошибка копирования. "
        "Псевдоним и основное имя (`date` и `publish_at`) вместе тоже считаются повтором.",
        "YAML silently keeps the last of two equal keys: usually a copy-paste mistake. An alias "
        "together with the main name (`date` and `publish_at`) counts as a repeat too.",
    )
    source = _SOURCE_SCHEMA
    messages = {
        "default": T("Ключ «{key}» уже задан в строке {first}", "Key '{key}' is already set on line {first}"),
        "alias": T("«{key}» задаёт то же поле, что и «{other}»", "'{key}' sets the same field as '{other}'"),
    }
    bad_example = _GOOD.replace("status: approved\n", "status: approved\nstatus: draft\n")
    good_example = _GOOD


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
    source = "152-FZ art. 9 and 10.1; 323-FZ art. 13; " + _SOURCE_SCHEMA
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
    bad_example = _GOOD.replace("[vk, telegram]", "[vk, telegramm]")
    good_example = _GOOD

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        enabled = ctx.config.platforms
        for index, platform in enumerate(post.meta.platforms):
            span = post.key_span("platforms", index, key=False)
            if platform not in ctx.platforms:
                close = difflib.get_close_matches(platform.lower(), list(ctx.platforms), n=1, cutoff=0.8)
                if close:
                    yield Finding(span, "suggest", {"platform": platform, "suggestion": close[0]})
                else:
                    yield Finding(span, args={"platform": platform})
            elif enabled and platform not in enabled:
                yield Finding(span, "not_enabled", {"platform": platform, "enabled": ", ".join(enabled)})
            elif post.meta.account and platform in ctx.config.accounts and post.meta.account not in ctx.config.accounts[platform]:
                known = ", ".join(ctx.config.accounts[platform])
                yield Finding(post.key_span("account", key=False), "account",
                              {"account": post.meta.account, "platform": platform, "known": known})


class MediaNotFound(PostRule):
    id = "FM017"
    name = "media-not-found"
    summary = T("Файл из media не найден", "Media file not found")
    doc = T(
        "Файл из `media:` ищется относительно поста, затем относительно корня контент-репозитория. "
        "Ссылки (http/https) не проверяются.",
        "A `media:` file is looked up relative to the post, then to the content repository root. "
        "URLs (http/https) are not checked.",
    )
    source = _SOURCE_SCHEMA
    messages = {"default": T("Файл «{file}» не найден", "File '{file}' not found")}
    bad_example = _GOOD.replace("category: education\n", "category: education\nmedia:\n  - file: media/нет-такого.jpg\n")
    good_example = _GOOD

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for index, item in enumerate(post.meta.media):
            if "://" in item.file or media_escape(post, item.file, ctx) is not None:
                continue  # URLs are not fetched; paths out of the repo are FM020's (and never probed)
            candidates = [post.path.parent / item.file, ctx.config.root / item.file]
            if not any(exists(c) for c in candidates):
                yield Finding(post.key_span("media", index, "file", key=False), args={"file": item.file})


class UnusedSuppression(PostRule):
    id = "FM019"
    name = "unused-suppression"
    default_severity = Severity.INFO
    enabled_by_default = False
    summary = T("Подавление проверки ничего не подавляет", "A suppression suppresses nothing")
    doc = T(
        "Комментарий `<!-- clinic-content: ignore КОД -->` или `lint: {ignore: [...]}` не скрыл ни одного "
        "замечания: проблему уже исправили, и подавление можно убрать. Отмечается и код, которого нет ни у "
        "одного правила (опечатка вроде `ADV0O1`): такое подавление не сработает никогда. Правило выключено "
        "по умолчанию; включите его `--extend-select FM019`.",
        "An `<!-- clinic-content: ignore CODE -->` comment or `lint: {ignore: [...]}` entry hid nothing: "
        "the problem was fixed and the suppression can go. A code no rule has (a typo such as `ADV0O1`) is "
        "reported too: such a suppression can never work. Off by default; enable with "
        "`--extend-select FM019`.",
    )
    source = "ruff RUF100 (unused-noqa)"
    messages = {"default": T("Подавление {codes} не используется", "Unused suppression of {codes}"),
                "unknown": T("В подавлении неизвестный код {codes}: такого правила нет",
                             "The suppression names an unknown code {codes}: no rule has it")}
    bad_example = _GOOD + "\n<!-- clinic-content: ignore -->\nОбычный абзац.\n"
    good_example = _GOOD

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        return iter(())  # the engine reports unused suppressions after all rules ran


def media_escape(post: Post, file: str, ctx: Context) -> str | None:
    """Why a media path points outside the content repository, or None when it stays inside.
    Content comes from outsiders' pull requests: the linter must not even test whether
    ``/etc/passwd`` or ``../../secrets`` exists."""
    if file.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", file) or file.startswith("~"):
        return "absolute"
    if any(part == ".." for part in re.split(r"[\\/]", file)):
        return "parent"
    root = os.path.realpath(ctx.config.root)
    for base in (os.path.dirname(os.fspath(post.path)), os.fspath(ctx.config.root)):
        target = os.path.realpath(os.path.join(base, file))
        if os.path.lexists(os.path.join(base, file)) and not (target == root or target.startswith(root + os.sep)):
            return "symlink"
    return None


class MediaOutsideRepo(PostRule):
    id = "FM020"
    name = "media-outside-repo"
    summary = T("Путь к медиа ведёт за пределы репозитория", "A media path leads outside the repository")
    doc = T(
        "Посты приходят в пулл-реквестах, в том числе от людей вне команды, а линтер работает в CI рядом с "
        "секретами репозитория. Путь в `media:` не может быть абсолютным (`/etc/…`, `C:\\…`, `~/…`), "
        "содержать `..` или вести по символической ссылке за пределы контент-репозитория. Такой путь не "
        "проверяется на существование (иначе по ответу линтера можно узнать, какие файлы есть на машине CI).",
        "Posts come in pull requests, also from people outside the team, and the linter runs in CI next to "
        "repository secrets. A `media:` path may not be absolute (`/etc/…`, `C:\\…`, `~/…`), contain `..` "
        "or lead through a symlink outside the content repository. Such a path is not even checked for "
        "existence (the answer would tell which files exist on the CI machine).",
    )
    source = "clinic-content security model (docs/post-format.md); CWE-22 path traversal"
    messages = {
        "absolute": T("Абсолютный путь «{file}»: укажите путь внутри репозитория", "Absolute path '{file}': use a path inside the repository"),
        "parent": T("Путь «{file}» выходит из репозитория через «..»", "Path '{file}' leaves the repository through '..'"),
        "symlink": T("«{file}» — символическая ссылка за пределы репозитория", "'{file}' is a symlink leading outside the repository"),
        "default": T("Путь «{file}» за пределами репозитория", "Path '{file}' is outside the repository"),
    }
    bad_example = _GOOD.replace("category: education\n", "category: education\nmedia:\n  - file: ../../../../etc/passwd\n")
    good_example = _GOOD

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for index, item in enumerate(post.meta.media):
            if "://" in item.file:
                continue
            reason = media_escape(post, item.file, ctx)
            if reason is not None:
                yield Finding(post.key_span("media", index, "file", key=False), reason, {"file": item.file})


FM_RULES = [
    InvalidYaml, UnknownKey, InvalidValue, MissingRequired, NotUtf8, BinaryFile, EmptyFile,
    NoFrontMatter, NotMapping, YamlTooComplex, FileTooLarge, UnsupportedFormat, UnclosedFrontMatter,
    DuplicateKey, ConsentRegistryInvalid, UnknownPlatform, MediaNotFound, UnusedSuppression, MediaOutsideRepo,
]
