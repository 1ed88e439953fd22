"""Findings as rules emit them and diagnostics as users see them.

A rule yields a :class:`Finding` (position, message key, arguments); the engine
stamps the rule id, the configured severity and the rendered message into a
:class:`Diagnostic`. Rules therefore never know their severity or the output
language, as in yamllint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .enums import TextEnum


class Severity(TextEnum):
    """How bad a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
SEVERITY_RU = {Severity.INFO: "подсказка", Severity.WARNING: "предупреждение", Severity.ERROR: "ошибка"}


def severity_label(severity: Severity, lang: str) -> str:
    """The severity as a person reads it in ``lang`` (machine formats keep ``severity.value``)."""
    return SEVERITY_RU[severity] if lang == "ru" else severity.value


@dataclass(frozen=True)
class Span:
    """A 1-based, inclusive-start, exclusive-end region of a file (columns in characters)."""

    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where, which message, and the values to put into it.

    ``message`` is a key into the rule's ``messages`` table; ``args`` fill its
    ``{placeholders}``. ``path`` is set only by calendar rules, which report on
    posts other than the one being checked. ``severity`` lets a rule downgrade
    a finding whose source is unconfirmed; a user's override still wins.
    """

    span: Span | None
    message: str = "default"
    args: Mapping[str, Any] = field(default_factory=dict)
    path: str | None = None
    severity: Severity | None = None
    related: tuple[str, ...] = ()
    redact: bool = False  # the span is personal data: outputs must not print it


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One reported problem, ready for output. Sorted by path, position, code."""

    path: str
    line: int
    column: int
    code: str
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    name: str = field(default="", compare=False)
    message: str = field(default="", compare=False)
    related: tuple[str, ...] = field(default=(), compare=False)
    sensitive: bool = field(default=False, compare=False)  # never print the text under the span
    fixable: bool = field(default=False, compare=False)  # `lint --fix` can fix it (text output: [*])

    @staticmethod
    def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
        """The report order as a plain tuple: sorting 100,000 findings by the generated
        dataclass ``__lt__`` costs seconds; by this key, milliseconds."""
        return (d.path, d.line, d.column, d.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "related": list(self.related),
        }


@dataclass
class Report:
    """The result of a lint run: diagnostics plus what was looked at."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    internal_errors: int = 0
    paths: list[str] = field(default_factory=list)  # every file linted, for per-file formats (JUnit)
    switches: list[Any] = field(default_factory=list)  # rules turned off by config or posts (switches.RuleSwitch)
    texts: dict[str, str] = field(default_factory=dict)  # display path -> text linted from memory (stdin)
    masker: Any = field(default=None, repr=False, compare=False)  # masking.Masker: the clinic's own names/contacts
    streamed: Any = field(default=None, repr=False, compare=False)  # streamed.StreamPlan: the CLI writes it file by file

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for d in self.diagnostics:
            out[d.severity.value] += 1
        return out

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), key=lambda s: s.rank, default=None)
