"""The consent registry (``consents.yaml``): pseudonymous records of patients'
written consents, which posts reference by id.

Never put a patient's name here: ``person`` is a pseudonym (``P-0042``) that
links to the signed paper kept by the clinic, not to the content repo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.diagnostics import Finding, Span
from ..core.enums import TextEnum
from ..core.safe_open import Refused, read_bytes
from .reading import Composed, FrontMatter, Limits, Problem, compose_yaml, decode, load_refusal


class Scope(TextEnum):
    """What a consent allows to publish."""

    PHOTO = "photo"
    VIDEO = "video"
    FACE = "face"
    STORY = "story"
    DIAGNOSIS = "diagnosis"
    NAME = "name"
    TESTIMONIAL = "testimonial"


class Consent(BaseModel):
    """One signed consent to publish a patient's data or image."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: str = Field(description="Id posts refer to, e.g. C-2026-017.")
    person: str | None = Field(default=None, description="Pseudonym of the patient (never a name).")
    scopes: list[Scope] = Field(description="What may be published.")
    signed: date = Field(description="Date the consent was signed.")
    expires: date | None = Field(default=None, description="End of the consent term (152-FZ art. 9 p.4).")
    revoked: date | None = Field(default=None, description="Date the patient withdrew consent.")
    minor: bool = Field(default=False, description="The patient is under 18.")
    guardian: bool = Field(default=False, description="Signed by a parent or legal representative.")
    separate_document: bool | None = Field(
        default=None, description="Consent to distribute is a separate document (152-FZ art. 10.1, 156-FZ)."
    )
    purpose: str | None = Field(default=None, description="Purpose of publication.")
    data: list[str] = Field(default_factory=list, description="Which personal data are covered.")
    revocation: str | None = Field(default=None, description="How the patient can withdraw consent.")
    jurisdiction: Literal["RU", "US"] | None = Field(default=None, description="RU or US (HIPAA authorization).")
    hipaa_authorization: bool = Field(
        default=False, description="A HIPAA marketing authorization (45 CFR 164.508(a)(3)), for US posts."
    )
    recipients: list[str] = Field(
        default_factory=list, description="Who receives the data (HIPAA 164.508(c)(1)): e.g. the clinic's social pages."
    )
    notes: str | None = None

    def problem_on(self, day: date) -> tuple[str, date] | None:
        """Why the consent does not cover a publication on ``day``: (reason, date) or None."""
        if self.revoked is not None and self.revoked <= day:
            return "revoked", self.revoked
        if self.signed > day:
            return "not_signed", self.signed
        if self.expires is not None and self.expires < day:
            return "expired", self.expires
        return None

    def missing_elements(self, jurisdiction: str) -> list[str]:
        """Required elements the record does not show (152-FZ art. 9, 10.1, RKN order 18; HIPAA 164.508(c))."""
        checks = {
            "purpose": bool(self.purpose),
            "data": bool(self.data),
            "expires": self.expires is not None,
            "revocation": bool(self.revocation),
        }
        if jurisdiction == "US":
            checks["recipients"] = bool(self.recipients)
        else:
            checks["separate_document"] = self.separate_document is True
        return [name for name, ok in checks.items() if not ok]


@dataclass
class ConsentRegistry:
    """Consents by id, where each record is written, and what was wrong with the file."""

    path: Path | None = None
    consents: dict[str, Consent] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, consent_id: str) -> Consent | None:
        return self.consents.get(consent_id)


class LazyRegistry:
    """A registry read on first use: a warm cached run never needs it."""

    def __init__(self, path: Path, limits: Limits = Limits()) -> None:
        self._path, self._limits = path, limits
        self._registry: ConsentRegistry | None = None

    def load(self) -> ConsentRegistry:
        if self._registry is None:
            self._registry = load_registry(self._path, self._limits)
        return self._registry

    def __getattr__(self, name: str):
        return getattr(self.load(), name)


def load_registry(path: Path, limits: Limits = Limits()) -> ConsentRegistry:
    """Load ``consents.yaml``; a missing file is an empty registry, a bad one reports problems.
    The config names it, so it must lie inside the repository (a symlink to ``~/.netrc``, a
    FIFO or ``/dev/zero`` is reported, never read)."""
    registry = ConsentRegistry(path)
    if not os.path.lexists(path):
        return registry
    try:
        decoded = decode(read_bytes(path, root=limits.root, strict=True, limit=limits.max_file_bytes))
    except Refused as refused:
        registry.problems.append(load_refusal(refused, limits))
        return registry
    except OSError as exc:
        registry.problems.append(("FM005", Finding(Span(1, 1), "unreadable", {"error": str(exc)})))
        return registry
    if isinstance(decoded, tuple):
        registry.problems.append(decoded)
        return registry
    composed = compose_yaml(decoded, first_line=0, limits=limits)
    if not isinstance(composed, Composed):
        registry.problems.append(composed)
        return registry
    registry.problems.extend(composed.problems)
    data = composed.data if isinstance(composed.data, dict) else {}
    doc = FrontMatter(data, composed.root, 0, 0, composed.source)
    records = data.get("consents")
    if not isinstance(records, list):
        registry.problems.append(("FM015", Finding(Span(1, 1), "no_list")))
        return registry
    for index, record in enumerate(records):
        _add(registry, doc, index, record)
    return registry


def _add(registry: ConsentRegistry, doc: FrontMatter, index: int, record: Any) -> None:
    span = doc.span_of(("consents", index))
    try:
        consent = Consent.model_validate(record)
    except ValidationError as exc:
        from ..core.validation_messages import describe

        for error in exc.errors():
            where = doc.span_of(("consents", index, *error["loc"]))
            key = ".".join(str(p) for p in error["loc"]) or "record"
            registry.problems.append(("FM015", Finding(where, "invalid", {"key": key, "error": describe(error)})))
        return
    if consent.id in registry.consents:
        registry.problems.append(("FM015", Finding(span, "duplicate", {"id": consent.id})))
        return
    registry.consents[consent.id] = consent
    registry.spans[consent.id] = span
