"""PRIV: patients' consent and personal data — 323-FZ art. 13 (medical secret),
152-FZ art. 9, 10, 10.1 (consent, special categories, distribution), Civil
Code art. 152.1 (image), HIPAA 45 CFR 164.508 and 164.514 for US posts.

Every value a message shows is masked: reports end up in CI logs. By theme: consents
(``privacy_consents``), personal data in the text (``privacy_data``). This module keeps
the family's registry order.
"""

from __future__ import annotations

from .privacy_support import (
    CONSENT_SOURCE, EXAMPLE_REGISTRY, STORY_BODY, STORY_HEAD, cited_consents, jurisdiction, publish_day,
    references, staff_names,
)
from .privacy_consents import (
    ConsentNotValid, ConsentRecordIncomplete, ConsentScope, MinorWithoutGuardian, PatientWithoutConsent,
    UnknownConsent,
)
from .privacy_data import HipaaAuthorization, PersonName, PersonalDataInText

__all__ = [
    "CONSENT_SOURCE", "ConsentNotValid", "ConsentRecordIncomplete", "ConsentScope", "EXAMPLE_REGISTRY",
    "HipaaAuthorization", "MinorWithoutGuardian", "PRIV_RULES", "PatientWithoutConsent", "PersonName",
    "PersonalDataInText", "STORY_BODY", "STORY_HEAD", "UnknownConsent", "cited_consents",
    "jurisdiction", "publish_day", "references", "staff_names",
]


PRIV_RULES = [PatientWithoutConsent, UnknownConsent, ConsentNotValid, ConsentScope, MinorWithoutGuardian,
              ConsentRecordIncomplete, PersonalDataInText, PersonName, HipaaAuthorization]
