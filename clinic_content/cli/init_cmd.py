"""`clinic-content init`: a commented `.clinic-content.toml` and an empty consent registry.

Without a config the clinic's own doctors and phone numbers are reported as personal
data (issue 11 §2.11), so the first step of a new content repo is this command. On a
terminal it asks for what the flags did not give; otherwise (CI, scripts) it asks
nothing. It never overwrites a file, and what it writes always loads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

CONFIG_NAME = ".clinic-content.toml"

_QUESTIONS = [  # (argument, Russian question, English question)
    ("clinic_name", "Название клиники", "Clinic name"),
    ("legal_name", "Юридическое название (ООО «…»)", "Legal name of the advertiser"),
    ("inn", "ИНН", "INN"),
    ("license", "Лицензия: номер, дата, кем выдана", "Medical licence: number, date, issuer"),
    ("site", "Сайт с реквизитами", "Website with the advertiser's details"),
    ("staff", "Врачи и сотрудники через запятую (ФИО)", "Staff names, comma-separated"),
    ("contacts", "Телефоны, e-mail и адреса клиники через запятую", "The clinic's phones, e-mails, addresses, comma-separated"),
    ("platforms", "Площадки через запятую (vk, telegram, ok, dzen…)", "Platforms, comma-separated (vk, telegram, ok, dzen…)"),
    ("timezone", "Часовой пояс", "Timezone"),
]


def add_parser(sub: argparse._SubParsersAction) -> None:
    init = sub.add_parser("init", help="write a commented .clinic-content.toml and an empty consents.yaml")
    init.add_argument("folder", nargs="?", default=".", help="the content repository (default: .)")
    init.add_argument("--clinic-name", help="public name of the clinic")
    init.add_argument("--legal-name", help="legal name of the advertiser, e.g. ООО «Клиника»")
    init.add_argument("--inn", help="INN of the legal entity")
    init.add_argument("--ogrn", help="OGRN of the legal entity")
    init.add_argument("--license", help="medical licence: number, date, issuer")
    init.add_argument("--site", help="website with the advertiser's details")
    init.add_argument("--staff", action="append", default=[], help="a staff member's full name (repeatable)")
    init.add_argument("--contact", dest="contacts", action="append", default=[],
                      help="the clinic's own phone, e-mail or address (repeatable)")
    init.add_argument("--platforms", help="comma-separated platform ids, e.g. vk,telegram")
    init.add_argument("--timezone", help="IANA timezone (default: Europe/Moscow)")
    init.add_argument("--content-root", dest="content_roots", action="append", default=[],
                      help="folder holding posts (repeatable; default: posts)")
    init.add_argument("--lang", choices=("ru", "en"), help="message language written into the config")


def run(args: argparse.Namespace, error: Callable[[str, str], int], lang: str,
        ask: Callable[[str], str] | None = None) -> int:
    """Write the files; ``ask`` (default: :func:`input` on a terminal, else nothing) fills gaps."""
    from ..source.config import Config, ConfigError  # here, not at the top: building the parser stays light

    ru = lang == "ru"
    folder = Path(args.folder)
    if not folder.is_dir():
        return error(f"{folder}: нет такой папки" if ru else f"{folder}: no such folder", lang)
    target, registry = folder / CONFIG_NAME, folder / "consents.yaml"
    existing = [p for p in (target, folder / "clinic-content.toml") if p.exists()]
    if existing:
        return error(f"{existing[0]}: уже есть, не перезаписываю" if ru
                     else f"{existing[0]}: already exists; not overwriting it", lang)
    if ask is None and sys.stdin.isatty():
        ask = input
    values = _answers(args, ask, ru)
    text = render(values, args.lang or lang)
    try:
        Config.from_mapping(_loads(text), root=folder.resolve())
        _check_platforms(values["platforms"])
    except ConfigError as exc:
        return error(exc.text(lang), lang)
    target.write_text(text, encoding="utf-8")
    written = [target]
    if not registry.exists():
        registry.write_text(EMPTY_REGISTRY, encoding="utf-8")
        written.append(registry)
    for root in values["content_roots"]:
        (folder / root).mkdir(parents=True, exist_ok=True)
    names = ", ".join(str(p) for p in written)
    print(f"clinic-content: создано: {names}" if ru else f"clinic-content: wrote {names}", file=sys.stderr)
    return 0


def _answers(args: argparse.Namespace, ask: Callable[[str], str] | None, ru: bool) -> dict:
    values = {
        "clinic_name": args.clinic_name, "legal_name": args.legal_name, "inn": args.inn, "ogrn": args.ogrn,
        "license": args.license, "site": args.site, "staff": list(args.staff), "contacts": list(args.contacts),
        "platforms": _split(args.platforms) if args.platforms else [], "timezone": args.timezone,
        "content_roots": list(args.content_roots) or ["posts"],
    }
    if ask is not None:
        for key, question_ru, question_en in _QUESTIONS:
            if values[key]:
                continue
            answer = ask(f"{question_ru if ru else question_en}: ").strip()
            if answer:
                values[key] = _split(answer) if isinstance(values[key], list) else answer
    values["timezone"] = values["timezone"] or "Europe/Moscow"
    return values


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _check_platforms(platforms: list[str]) -> None:
    from ..source.config import ConfigError

    from ..core.packs import load_platforms

    known = load_platforms()
    unknown = [p for p in platforms if p not in known]
    if unknown:
        listed = ", ".join(sorted(known))
        raise ConfigError(f"unknown platforms: {', '.join(unknown)} (known: {listed})",
                          f"неизвестные площадки: {', '.join(unknown)} (известны: {listed})")


def _loads(text: str) -> dict:
    from ..source.config_files import tomllib

    return tomllib.loads(text)


def _value(value: object) -> str:
    """A TOML value: JSON strings and lists of strings are valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def _line(key: str, value: object, hint: str) -> str:
    """``key = value``, or the key commented out with a hint when there is no value yet."""
    if value:
        return f"{key} = {_value(value)}"
    return f"# {key} = {hint}"


