"""Find the ``rules/`` data folder and load its packs (TOML), validated by pydantic.

In a wheel, ``rules/`` is force-included as ``clinic_content/rules``; in a source
checkout or an editable install it is the top-level ``rules/`` folder beside
the package. Both are tried, in that order.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Confidence = Literal["C", "P", "M"]


class PackError(Exception):
    """A shipped or configured rule pack is invalid (an installation problem: exit 2)."""


def rules_dir() -> Path:
    """The folder with the rule packs."""
    packaged = Path(__file__).parents[1].joinpath("rules")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise PackError(f"rule packs not found (looked in {packaged} and {checkout}); reinstall clinic-content")


class Limit(BaseModel):
    """One technical limit of a platform, with how sure we are of it.

    ``C`` = confirmed in a retrieved source, ``P`` = partly confirmed,
    ``M`` = unconfirmed: rules report P/M-based findings as warnings only.
    """

    model_config = ConfigDict(defer_build=True, extra="forbid")

    value: int = Field(gt=0)
    confidence: Confidence
    source: str


class Platform(BaseModel):
    """A social network or messenger a clinic publishes on."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: str
    name: str
    name_ru: str
    counts: Literal["chars", "utf16"] = "chars"
    blocked_in_ru: bool = False
    limits: dict[Literal["text", "caption_with_media", "fold", "hashtags", "media"], Limit] = Field(
        default_factory=dict
    )
    notes: str = ""

    def length(self, text: str) -> int:
        """Length as the platform counts it (Telegram and YouTube count UTF-16 units)."""
        if self.counts == "utf16":
            return len(text.encode("utf-16-le")) // 2
        return len(text)


class MediaPolicy(BaseModel):
    """What some platforms do with media showing certain things (``rules/platforms/_media.toml``)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    platforms: list[str] = Field(min_length=1, description='Platform ids, or ["*"] for all.')
    tags: list[str] = Field(min_length=1)
    applies: Literal["ad", "organic", "all"]
    topic: Literal["any", "cosmetic"] = "any"
    verdict: Literal["reject", "restrict"]
    confidence: Confidence
    source: str
    note: "Bilingual"

    def covers(self, platform: str, ad: bool) -> bool:
        if "*" not in self.platforms and platform not in self.platforms:
            return False
        return self.applies == "all" or (self.applies == "ad") == ad


@lru_cache(maxsize=None)
def load_media_policies(folder: Path | None = None) -> tuple[MediaPolicy, ...]:
    path = (folder or rules_dir() / "platforms") / "_media.toml"
    try:
        return tuple(MediaPolicy.model_validate(p) for p in load_toml(path).get("policy", []))
    except ValueError as exc:
        raise PackError(f"{path}: {exc}") from exc


def load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path}: {exc}") from exc


@lru_cache(maxsize=None)
def load_platforms(folder: Path | None = None) -> dict[str, Platform]:
    """Every platform in ``rules/platforms/*.toml``, keyed by id, sorted."""
    folder = folder or rules_dir() / "platforms"
    platforms: dict[str, Platform] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        try:
            platform = Platform.model_validate(load_toml(path))
        except ValueError as exc:
            raise PackError(f"{path}: {exc}") from exc
        if platform.id != path.stem:
            raise PackError(f"{path}: id {platform.id!r} must match the file name")
        platforms[platform.id] = platform
    return platforms


class Bilingual(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    ru: str
    en: str


class When(BaseModel):
    """Which posts an entry applies to; every given key must hold."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    ad: bool | None = None
    subject: list[str] | None = None
    category: list[str] | None = None
    platforms: list[str] | None = None
    lang: Literal["ru", "en"] | None = None


class Examples(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    fire: list[str] = Field(min_length=1, description="Texts the phrases must match.")
    silent: list[str] = Field(min_length=1, description="Texts they must not match (false-positive traps).")


class PhraseEntry(BaseModel):
    """One `[[rule]]` of a phrase pack: becomes a rule without any Python."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Z]{2,6}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    severity: Literal["error", "warning", "info"]
    confidence: Confidence = "C"
    summary: Bilingual
    message: Bilingual
    doc: Bilingual
    source: str
    phrases: list[str] = Field(min_length=1)
    unless: list[str] = Field(default_factory=list, description="Phrases that cancel a match in the same sentence.")
    unless_fields: list[str] = Field(default_factory=list, description="Front-matter fields that, when set, silence the rule.")
    when: When = Field(default_factory=When)
    unmarked_ads: bool = Field(
        default=False, description="With `when.ad = true`: also check posts not marked `ad` that read as ads (ADV019's cues)."
    )
    unless_claimed: bool = Field(
        default=False, description="A match inside a claim the post's `claims` front-matter substantiates is dropped."
    )
    ad_cue: Literal["strong", "weak"] | None = Field(
        default=None,
        description="A match is a cue that an unmarked post is an ad (ADV019): strong = on its own, weak = next to a provider or an offer.",
    )
    platform_severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Platform id -> severity when the post goes there (e.g. youtube = error)."
    )
    gap: int = Field(default=2, ge=0, le=6)
    ordered: bool = False
    lang: Literal["ru", "en"] = "ru"
    examples: Examples


@lru_cache(maxsize=None)
def load_phrase_packs(folder: Path | None = None) -> tuple[PhraseEntry, ...]:
    """Every `[[rule]]` of `rules/ru/*.toml` and `rules/en/*.toml`, validated; ids unique."""
    base = folder or rules_dir()
    entries: list[PhraseEntry] = []
    seen: dict[str, Path] = {}
    for path in sorted([*base.glob("ru/*.toml"), *base.glob("en/*.toml")]):
        document = load_toml(path)
        for index, table in enumerate(document.get("rule", [])):
            try:
                entry = PhraseEntry.model_validate(table)
            except ValueError as exc:
                raise PackError(f"{path}: rule #{index + 1}: {exc}") from exc
            if entry.id in seen:
                raise PackError(f"{path}: rule id {entry.id} is also defined in {seen[entry.id]}")
            seen[entry.id] = path
            entries.append(entry)
    return tuple(entries)
