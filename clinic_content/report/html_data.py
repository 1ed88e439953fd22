"""What the HTML report shows, as compact JSON-ready data (the page renders it in the browser).

Strings that repeat (paths, messages, feeds) go into tables and rows refer to them by index,
so a 10,000-post plan with ~150,000 findings stays a few megabytes. Everything a post's
author wrote passes through :func:`.personal_data.mask_line`; a draft's title, text and
the findings that quote it are left out unless ``include_drafts``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..core.diagnostics import Report, Severity
from .doc_links import rule_doc_url
from ..source.model import Category, Status
from .formats import sensitive_spans
from ..text.personal_data import mask, mask_line
from ..source.post import Post
from ..ruleset.registry import find_rule

SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}
EXCERPT_CHARS = 90


@dataclass
class _Table:
    """Index of distinct strings, in first-seen order."""

    items: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)

    def __call__(self, value: str) -> int:
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.items)
            self.items.append(value)
        return found


def feeds_of(post: Post) -> list[str]:
    """The feeds a post goes to: a platform, or ``platform/account`` (as the CAL rules count)."""
    account = post.meta.account
    return [f"{p}/{account}" if account else p for p in dict.fromkeys(post.meta.platforms)]


def build_data(posts: list[Post], report: Report, linter, *, include_drafts: bool = False,
               docs_url: str | None = None, clinic: str | None = None) -> dict[str, Any]:
    """The report's data: posts, findings, bursts and gaps, the content mix and consents."""
    tz = linter.config.tz
    lang = linter.lang or "en"
    paths, messages, feeds = _Table(), _Table(), _Table()
    hidden: set[str] = set()
    post_rows, by_path = [], {}
    worst: dict[str, int] = defaultdict(int)
    codes_of: dict[str, set[str]] = defaultdict(set)
    for d in report.diagnostics:
        worst[d.path] = max(worst[d.path], SEVERITY_RANK[d.severity])
        codes_of[d.path].add(d.code)
    flagged = _personal_data_by_line(report)
    staff = tuple(linter.config.clinic.staff)
    for post in sorted(posts, key=lambda p: (p.meta.publish_at is None, p.meta.publish_at or 0, p.display_path)):
        draft = post.meta.status is Status.DRAFT and not include_drafts
        names = flagged.get(post.display_path, {})
        if draft:
            hidden.add(post.display_path)
        when = post.meta.publish_at.astimezone(tz) if post.usable and post.meta.publish_at else None
        by_path[post.display_path] = len(post_rows)
        post_rows.append([
            paths(post.display_path),
            "" if draft else _masked_title(post, staff),
            when.strftime("%Y-%m-%dT%H:%M") if when else "",
            [feeds(f) for f in feeds_of(post)] if post.usable else [],
            post.meta.status.value,
            post.meta.category.value if post.meta.category else "",
            int(post.meta.ad or post.meta.category is Category.PROMO),
            worst.get(post.display_path, 0),
            int(draft),
            "" if draft or _in_body(post, names) else _mask_names(_excerpt(post), staff, post.meta.lang),
        ])
    rules: dict[str, list[str]] = {}
    finding_rows = []
    for d in report.diagnostics:
        rule = find_rule(d.code, linter.config.plugins) if d.code != "INTERNAL" else None
        if d.code not in rules:
            rules[d.code] = [rule.name, rule.summary.get(lang), rule_doc_url(rule.id, rule.name, docs_url)] if rule \
                else [d.name or d.code, d.code, ""]
        # a draft's findings may quote its text: show the rule's summary instead
        message = rules[d.code][1] if d.path in hidden else d.message
        finding_rows.append([paths(d.path), d.line, d.column, d.code, SEVERITY_RANK[d.severity], messages(message),
                             by_path.get(d.path, -1)])
    data = {
        "version": 1,
        "lang": lang,
        "clinic": clinic or linter.config.clinic.name or "",
        "today": linter.today.date().isoformat() if linter.today else "",
        "include_drafts": include_drafts,
        "posts": post_rows,
        "findings": finding_rows,
        "rules": rules,
        "consents": _consents(posts, linter, by_path),
        "mix": _mix_options(linter),
    }
    planned = [p for p in posts if p.usable and p.meta.publish_at and p.meta.status is not Status.CANCELLED]
    data["bursts"], data["gaps"] = _bursts_and_gaps(planned, report, linter, feeds, finding_rows)
    data["paths"], data["messages"], data["feeds"] = paths.items, messages.items, feeds.items
    return data


def _personal_data_by_line(report: Report) -> dict[str, dict[int, list[tuple[int, int]]]]:
    """path -> line -> column spans (0-based) that findings marked as personal data (names
    found by morphology, which the regular-expression masking does not know)."""
    out: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for (path, line), spans in sensitive_spans(report).items():
        out[path][line].extend(spans)
    return out


