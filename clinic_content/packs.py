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
    packaged = Path(__file__).with_name("rules")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[1] / "rules"
    if checkout.is_dir():
        return checkout
    raise PackError(f"rule packs not found (looked in {packaged} and {checkout}); reinstall clinic-content")


class Limit(BaseModel):
    """One technical limit of a platform, with how sure we are of it.

    ``C`` = confirmed in a retrieved source, ``P`` = partly confirmed,
    ``M`` = unconfirmed: rules report P/M-based findings as warnings only.
    """

    model_config = ConfigDict(extra="forbid")

    value: int = Field(gt=0)
    confidence: Confidence
    source: str


class Platform(BaseModel):
    """A social network or messenger a clinic publishes on."""

    model_config = ConfigDict(extra="forbid")

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
        try:
            platform = Platform.model_validate(load_toml(path))
        except ValueError as exc:
            raise PackError(f"{path}: {exc}") from exc
        if platform.id != path.stem:
            raise PackError(f"{path}: id {platform.id!r} must match the file name")
        platforms[platform.id] = platform
    return platforms
