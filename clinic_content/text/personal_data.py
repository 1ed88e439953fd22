"""Personal data in post text, and how to show it without leaking it.

Finds phone numbers, e-mails, SNILS, OMS policy, passport and US social security
numbers, birth dates, medical record numbers and street addresses with regular
expressions (no morphology, so the output formatters can re-mask any line they
print). Every value leaves this module only through :func:`mask`: CI logs and
reports are read by many people, a patient's phone number must not be among them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}"
    r"|\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*\s+(?:19|20)\d{2}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+(?:19|20)\d{2})"
)
_STREET_RU = r"(?:ул\.|улиц[аеыу]|пр-т|пр\.|проспект[ае]?|пер\.|переул(?:ок|ке)|б-р|бульвар[ае]?|шоссе|наб\.|набережн(?:ая|ой))"

# kind -> pattern; group "v" is the value when only part of the match is personal data
PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "phone": re.compile(
        r"(?<![\w+])(?:(?:\+7|8)[\s\-\u00a0\u2010-\u2015\u2212]*\(?\d{3}\)?[\s\-\u00a0\u2010-\u2015\u2212]*\d{3}"
        r"[\s\-\u00a0\u2010-\u2015\u2212]*\d{2}[\s\-\u00a0\u2010-\u2015\u2212]*\d{2}"
        r"|(?:\+1[\s.\-\u2010-\u2015]*)?\(?\d{3}\)?[\s.\-\u2010-\u2015]\d{3}[\s.\-\u2010-\u2015]\d{4})(?![\w])"
    ),
    # 123-456-789 01, 123 456 789 01 (spaces, as forms print it), en dashes from word processors
    "snils": re.compile(r"(?<![\d-])\d{3}([-\u2010-\u2015]|[ \u00a0])\d{3}\1\d{3}[\s\-\u2010-\u2015]\d{2}(?![\d-])"),
    "ssn": re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"),
    "oms": re.compile(r"(?:полис\w*|ОМС|ДМС)[^\d\n]{0,20}(?P<v>\d(?:[\s-]?\d){15})(?!\d)", re.IGNORECASE),
    "passport": re.compile(r"паспорт\w*[^\d\n]{0,20}(?P<v>\d{2}\s?\d{2}\s?(?:№\s?)?\d{6})(?!\d)", re.IGNORECASE),
    "birth_date": re.compile(
        r"(?:родил(?:ся|ась)|дат[аеуы]\s+рождения|д\.\s?р\.|г\.\s?р\.|born(?:\s+on)?|DOB|date of birth)\s*[:\-\u2013\u2014]?\s*"
        rf"(?P<v>{_DATE})",
        re.IGNORECASE,
    ),
    "medical_record": re.compile(
        r"(?:медкарт\w*|карт[аеуы]\s+пациента|амбулаторн\w+\s+карт\w*|истори[яи]\s+болезни|MRN|medical record)"
        r"\s*(?:№|#|No\.?|number|:)?\s*(?P<v>[A-ZА-Я]{0,3}-?\d{3,})",
        re.IGNORECASE,
    ),
    "address": re.compile(
        rf"(?P<v>{_STREET_RU}\s+[А-ЯЁ0-9][\w.-]*(?:\s+[А-ЯЁ][\w-]*)?,?\s*(?:д\.|дом)?\s*\d+[а-я]?"
        r"(?:,?\s*(?:кв\.|квартира)\s*\d+)?"
        r"|\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Dr\.)"
        r"(?:,?\s*(?:Apt\.?|Suite)\s*\d+)?)"
    ),
}

_ANY = re.compile(r"[\d@]")
# cheap substring tests that let most texts skip a pattern altogether (checked on lower case)
_HINTS: dict[str, tuple[str, ...]] = {
    "email": ("@",),
    "ssn": ("-",),
    "oms": ("полис", "омс", "дмс"),
    "passport": ("паспорт",),
    "birth_date": ("родил", "рождени", "д.", "г.", "born", "dob", "birth"),
    "medical_record": ("карт", "болезни", "mrn", "record"),
    "address": ("ул", "пр", "пер", "б-р", "бульвар", "шоссе", "наб", "street", "st.", "ave", "road", "rd.",
                "blvd", "lane", "drive", "dr."),
}

KIND_NAMES = {
    "email": ("e-mail", "e-mail"),
    "phone": ("телефон", "phone number"),
    "snils": ("СНИЛС", "SNILS"),
    "ssn": ("номер социального страхования (SSN)", "social security number"),
    "oms": ("номер полиса ОМС/ДМС", "health insurance policy number"),
    "passport": ("паспортные данные", "passport number"),
    "birth_date": ("дата рождения", "birth date"),
    "medical_record": ("номер медицинской карты", "medical record number"),
    "address": ("адрес", "street address"),
    "name": ("имя человека", "person's name"),
}


@dataclass(frozen=True)
class PersonalData:
    """One piece of personal data: kind, offsets in the searched text, the raw value."""

    kind: str
    start: int
    end: int
    value: str

    @property
    def masked(self) -> str:
        return mask(self.value, self.kind)


def find_personal_data(text: str, allowed: Iterable[str] = ()) -> list[PersonalData]:
    """Personal data in ``text``, minus the clinic's own contacts (``allowed``); no overlaps.

    Every kind but e-mail contains a number, so the patterns run only on short windows
    around the numbers (the keyword may stand up to 60 characters before them): the
    regular expressions never scan a whole long post."""
    if not _ANY.search(text):
        return []  # every kind needs a digit or an @: most texts stop here
    allow = _Allowed(allowed)
    hits: list[PersonalData] = []
    taken = _Taken()

    def scan(kind: str, window: str, offset: int) -> None:
        pattern = PATTERNS[kind]
        for match in pattern.finditer(window):
            group = "v" if "v" in pattern.groupindex and match.group("v") else 0
            start, end = (offset + i for i in match.span(group))
            if taken.overlaps(start, end) or allow.covers(kind, match.group(group)):
                continue
            taken.add(start, end)
            hits.append(PersonalData(kind, start, end, match.group(group)))

    if "@" in text:
        scan("email", text, 0)
    for lo, hi in _number_windows(text):
        window = text[lo:hi]
        lowered = window.lower()
        for kind in _NUMBER_KINDS:
            hints = _HINTS.get(kind)
            if not hints or any(h in lowered for h in hints):
                scan(kind, window, lo)
    return sorted(hits, key=lambda h: h.start)


class _Taken:
    """Disjoint spans already claimed, sorted: an overlap test is a binary search, so a
    post with thousands of phone numbers stays linear-logarithmic (a list scan was quadratic)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return at > 0 and self.ends[at - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


_NUMBER = re.compile(r"\d+")
_NUMBER_KINDS = [kind for kind in PATTERNS if kind != "email"]


def _number_windows(text: str, before: int = 60, after: int = 20) -> list[tuple[int, int]]:
    """Merged spans around every number, wide enough for a keyword before it and a tail after."""
    spans: list[tuple[int, int]] = []
    for match in _NUMBER.finditer(text):
        lo, hi = max(0, match.start() - before), min(len(text), match.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    # a window must not start inside a word: step back to its beginning
    out = []
    for lo, hi in spans:
        while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "@.+-_"):
            lo -= 1
        while hi < len(text) and text[hi].isalnum():
            hi += 1
        out.append((lo, hi))
    return out


class _Allowed:
    """The clinic's own phones, e-mails and addresses (config ``clinic.contacts`` and ``site``)."""

    def __init__(self, values: Iterable[str]) -> None:
        values = [v for v in values if v]
        self.phones = {_digits(v)[-10:] for v in values if len(_digits(v)) >= 10}
        self.emails = {v.lower() for v in values if "@" in v}
        self.domains = {_domain(v) for v in values if "@" not in v and "." in v and " " not in v.strip()}
        self.domains |= {e.rsplit("@", 1)[1] for e in self.emails}
        self.texts = {_letters(v) for v in values}

    def covers(self, kind: str, value: str) -> bool:
        if kind == "phone":
            return _digits(value)[-10:] in self.phones
        if kind == "email":
            return value.lower() in self.emails or value.lower().rsplit("@", 1)[1] in self.domains
        if kind == "address":
            found = _letters(value)
            return any(found and found in t for t in self.texts)
        return False


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _letters(value: str) -> str:
    return re.sub(r"[\W_]", "", value.lower().replace("ё", "е"))


def _domain(value: str) -> str:
    value = re.sub(r"^[a-z]+://", "", value.strip().lower())
    return value.split("/", 1)[0].removeprefix("www.")


def mask(value: str, kind: str = "") -> str:
    """Hide a value but keep enough to find it: ``+7 9** ***-**-12``, ``a***@***.ru``, ``И*** П***``."""
    if kind == "email" and "@" in value:
        local, domain = value.rsplit("@", 1)
        return f"{local[:1]}***@***.{domain.rsplit('.', 1)[-1]}"
    if kind == "name":
        return " ".join(w[:1] + "***" for w in value.split())
    if kind == "address":
        return re.sub(r"\d", "*", re.sub(r"(?<=[^\W\d])[^\W\d]", "*", value))
    digits = sum(c.isdigit() for c in value)
    if digits >= 4:
        return _mask_digits(value, keep_head=2 if value.startswith("+") else 0, keep_tail=2)
    return " ".join(w[:1] + "*" * max(2, len(w) - 1) for w in value.split())


def _mask_digits(value: str, keep_head: int, keep_tail: int) -> str:
    """Star every digit except the first ``keep_head`` and the last ``keep_tail``; letters too."""
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    keep = set(positions[:keep_head]) | set(positions[-keep_tail:] if keep_tail else [])
    out = []
    for i, c in enumerate(value):
        if c.isdigit() and i not in keep:
            out.append("*")
        elif c.isalpha() and i > 0 and value[i - 1].isalpha():
            out.append("*")
        else:
            out.append(c)
    return "".join(out)


def mask_line(line: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """A line of a post with every personal-data match and the given (start, end) spans masked."""
    cuts = [(h.start, h.end, h.masked) for h in find_personal_data(line)]
    cuts += [
        (s, e, mask(line[s:e], "name"))
        for s, e in spans
        if 0 <= s < e <= len(line) and not any(c[0] < e and s < c[1] for c in cuts)
    ]
    return _apply(line, cuts)


def _apply(line: str, cuts: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, replacement in sorted(cuts):
        if start < pos:
            continue
        out.append(line[pos:start])
        out.append(replacement)
        pos = end
    out.append(line[pos:])
    return "".join(out)

