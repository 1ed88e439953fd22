"""The content plan as calendar events: one event a post and platform (plus its expiry),
plain data built from the posts, the lint report and the consent registry — easy to test
and to reuse. ``ics_writer`` turns them into bytes.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Iterable, Literal, Sequence

from ..source.consents import ConsentRegistry, LazyRegistry
from ..core.diagnostics import Report, Severity
from ..text.masking import Masker
from ..source.model import Category, Status
from ..source.post import Post
from ..core.safe_text import escape, escape_path


NAMESPACE = uuid.UUID("6f1c2a8e-5b1d-4c7e-9a57-c11c0c0e7e57")  # fixed forever: UIDs derive from it
_EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)
_STATUS = {
    Status.DRAFT: "TENTATIVE",
    Status.REVIEW: "TENTATIVE",
    Status.APPROVED: "CONFIRMED",
    Status.SCHEDULED: "CONFIRMED",
    Status.PUBLISHED: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}
_STATUS_RU = {"draft": "черновик", "review": "на проверке", "approved": "согласован", "scheduled": "запланирован",
              "published": "опубликован", "cancelled": "отменён"}


@dataclass(frozen=True)
class CalendarEvent:
    """One event of the feed: a post (per platform when split), a review deadline or a take-down."""

    uid: str
    kind: Literal["post", "review", "takedown"]
    summary: str
    start: datetime | date  # tz-aware datetime, or a date for all-day events
    duration: timedelta | None
    status: Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]
    categories: tuple[str, ...]
    description: str
    revised: datetime  # the post's revision time: DTSTAMP and LAST-MODIFIED
    sequence: int
    path: str
    url: str | None = None
    alarm_before: timedelta | None = None


@dataclass
class ExportOptions:
    """What goes into the feed. Dates are compared in the clinic's timezone."""

    start: date | None = None
    end: date | None = None  # exclusive
    platforms: Sequence[str] = ()
    statuses: Sequence[str] = ()
    split_by_platform: bool = False
    review_events: bool = True
    review_hours: int = 48
    duration_minutes: int = 30
    base_url: str | None = None
    lang: str = "ru"
    revisions: dict[str, datetime] = field(default_factory=dict)  # display path -> revision time
    private: bool = False  # an internal calendar: titles and excerpts unmasked, nothing withheld
    masker: Masker = field(default_factory=Masker)  # the clinic's own staff and contacts stay readable


def event_uid(*parts: str) -> str:
    """A stable UUID5 from the post id (and platform/kind): re-exports update events in place."""
    return str(uuid.uuid5(NAMESPACE, "#".join(parts)))


def revision_time(post: Post, options: ExportOptions) -> datetime:
    """When the post last changed: `updated` in the front-matter, else the time the caller
    supplies (``--revisions git``), else its publish time — never the wall clock, so exports
    are reproducible and a pre-commit hook does not see a new file after every commit."""
    when = post.meta.updated or options.revisions.get(post.display_path) or post.meta.publish_at
    return when.astimezone(timezone.utc).replace(microsecond=0)  # type: ignore[union-attr]


def build_calendar(
    posts: Iterable[Post],
    options: ExportOptions | None = None,
    *,
    consents: ConsentRegistry | LazyRegistry | None = None,  # ``Linter.consents`` is the lazy one
    report: Report | None = None,
    tz: tzinfo = timezone.utc,
) -> list[CalendarEvent]:
    """Events for every dated post that passes the filters, sorted by start and UID."""
    options = options or ExportOptions()
    findings = _findings_by_path(report)
    withheld = _withheld_paths(report)
    chosen = [p for p in posts if p.usable and p.meta.publish_at is not None and _selected(p, options, tz)]
    ids = Counter(p.id for p in chosen)
    events: list[CalendarEvent] = []
    for post in chosen:
        # two posts with one id (CAL001) must still get distinct UIDs
        key = post.id if ids[post.id] == 1 else f"{post.id}@{post.display_path}"
        platforms = [p for p in post.meta.platforms if not options.platforms or p in options.platforms]
        groups = [[p] for p in platforms] if options.split_by_platform else [platforms]
        for group in groups:
            hide = post.display_path in withheld if report is not None else _private_story(post)
            events.extend(_post_events(post, key, group, options, consents, findings.get(post.display_path, ""), tz,
                                       hide))
    return sorted(events, key=lambda e: (_sort_key(e.start), e.uid))


