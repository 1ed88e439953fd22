"""Pydantic's validation errors in our words, in Russian and English: a Russian run must
not print «Input should be a valid datetime…» (issue 11 §2.7). Keyed by pydantic's
stable error ``type`` (https://docs.pydantic.dev/latest/errors/validation_errors/);
an unknown type falls back to pydantic's English text in both languages.
"""

from __future__ import annotations

from typing import Any, Mapping

from .bilingual import T

_DATETIME = T("ожидаются дата и время, например 2026-12-01 10:00 или 2026-12-01T10:00+05:00",
              "expected a date and time such as 2026-12-01 10:00 or 2026-12-01T10:00+05:00")
_DATE = T("ожидается дата, например 2026-12-01", "expected a date such as 2026-12-01")
_INT = T("ожидается целое число", "expected a whole number")
_NUMBER = T("ожидается число", "expected a number")
_BOOL = T("ожидается true или false", "expected true or false")
_STRING = T("ожидается строка", "expected a string")
_LIST = T("ожидается список, например [vk, telegram]", "expected a list such as [vk, telegram]")
_TABLE = T("ожидается таблица «ключ: значение»", "expected a table of «key: value»")

_BY_TYPE: dict[str, T] = {
    **dict.fromkeys(("datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"),
                    _DATETIME),
    **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"), _DATE),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float", "int_parsing_size"), _INT),
    **dict.fromkeys(("float_type", "float_parsing", "decimal_type", "decimal_parsing"), _NUMBER),
    **dict.fromkeys(("bool_type", "bool_parsing"), _BOOL),
    **dict.fromkeys(("string_type", "string_unicode", "string_sub_type"), _STRING),
    **dict.fromkeys(("list_type", "tuple_type", "set_type", "iterable_type"), _LIST),
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type", "mapping_type"), _TABLE),
    "missing": T("обязательное значение не указано", "a required value is missing"),
    "extra_forbidden": T("такого ключа нет", "no such key"),
    "url_parsing": T("ожидается адрес вида https://…", "expected a URL such as https://…"),
    "url_scheme": T("ожидается адрес вида https://…", "expected a URL such as https://…"),
    "none_required": T("значения здесь быть не должно", "no value is allowed here"),
}

_WITH_CONTEXT: dict[str, T] = {
    "greater_than": T("должно быть больше {gt}", "must be greater than {gt}"),
    "greater_than_equal": T("должно быть не меньше {ge}", "must be at least {ge}"),
    "less_than": T("должно быть меньше {lt}", "must be less than {lt}"),
    "less_than_equal": T("должно быть не больше {le}", "must be at most {le}"),
    "string_too_short": T("слишком короткая строка (не меньше {min_length} симв.)",
                          "too short (at least {min_length} characters)"),
    "string_too_long": T("слишком длинная строка (не больше {max_length} симв.)",
                         "too long (at most {max_length} characters)"),
    "too_short": T("слишком мало элементов (не меньше {min_length})", "too few items (at least {min_length})"),
    "too_long": T("слишком много элементов (не больше {max_length})", "too many items (at most {max_length})"),
    "string_pattern_mismatch": T("не подходит под шаблон {pattern}", "does not match the pattern {pattern}"),
    "literal_error": T("допустимо: {expected}", "use one of: {expected}"),
    "enum": T("допустимо: {expected}", "use one of: {expected}"),
    "unknown_timezone": T("неизвестный часовой пояс {value} (нужно имя IANA, например Europe/Moscow)",
                          "unknown timezone {value} (use an IANA name such as Europe/Moscow)"),
}


def describe(error: Mapping[str, Any]) -> T:
    """One pydantic error (an item of ``ValidationError.errors()``) as a bilingual text."""
    kind = str(error.get("type", ""))
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    context = {k: _plain(v) for k, v in (error.get("ctx") or {}).items()}
    template = _WITH_CONTEXT.get(kind)
    if template is not None:
        try:
            return T(template.ru.format(**context), template.en.format(**context))
        except (KeyError, IndexError):
            pass
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return T(message, message)  # our own validators' texts, or a type we do not know yet


def _plain(value: Any) -> str:
    return str(value).replace("'", "")
