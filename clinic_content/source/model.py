"""The front-matter of a post, field by field (pydantic).

Validation is *partial*: a bad value is reported and dropped, the rest of the
post is still built and linted. Unknown keys are reported with a "did you mean"
suggestion instead of failing the model. Required fields are checked by a rule
(FM004), not by pydantic, so a draft with no date still gets its other checks.
"""

from __future__ import annotations

import difflib
import fnmatch
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..core.clock import YEARS
from ..core.diagnostics import Finding
from ..core.enums import TextEnum
from ..core.scalars import BOOLEAN_ERROR, DATE_TIME_ERROR, YAML_BOOLEANS, to_bool, to_date_time
from .reading import FrontMatter


class Status(TextEnum):
    """Where a post is in the editorial workflow."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Category(TextEnum):
    """What kind of post it is; several rules (consent, promo share) depend on it."""

    EDUCATION = "education"
    NEWS = "news"
    CASE_STUDY = "case_study"
    TESTIMONIAL = "testimonial"
    PROMO = "promo"
    BEHIND_THE_SCENES = "behind_the_scenes"
    QUOTE = "quote"
    INFOGRAPHIC = "infographic"
    VIDEO = "video"
    EVENT = "event"
    VACANCY = "vacancy"


class Subject(TextEnum):
    """What an ad advertises: decides which parts of 38-FZ art. 24 apply."""

    MEDICAL_SERVICE = "medical_service"
    DRUG = "drug"
    DEVICE = "device"
    SUPPLEMENT = "supplement"
    INFO = "info"


MEDICAL_SUBJECTS = frozenset({Subject.MEDICAL_SERVICE, Subject.DRUG, Subject.DEVICE})


class Media(BaseModel):
    """A picture or video attached to the post."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    file: str = Field(description="Path of the file, relative to the post or to the content root.")
    kind: Literal["image", "video", "audio", "document"] = Field(
        default="image", description="What the file is."
    )
    alt: str | None = Field(default=None, description="Alternative text for screen readers.")
    tags: list[str] = Field(
        default_factory=list,
        description="What the media shows: patient, face, before_after, minor, procedure, surgery, "
        "needle, blood, injection, body_closeup, staff, review…",
    )
    consents: list[str] = Field(default_factory=list, description="Consent ids covering this file.")


class Targeting(BaseModel):
    """Who a paid promotion is shown to (ads only)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    min_age: int | None = Field(default=None, ge=0, le=120, strict=True, description="Youngest age the ad is shown to.")
    max_age: int | None = Field(default=None, ge=0, le=120, strict=True, description="Oldest age the ad is shown to.")
    regions: list[str] = Field(default_factory=list, description="Regions or countries the ad is shown in.")


class Claim(BaseModel):
    """A substantiated advertising claim: its words, what it is measured by, who says so."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    claim: str = Field(min_length=1, description="The claim as the text words it, e.g. «лучшая клиника города».")
    criterion: str = Field(min_length=1, description="What the comparison is measured by (a rating, a count, a date).")
    source: str = Field(min_length=1, description="Where it is shown: a rating, a study, a registry, with its date.")


