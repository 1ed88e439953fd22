"""Does a post feature a patient, and what would publishing it disclose?

323-FZ art. 13 makes even the fact of a visit a medical secret; Civil Code art.
152.1 protects a person's image. So before checking consents we must know
whether a post is about a real patient and which kinds of data it shows
(story, diagnosis, photo, face, video, testimonial). Signals: the category,
a narrative about one patient, a non-staff person's name, media tags.
The word lists live in ``rules/ru/patients.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..source.consents import Scope
from ..core.diagnostics import Span
from .jargon import find_terms
from ..source.model import Category
from .meta_names import front_matter_names
from .names import NameSpan, find_names
from ..core.packs import load_toml, rules_dir
from .patients_en import english_patient_story
from .phrases import Phrase, post_index
from ..source.post import Post
from .tokens import analyse, fold, post_tokens

PATIENT_MEDIA_TAGS = frozenset({"patient", "face", "before_after", "minor"})
_AGE_NUMBER = re.compile(r"(?<!\d)(\d{1,2})\s*(?:год|года|лет|years?|y\.?o\.?)\b", re.IGNORECASE)
_AGE_PERSON = re.compile(
    r"(?:пациент\w*|мужчин\w*|женщин\w*|девушк\w*|юнош\w*|мальчик\w*|девочк\w*|ребён\w*|ребен\w*|patient"
    r"|(?<!\w)мне)"  # «мне 82 года»: a reviewer's own age
    r"[\s,(]{1,3}$",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([А-ЯЁ][а-яё]+)[\s,(]{1,3}$")  # «Анна, 34 года»: a first name before the age


@dataclass
class PatientSignals:
    """Why the post is about a patient (reason, where) and which consent scopes it needs."""

    reasons: list[tuple[str, Span]] = field(default_factory=list)
    needs: dict[Scope, tuple[Span, str]] = field(default_factory=dict)  # scope -> (where, what)
    minor: Span | None = None
    names: list[NameSpan] = field(default_factory=list)

    @property
    def features_patient(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class _Lists:
    narrative: tuple[Phrase, ...]
    unless: tuple[Phrase, ...]
    diagnosis: frozenset[str]


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    data = load_toml(rules_dir() / "ru" / "patients.toml")
    story = data["narrative"]
    slots = {"{relative}": story["relatives"], "{person}": story["persons"]}
    phrases = []
    for pattern in story["phrases"]:
        slot = next((s for s in slots if s in pattern), None)
        if slot is None:
            phrases.append(pattern)
        else:  # one person, not «детей лечили»
            phrases += [pattern.replace(slot, word + "{sing}") for word in slots[slot]]
    return _Lists(
        tuple(Phrase(p, gap=2) for p in phrases),
        tuple(Phrase(p, gap=2) for p in story.get("unless", [])),
        frozenset(fold(w) for w in data["diagnosis"]["words"]),
    )


def diagnosis_words() -> frozenset[str]:
    """Lemmas of common diagnoses (``rules/ru/patients.toml``)."""
    return _lists().diagnosis


def patient_signals(post: Post, staff: tuple[str, ...] = ()) -> PatientSignals:
    """Everything in the post that shows a real patient; cached per post."""
    cached = post.__dict__.get("_patient_signals")
    if cached is None:
        cached = _detect(post, staff)
        post.__dict__["_patient_signals"] = cached
    return cached


def _detect(post: Post, staff: tuple[str, ...]) -> PatientSignals:
    found = PatientSignals()
    meta, source = post.meta, post.source
    assert source is not None
    if meta.category is Category.CASE_STUDY:
        found.reasons.append(("category: case_study", post.key_span("category")))
        found.needs.setdefault(Scope.STORY, (post.key_span("category"), "category: case_study"))
    if meta.category is Category.TESTIMONIAL:
        found.reasons.append(("category: testimonial", post.key_span("category")))
        found.needs.setdefault(Scope.TESTIMONIAL, (post.key_span("category"), "category: testimonial"))
    tokens = post_tokens(post) if meta.lang == "ru" else []
    story = _narrative(post, tokens) if meta.lang == "ru" else _english_story(post)
    if story is not None:
        found.reasons.append((story[0], story[1]))
        if meta.category is not Category.TESTIMONIAL:  # a testimonial consent covers its own words
            found.needs.setdefault(Scope.STORY, (story[1], story[0]))
    found.names = [n for n in find_names(tokens, source.text, staff) if not (n.staff or n.titled)]
    in_meta = front_matter_names(post, staff, review=meta.category is Category.TESTIMONIAL)
    found.names += in_meta.names
    if in_meta.patient_key:
        found.reasons.append(in_meta.patient_key)
        found.needs.setdefault(Scope.STORY, (in_meta.patient_key[1], in_meta.patient_key[0]))
    _media(post, found)
    if found.features_patient and (meta.category in (Category.CASE_STUDY, Category.TESTIMONIAL) or story):
        named = _diagnosis(post, tokens)
        if named is not None:
            found.needs.setdefault(Scope.DIAGNOSIS, named)
    age = _age(post)
    if age and age.age < 18:
        found.minor = source.span(age.start, age.end)
    return found


def _narrative(post: Post, tokens) -> tuple[str, Span] | None:
    """The first sentence telling one patient's story («пациентка обратилась…»)."""
    source = post.source
    assert source is not None
    index = post_index(post)
    lists = _lists()
    general = {tokens[a].sentence for p in index.viable(lists.unless) for a, _ in p.find(tokens, index)}
    for phrase in index.viable(lists.narrative):
        for first, last in phrase.find(tokens, index):
            if tokens[first].sentence in general:
                continue
            text = " ".join(source.text[tokens[first].start : tokens[last].end].split())
            return text, source.span(tokens[first].start, tokens[last].end)
    age = _age(post)
    if age:
        return age.text, source.span(age.start, age.end)
    return None


