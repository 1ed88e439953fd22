"""LANG001–003: medical terms a patient may not know — unexplained, too dense, possibly a term."""

from __future__ import annotations

import re
from bisect import bisect_left

from typing import Iterator, Literal

from pydantic import Field

from ...core.diagnostics import Finding, Severity
from ...text.jargon import TermHit, find_terms, glossary_keys, is_explained
from ...source.post import Post
from ..rule import Context, PostRule, RuleOptions, T
from ...text.tokens import Token, post_tokens
from ...text.vocabulary import Vocabulary, name_token_indexes, not_a_term, vocabulary

_SOURCE_SEED = ("WHO Strategic Communications Framework, principle «Understandable»: use plain language (https://www.who.int/about/communications/principles); "
                "CDC Clear Communication Index (https://www.cdc.gov/ccindex/)")


# «…», "…", „…“ opening with a capital: the title of a course, a book, a programme — a name,
# not words addressed to the patient («курс «Успешная эндодонтическая практика»»)
_QUOTED_TITLE = re.compile(r"[«\"„“](?=[A-ZА-ЯЁ])(?:(?!\n\s*\n)[^«»\"„“”]){3,200}[»\"“”]")


def post_terms(post: Post) -> list[TermHit]:
    """Term hits of the post, minus those inside quoted titles; cached per post."""
    cached = post.__dict__.get("_terms")
    if cached is None:
        from ...text.phrases import post_index

        tokens = post_tokens(post)
        hits = find_terms(tokens, likely=post.meta.lang == "ru", index=post_index(post))
        text = post.source.text if post.source else ""
        titles = [m.span() for m in _QUOTED_TITLE.finditer(text)]
        cached = [h for h in hits if not any(a < tokens[h.first].start < b for a, b in titles)]
        post.__dict__["_terms"] = cached
    return cached


def unexplained_terms(post: Post, vocab: Vocabulary = Vocabulary()) -> list[TermHit]:
    """Dictionary terms whose first use is not explained (one hit per term); the repo-wide
    vocabulary's glossary counts as explained, its accepted words are no terms."""
    tokens = post_tokens(post)
    glossary = glossary_keys(post.meta.glossary) | vocab.glossary_keys
    text = post.source.text if post.source else ""
    firsts: dict[str, TermHit] = {}
    for hit in post_terms(post):
        if not hit.likely and not vocab.accepts(hit, tokens):
            firsts.setdefault(hit.term, hit)
    return [
        h for h in firsts.values()
        if not is_explained(text, tokens[h.first].start, tokens[h.last].end, glossary, h)
    ]


def _span(post: Post, tokens: list[Token], first: int, last: int):
    return post.source.span(tokens[first].start, tokens[last].end)  # type: ignore[union-attr]


def _paragraphs(post: Post, tokens: list[Token]) -> list[tuple[int, list[Token]]]:
    """(first line, tokens) of each top-level paragraph."""
    starts = [t.start for t in tokens]
    out = []
    for block in post.body.blocks:
        if block.kind != "paragraph":
            continue
        lo = post.source.line_starts[block.first_line - 1]  # type: ignore[union-attr]
        hi_line = block.last_line
        hi = post.source.line_starts[hi_line] if hi_line < post.source.line_count else len(post.source.text)  # type: ignore[union-attr]
        out.append((block.first_line, tokens[bisect_left(starts, lo) : bisect_left(starts, hi)]))
    return out


class UnexplainedTerm(PostRule):
    id = "LANG001"
    name = "unexplained-term"
    default_severity = Severity.WARNING
    summary = T("Медицинский термин без пояснения", "Medical term without an explanation")
    doc = T(
        "Пациент должен понимать пост без словаря: каждый специальный термин поясняется рядом с первым "
        "упоминанием — «X — это …», «X (…)», «X, то есть …», «X, или …», сноской «X[^1]» / «X*», либо "
        "в поле `glossary` front-matter (если термин объяснён на карточке или в видео). Словарь — "
        "`rules/ru/medical_terms.toml` (более 650 терминов с пояснениями); предлагаемое исправление берётся "
        "из него. Каждый термин отмечается один раз, в первом упоминании.",
        "A patient must understand the post without a dictionary: every special term is explained next to "
        "its first use — «X — это …», «X (…)», «X, то есть …», «X, или …», a footnote «X[^1]» / «X*», or "
        "the front-matter `glossary` (for a term explained on a card or in a video). The dictionary is "
        "`rules/ru/medical_terms.toml` (over 650 terms with explanations); the suggested fix comes from it. "
        "Each term is reported once, at its first use.",
    )
    source = _SOURCE_SEED + "; Federal Plain Language Guidelines (https://www.plainlanguage.gov/guidelines/)"
    messages = {
        "default": T("«{word}» — термин без пояснения; например: «{term} — это {explanation}»",
                     "'{word}' is a term without an explanation; e.g. «{term} — это {explanation}»"),
    }
    bad_example = "---\ntitle: Боль в пояснице\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nУ многих офисных сотрудников находят спондилоартроз.\n"
    good_example = bad_example.replace("спондилоартроз.", "спондилоартроз — это износ мелких суставов позвоночника.")

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.lang != "ru":
            return
        tokens = post_tokens(post)
        text = post.source.text  # type: ignore[union-attr]
        for hit in unexplained_terms(post, vocabulary(ctx.config)):
            start, end = tokens[hit.first].start, tokens[hit.last].end
            yield Finding(
                _span(post, tokens, hit.first, hit.last),
                args={"word": " ".join(text[start:end].split()), "term": hit.term, "explanation": hit.explanation},
            )


