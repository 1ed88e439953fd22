"""How the accuracy harness turns a corpus record into a post: the front-matter of
each wrapping, and the clinic's staff as the text itself names them in their role.

No table here knows a corpus id: platform and date come from the record's own
`medium` field, staff from role words next to a name, the subject from the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

WARNING_TEXT = "Имеются противопоказания. Необходима консультация специалиста."
WARNING_EN = "There are contraindications. Consult a specialist."
TODAY = date(2026, 11, 22)  # the suite's pinned "today"; corpus clinic posts read as published today
LICENCE = "Л041-00000-00/00000000 от 01.01.2020"  # the licence is an off-text fact: configured, so ADV018 stays out

# post: an ordinary post; ad: `ad: true` without the art. 24 part 7 warning; ad_warned: with it
WRAPPINGS = ("post", "ad", "ad_warned")

_PLATFORMS = (("instagram", "instagram"), ("facebook", "facebook"), ("vk", "vk"), ("вконтакте", "vk"),
              ("telegram", "telegram"), ("tiktok", "tiktok"), ("youtube", "youtube"))
_DATE = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
_SUPPLEMENT = re.compile(r"(?<!\w)БАДы?(?!\w)|биологически активн", re.IGNORECASE)
# a person named in a role is staff: role words (stems) just before or after the name
_ROLE_RU = re.compile(
    r"врач|доктор|стоматолог|хирург|терапевт|ортодонт|ортопед|имплантолог|пародонтолог|гигиенист|кардиолог|"
    r"невролог|гинеколог|уролог|педиатр|офтальмолог|косметолог|дерматолог|рентгенолог|анестезиолог|"
    r"эндокринолог|онколог|травматолог|медсестр|фельдшер|руководител|директор|заведующ|главн\w* врач|"
    r"лектор|профессор|академик|министр|губернатор|мэр|глав[аы]\b|специалист|ассистент|администратор|"
    r"управляющ|основател|учредител|к\.\s?м\.\s?н|д\.\s?м\.\s?н|кандидат|доцент",
    re.IGNORECASE,
)
_ROLE_EN = re.compile(
    r"\bDr\b|\bM\.?D\b|\bR\.?N\b|\bD\.?D\.?S\b|\bD\.?O\b|physician|surgeon|nurse|doctor|director|\bCEO\b|"
    r"president|officer|manager|dentist|therapist|chief|professor|pediatrician|cardiologist|oncologist|radiologist",
    re.IGNORECASE,
)
_NAME_RU = re.compile(r"(?<!\w)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:\s+[А-ЯЁ]\.\s?[А-ЯЁ]?\.?|(?:\s+[А-ЯЁ][а-яё]+){1,2})")
_NAME_EN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\b")
_WINDOW = 40  # characters before a name searched for its role


@dataclass(frozen=True)
class Item:
    """One corpus record, with what the harness needs to wrap and score it."""

    id: str
    file: str
    text: str
    expect: frozenset[str]
    borderline: bool
    verdict: str
    medium: str
    year: int | None = None

    @property
    def lang(self) -> str:
        return "en" if self.file == "us_posts" else "ru"

    @property
    def marked_as_ad(self) -> bool:
        """Checked as an ad: every FAS quote; a clinic post the corpus judges to be advertising."""
        return self.file == "ru_ads_fas" or (self.file == "ru_clinic_posts" and "unmarked_ad" in self.expect)

    @property
    def primary(self) -> str:
        return "ad" if self.marked_as_ad else "post"


def load_items(corpus) -> list[Item]:
    items = []
    for name in ("ru_ads_fas", "ru_clinic_posts", "us_posts"):
        for line in (corpus / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                items.append(Item(r["id"], name, r["text"], frozenset(r["expect"]), bool(r["borderline"]),
                                  r["verdict"], str(r.get("medium") or r.get("kind") or ""), r.get("year")))
    return items


def platform_and_date(item: Item) -> tuple[str, date]:
    """Where and when: FAS quotes from their `medium` (platform name, dd.mm.yyyy) or `year`;
    clinic posts on the clinic's VK account today; US posts on its Facebook page today."""
    if item.file == "us_posts":
        return "facebook", TODAY
    if item.file == "ru_clinic_posts":
        return "vk", TODAY
    medium = item.medium.lower()
    platform = next((pid for word, pid in _PLATFORMS if word in medium), "vk")
    found = _DATE.search(item.medium)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return platform, date(year, month, day)
    return platform, date(item.year, 6, 1) if item.year else TODAY


def staff_named_in_role(text: str, lang: str) -> list[str]:
    """Names right after a role word of the same sentence («врач-стоматолог Иван Петров», «Dr. Jane
    Doe»), right before one («Jane Doe, nurse practitioner»), or heading a doctor's page."""
    name_re, role_re = (_NAME_EN, _ROLE_EN) if lang == "en" else (_NAME_RU, _ROLE_RU)
    role_after = re.compile(r"\s*[,—–(-]\s*(?:\S+\s+){0,2}?(?:" + role_re.pattern + ")", re.IGNORECASE)
    first_line, head = text.split("\n", 1)[0], "\n".join(text.split("\n", 2)[:2])  # a doctor page: name, position
    staff = []
    for match in name_re.finditer(text):
        before = re.split(r"(?<!Dr)[.!?]\s|\n", text[max(0, match.start() - _WINDOW) : match.start()] + " ")[-1]
        role_before = role_re.search(" ".join(before.split()[-3:]))
        on_page_head = len(first_line) <= 100 and match.end() <= len(first_line) and role_re.search(head)
        if role_before or role_after.match(text, match.end()) or on_page_head:
            name = " ".join(match.group(0).split())
            if name not in staff:
                staff.append(name)
    return staff


def wrap(item: Item, wrapping: str) -> str:
    """The post file for one wrapping of the item."""
    platform, when = platform_and_date(item)
    lines = ["---", f"title: {json.dumps('Corpus ' + item.id)}", f"publish_at: {when.isoformat()} 10:00",
             f"platforms: [{platform}]", "status: published"]
    if item.lang == "en":
        lines.append("lang: en")
    if wrapping != "post":
        subject = "supplement" if _SUPPLEMENT.search(item.text) else "medical_service"
        lines += ["ad: true", f"subject: {subject}"]
    body = item.text.rstrip()
    if wrapping == "ad_warned":
        body += "\n\n" + (WARNING_EN if item.lang == "en" else WARNING_TEXT)
    return "\n".join(lines) + "\n---\n" + body + "\n"


def config_table(item: Item) -> dict:
    """The clinic's configuration for the item: its staff as the text names them, a licence,
    and US privacy law for the US part."""
    table: dict = {"content-roots": ["."], "clinic": {"license": LICENCE, "staff": staff_named_in_role(item.text, item.lang)}}
    if item.lang == "en":
        table["jurisdiction"] = "US"
    return table