class LintSettings(BaseModel):
    """Per-post lint settings (``lint:`` in the front-matter)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to ignore in this post.")


class PostMeta(BaseModel):
    """Front-matter of one post. Every field is optional here; FM004 checks the required ones."""

    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True, use_enum_values=False)

    id: str | None = Field(default=None, description="Stable identifier; default: slug derived from the file path.")
    title: str | None = Field(default=None, description="Working title shown in the calendar.")
    publish_at: datetime | None = Field(
        default=None,
        description="When the post goes out. A value without a timezone takes the config timezone; "
        "a bare date means 00:00. Aliases: date, publishDate.",
    )
    platforms: list[str] = Field(default_factory=list, description="Platform ids (see `rules/platforms`).")
    account: str | None = Field(
        default=None, description="Which of the clinic's accounts on these platforms (config `accounts`); calendar rules count each apart."
    )
    status: Status = Field(default=Status.DRAFT, description="Workflow status. Alias: draft (true = draft).")
    category: Category | None = Field(default=None, description="Kind of post.")
    ad: bool = Field(default=False, description="The post is advertising (38-FZ art. 3).")
    advertiser: str | None = Field(default=None, description="Advertiser name or link to its details (ads).")
    inn: str | None = Field(default=None, description="Advertiser's INN (ads).")
    erid: str | None = Field(default=None, description="Ad identifier from the ad data operator (ORD).")
    subject: Subject | None = Field(default=None, description="What the ad advertises.")
    author: str | None = Field(default=None, description="Who wrote the post.")
    reviewed_by: str | None = Field(default=None, description="Doctor who checked the medical content.")
    sources: list[str] = Field(default_factory=list, description="Links or citations for claims and figures.")
    claims: list[Claim] = Field(
        default_factory=list,
        description="Substantiated advertising claims (superlatives, comparisons): each silences ADV003 only on its own words.",
    )
    expires: datetime | None = Field(
        default=None, description="When the offer or information stops being valid. Alias: expiryDate."
    )
    updated: datetime | None = Field(
        default=None, description="When the post last changed (calendar DTSTAMP/SEQUENCE). Alias: lastmod. "
        "Default: publish_at (or the last git commit with `calendar export --revisions git`)."
    )
    consents: list[str] = Field(default_factory=list, description="Consent ids from the consent registry.")
    media: list[Media] = Field(default_factory=list, description="Attached pictures and videos.")
    lang: Literal["ru", "en"] = Field(default="ru", description="Language of the post text.")
    tags: list[str] = Field(default_factory=list, description="Free-form topic tags.")
    audience: Literal["patients", "professionals"] | None = Field(
        default=None, description="Who the post is for; professionals tolerate more jargon. Default: patients "
        "(professionals on the platforms the LANG002 option `professional-platforms` lists)."
    )
    glossary: dict[str, str] = Field(
        default_factory=dict, description="Term -> plain explanation, for terms explained outside the text (a card, a video)."
    )
    jurisdiction: Literal["RU", "US"] | None = Field(
        default=None, description="Whose privacy law applies to this post; default: the config's `jurisdiction`."
    )
    targeting: Targeting | None = Field(default=None, description="Audience of a paid promotion (ads).")
    lint: LintSettings = Field(default_factory=LintSettings, description="Per-post lint settings.")

    @field_validator("platforms", "sources", "consents", "tags", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """A single string is a one-item list: ``platforms: vk`` is what people write."""
        return [value] if isinstance(value, str) else value

    @field_validator("publish_at", "expires", "updated", mode="before")
    @classmethod
    def _date_time(cls, value: Any) -> Any:
        """``2026-12-15 9:00`` is how people write a time; the forms are those of the JSON Schema."""
        return to_date_time(value)

    @field_validator("ad", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        """true/false and YAML 1.1's yes/no, nothing else (pydantic alone also takes 1, "t", "y")."""
        return to_bool(value)

    @field_validator("publish_at", "expires", "updated")
    @classmethod
    def _plausible_year(cls, value: datetime | None) -> datetime | None:
        """A post of year 1 or 9999 is a typo, and date arithmetic (offsets, review deadlines,
        gaps between posts) overflows near the ends of the calendar."""
        if value is not None and not DATE_RANGE[0] <= value.year <= DATE_RANGE[1]:
            raise ValueError(_DATE_RANGE_ERROR)
        return value

    @field_validator("id", "title", "account", "advertiser", "inn", "erid", "author", "reviewed_by", mode="before")
    @classmethod
    def _scalar_to_str(cls, value: Any) -> Any:
        """YAML reads ``inn: 7701234567`` as a number; it is still an identifier."""
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("glossary", mode="before")
    @classmethod
    def _glossary_of_scalars(cls, value: Any) -> Any:
        """``ЖКТ: желудочно-кишечный тракт`` and ``2: …`` alike: YAML may type a key as a number."""
        if isinstance(value, dict):
            return {str(k) if isinstance(k, (int, float)) and not isinstance(k, bool) else k: v for k, v in value.items()}
        return value


DATE_RANGE = YEARS  # years a post's dates may have
_DATE_RANGE_ERROR = "date out of range"


# Names people already use in Hugo/Jekyll/Front Matter CMS, mapped to ours.
ALIASES: dict[str, str] = {
    "date": "publish_at",
    "publishDate": "publish_at",
    "publish_date": "publish_at",
    "expiryDate": "expires",
    "expiry_date": "expires",
    "draft": "status",
    "lastmod": "updated",
}
REQUIRED = ("title", "publish_at", "platforms")
KNOWN_KEYS = tuple(PostMeta.model_fields)


@dataclass(frozen=True)
class MetaSettings:
    """What the config says about every post's front-matter: a blog theme's keys to ignore
    (names or globs) and values for fields a post does not set (``[defaults]``)."""

    extra_keys: tuple[str, ...] = ()
    defaults: tuple[tuple[str, Any], ...] = ()

    def is_extra(self, key: str) -> bool:
        return any(fnmatch.fnmatchcase(key, pattern) for pattern in self.extra_keys)