class DensityOptions(RuleOptions):
    max_per_100_words: float = Field(default=3.0, gt=0, description="Post limit for patients (terms per 100 words).")
    max_per_100_words_professionals: float = Field(default=8.0, gt=0, description="Post limit for professionals.")
    paragraph_max_per_100_words: float = Field(default=8.0, gt=0, description="Paragraph limit for patients.")
    paragraph_max_per_100_words_professionals: float = Field(default=16.0, gt=0, description="Paragraph limit for professionals.")
    min_words: int = Field(default=40, ge=1, description="Posts shorter than this are not measured.")
    paragraph_min_words: int = Field(default=20, ge=1, description="Paragraphs shorter than this are not measured.")
    professional_platforms: list[str] = Field(default_factory=lambda: ["linkedin"], description="Platforms whose audience is professionals.")


def audience(post: Post, professional_platforms: list[str]) -> Literal["patients", "professionals"]:
    if post.meta.audience:
        return post.meta.audience
    platforms = post.meta.platforms
    return "professionals" if platforms and all(p in professional_platforms for p in platforms) else "patients"


class JargonDensity(PostRule):
    id = "LANG002"
    name = "jargon-density"
    default_severity = Severity.WARNING
    summary = T("Слишком много медицинских терминов", "Too many medical terms")
    doc = T(
        "Плотность жаргона — число словарных терминов на 100 слов, во всём посте и в каждом абзаце. Даже "
        "пояснённые термины утяжеляют текст. Пороги зависят от аудитории: для пациентов (по умолчанию) — "
        "3 на 100 слов в посте и 8 в абзаце; для профессионалов (`audience: professionals` или пост только "
        "для площадок из `professional-platforms`, по умолчанию LinkedIn) — 8 и 16. Короткие посты (меньше "
        "40 слов) и абзацы (меньше 20 слов) не оцениваются. Все пороги — опции правила.",
        "Jargon density is dictionary terms per 100 words, for the post and for each paragraph. Even "
        "explained terms make a text heavy. Thresholds depend on the audience: patients (default) 3 per 100 "
        "words per post and 8 per paragraph; professionals (`audience: professionals`, or a post only for "
        "platforms in `professional-platforms`, LinkedIn by default) 8 and 16. Posts under 40 words and "
        "paragraphs under 20 words are not measured. Every threshold is an option.",
    )
    source = _SOURCE_SEED
    messages = {
        "post": T("Плотность терминов {density} на 100 слов (порог {limit} для аудитории «{audience}»): {terms}",
                  "Term density {density} per 100 words (limit {limit} for {audience}): {terms}"),
        "paragraph": T("В абзаце {density} терминов на 100 слов (порог {limit}): {terms}",
                       "Paragraph has {density} terms per 100 words (limit {limit}): {terms}"),
        "default": T("Слишком много терминов", "Too many terms"),
    }
    Options = DensityOptions
    bad_example = (
        "---\ntitle: Гастрит\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\n"
        "При гастродуодените и рефлюксе возможны диспепсия и метеоризм. Этиология связана с хеликобактером, "
        "патогенез включает воспаление слизистой. Проводим эзофагогастродуоденоскопию, биопсию и "
        "гистологию, оцениваем моторику и назначаем фармакотерапию с учётом коморбидности пациента и его "
        "анамнеза в кратчайшие сроки.\n"
    )
    good_example = (
        "---\ntitle: Гастрит\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\n"
        "Если после еды бывает тяжесть, вздутие или изжога, стоит показаться гастроэнтерологу. Врач расспросит "
        "о питании и самочувствии, осмотрит и при необходимости направит на гастроскопию — осмотр желудка "
        "тонкой трубкой с камерой. По результатам он подберёт лечение и расскажет, как питаться, чтобы "
        "жалобы не возвращались.\n"
    )

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.lang != "ru":
            return
        o: DensityOptions = ctx.options
        tokens = post_tokens(post)
        vocab = vocabulary(ctx.config)
        hits = [h for h in post_terms(post) if not h.likely and not vocab.accepts(h, tokens)]
        who = audience(post, o.professional_platforms)
        pro = who == "professionals"
        words = sum(1 for t in tokens if t.kind == "word")
        limit = o.max_per_100_words_professionals if pro else o.max_per_100_words
        if words >= o.min_words and hits:
            density = 100 * len(hits) / words
            if density > limit:
                yield Finding(post.body_span(), "post", self._args(density, limit, who, hits, ctx.lang))
        paragraph_limit = o.paragraph_max_per_100_words_professionals if pro else o.paragraph_max_per_100_words
        for first_line, para in _paragraphs(post, tokens):
            para_words = sum(1 for t in para if t.kind == "word")
            if para_words < o.paragraph_min_words:
                continue
            starts = {t.start for t in para}
            para_hits = [h for h in hits if tokens[h.first].start in starts]
            density = 100 * len(para_hits) / para_words
            if density > paragraph_limit:
                span = post.source.span(para[0].start, para[0].end)  # type: ignore[union-attr]
                yield Finding(span, "paragraph", self._args(density, paragraph_limit, who, para_hits, ctx.lang))

    @staticmethod
    def _args(density: float, limit: float, who: str, hits: list[TermHit], lang: str) -> dict[str, str]:
        names = sorted({h.term for h in hits})
        listed = ", ".join(names[:6]) + ("…" if len(names) > 6 else "")
        labels = {"patients": ("пациенты", "patients"), "professionals": ("профессионалы", "professionals")}[who]
        return {"density": f"{density:.1f}", "limit": f"{limit:g}", "audience": labels[0 if lang == "ru" else 1], "terms": listed}


