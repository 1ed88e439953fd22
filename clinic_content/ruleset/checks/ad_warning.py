"""ADV001: a medical ad carries the warning about contraindications (38-FZ art. 24 part 7)."""

from __future__ import annotations

import re
from typing import Iterator

from pydantic import Field

from ...core.diagnostics import Finding
from ...source.model import MEDICAL_SUBJECTS, Subject
from ...source.post import Post
from ..fixer import paragraph_at_end
from ..rule import Context, Edit, PostRule, RuleOptions, T

DEFAULT_WARNING = "Имеются противопоказания. Необходима консультация специалиста."
_CONTRA = re.compile(r"противопоказан", re.IGNORECASE)
_CONSULT = re.compile(r"консультац|специалист|инструкци|врач", re.IGNORECASE)
_EN_CONTRA = re.compile(r"contraindicat", re.IGNORECASE)
# «противопоказаний нет», «нет противопоказаний», «не имеет противопоказаний», «без противопоказаний»:
# a promise of safety, the opposite of the warning
_SP = r"[ \t\u00a0]+"  # within one line: a trailing «не» must not negate the warning of the next paragraph
_NEGATED = re.compile(
    rf"(?:\bнет|\bне{_SP}(?:имеет|имеют|имеется|имеются|существует)|\bотсутствуют|\bбез|\bникаких){_SP}(?:\w+{_SP}){{0,2}}?"
    rf"противопоказан\w*|противопоказани\w*{_SP}(?:\w+{_SP})?(?:нет|отсутствуют|не{_SP}(?:выявлено|имеется|имеются))"
    rf"|\bno{_SP}(?:known{_SP})?contraindications|\bwithout{_SP}contraindications",
    re.IGNORECASE,
)
_EN_CONSULT = re.compile(r"consult|specialist|instructions|doctor|physician", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower-case with ё folded to е, as the law's wording is matched by stems."""
    return text.lower().replace("ё", "е")


def has_warning(text: str) -> bool:
    """Both halves of the art. 24 p.7 warning are present (contraindications + consult/instructions);
    a negated mention («противопоказаний нет») does not count."""
    text = _NEGATED.sub(" ", normalise(text))
    return bool((_CONTRA.search(text) and _CONSULT.search(text)) or (_EN_CONTRA.search(text) and _EN_CONSULT.search(text)))


class AdWarningOptions(RuleOptions):
    warning_text: str = Field(default=DEFAULT_WARNING, description="The warning the clinic uses (inserted by --fix).")
    default_subject: Subject = Field(
        default=Subject.MEDICAL_SERVICE, description="Subject assumed for an ad without `subject`."
    )


class MissingAdWarning(PostRule):
    id = "ADV001"
    name = "missing-ad-warning"
    summary = T("В медицинской рекламе нет предупреждения о противопоказаниях",
                "Medical ad lacks the contraindications warning")
    doc = T(
        "Реклама медицинских услуг, лекарств и медицинских изделий должна сопровождаться предупреждением "
        "о наличии противопоказаний и необходимости консультации специалиста (или ознакомления с "
        "инструкцией). Закон задаёт смысл, а не точный текст; принято «ИМЕЮТСЯ ПРОТИВОПОКАЗАНИЯ. "
        "НЕОБХОДИМА КОНСУЛЬТАЦИЯ СПЕЦИАЛИСТА». Проверяются посты с `ad: true` и `subject` "
        "medical_service, drug или device (без `subject` — опция `default-subject`). Долю предупреждения "
        "(не менее 5 % рекламной площади) проверяет отдельное правило.\n\n"
        "Цитата: «Реклама … медицинских услуг … должна сопровождаться предупреждением о наличии "
        "противопоказаний к их применению и использованию, необходимости ознакомления с инструкцией по "
        "применению или получения консультации специалистов» (38-ФЗ, ст. 24, ч. 7).",
        "Ads of medical services, medicines and medical devices must carry a warning about "
        "contraindications and the need to consult a specialist (or read the instructions). The law "
        "fixes the meaning, not the words; the customary text is «ИМЕЮТСЯ ПРОТИВОПОКАЗАНИЯ. НЕОБХОДИМА "
        "КОНСУЛЬТАЦИЯ СПЕЦИАЛИСТА». Checked on posts with `ad: true` and `subject` medical_service, drug "
        "or device (no `subject`: the `default-subject` option). The warning's share (at least 5 % of "
        "the ad space) is a separate rule.\n\n"
        "Quote: \"Advertising of … medical services … must be accompanied by a warning about "
        "contraindications …, the need to read the instructions or to consult specialists\" "
        "(38-FZ art. 24 part 7).",
    )
    source = "38-FZ «О рекламе», art. 24 part 7; FAS cases: n-novgorod.fas.gov.ru/news/11206"
    messages = {
        "default": T("Реклама медицинской услуги без предупреждения «{warning}»",
                     "Medical ad without the warning \"{warning}\""),
    }
    Options = AdWarningOptions
    bad_example = (
        "---\ntitle: Скидка на УЗИ\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nad: true\n"
        "subject: medical_service\n---\nУЗИ щитовидной железы со скидкой 20 % до конца декабря.\n"
    )
    good_example = bad_example + "\nИмеются противопоказания. Необходима консультация специалиста.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or not post.meta.ad:
            return
        subject = post.meta.subject or ctx.options.default_subject
        if subject not in MEDICAL_SUBJECTS:
            return
        if not has_warning(post.body.plain_text):
            yield Finding(post.key_span("ad"), args={"warning": ctx.options.warning_text})

    fixable = True

    def fix(self, post: Post, finding: Finding, ctx: Context) -> Edit | None:
        """The clinic's warning as the last paragraph (move it up for Instagram's fold: ADV005)."""
        return paragraph_at_end(post, ctx.options.warning_text)
