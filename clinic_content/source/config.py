"""Project configuration: ``.clinic-content.toml`` or ``[tool.clinic-content]`` in
``pyproject.toml``, found by walking up from the linted path (like ruff).

Keys are kebab-case as in ruff (snake_case is accepted too). An invalid config
raises :class:`ConfigError` naming the key and its line; the CLI exits with 2.
"""

from __future__ import annotations

import difflib
import re
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .config_files import (  # noqa: F401 -- re-exported: the config's files, found and read without pydantic
    CONFIG_FILES, MAX_CONFIG_BYTES, ConfigError, _contents, _extended, _kebab, _read_table, find_config_file, peek_lang,
    project_root,
)
from ..core.diagnostics import Severity


class _Section(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", alias_generator=_kebab, populate_by_name=True)


class ClinicProfile(_Section):
    """Who publishes: used by ad labelling, licence and privacy rules."""

    name: str | None = Field(default=None, description="Public name of the clinic.")
    legal_name: str | None = Field(default=None, description="Legal name of the advertiser, e.g. ООО «Клиника».")
    inn: str | None = Field(default=None, description="INN of the legal entity.")
    ogrn: str | None = Field(default=None, description="OGRN of the legal entity.")
    license: str | None = Field(default=None, description="Medical licence number, date and issuer.")
    site: str | None = Field(default=None, description="Website with the advertiser's details.")
    staff: list[str] = Field(
        default_factory=list, description="Names of staff allowed to appear in posts (doctors, managers)."
    )
    contacts: list[str] = Field(
        default_factory=list,
        description="The clinic's own phones, e-mails and addresses: posts may show them (PRIV007 ignores them).",
    )

    @field_validator("inn", "ogrn", mode="before")
    @classmethod
    def _number_to_str(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class CalendarSettings(_Section):
    """The iCalendar export (`clinic-content calendar export`)."""

    name: str | None = Field(default=None, description="Calendar name shown by clients; default: «<clinic> — контент-план».")
    base_url: str | None = Field(default=None, description="Base URL of the content repo's raw files: each event links to its post.")
    review_hours: int = Field(default=48, gt=0, le=24 * 366, description="Review deadline (event and alarm) this long before an unapproved post (at most a year).")
    duration_minutes: int = Field(default=30, gt=0, le=24 * 60 * 7, description="Length of a post's event (at most a week).")
    refresh: str = Field(default="PT1H", pattern=r"^P(?:T?\d{1,6}[HMDW])+$", description="Suggested refresh interval (REFRESH-INTERVAL, X-PUBLISHED-TTL).")

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str | None) -> str | None:
        """The URL goes into every event of a published feed: an http(s) URL, nothing a line break could hide in."""
        from ..core.safe_text import check_url

        return check_url(value) if value is not None else None

    @field_validator("name")
    @classmethod
    def _printable_name(cls, value: str | None) -> str | None:
        from ..core.safe_text import has_control

        if value is not None and has_control(value):
            raise ValueError("the calendar name contains a control character or line break")
        return value


class FrontMatterSettings(_Section):
    """Adopting an existing blog: the keys its theme (Hugo, Jekyll, Nuxt) puts in every post."""

    extra_keys: list[str] = Field(
        default_factory=list,
        description='Front-matter keys allowed and ignored (names or globs: "image*"); ["*"] allows any key.',
    )


class VocabularySettings(_Section):
    """A repo-wide vocabulary (like Vale's Vocab): terms explained once and words to accept."""

    glossary: str | None = Field(
        default=None,
        description="File (relative to the config) of terms the clinic explains once: TOML `term = \"explanation\"`, "
        "YAML `term: explanation`, or one `term — explanation` per line. They count as explained in every post.",
    )
    accept: list[str] = Field(
        default_factory=list,
        description="Words never reported as terms (LANG001-LANG003): brand and product names, the clinic's own terms.",
    )


class Config(_Section):
    """The whole configuration. Paths are relative to :attr:`root`."""

    root: Path = Field(default=Path("."), exclude=True, description="Folder the config file is in.")
    source_file: Path | None = Field(default=None, exclude=True)
    extended_files: list[Path] = Field(default_factory=list, exclude=True)  # the `extend` chain, parents first
    extend: str | None = Field(default=None, description="Another config file this one builds on (relative path).")
    content_roots: list[str] = Field(default_factory=lambda: ["posts"], description="Folders holding posts.")
    exclude: list[str] = Field(default_factory=list, description="Glob patterns of files not to lint.")
    timezone: str = Field(default="Europe/Moscow", description="IANA timezone for naive times.")
    lang: Literal["ru", "en"] | None = Field(default=None, description="Message language; default: locale.")
    platforms: list[str] = Field(
        default_factory=list, description="Platforms the clinic publishes on; empty = any known platform."
    )
    accounts: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Platform -> the clinic's accounts there (several VK groups, a kids' channel); posts pick one with `account`.",
    )
    plugins: list[str] = Field(
        default_factory=list,
        description="Installed rule plugins to load, by entry-point name; an installed plugin not named here never runs.",
    )
    packs: list[str] = Field(
        default_factory=list,
        description="The clinic's own phrase packs (the format of rules/ru/*.toml), relative to the config file; globs allowed.",
    )
    jurisdiction: Literal["RU", "US"] = Field(
        default="RU", description="Whose privacy law applies by default (RU: 152-FZ, 323-FZ; US: HIPAA)."
    )
    consents_file: str = Field(default="consents.yaml", description="Consent registry, relative to root.")
    select: list[str] = Field(default_factory=lambda: ["ALL"], description="Rule codes or prefixes to enable.")
    extend_select: list[str] = Field(default_factory=list, description="Codes enabled on top of `select`.")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to disable.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict, description="Glob pattern -> codes ignored in matching files."
    )
    severity: dict[str, Severity] = Field(default_factory=dict, description="Code or prefix -> severity.")
    format: Literal["text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"] | None = Field(
        default=None, description="Output format of `lint`; `--format` and CLINIC_CONTENT_FORMAT win."
    )
    fail_on: Severity = Field(default=Severity.WARNING, description="Lowest severity that makes exit code 1.")
    max_file_size: int = Field(default=1_000_000, gt=0, description="Larger post files are not parsed (bytes).")
    clinic: ClinicProfile = Field(default_factory=ClinicProfile, description="The clinic's profile.")
    calendar: CalendarSettings = Field(default_factory=CalendarSettings, description="The iCalendar export.")
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Rule id or name -> options of that rule."
    )
    front_matter: FrontMatterSettings = Field(
        default_factory=FrontMatterSettings, description="Front-matter of an adopted blog (`extra-keys`)."
    )
    defaults: dict[str, Any] = Field(
        default_factory=dict,
        description='Post field -> value for every post that does not set it, e.g. platforms = ["site"], status = "published".',
    )
    vocabulary: VocabularySettings = Field(
        default_factory=VocabularySettings, description="Repo-wide glossary file and accepted words."
    )

    @field_validator("defaults")
    @classmethod
    def _known_post_fields(cls, value: dict[str, Any]) -> dict[str, Any]:
        from .model import check_defaults

        return check_defaults(value)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise PydanticCustomError("unknown_timezone", "unknown timezone {value} (use an IANA name such as Europe/Moscow)",
                                      {"value": value}) from exc
        return value

    @cached_property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def meta_settings(self):  # -> model.MetaSettings (imported late: model does not need the config)
        from .model import MetaSettings

        return MetaSettings(tuple(self.front_matter.extra_keys), tuple(self.defaults.items()))

    @classmethod
    def discover(cls, start: str | Path = ".") -> Config:
        """The config that applies to ``start``: the nearest config file in it or above; without
        one, defaults rooted at the project folder (:func:`project_root`), never at the cwd."""
        found = find_config_file(Path(start))
        if found is None:
            return cls(root=project_root(Path(start)))
        return cls.from_file(found)

    @classmethod
    def from_file(cls, path: str | Path) -> Config:
        """Load and validate one config file (TOML), building on the file it ``extend``s."""
        path = Path(path)
        table, text = _read_table(path)
        root, chain = path.resolve().parent, []
        if table.get("extend") is not None:
            table, root, chain = _extended(path, table)
        return cls.from_mapping(table, root=root, source_file=path, source_text=text, extended_files=chain)

    @classmethod
    def from_mapping(
        cls,
        table: dict[str, Any],
        *,
        root: Path = Path("."),
        source_file: Path | None = None,
        source_text: str = "",
        extended_files: list[Path] | None = None,
    ) -> Config:
        """Validate a config table; errors name the key and (when known) its line."""
        try:
            return cls.model_validate({**table, "root": root, "source_file": source_file,
                                       "extended_files": extended_files or []})
        except ValidationError as exc:
            raise ConfigError(_explain(exc, source_file, source_text, "en"),
                              _explain(exc, source_file, source_text, "ru")) from None