def render(values: dict, lang: str) -> str:
    """The config text; comments in ``lang``."""
    ru = lang == "ru"
    c = _COMMENTS_RU if ru else _COMMENTS_EN
    lines = [
        c["head"], "",
        c["roots"], f"content-roots = {_value(values['content_roots'])}", "",
        c["timezone"], f"timezone = {_value(values['timezone'])}", "",
        c["lang"], f"lang = {_value(lang)}", "",
        c["platforms"], _line("platforms", values["platforms"], '["vk", "telegram", "ok", "dzen"]'), "",
        c["consents"], 'consents-file = "consents.yaml"', "",
        "[clinic]", c["clinic"],
        _line("name", values["clinic_name"], '"Клиника «Берёза»"'),
        _line("legal-name", values["legal_name"], '"ООО «Клиника Берёза»"'),
        _line("inn", values["inn"], '"6671234567"'),
        _line("ogrn", values["ogrn"], '"1216600012345"'),
        _line("license", values["license"], '"Л041-01021-66/00123456 от 12.03.2021"'),
        _line("site", values["site"], '"https://clinic.example/about"'),
        c["staff"], _line("staff", values["staff"], '["Иванова Анна Сергеевна"]'),
        c["contacts"], _line("contacts", values["contacts"], '["+7 (343) 200-10-20", "info@clinic.example"]'),
        "",
    ]
    return "\n".join(lines)


_COMMENTS_RU = {
    "head": "# Настройки clinic-content для этого репозитория постов (docs/configuration.md).\n"
            "# Вложенный .clinic-content.toml в подпапке заменяет этот файл для своих постов;\n"
            '# чтобы дополнить его, а не заменить, начните вложенный с extend = "../.clinic-content.toml".',
    "roots": "# Папки с постами (относительно этого файла).",
    "timezone": "# Часовой пояс клиники: время без смещения в publish_at читается в нём.",
    "lang": "# Язык сообщений: ru или en (--lang в командной строке важнее).",
    "platforms": "# Площадки клиники; пост для другой площадки — замечание FM016. Пусто — любая известная.",
    "consents": "# Реестр согласий пациентов (только псевдонимы, без имён).",
    "clinic": "# Профиль клиники: нужен правилам о рекламе (рекламодатель, ИНН, лицензия) и о персональных данных.",
    "staff": "# Врачи и сотрудники, которых можно называть в постах: их имена не считаются персональными данными.",
    "contacts": "# Телефоны, e-mail и адреса самой клиники: их можно публиковать.",
}
_COMMENTS_EN = {
    "head": "# clinic-content settings of this content repository (docs/configuration.md).\n"
            "# A nested .clinic-content.toml in a subfolder replaces this file for its posts;\n"
            '# to build on it instead, start the nested one with extend = "../.clinic-content.toml".',
    "roots": "# Folders holding posts (relative to this file).",
    "timezone": "# The clinic's timezone: publish_at times without an offset are read in it.",
    "lang": "# Message language: ru or en (--lang on the command line wins).",
    "platforms": "# The clinic's platforms; a post for another one is FM016. Empty = any known platform.",
    "consents": "# The patients' consent registry (pseudonyms only, never names).",
    "clinic": "# The clinic's profile: used by advertising rules (advertiser, INN, licence) and privacy rules.",
    "staff": "# Doctors and staff who may be named in posts: their names are not personal data.",
    "contacts": "# The clinic's own phones, e-mails and addresses: posts may show them.",
}

EMPTY_REGISTRY = """\
# Consent registry / реестр согласий пациентов (docs/post-format.md).
# Only pseudonymous records: the signed forms stay with the clinic under the same ids.
# Только псевдонимы: подписанные бланки хранятся в клинике под теми же номерами.
#
# consents:
#   - id: C-2026-001
#     person: P-0001
#     scopes: [story, photo]
#     signed: 2026-12-01
#     expires: 2027-12-01
#     separate_document: true
#     purpose: публикация истории лечения в соцсетях клиники
#     data: [возраст, фото без лица]
#     revocation: письменное заявление в регистратуру
consents: []
"""