def _sort_key(start: datetime | date) -> datetime:
    if isinstance(start, datetime):
        return start.astimezone(timezone.utc)
    return datetime.combine(start, time(), timezone.utc)


def _selected(post: Post, options: ExportOptions, tz) -> bool:
    day = post.meta.publish_at.astimezone(tz).date()  # type: ignore[union-attr]
    if options.start and day < options.start or options.end and day >= options.end:
        return False
    if options.statuses and post.meta.status.value not in options.statuses:
        return False
    return not options.platforms or bool(set(post.meta.platforms) & set(options.platforms))


def _withheld_paths(report: Report | None) -> set[str]:
    """Posts with an open PRIV error: their text must not travel in a published feed."""
    if report is None:
        return set()
    return {d.path for d in report.diagnostics if d.code.startswith("PRIV") and d.severity is Severity.ERROR}


def _private_story(post: Post) -> bool:
    """Without a lint report (``--no-lint``): a post about a patient, whose consents nobody checked."""
    meta = post.meta
    return bool(meta.consents or any(m.consents for m in meta.media)
                or meta.category in (Category.CASE_STUDY, Category.TESTIMONIAL))


def _post_events(post: Post, post_key: str, platforms: list[str], options: ExportOptions,
                 consents: ConsentRegistry | LazyRegistry | None, lint: str, tz, private_errors: bool = False) -> list[CalendarEvent]:
    meta, ru = post.meta, options.lang == "ru"
    key = [post_key, *platforms] if options.split_by_platform else [post_key]
    revised = revision_time(post, options)
    unapproved = meta.status in (Status.DRAFT, Status.REVIEW)
    status = "CANCELLED" if _revoked(post, consents) else _STATUS[meta.status]
    sequence = int((revised - _EPOCH).total_seconds() // 60) if revised > _EPOCH else 0
    names = ", ".join(platforms) or "—"
    title = (meta.title or post.id) if options.private else options.masker.mask(meta.title or post.id)
    # a published feed carries the text of approved posts only, never of one that breaks a consent
    withhold = not options.private and (unapproved or status == "CANCELLED" or private_errors)
    prefix = ("Отменён: " if ru else "Cancelled: ") if status == "CANCELLED" else ""
    categories = tuple(sorted({*platforms, *(x for x in [meta.category.value if meta.category else None] if x)}))
    url = f"{options.base_url.rstrip('/')}/{quote(post.display_path)}" if options.base_url else None
    common = dict(revised=revised, sequence=sequence, path=post.display_path, url=url, categories=categories)
    start: datetime | date = meta.publish_at  # type: ignore[assignment]
    duration: timedelta | None = timedelta(minutes=options.duration_minutes)
    if _date_only(post, tz):
        start, duration = meta.publish_at.astimezone(tz).date(), None  # type: ignore[union-attr]
    events = [CalendarEvent(
        uid=event_uid(*key), kind="post", summary=f"{prefix}{title} ({names})", start=start, duration=duration,
        status=status, description=_description(post, lint, ru, options, withhold),
        alarm_before=timedelta(hours=options.review_hours) if unapproved and status != "CANCELLED" else None, **common,
    )]
    if unapproved and options.review_events and status != "CANCELLED":
        events.append(CalendarEvent(
            uid=event_uid(*key, "review"), kind="review",
            summary=("Согласовать: " if ru else "Approve: ") + title,
            start=meta.publish_at - timedelta(hours=options.review_hours),  # type: ignore[operator]
            duration=timedelta(minutes=options.duration_minutes), status="TENTATIVE",
            description=(f"Пост {_path(post)} ещё не согласован" if ru else f"Post {_path(post)} is not approved yet"),
            **common,
        ))
    if meta.expires is not None and status != "CANCELLED":
        events.append(CalendarEvent(
            uid=event_uid(*key, "takedown"), kind="takedown", summary=("Снять: " if ru else "Take down: ") + title,
            start=meta.expires, duration=timedelta(minutes=options.duration_minutes), status="CONFIRMED",
            description=(f"Срок поста {_path(post)} истекает" if ru else f"Post {_path(post)} expires"),
            **common,
        ))
    return events


def _date_only(post: Post, tz) -> bool:
    """A post planned for a day, not a time (`publish_at: 2026-12-10`): an all-day event."""
    data = post.front_matter.data if post.front_matter else {}
    raw = next((data[k] for k in ("publish_at", "date", "publishDate", "publish_date") if k in data), None)
    return isinstance(raw, date) and not isinstance(raw, datetime) or isinstance(raw, str) and len(raw.strip()) == 10


def _revoked(post: Post, consents: ConsentRegistry | LazyRegistry | None) -> bool:
    """A cited consent revoked on or before the publish date: the post must not go out."""
    if consents is None or post.meta.publish_at is None:
        return False
    day = post.meta.publish_at.date()
    cited = [*post.meta.consents, *(c for m in post.meta.media for c in m.consents)]
    return any((c := consents.get(cid)) is not None and c.revoked is not None and c.revoked <= day for cid in cited)


_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|!\[[^\]\n]{0,500}\]\([^)\n]{0,500}\)|\]\([^)\n]{0,500}\)|[*_`#>\[\]]+|^[ \t]*[-+][ \t]+", re.DOTALL | re.MULTILINE)


def _excerpt_source(post: Post) -> str:
    """The first ~600 characters of the body with Markdown markup dropped — cheaply, from
    the raw text: parsing 10,000 posts' Markdown only for a calendar excerpt cost seconds."""
    assert post.parsed is not None
    raw = post.parsed.source.text[post.parsed.body_offset : post.parsed.body_offset + 600]
    return " ".join(_MARKUP.sub(" ", raw).split())


def _path(post: Post) -> str:
    return escape_path(post.display_path)


def _description(post: Post, lint: str, ru: bool, options: ExportOptions, withhold: bool) -> str:
    meta = post.meta
    show = (lambda value: escape(value)) if options.private else options.masker.mask  # a feed is shared widely
    if withhold:
        excerpt = ("Текст скрыт: пост не согласован, отменён или не прошёл проверку персональных данных (PRIV); "
                   "полный текст — calendar export --private" if ru else
                   "Text withheld: the post is not approved, is cancelled or fails the personal-data checks (PRIV); "
                   "full text: calendar export --private")
    else:
        text = show(_excerpt_source(post))
        excerpt = text[:280] + ("…" if len(text) > 280 else "")
    status = _STATUS_RU[meta.status.value] if ru else meta.status.value
    lines = [excerpt, "", f"{'Статус' if ru else 'Status'}: {status}"]
    if meta.reviewed_by:
        lines.append(f"{'Проверил' if ru else 'Reviewed by'}: {show(meta.reviewed_by)}")
    if meta.author:
        lines.append(f"{'Автор' if ru else 'Author'}: {show(meta.author)}")
    if lint:
        lines.append(f"{'Проверка' if ru else 'Lint'}: {lint}")
    lines.append(f"{'Файл' if ru else 'File'}: {_path(post)}")
    return "\n".join(lines)


def _findings_by_path(report: Report | None) -> dict[str, str]:
    """path -> "2 error, 1 warning (ADV001, PLAT001)" for the description."""
    if report is None:
        return {}
    grouped: dict[str, list] = {}
    for d in report.diagnostics:
        grouped.setdefault(d.path, []).append(d)
    out = {}
    for path, items in grouped.items():
        counts: dict[str, int] = {}
        for d in items:
            counts[d.severity.value] = counts.get(d.severity.value, 0) + 1
        codes = ", ".join(sorted({d.code for d in items}))
        out[path] = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items())) + f" ({codes})"
    return out