def config_for(path: str | Path) -> Config:
    """The config of one linted file or folder: the closest config file to it (ruff's rule),
    loaded once per process. basics-c's stdin and show-settings build on this."""
    found = find_config_file(Path(path))
    if found is None:
        root = project_root(Path(path))
        return _CONFIGS.setdefault((root, ()), (Config(root=root), ()))[0]
    key = (found.resolve(), _contents([found]))
    cached = _CONFIGS.get(key)
    if cached is None or _contents(cached[0].extended_files) != cached[1]:
        config = Config.from_file(found)
        cached = _CONFIGS[key] = (config, _contents(config.extended_files))
    return cached[0]


_CONFIGS: dict[tuple[Path, tuple[bytes, ...]], tuple[Config, tuple[bytes, ...]]] = {}  # by file and bytes


def _explain(exc: ValidationError, source_file: Path | None, text: str, lang: str) -> str:
    from ..core.validation_messages import describe

    ru = lang == "ru"
    lines = []
    for error in exc.errors():
        key = ".".join(str(p) for p in error["loc"])
        line = _line_of(text, str(error["loc"][-1])) if error["loc"] else None
        where = f"{source_file or '<config>'}" + (f":{line}" if line else "")
        if error["type"] == "extra_forbidden":
            known = [_kebab(k) for k in _fields_at(error["loc"][:-1])]
            close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
            if ru:
                lines.append(f"{where}: неизвестный ключ '{key}'" + (f"; может быть, '{close[0]}'?" if close else ""))
            else:
                lines.append(f"{where}: unknown config key '{key}'" + (f"; did you mean '{close[0]}'?" if close else ""))
        else:
            problem = describe(error).get(lang)
            lines.append(f"{where}: неверное значение '{key}': {problem}" if ru
                         else f"{where}: invalid value for '{key}': {problem}")
    return "\n".join(lines)


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Config
    for part in loc:
        field = model.model_fields.get(str(part).replace("-", "_"))
        annotation = getattr(field, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line of ``key`` in TOML text (tomllib keeps no positions)."""
    pattern = re.compile(rf"^[ \t]*(?:\[[^\]]*\b{re.escape(key)}\b[^\]]*\]|[\"']?{re.escape(key)}[\"']?\s*=)", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None
