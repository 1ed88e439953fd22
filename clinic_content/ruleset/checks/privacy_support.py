"""What the PRIV rules share: the consents a post cites, its jurisdiction, the clinic's
staff, and the example registry and story their examples use.
"""

from __future__ import annotations

from datetime import date

from ...source.consents import Consent
from ...core.diagnostics import Span
from ...source.post import Post
from ..rule import Context


CONSENT_SOURCE = "323-FZ art. 13 parts 1-3; 152-FZ art. 10 and 10.1; Civil Code art. 152.1"
EXAMPLE_REGISTRY = """\
consents:
  - {id: C-2026-011, person: P-0131, scopes: [story, diagnosis, photo], signed: 2026-10-14, expires: 2027-10-14,
     separate_document: true, purpose: история лечения в соцсетях, data: [возраст, диагноз], revocation: заявление}
  - {id: C-2026-014, person: P-0144, scopes: [testimonial, photo, face], signed: 2026-11-02, expires: 2027-11-02,
     separate_document: true, purpose: отзыв в соцсетях, data: [имя, фото], revocation: заявление}
  - {id: C-2026-017, person: P-0152, scopes: [photo, story], signed: 2026-11-10, expires: 2026-12-20,
     separate_document: true, purpose: фото до и после, data: [фото зоны лечения], revocation: заявление}
  - {id: C-2026-020, person: P-0160, scopes: [story, diagnosis], signed: 2026-11-01, expires: 2027-11-01, minor: true,
     guardian: true, separate_document: true, purpose: история лечения, data: [возраст, диагноз], revocation: заявление}
  - {id: C-2026-030, person: P-0171, scopes: [story], signed: 2026-11-01}
  - {id: C-2026-040, person: P-0180, scopes: [testimonial], signed: 2026-11-01, expires: 2027-11-01, jurisdiction: US,
     hipaa_authorization: true, purpose: marketing, data: [testimonial], recipients: [clinic social pages],
     revocation: written request}
"""
STORY_HEAD = "---\ntitle: История пациентки\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: case_study\n"
STORY_BODY = "---\nПациентка обратилась к нам с болью в колене. Врач провёл осмотр и назначил лечение.\n"


def jurisdiction(post: Post, ctx: Context) -> str:
    return post.meta.jurisdiction or ctx.config.jurisdiction


def references(post: Post) -> list[tuple[str, Span, int | None]]:
    """Every consent id the post cites: (id, where, media index or None for the post)."""
    out: list[tuple[str, Span, int | None]] = [
        (cid, post.key_span("consents", i, key=False), None) for i, cid in enumerate(post.meta.consents)
    ]
    for m, item in enumerate(post.meta.media):
        out += [(cid, post.key_span("media", m, "consents", i, key=False), m) for i, cid in enumerate(item.consents)]
    return out


def publish_day(post: Post) -> date | None:
    return post.meta.publish_at.date() if post.meta.publish_at else None


def cited_consents(post: Post, ctx: Context, media: int | None = None) -> list[Consent]:
    """Registry records the post cites (post-level, plus one media item's). Whether they are
    valid on the publish day is PRIV003's finding alone, so other rules do not repeat it."""
    out = []
    for cid, _, where in references(post):
        consent = ctx.consents.get(cid)
        if consent is not None and where in (None, media):
            out.append(consent)
    return out


def staff_names(ctx: Context) -> tuple[str, ...]:
    return tuple(ctx.config.clinic.staff)