class PossibleTerm(PostRule):
    id = "LANG003"
    name = "possible-term"
    default_severity = Severity.INFO
    summary = T("Похоже на медицинский термин не из словаря", "Looks like a medical term not in the dictionary")
    doc = T(
        "Слово не из словаря терминов, но построено из греко-латинских медицинских морфем (-ит, -оз, -ома, "
        "-эктомия, -скопия, -графия, -пластика, -патия, -алгия, -емия, гипер-, гипо-, эндо-, …) или "
        "неизвестно словарю pymorphy3. Уверенность ниже, поэтому это подсказка: если слово — термин, "
        "поясните его; если обычное слово — игнорируйте или добавьте в `[vocabulary] accept` конфигурации. "
        "Не отмечаются: имена людей, хештеги, названия и бренды (с заглавной буквы внутри предложения, "
        "«РуДента», короткие аббревиатуры), составные слова из известных частей («врача-гинеколога»), "
        "слова, уже пояснённые в тексте или в глоссарии.",
        "The word is not in the term dictionary but is built from Greek/Latin medical morphemes (-itis, "
        "-osis, -oma, -ectomy, -scopy, -graphy, -plasty, -pathy, -algia, -emia, hyper-, hypo-, endo-, …) or "
        "is unknown to pymorphy3's dictionary. Confidence is lower, so this is a hint: if it is a term, "
        "explain it; if not, ignore it or add it to the config's `[vocabulary] accept`. Not reported: "
        "people's names, hashtags, names and brands (capitalised inside a sentence, «РуДента», short "
        "abbreviations), compounds of known words («врача-гинеколога»), and words already explained in the "
        "text or the glossary.",
    )
    source = _SOURCE_SEED
    messages = {"default": T("«{word}» — возможно, медицинский термин; если так, поясните его",
                             "'{word}' may be a medical term; if so, explain it")}
    bad_example = (
        "---\ntitle: Лечение\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\n"
        "Проводим лечение эпикондилопатии и миофасциального синдрома.\n"
    )
    good_example = "---\ntitle: Лечение\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\n---\nЛечим боль в локте и в спине.\n"

    def check(self, post: Post, ctx: Context) -> Iterator[Finding]:
        if not post.usable or post.meta.lang != "ru":
            return
        tokens = post_tokens(post)
        text = post.source.text  # type: ignore[union-attr]
        vocab = vocabulary(ctx.config)
        glossary = glossary_keys(post.meta.glossary) | vocab.glossary_keys
        names = name_token_indexes(tokens, text)
        seen: set[str] = set()
        for hit in post_terms(post):
            if not hit.likely or hit.term in seen:
                continue
            seen.add(hit.term)
            if (vocab.accepts(hit, tokens) or not_a_term(tokens, hit.first, text, names)
                    or is_explained(text, tokens[hit.first].start, tokens[hit.last].end, glossary, hit)):
                continue
            yield Finding(_span(post, tokens, hit.first, hit.last), args={"word": tokens[hit.first].text})