def _masked_title(post: Post, staff: tuple[str, ...]) -> str:
    """The title with personal data masked: no rule reads titles for names, so look here."""
    return _mask_names(mask_line(post.meta.title or post.id), staff, post.meta.lang)


def _mask_names(text: str, staff: tuple[str, ...], lang: str) -> str:
    """Names of people not on staff (the morphology PRIV008 uses) as ``С*** В***``."""
    if not any(c.isupper() for c in text[1:]) and not text[:1].isupper():
        return text
    from ..text.names import find_names
    from ..source.post import load_text
    from ..text.tokens import tokenize

    holder = load_text(f"---\nlang: {lang}\n---\n{text}\n")
    offset = holder.parsed.body_offset if holder.parsed else 0
    for name in reversed(find_names(tokenize(holder), holder.source.text if holder.source else "", staff)):
        if not name.staff:
            start, end = name.start - offset, name.end - offset
            text = text[:start] + mask(text[start:end], "name") + text[end:]
    return text


def _in_body(post: Post, names: dict[int, list[tuple[int, int]]]) -> bool:
    """Personal data found in the text: then no excerpt at all (it would have to be cut around it)."""
    body_line = post.parsed.body_line if post.parsed else 1
    return any(line >= body_line for line in names)


def _excerpt(post: Post) -> str:
    """The first words of the text, personal data masked (the chip's detail)."""
    if post.parsed is None:
        return ""
    text = " ".join(post.parsed.body[:EXCERPT_CHARS * 4].split())
    text = mask_line(text)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _option(linter, rule_id: str, name: str, default):
    ctx = linter._contexts.get(rule_id)
    return getattr(ctx.options, name) if ctx is not None else default


def _mix_options(linter) -> dict[str, Any]:
    """The thresholds the content-mix chart draws (CAL005 promo share, CAL006 education)."""
    return {
        "max_promo_share": _option(linter, "CAL005", "max_promo_share", None),
        "window_days": _option(linter, "CAL005", "window_days", 28),
        "min_posts": _option(linter, "CAL005", "min_posts", 4),
        "education_required": "CAL006" in linter._contexts,
    }


def _bursts_and_gaps(planned: list[Post], report: Report, linter, feeds: _Table, finding_rows: list) -> tuple[list, list]:
    """Days over CAL002's limit and pauses over CAL003's, per feed, with the findings naming them."""
    tz = linter.config.tz
    max_per_day = _option(linter, "CAL002", "max_per_day", None)
    max_gap = _option(linter, "CAL003", "max_gap_days", None)
    cal: dict[tuple[str, str], list[int]] = defaultdict(list)  # (path, code) -> finding indexes
    for i, d in enumerate(report.diagnostics):
        if d.code in ("CAL002", "CAL003"):
            cal[(d.path, d.code)].append(i)
    days: dict[str, dict[date, list[Post]]] = defaultdict(lambda: defaultdict(list))
    for post in planned:
        for feed in feeds_of(post):
            days[feed][post.meta.publish_at.astimezone(tz).date()].append(post)  # type: ignore[union-attr]
    bursts, gaps = [], []
    for feed, by_day in sorted(days.items()):
        ordered = sorted(by_day)
        if max_per_day is not None:
            for day in ordered:
                if len(by_day[day]) > max_per_day:
                    named = sorted({i for p in by_day[day] for i in cal.get((p.display_path, "CAL002"), [])})
                    bursts.append([feeds(feed), day.isoformat(), named])
        if max_gap is not None:
            for before, after in zip(ordered, ordered[1:]):
                if (after - before).days > max_gap:
                    named = sorted({i for p in by_day[after] for i in cal.get((p.display_path, "CAL003"), [])})
                    gaps.append([feeds(feed), (before + timedelta(days=1)).isoformat(),
                                 (after - timedelta(days=1)).isoformat(), named])
    return bursts, gaps


def _consents(posts: list[Post], linter, by_path: dict[str, int]) -> list[list]:
    """Each story's consents on the publish date: signed, end, and why it does not cover it."""
    rows = []
    tz = linter.config.tz
    for post in posts:
        if not post.usable or post.meta.publish_at is None:
            continue
        ids = list(dict.fromkeys([*post.meta.consents, *(c for m in post.meta.media for c in m.consents)]))
        day = post.meta.publish_at.astimezone(tz).date()
        for cid in ids:
            consent = linter.consents.get(cid)
            if consent is None:
                rows.append([by_path[post.display_path], cid, "", "", "missing"])
                continue
            problem = consent.problem_on(day)
            end = consent.revoked or consent.expires
            rows.append([by_path[post.display_path], cid, consent.signed.isoformat(), end.isoformat() if end else "",
                         problem[0] if problem else ""])
    rows.sort(key=lambda r: (r[4] == "", r[0]))
    return rows