def validate_meta(
    fm: FrontMatter, tz: tzinfo, settings: MetaSettings = MetaSettings()
) -> tuple[PostMeta, list[tuple[str, Finding]]]:
    """Build :class:`PostMeta` from front-matter data, reporting and dropping what is wrong."""
    problems: list[tuple[str, Finding]] = []
    data: dict[str, Any] = {}
    where: dict[str, str] = {}  # our field name -> key as written
    for raw_key, value in fm.data.items():
        key = str(raw_key)
        target = ALIASES.get(key, key)
        if target not in PostMeta.model_fields:
            if not settings.is_extra(key):
                problems.append(("FM002", _unknown_key(fm, key, settings.extra_keys)))
            continue
        if target in data:
            span = fm.span_of((key,), key=True)
            problems.append(("FM014", Finding(span, "alias", {"key": key, "other": where[target]})))
            continue
        if key == "draft":
            value = _draft_to_status(value)
        data[target] = value
        where[target] = key
    for target, value in settings.defaults:
        data.setdefault(target, value)
    data = _normalise_times(data, tz)
    for _ in range(len(data) + 1):  # each round drops at least one bad field
        try:
            return _localise(PostMeta.model_validate(data), tz), problems
        except ValidationError as exc:
            for error in exc.errors():
                field = error["loc"][0]
                written = (where.get(str(field), str(field)), *error["loc"][1:])
                problems.append(("FM003", _invalid_value(fm, written, error)))
                data.pop(str(field), None)
    return PostMeta(), problems


def _localise(meta: PostMeta, tz: tzinfo) -> PostMeta:
    """Times written without an offset are the clinic's local time (YAML reads «2026-12-01 10:00»
    as a string, which pydantic turns into a naive datetime)."""
    for key in ("publish_at", "expires", "updated"):
        value = getattr(meta, key)
        if value is not None and value.tzinfo is None:
            setattr(meta, key, value.replace(tzinfo=tz))
    return meta


def _draft_to_status(value: Any) -> Any:
    value = YAML_BOOLEANS.get(value, value) if isinstance(value, str) else value
    if value is True:
        return Status.DRAFT.value
    if value is False:
        return Status.APPROVED.value
    return value


def _normalise_times(data: dict[str, Any], tz: tzinfo) -> dict[str, Any]:
    """A bare date becomes midnight and a naive time gets the clinic's timezone."""
    out = dict(data)
    for key in ("publish_at", "expires"):
        value = out.get(key)
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, time(0, 0))
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        if value is not None:
            out[key] = value
    return out


def _unknown_key(fm: FrontMatter, key: str, extra_keys: tuple[str, ...] = ()) -> Finding:
    candidates = list(KNOWN_KEYS) + list(ALIASES) + [k for k in extra_keys if not set(k) & set("*?[")]
    # only a close spelling («plaforms», «titel»): «categories» is not a typo of «category»
    suggestion = difflib.get_close_matches(key, candidates, n=1, cutoff=0.8)
    span = fm.span_of((key,), key=True)
    if suggestion:
        return Finding(span, "suggest", {"key": key, "suggestion": suggestion[0]})
    return Finding(span, "default", {"key": key})


def _invalid_value(fm: FrontMatter, loc: tuple[Any, ...], error: dict[str, Any]) -> Finding:
    dotted = ".".join(str(p) for p in loc)
    span = fm.span_of(loc, key=error["type"] == "extra_forbidden")
    allowed = _allowed_values(error)
    if error["type"] == "extra_forbidden":
        return Finding(span, "extra", {"key": dotted})
    if error["type"] == "missing":
        return Finding(span, "missing", {"key": dotted})
    if error["type"] == "value_error" and str(error.get("ctx", {}).get("error")) == _DATE_RANGE_ERROR:
        first, last = DATE_RANGE
        return Finding(span, "date_range", {"key": dotted, "value": _day(error.get("input")), "first": first, "last": last})
    if error["type"] in (DATE_TIME_ERROR, BOOLEAN_ERROR):  # our own validators: worded by FM003 in ru and en
        return Finding(span, error["type"], {"key": dotted, "value": str(error.get("input"))})
    if allowed:
        value = str(error.get("input"))
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.7)
        args = {"key": dotted, "value": value, "allowed": ", ".join(allowed)}
        if close:
            return Finding(span, "choice_suggest", {**args, "suggestion": close[0]})
        return Finding(span, "choice", args)
    from ..core.validation_messages import describe

    return Finding(span, "default", {"key": dotted, "error": describe(error)})


def _day(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, datetime) else str(value)


def _allowed_values(error: dict[str, Any]) -> list[str]:
    ctx = error.get("ctx") or {}
    expected = ctx.get("expected")
    if error["type"] in ("enum", "literal_error") and isinstance(expected, str):
        return [part.strip(" '\"") for part in expected.replace(" or ", ", ").split(",") if part.strip()]
    return []


def check_defaults(defaults: dict[str, Any]) -> dict[str, Any]:
    """``[defaults]`` of the config as post fields (aliases resolved); ValueError names a bad one."""
    out: dict[str, Any] = {}
    for key, value in defaults.items():
        target = ALIASES.get(key, key.replace("-", "_"))
        if target not in PostMeta.model_fields:
            close = difflib.get_close_matches(target, list(KNOWN_KEYS), n=1, cutoff=0.8)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"defaults: {key!r} is not a post field{hint}")
        out[target] = _draft_to_status(value) if key == "draft" else value
    try:
        PostMeta.model_validate(out)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValueError(f"defaults: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    return out
