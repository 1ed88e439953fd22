"""The content plan as an iCalendar feed that Google Calendar, Outlook, Apple
Calendar and Thunderbird subscribe to.

:func:`build_calendar` turns posts into :class:`CalendarEvent` values (plain
data, easy to test and reuse); :func:`to_ics` writes them with ``ics`` 0.7.3
plus the workarounds its defects need (research/ics-calendar.md): folding at 75
octets on UTF-8 boundaries, CRLF after the last line, DTSTAMP from the post's
revision time, raw URL, sorted CATEGORIES and events, no METHOD. The same
content gives the same bytes, and editing one post changes only its events.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Iterable, Literal, Sequence

from .consents import ConsentRegistry, LazyRegistry
from .diagnostics import Report, Severity
from .masking import Masker
from .model import Category, Status
from .post import Post
from .safe_text import escape, escape_path

NAMESPACE = uuid.UUID("6f1c2a8e-5b1d-4c7e-9a57-c11c0c0e7e57")  # fixed forever: UIDs derive from it
PRODID = "-//clinic-content//clinic-content calendar//RU"
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


# -- writing -------------------------------------------------------------------


def fold(line: str, limit: int = 75) -> str:
    """RFC 5545 §3.1: at most 75 octets per line, never splitting a UTF-8 character."""
    data = line.encode()
    if len(data) <= limit:
        return line
    parts, start, width = [], 0, limit
    while len(data) - start > width:
        cut = start + width
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back to the character start
            cut -= 1
        parts.append(data[start:cut])
        start, width = cut, limit - 1  # continuation lines start with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def _text(value: str) -> str:
    """CR/CRLF to LF before ``ics`` escapes TEXT (it would write a literal ``\\r``); other control
    characters, which RFC 5545 TEXT does not allow, escaped as the text output shows them."""
    return "\n".join(escape(line) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def to_ics(
    events: Sequence[CalendarEvent],
    *,
    name: str = "Контент-план",
    timezone_name: str = "Europe/Moscow",
    refresh: str = "PT1H",
) -> bytes:
    """Serialise events to RFC 5545 bytes (CRLF, folded, no BOM), deterministic."""
    from ics import Calendar, DisplayAlarm, Event
    from ics.grammar.parse import ContentLine
    from ics.utils import escape_string

    _speed_up_ics()

    calendar = Calendar(creator=PRODID)
    for key, value, params in [
        ("X-WR-CALNAME", escape_string(_text(name)), {}),
        ("NAME", escape_string(_text(name)), {}),
        ("X-WR-TIMEZONE", timezone_name, {}),
        ("X-PUBLISHED-TTL", refresh, {}),
        ("REFRESH-INTERVAL", refresh, {"VALUE": ["DURATION"]}),
    ]:
        calendar.extra.append(ContentLine(key, params=params, value=value))
    built = []
    for item in events:
        event = Event(name=_text(item.summary), uid=item.uid, description=_text(item.description),
                      status=item.status, transparent=True)
        # times are written here, not by ics: it formats through arrow (slow) and shifts
        # all-day dates to the previous day east of UTC (ics-py#173)
        stamp = _utc(item.revised)
        event.extra.append(ContentLine("DTSTAMP", value=stamp))
        event.extra.append(ContentLine("LAST-MODIFIED", value=stamp))
        if isinstance(item.start, datetime):
            event.extra.append(ContentLine("DTSTART", value=_utc(item.start)))
            event.extra.append(ContentLine("DURATION", value=_duration(item.duration or timedelta(minutes=30))))
        else:
            event.extra.append(ContentLine("DTSTART", params={"VALUE": ["DATE"]}, value=f"{item.start:%Y%m%d}"))
        if item.alarm_before is not None:
            event.alarms.append(DisplayAlarm(trigger=-item.alarm_before, display_text=_text(item.summary)))
        event.extra.append(ContentLine("SEQUENCE", value=str(item.sequence)))
        if item.categories:
            event.extra.append(ContentLine("CATEGORIES", value=",".join(escape_string(_text(c)) for c in item.categories)))
        if item.url:
            event.extra.append(ContentLine("URL", value=item.url))  # raw: ics would escape it as TEXT
        built.append(event)
    calendar.events = built  # a list keeps our order (a set would not)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # ics 0.7.3 alarms (fixed upstream, not released)
        serialized = calendar.serialize()
    lines = _alarms_last([line for line in serialized.replace("\r\n", "\n").split("\n") if line])
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


_ics_patched = False


def _speed_up_ics() -> None:
    """ics 0.7.3 lists each class's serializer methods with dir() for every component it
    writes (a third of the export time); the list never changes, so cache it once."""
    global _ics_patched
    if _ics_patched:
        return
    from functools import lru_cache

    from ics.serializers.serializer import Serializer

    Serializer.get_serializers = classmethod(lru_cache(maxsize=None)(Serializer.get_serializers.__func__))  # type: ignore[method-assign]
    _ics_patched = True


def _alarms_last(lines: list[str]) -> list[str]:
    """RFC 5545 §3.6.1: a VEVENT's properties come before its VALARMs; ics 0.7.3 mixes them."""
    out: list[str] = []
    alarms: list[str] = []
    inside = False
    for line in lines:
        if line == "BEGIN:VALARM":
            inside = True
        if inside:
            alarms.append(line)
            inside = line != "END:VALARM"
            continue
        if line == "END:VEVENT":
            out.extend(alarms)
            alarms = []
        out.append(line)
    return out


