"""FM001, FM008–FM010, FM012–FM014: the front-matter block — present, closed, YAML, a
mapping, not a YAML bomb, no repeated keys.
"""

from __future__ import annotations

from ..rule import LoadProblemRule, T
from .fm_support import GOOD_POST, SCHEMA_SOURCE


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
    source = "YAML 1.1 (PyYAML safe loader); " + SCHEMA_SOURCE
    messages = {
        "default": T("Ошибка YAML в front-matter: {error}", "Invalid YAML in front-matter: {error}"),
        "colon": T("Двоеточие с пробелом внутри значения: возьмите значение в кавычки",
                   "A colon followed by a space inside a value: put the value in quotes"),
    }
    bad_example = "---\ntitle: Акция: скидка 10%\nplatforms: [vk\n---\nТекст.\n"
    good_example = GOOD_POST


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
    source = SCHEMA_SOURCE
    messages = {"default": T("Файл должен начинаться с front-matter между строками ---",
                             "The file must start with front-matter between --- lines")}
    bad_example = "Прививка от гриппа: когда и кому.\n"
    good_example = GOOD_POST


class NotMapping(LoadProblemRule):
    id = "FM009"
    name = "front-matter-not-mapping"
    summary = T("Front-matter — не набор ключей", "Front-matter is not a set of keys")
    doc = T(
        "Front-matter должен состоять из пар «ключ: значение», а не из списка или одной строки.",
        "Front-matter must be `key: value` pairs, not a list or a single value.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Front-matter должен быть набором «ключ: значение», а здесь {kind}",
                             "Front-matter must be key: value pairs, found a {kind}")}
    bad_example = "---\n- vk\n- telegram\n---\nТекст.\n"
    good_example = GOOD_POST


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
    source = "Billion laughs attack (CWE-776); " + SCHEMA_SOURCE
    messages = {
        "size": T("Front-matter раскрывается более чем в {limit} узлов YAML; упростите его",
                  "Front-matter expands to more than {limit} YAML nodes; simplify it"),
        "depth": T("Вложенность front-matter глубже {limit} уровней", "Front-matter is nested deeper than {limit} levels"),
        "default": T("Front-matter слишком сложен", "Front-matter is too complex"),
    }
    bad_example = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
                  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"
    good_example = GOOD_POST


class UnsupportedFormat(LoadProblemRule):
    id = "FM012"
    name = "unsupported-front-matter"
    summary = T("Front-matter в TOML или JSON", "Front-matter in TOML or JSON")
    doc = T(
        "Поддерживается только YAML между `---`. Перенесите метаданные из `+++` (TOML) или `{…}` (JSON) в YAML.",
        "Only YAML between `---` is supported. Move `+++` (TOML) or `{…}` (JSON) metadata to YAML.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Front-matter в формате {format} не поддерживается; используйте YAML между ---",
                             "{format} front-matter is not supported; use YAML between ---")}
    bad_example = "+++\ntitle = \"Прививка\"\n+++\nТекст.\n"
    good_example = GOOD_POST


class UnclosedFrontMatter(LoadProblemRule):
    id = "FM013"
    name = "unclosed-front-matter"
    summary = T("Front-matter не закрыт строкой ---", "Front-matter is not closed by ---")
    doc = T(
        "После метаданных нужна строка `---`; без неё весь текст поста считается метаданными.",
        "The metadata must end with a `---` line; otherwise the whole post is read as metadata.",
    )
    source = SCHEMA_SOURCE
    messages = {"default": T("Нет закрывающей строки --- после front-matter",
                             "No closing --- line after the front-matter")}
    bad_example = "---\ntitle: Прививка\nplatforms: [vk]\nТекст поста.\n"
    good_example = GOOD_POST


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
    source = SCHEMA_SOURCE
    messages = {
        "default": T("Ключ «{key}» уже задан в строке {first}", "Key '{key}' is already set on line {first}"),
        "alias": T("«{key}» задаёт то же поле, что и «{other}»", "'{key}' sets the same field as '{other}'"),
    }
    bad_example = GOOD_POST.replace("status: approved\n", "status: approved\nstatus: draft\n")
    good_example = GOOD_POST
