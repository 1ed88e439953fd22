"""SRC: sources and medical review — «always name the source»
and WHO's steps against an infodemic (check the source, the author, the date,
the evidence). Figures and claims need `sources`; sources should be recent and
checkable; medical advice needs a staff doctor in `reviewed_by`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...text.names import staff_names
from ...core.packs import load_toml, rules_dir
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T
from ...text.tokens import analyse, fold

_SEED = ("WHO, «Let's flatten the infodemic curve»: assess the source, identify the author, check the date, "
         "examine the supporting evidence (https://www.who.int/news-room/spotlight/let-s-flatten-the-infodemic-curve); JAMA benchmarks — authorship, attribution, currency (Silberg et al., JAMA 1997;277(15):1244, https://doi.org/10.1001/jama.1997.03540390074039)")
_HEAD = "---\ntitle: Пост\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\ncategory: education\n{extra}---\n"
_CLAIM = re.compile(
    r"(?=[\dвкпиудasВКПИУДAS])"  # the first letters of its branches: rejects most positions at once
    r"(?P<figure>(?<![\d.,])\d+(?:[.,]\d+)?\s?%|\bв\s+\d+(?:[.,]\d+)?\s+раз[а]?\b|кажд\w+\s+(?:второ|трет|четвёрт|четверт|пят|десят)\w*"
    r"|\b\d+\s+из\s+\d+\b|\bпо\s+данным\b(?!\s+(?-i:[А-ЯЁA-Z]))|исследовани\w+\s+(?:показал|доказал|подтвердил)\w*|доказано|учёные|ученые"
    r"|according to(?!\s+(?:the\s+)?(?-i:[A-Z]))|studies show|(?<![\d.])\d+(?:\.\d+)?\s?% of)",
    re.IGNORECASE,
)
_COMMERCIAL = re.compile(
    r"скидк|акци|₽|руб|дешевле|выгод|промокод|кэшбэк|кешбэк|депозит|рассрочк|бонус|стоимост|оплат|"
    r"discount|off\b|price|deposit",
    re.IGNORECASE,
)
_DISCOUNT = re.compile(r"[-−–]\s?$")  # «−30 % на приём»: a minus before a percentage is a discount
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _source_lists() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_toml(rules_dir() / "ru" / "sources.toml")
    return tuple(data["weak"]["domains"]), tuple(w.lower() for w in data["vague"]["words"])


def claims(text: str) -> Iterator[re.Match[str]]:
    """Figures and evidence claims, skipping sentences about prices and discounts."""
    for match in _CLAIM.finditer(text):
        start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
        ends = [i for i in (text.find(c, match.end()) for c in ".!?\n") if i >= 0]
        sentence = text[start : min(ends) + 1 if ends else len(text)]
        near = text[max(0, match.start() - 40) : match.start()]  # «скидка составит\n5 %»: a price list's lines
        if not (_COMMERCIAL.search(sentence) or _COMMERCIAL.search(near) or _DISCOUNT.search(near)):
            yield match


class ClaimWithoutSource(PostRule):
    id = "SRC001"
    name = "claim-without-source"
    default_severity = Severity.WARNING
    summary = T("Цифры и утверждения без источника", "Figures and claims without a source")
    doc = T(
        "Медицинскую информацию дают со ссылкой на источник; ВОЗ "
        "советует оценить источник, автора, дату и доказательства. Правило находит проценты, «в 3 раза», "
        "«каждый второй», «7 из 10», «по данным», «исследования показали», «доказано» и просит запись в "
        "`sources` (ссылку или библиографическую ссылку). Цены, скидки («−30 % на приём»), депозиты и "
        "оплата не считаются, «по данным Роспотребнадзора» и «according to the CDC» (названный источник) — тоже. Одна находка на пост "
        "— на первое утверждение.",
        "Medical information comes with its source; WHO advises checking "
        "the source, the author, the date and the evidence. The rule finds percentages, «в 3 раза», "
        "«каждый второй», «7 из 10», «по данным», «исследования показали», «доказано» and asks for an entry "
        "in `sources` (a link or a citation). Prices, discounts («−30 % на приём»), deposits and payments do not count, "
        "nor do «по данным Роспотребнадзора» and «according to the CDC» (a named source). One finding per post, on "
        "the first claim.",
    )
    source = _SEED
    messages = {"default": T("«{claim}» — укажите источник в `sources`", "'{claim}' — add the source to `sources`")}
    bad_example = _HEAD.format(extra="") + "По данным исследований, 80 % случаев гриппа можно предотвратить прививкой.\n"
    good_example = _HEAD.format(extra="sources: [\"https://www.who.int/news-room/fact-sheets/detail/influenza-(seasonal)\"]\n") + (
        "По данным ВОЗ, прививка — самый надёжный способ защититься от гриппа.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.sources:
            return
        if post.parsed is None:
            return
        for match in claims(post.body.plain_text):
            span = self._locate(post, match.group(0))
            yield Finding(span, args={"claim": match.group(0).strip()})
            return

    @staticmethod
    def _locate(post: Post, claim: str):
        assert post.parsed is not None
        text = post.parsed.source.text
        at = text.find(claim, post.parsed.body_offset)
        return post.parsed.source.span(at, at + len(claim)) if at >= 0 else post.body_span()


class SourceOptions(RuleOptions):
    max_age_years: int = Field(default=10, gt=0, description="Sources older than this (by the year in them) are reported.")


class OldSource(PostRule):
    id = "SRC002"
    name = "old-source"
    default_severity = Severity.WARNING
    summary = T("Источник старше заданного срока", "A source older than the configured age")
    doc = T(
        "ВОЗ: «проверьте дату». Медицинские рекомендации пересматривают: клинические рекомендации Минздрава "
        "— не реже раза в три года (323-ФЗ, ст. 37). Правило берёт самый поздний год из записи `sources` "
        "(в ссылке или цитате) и сравнивает с годом публикации; порог — опция `max-age-years` (10 лет). "
        "Классические работы можно оставить, отключив правило для поста.",
        "WHO: «check the date». Medical guidance is revised: Russian clinical guidelines at least every "
        "three years (323-FZ art. 37). The rule takes the latest year in a `sources` entry (in a link or a "
        "citation) and compares it with the publication year; the threshold is the `max-age-years` option "
        "(10 years). Keep a classic paper by silencing the rule for the post.",
    )
    source = _SEED + "; 323-FZ art. 37 (guidelines revised at least every 3 years)"
    messages = {"default": T("Источнику {age} лет ({year}): найдите свежий или подтвердите актуальность",
                             "The source is {age} years old ({year}): find a recent one or confirm it still holds")}
    Options = SourceOptions
    bad_example = _HEAD.format(extra="sources: [\"Иванов И. И. Грипп у взрослых. М.: Медицина, 2004\"]\n") + "Прививка защищает от гриппа.\n"
    good_example = _HEAD.format(extra="sources: [\"Клинические рекомендации «Грипп у взрослых», Минздрав России, 2022\"]\n") + "Прививка защищает от гриппа.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or not post.meta.sources:
            return
        now = (post.meta.publish_at or ctx.today).year
        for index, entry in enumerate(post.meta.sources):
            years = [int(y) for y in _YEAR.findall(entry) if int(y) <= now]
            if years and now - max(years) > ctx.options.max_age_years:
                yield Finding(post.key_span("sources", index, key=False), args={"age": now - max(years), "year": max(years)})


class WeakSource(PostRule):
    id = "SRC003"
    name = "weak-source"
    default_severity = Severity.WARNING
    summary = T("Ненадёжный или расплывчатый источник", "An unreliable or vague source")
    doc = T(
        "Источник должен позволять проверить утверждение: ссылка на ВОЗ, Минздрав, клинические рекомендации, "
        "PubMed, Cochrane или библиографическая ссылка. «Интернет», «исследования», «учёные» — не источник; "
        "Википедия, соцсети, блоги и агрегаторы — вторичные источники. Списки — в `rules/ru/sources.toml`.",
        "A source must let the reader check the claim: WHO, the health ministry, clinical guidelines, "
        "PubMed, Cochrane or a citation. «Internet», «studies», «scientists» are not sources; Wikipedia, "
        "social networks, blogs and aggregators are secondary. The lists are in `rules/ru/sources.toml`.",
    )
    source = _SEED
    messages = {
        "weak": T("«{source}» — вторичный источник; дайте первоисточник", "'{source}' is a secondary source; cite the primary one"),
        "vague": T("«{source}» — не источник: нужна ссылка или библиографическая ссылка",
                   "'{source}' is not a source: give a link or a citation"),
        "default": T("Ненадёжный источник", "Unreliable source"),
    }
    bad_example = _HEAD.format(extra="sources: [\"ru.wikipedia.org/wiki/Грипп\"]\n") + "Прививка защищает от гриппа.\n"
    good_example = _HEAD.format(extra="sources: [\"https://www.who.int/ru/news-room/fact-sheets/detail/influenza-(seasonal)\"]\n") + "Прививка защищает от гриппа.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable:
            return
        weak, vague = _source_lists()
        for index, entry in enumerate(post.meta.sources):
            lowered = entry.strip().lower()
            span = post.key_span("sources", index, key=False)
            if any(domain in lowered for domain in weak):
                yield Finding(span, "weak", {"source": entry})
            elif lowered.rstrip(".") in vague or len(lowered) < 8:
                yield Finding(span, "vague", {"source": entry})


class ReviewOptions(RuleOptions):
    categories: list[str] = Field(
        default_factory=lambda: ["education", "case_study", "infographic"],
        description="Categories of medical advice that need a doctor's review.",
    )


class MissingMedicalReview(PostRule):
    id = "SRC004"
    name = "missing-medical-review"
    default_severity = Severity.WARNING
    summary = T("Медицинский совет без проверки врачом клиники", "Medical advice not reviewed by a staff doctor")
    doc = T(
        "Надёжнее всего, когда медицинский текст проверил врач клиники: ВОЗ советует читателю "
        "«определить автора», критерии JAMA требуют указывать авторство. Посты категорий из опции `categories` (просвещение, клинический случай, "
        "инфографика) требуют `reviewed_by` — имени врача из `clinic.staff` (в любой форме: «Смирнова О. В.» "
        "тоже подходит). Если список персонала пуст, проверяется только наличие поля.",
        "A medical text is most reliable when a staff doctor reviewed it: WHO tells readers to «identify "
        "the author», and the JAMA benchmarks ask for authorship. Posts in the `categories` "
        "option (education, case study, infographic) need `reviewed_by` naming a doctor from `clinic.staff` "
        "(any form: «Смирнова О. В.» works). With no staff list, only the field's presence is checked.",
    )
    source = _SEED
    messages = {
        "missing": T("Медицинский пост без `reviewed_by`: укажите врача, который проверил текст",
                     "Medical post without `reviewed_by`: name the doctor who checked it"),
        "not_staff": T("«{name}» нет в `clinic.staff`: проверять должен врач клиники",
                       "'{name}' is not in `clinic.staff`: a clinic doctor must review"),
        "default": T("Нет проверки врачом", "No medical review"),
    }
    Options = ReviewOptions
    bad_example = _HEAD.format(extra="") + "Прививка от гриппа защищает на один сезон.\n"
    good_example = _HEAD.format(extra="reviewed_by: Смирнова Ольга Викторовна\n") + "Прививка от гриппа защищает на один сезон.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        category = post.meta.category
        if not post.usable or category is None or category.value not in ctx.options.categories:
            return
        reviewer = post.meta.reviewed_by
        if not reviewer:
            yield Finding(post.key_span("category"), "missing")
            return
        staff = tuple(ctx.config.clinic.staff)
        if staff and not _is_staff(reviewer, staff):
            yield Finding(post.key_span("reviewed_by", key=False), "not_staff", {"name": reviewer})


def _is_staff(name: str, staff: tuple[str, ...]) -> bool:
    """Every part of ``name`` (a word in any form, or an initial) belongs to one staff member."""
    parts = re.findall(r"[^\W\d_]+", name)
    for forms, initials in staff_names(staff):
        if parts and all(
            (fold(p) in initials) if len(p) == 1 else bool(({fold(p)} | {a.lemma for a in analyse(p, "ru")}) & forms)
            for p in parts
        ):
            return True
    return False


SRC_RULES = [ClaimWithoutSource, OldSource, WeakSource, MissingMedicalReview]