def check_ics(data: bytes) -> list[str]:
    """The project's own RFC 5545 byte-level check (no installable validator exists)."""
    problems: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a BOM")
    if not data.endswith(b"\r\n"):
        problems.append("last line does not end with CRLF")
    if b"\n" in data.replace(b"\r\n", b""):
        problems.append("bare LF")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problems + ["not UTF-8 (a fold split a character?)"]
    physical = text.split("\r\n")[:-1]
    for number, line in enumerate(physical, 1):
        if len(line.encode()) > 75:
            problems.append(f"line {number} is {len(line.encode())} octets")
    logical = []
    for line in physical:
        if line.startswith(" ") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(line)
    uids: list[str] = []
    event: dict[str, int] | None = None
    for line in logical:
        head = line.split(":", 1)[0]
        prop = head.split(";", 1)[0]
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT" and event is not None:
            for required in ("UID", "DTSTAMP", "DTSTART"):
                if event.get(required, 0) != 1:
                    problems.append(f"event {len(uids)}: {required} appears {event.get(required, 0)} times")
            if event.get("DTEND") and event.get("DURATION"):
                problems.append(f"event {len(uids)}: both DTEND and DURATION")
            event = None
        elif line == "BEGIN:VALARM" and event is not None:
            event["#alarm"] = 1
        elif line == "END:VALARM" and event is not None:
            event["#in-alarm-done"] = 1
        elif event is not None and not line.startswith((" ", "BEGIN:", "END:")):
            if event.get("#in-alarm-done"):
                problems.append(f"event {len(uids)}: property {prop} after a VALARM")
            if event.get("#alarm") and not event.get("#in-alarm-done"):
                continue  # the alarm's own properties
            event[prop] = event.get(prop, 0) + 1
            if prop == "UID":
                uids.append(line.split(":", 1)[1])
            if prop == "DTSTAMP" and not line.endswith("Z"):
                problems.append(f"DTSTAMP not in UTC: {line}")
        if "TZID=" in head and "BEGIN:VTIMEZONE" not in logical:
            problems.append(f"TZID without VTIMEZONE: {line}")
        if "\\" in head:
            problems.append(f"backslash in parameters: {line}")
        if prop == "METHOD":
            problems.append("METHOD in a published feed")
    if len(uids) != len(set(uids)):
        problems.append("duplicate UIDs")
    return problems
