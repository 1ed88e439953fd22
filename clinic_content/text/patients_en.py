"""Does an English post tell about a real patient? The US counterpart of the Russian
narrative phrases in ``rules/ru/patients.toml``, for the HIPAA check (PRIV009).

OCR's review-reply settlements (Elite Dental 2019, New Vision Dental 2022) are about
replies that confirm a person is a patient or discuss their care; hospital blogs tell
named patients' stories with birth dates and diagnoses. Both are told in the past
tense about one person, which is what separates them from education («schedule your
mammogram», «each patient is unique»). Patterns work per sentence, on plain regexes:
English needs no morphology for these.
"""

from __future__ import annotations

import re
from typing import Iterator

_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_PAST = re.compile(
    r"\b(?:was|were|had|did|brought|came|saw|looked|told|recommended|identified|presented|performed|"
    r"lost|visited|treated|diagnosed|mentioned|examined|referred|received|underwent|included|"
    r"consisted|returned|discovered|opted|removed|extracted|prescribed|noticed|found|took|felt)\b",
    re.IGNORECASE,
)
# a reply to the reader about their own care: «your radiographs», «brought your daughter in»
_YOUR_CARE = re.compile(
    r"\b(?:you|your)\b[^.!?]{0,40}?\b(?:radiographs?|x-?rays?|exam(?:ination)?|visit|appointment|"
    r"procedure|surgery|treatment|diagnosis|records?|chart|test results?|results|prescription|tooth|"
    r"teeth|molar|crown|implant|filling|root canal|cavities|gum disease|daughter|son|child|wife|"
    r"husband|mother|father|mom|dad)\b",
    re.IGNORECASE,
)
# «the first molar you have lost», «the crown you had placed»
_CARE_YOU_HAD = re.compile(
    r"\b(?:tooth|teeth|molar|root|crown|implant|filling|x-?rays?|surgery|procedure)\b[^.!?]{0,30}?"
    r"\byou\s+(?:have\s+|had\s+)?(?:lost|had|broke|cracked|needed|received|got)\b",
    re.IGNORECASE,
)
_ONE_PATIENT = re.compile(r"\b(?:this|our)\s+patient\s+(?:presented|was|came|arrived|had|became)\b", re.IGNORECASE)
# one person's case: an age, a birth, a diagnosis or a treatment told in the past
_CASE = re.compile(
    r"\b\d{1,3}-year-old\s+(?:[A-Z][a-z]+|man|woman|boy|girl|patient|mother|father)\b"
    r"|\b(?:was|were)\s+born\s+(?:prematurely|early|at\s+\d+\s+weeks|on\s+[A-Z])"
    r"|\b(?:she|he|who)\s+(?:was|had\s+been)\s+(?:\w+\s+)?(?:diagnosed|admitted|transferred|treated)\b"
    r"|\b(?:her|his)\s+(?:first\s+|second\s+)?(?:treatment|diagnos[ie]s|surgery|chemotherapy|mastectomy|"
    r"cancer|tumou?r|birth)\b"
)


def english_patient_story(text: str, start: int = 0) -> tuple[str, int, int] | None:
    """The first sentence about one patient's care: (its words, start, end) in ``text``."""
    for sentence in _sentences(text, start):
        words = sentence.group(0)
        found = _ONE_PATIENT.search(words) or _CASE.search(words) or _CARE_YOU_HAD.search(words)
        if found is None and _PAST.search(words):
            found = _YOUR_CARE.search(words)
        if found:
            return found.group(0), sentence.start() + found.start(), sentence.start() + found.end()
    return None


def _sentences(text: str, start: int) -> Iterator[re.Match[str]]:
    return _SENTENCE.finditer(text, start)
