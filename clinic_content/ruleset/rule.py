"""The rule interface: two small base classes, no metaclass, no parameter magic.

A rule is a class with metadata (id, name, severity, bilingual texts, source,
examples), an optional pydantic ``Options`` model and a ``check`` generator.
Its findings carry positions and message keys; the engine does the rest.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Iterator, Mapping

from pydantic import BaseModel, ConfigDict

from ..core.bilingual import T as T  # re-exported: plugins and checks import T from here
from ..core.diagnostics import Finding, Severity

if TYPE_CHECKING:
    from ..source.config import Config
    from ..source.consents import ConsentRegistry
    from ..core.packs import Platform
    from ..source.post import Post

RULE_ID = re.compile(r"^[A-Z]{2,6}[0-9]{3}$")
FAMILIES = {
    "FM": "front-matter and file format",
    "ADV": "advertising law",
    "PRIV": "consent and personal data",
    "PLAT": "platform policy",
    "LANG": "language, jargon and readability",
    "SRC": "sources and review",
    "CAL": "calendar and cadence",
}


class NoOptions(BaseModel):
    """Options model of a rule that takes none."""

    model_config = ConfigDict(defer_build=True, extra="forbid")


class RuleOptions(BaseModel):
    """Base for rule options: kebab-case keys in config, unknown keys rejected."""

    model_config = ConfigDict(defer_build=True, extra="forbid", alias_generator=lambda n: n.replace("_", "-"), populate_by_name=True)


@dataclass
class Context:
    """What a rule may look at besides the post: config, its options, shared data."""

    config: Config
    options: Any
    platforms: Mapping[str, Platform]
    consents: ConsentRegistry
    today: datetime
    lang: str = "ru"
    extra: dict[str, Any] = field(default_factory=dict)
    read_today: bool = field(default=False, init=False, repr=False, compare=False)


def _read_today(ctx: Context) -> datetime:
    ctx.read_today = True  # the lint cache keeps this result for this day only
    return ctx._today


def _set_today(ctx: Context, value: datetime) -> None:
    ctx._today = value


# ``today`` is tracked: a result no rule read the day for stays cached across days
Context.today = property(_read_today, _set_today, doc="The run's day (--today); reading it marks the result day-bound.")  # type: ignore[assignment]


class Rule:
    """Metadata shared by post rules and calendar rules."""

    id: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR
    enabled_by_default: ClassVar[bool] = True
    summary: ClassVar[T]
    doc: ClassVar[T]
    source: ClassVar[str]
    messages: ClassVar[Mapping[str, T]]
    bad_example: ClassVar[str] = ""
    good_example: ClassVar[str] = ""
    example_registry: ClassVar[str] = ""  # consents.yaml the examples assume
    Options: ClassVar[type[BaseModel]] = NoOptions

    @classmethod
    def family(cls) -> str:
        return re.match(r"[A-Z]+", cls.id).group(0)  # type: ignore[union-attr]

    @classmethod
    def render(cls, finding: Finding, lang: str) -> str:
        """Fill the finding's message template; unknown placeholders stay visible, never crash."""
        template = cls.messages.get(finding.message) or cls.messages["default"]
        args = {k: v.get(lang) if isinstance(v, T) else v for k, v in finding.args.items()}  # bilingual values
        return string.Formatter().vformat(template.get(lang), (), _SafeArgs(args))


class _SafeArgs(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class PostRule(Rule):
    """Checks one post at a time. A rule whose problem has a fix that cannot change the
    post's meaning (inserting a mandated label or warning) also implements :meth:`fix`."""

    fixable: ClassVar[bool] = False

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        """The text edit that resolves ``finding`` (offsets into the post's text), or None."""
        return None


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``insert``; a pure insertion has start == end.
    Inserted text uses ``\n``; the writer converts it to the file's line endings."""

    start: int
    end: int
    insert: str
    rule: str = ""


class CalendarRule(Rule):
    """Checks the whole calendar (every post under the content roots) at once.

    Findings must set ``path`` to the post they are about; the engine keeps
    only those that involve the files being linted.
    """

    def check(self, posts: list[Post], ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError


class LoadProblemRule(PostRule):
    """An FM rule whose findings are made while reading the file (encoding, YAML, schema)."""

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        for rule_id, finding in post.problems:
            if rule_id == self.id:
                yield finding