def _english_story(post: Post) -> tuple[str, Span] | None:
    assert post.source is not None
    found = english_patient_story(post.source.text, post.parsed.body_offset if post.parsed else 0)
    return (found[0], post.source.span(found[1], found[2])) if found else None


@dataclass(frozen=True)
class _Age:
    start: int
    end: int
    age: int
    text: str


def _age(post: Post) -> _Age | None:
    """«пациентка, 34 года», «мужчина 45 лет» in the body: find the age, then look just
    before it for the person word (a backwards look keeps the scan linear)."""
    cached = post.__dict__.get("_age", False)
    if cached is not False:
        return cached
    assert post.source is not None
    text, found = post.source.text, None
    body = post.parsed.body_offset if post.parsed else 0
    for number in _AGE_NUMBER.finditer(text, body):
        lo = max(body, number.start() - 24)
        person = _AGE_PERSON.search(text, lo, number.start()) or _first_name_before(text, lo, number.start())
        if person:
            found = _Age(person.start(), number.end(), int(number.group(1)), text[person.start() : number.end()])
            break
    post.__dict__["_age"] = found
    return found


def _first_name_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    word = _WORD_BEFORE.search(text, lo, hi)
    if word and any("Name" in a.grammemes for a in analyse(word.group(1), "ru")):
        return word
    return None


def _media(post: Post, found: PatientSignals) -> None:
    for index, item in enumerate(post.meta.media):
        tags = patient_tags(item.tags)
        if not tags:
            continue
        span = post.key_span("media", index, "tags")
        found.reasons.append((f"media {item.file}: {', '.join(sorted(tags))}", span))
        if "minor" in tags:
            found.minor = found.minor or span


def patient_tags(tags: list[str]) -> set[str]:
    """The tags that show a patient; a face tagged ``staff`` (and not ``patient``) is an employee."""
    found = set(tags) & PATIENT_MEDIA_TAGS
    if "staff" in tags and "patient" not in tags:
        found.discard("face")
    return found


def media_needs(tags: list[str], kind: str) -> set[Scope]:
    """Scopes a media file with patient tags needs: photo or video, plus face."""
    if not patient_tags(tags):
        return set()
    needs = {Scope.VIDEO if kind == "video" else Scope.PHOTO}
    if "face" in tags:
        needs.add(Scope.FACE)
    return needs


def _diagnosis(post: Post, tokens) -> tuple[Span, str] | None:
    """Where a patient story names a disease (a medical term or a common diagnosis), and the words."""
    source = post.source
    assert source is not None
    words = _lists().diagnosis
    first = next((t for t in tokens if t.lemmas & words), None)
    if first is not None:
        return source.span(first.start, first.end), first.text
    hits = find_terms(tokens, likely=False, index=post_index(post))
    if hits:
        start, end = tokens[hits[0].first].start, tokens[hits[0].last].end
        return source.span(start, end), source.text[start:end]
    return None
