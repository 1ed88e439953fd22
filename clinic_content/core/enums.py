"""Enums whose members print as their value: ``print(d.severity)`` shows ``error``, not
``Severity.ERROR``, on every Python version (``enum.StrEnum`` needs 3.11)."""

from __future__ import annotations

import enum


class TextEnum(str, enum.Enum):
    """A string enum that reads as its value in ``str()``, ``print`` and f-strings."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)
