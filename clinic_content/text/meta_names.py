"""Person names written in the front-matter rather than the text: a published review's
``author:`` (in a `testimonial` the author is the patient; elsewhere ``author`` is the
copywriter), a blog theme's ``patient:`` or ``client:`` key. Themes print them with the
post, so the privacy rules read them like the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..core.diagnostics import Span
from .names import NameSpan, find_names, staff_names, _is_staff
from ..source.post import Post, load_text
from .tokens import post_tokens

REVIEW_KEYS = ("author", "reviewer")  # the patient, in a testimonial
PATIENT_KEYS = frozenset({"patient", "patients", "client"})
_PREFIX = "---\ntitle: x\n---\n"


@dataclass(frozen=True)
class MetaNames:
    names: list[NameSpan]
    patient_key: tuple[str, Span] | None  # («patient: …», where) when a key names the patient


def front_matter_names(post: Post, staff: tuple[str, ...], review: bool = False) -> MetaNames:
    """Non-staff names: every value of a patient key, and with ``review`` (a testimonial)
    the author's, even a lone first name."""
    fm, source = post.front_matter, post.source
    if fm is None or source is None or not isinstance(fm.data, dict):
        return MetaNames([], None)
    names: list[NameSpan] = []
    patient_key = None
    keys = (*REVIEW_KEYS, *sorted(PATIENT_KEYS)) if review else tuple(sorted(PATIENT_KEYS))
    for key in keys:
        for loc, value in _values(key, fm.data.get(key)):
            start = _offset(post, loc, value)
            if start is None:
                continue
            found = _names_in(value, start, staff, whole=True)
            names += [n for n in found if not n.staff]
            if key in PATIENT_KEYS and patient_key is None:
                patient_key = (f"{key}: …", post.key_span(*loc))
    return MetaNames(names, patient_key)


def _values(key: str, value: object) -> Iterable[tuple[tuple, str]]:
    if isinstance(value, str) and value.strip():
        yield (key,), value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                yield (key, i), item


def _offset(post: Post, loc: tuple, value: str) -> int | None:
    """File offset where ``value`` is written (after an opening quote)."""
    source = post.source
    assert source is not None
    span = post.key_span(*loc, key=False)
    line_start = source.line_starts[span.line - 1]
    at = source.text.find(value, line_start)
    return at if at >= 0 else None


def _names_in(value: str, start: int, staff: tuple[str, ...], whole: bool) -> list[NameSpan]:
    mini = load_text(_PREFIX + value + "\n")
    tokens = post_tokens(mini)
    shift = start - len(_PREFIX)
    found = [
        NameSpan(n.first, n.last, n.start + shift, n.end + shift, n.text, n.confidence, n.staff, n.titled)
        for n in find_names(tokens, mini.source.text, staff)  # type: ignore[union-attr]
        if not n.titled
    ]
    words = [t for t in tokens if t.kind == "word"]
    if found or not whole or not words:
        return found
    is_staff = _is_staff(words, staff_names(tuple(staff)))
    return [NameSpan(0, len(tokens) - 1, start, start + len(value.rstrip()), value.strip(), 0.8, is_staff)]
