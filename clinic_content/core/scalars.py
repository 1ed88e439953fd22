"""The scalar forms front-matter accepts for dates and yes/no values, defined once for both the
loader (``model.py``) and the JSON Schema editors validate against (``schema.py``).

The loader reads YAML 1.1 (PyYAML), editors read YAML 1.2, so the same unquoted text can reach
them as different types: ``2026-12-01`` is a date for PyYAML and a string for the YAML language
server; ``yes`` is a boolean for PyYAML and a string for YAML 1.2. Both readings must mean the same.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from pydantic_core import PydanticCustomError

# error types of these validators; FM003 words them in both languages
DATE_TIME_ERROR = "date_time_form"
BOOLEAN_ERROR = "yes_no"

# A date, optionally a time, optionally an offset: «2026-12-01», «2026-12-01 10:00»,
# «2026-12-01T10:00:00+03:00», «2026-12-15 9:00», YAML 1.1's «2026-12-01 10:00:00 +3».
# Plain groups only, so the same text is a Python and an ECMA-262 (JSON Schema) pattern.
DATE_TIME_PATTERN = (
    r"^[ \t]*([0-9]{4})-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])"
    r"(?:(?:[Tt]|[ \t]+)([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:[.,]([0-9]+))?)?"
    r"(?:[ \t]*(Z|z|[+-](?:[01]?[0-9]|2[0-3])(?::?[0-5][0-9])?))?)?[ \t]*$"
)
_DATE_TIME = re.compile(DATE_TIME_PATTERN)
DATE_TIME_EXAMPLE = "2026-12-01 10:00"

# YAML 1.1 booleans (what PyYAML reads unquoted); a YAML 1.2 editor sees the yes/no/on/off ones as strings.
YAML_BOOLEANS: dict[str, bool] = {
    spelling: value
    for word, value in (("yes", True), ("no", False), ("on", True), ("off", False), ("true", True), ("false", False))
    for spelling in (word, word.capitalize(), word.upper())
}


def to_date_time(value: Any) -> Any:
    """A front-matter date/time as written, turned into what pydantic parses; anything else is an
    error (a number is not a date: ``20261201`` would otherwise be read as seconds since 1970)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    match = _DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError(DATE_TIME_ERROR, f"expected a date and time like {DATE_TIME_EXAMPLE}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    text = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        text += f"T{int(hour):02d}:{minute}:{second or '00'}" + (f".{fraction}" if fraction else "")
        text += _offset(offset)
    return text


def _offset(offset: str | None) -> str:
    if not offset:
        return ""
    if offset in ("Z", "z"):
        return "+00:00"
    sign, digits = offset[0], offset[1:].replace(":", "")
    hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
    return f"{sign}{int(hours):02d}:{minutes}"


def to_bool(value: Any) -> Any:
    """``true``/``false`` and YAML 1.1's yes/no/on/off, however the YAML reader typed them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in YAML_BOOLEANS:
        return YAML_BOOLEANS[value]
    raise PydanticCustomError(BOOLEAN_ERROR, "expected true or false (yes/no)")
