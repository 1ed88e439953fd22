"""Does a post that is not marked `ad: true` read as an ad of medical services?

Whether a text is advertising (38-FZ art. 3) is a person's call; this module only collects the
cues an ad has — service vocabulary, a provider (clinic, centre, site, phone, address), a product,
an offer (price, discount, «предлагаем», «приглашаем», «ждём вас», booking with a contact) and the
claims of the packs' `ad_cue` entries (guarantees, healing effects, comparisons, superlatives) —
and combines them so that an education post with a clinic's name or one categorical sentence is
not an ad. ADV019 reports the verdict; pack entries with `unmarked_ads = true` check such posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pydantic import Field, field_validator

from .phrase_matching import claim_entries, find_matches
from ..text.phrases import Phrase, PhraseError, TokenIndex, post_index
from ..source.post import Post
from .rule import RuleOptions
from ..text.tokens import Token, post_tokens

SERVICE_CUES = (  # services and products, not staff or visits: «врач», «приём» are in every clinic post
    "лечение", "лечить", "терапия", "диагностика", "обследование", "обследовать", "консультация",
    "процедура", "операция", "имплантация", "протезирование", "протез", "удаление", "эпиляция", "фотоэпиляция",
    "косметология", "массаж", "анализ", "узи", "мрт", "кт", "экг", "чек-ап", "вакцинация", "прививка",
    "препарат", "лекарство", "бальзам", "таблетка", "капсула", "мезотерапия", "пилинг", "омоложение",
    "реставрация", "имплант", "коронка", "винир", "отбеливание", "методика", "услуга", "реабилитация",
    "приём врач|доктор|специалист|терапевт|педиатр|стоматолог|гинеколог|невролог|кардиолог|уролог|хирург|офтальмолог",
    "ортодонтия", "брекеты", "элайнер", "физиотерапия", "гастроскопия", "колоноскопия", "маммография", "рентген",
    "флюорография", "липосакция", "ринопластика", "блефаропластика", "контурный пластика", "ботокс", "биоревитализация",
)
PROVIDER_CUES = (
    "клиника", "медицинский центр", "медцентр", "стоматология", "салон", "аптека", "ветклиника",
    "лаборатория", "центр здоровье", "поликлиника", "санаторий",
)
OFFER_CUES = (  # an offer to the reader; a bare «цена», «бесплатно» or «получите» is in education posts too
    "скидка", "акция{sing}", "промокод", "предлагать{1per}", "приглашать{1per}", "ждать{1per} вы", "ждать{3per} вы",
    "клиника|центр|медцентр|стоматология|салон|лаборатория|кабинет предлагать|приглашать{3per}", "к ваш услуга", "в наличие",
    "получить{2per} скидка|подарок|бонус|сертификат|консультация", "получить{impr} скидка|подарок|бонус|сертификат|консультация",
    "специальный{sing} предложение",
    "бесплатный консультация|приём|осмотр|диагностика|процедура", "спешить{impr}", "успеть{impr}", "выгодный",
    "купить{impr}", "заказать{impr}", "в подарок",
)
PRODUCT_CUES = (  # what a product ad names: its claims about health make it an ad, not an education post
    "препарат", "средство", "бальзам", "комплекс", "капля", "крем", "мазь", "таблетка", "капсула", "сироп", "бад",
    "гель", "спрей", "эликсир", "настойка", "добавка", "пластырь", "прибор", "аппарат",
)
BOOKING_CUES = ("записаться{impr}", "запись на", "записаться", "звонить{impr}", "позвонить{impr}")
_PRICE = re.compile(  # digits in groups of three: a free run of digits and spaces would backtrack quadratically
    r"(?=[\d-])(?:(?<!\d)\d{1,3}(?:[\s\u00a0]?\d{3})*(?:[.,]\d{1,2})?[\s\u00a0]?(?:₽|руб\b|руб\.|р\.|Р\b)|-\s?\d{1,2}\s?%)",  # the look-ahead rejects most positions at once
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?=[+\d])(?:\+7[\s(\-]*\d|(?<!\d)8\s?\(?\d{3}\)?[\s\-]?\d|(?<!\d)\d{2,3}-\d{2}-\d{2}(?!\d))")
_SITE_HINT = re.compile(r"\.(?:ru|рф|com|net|org|su|clinic)\b|www\.", re.IGNORECASE)  # a site needs one of these or «://»
_SITE = re.compile(r"https?://|www\.|(?<![@\w.-])[\w.-]{2,63}\.(?:ru|рф|com|net|org|su|clinic)\b", re.IGNORECASE)  # bounded: linear
SLOGAN_WORDS = 25
_BRAND = re.compile(r"[«\"„][A-ZА-ЯЁ][^»\"“\n]{1,30}[»\"“]")  # «Светоч», "Утрожестан"
_NAMED = re.compile(r"(?=[кцсаКЦСА])(?:клиник|центр|стоматологи|салон|аптек)\w*\s+[«\"„]", re.IGNORECASE)  # «центре «Здоровье»»
_ADDRESS = re.compile(r"(?<!\w)(?:ул\.|улиц[аеыу]\s|пр-т|проспект\w*\s|г\.\s?[А-ЯЁ]|д\.\s?\d|пл\.\s)")


class AdCueOptions(RuleOptions):
    """Which words count as cues (lemma phrases, see docs/packs.md): replace a list to tune ADV019."""

    service_cues: list[str] = Field(default_factory=lambda: list(SERVICE_CUES), description="Words of medical services and products.")
    provider_cues: list[str] = Field(default_factory=lambda: list(PROVIDER_CUES), description="Words naming a provider.")
    offer_cues: list[str] = Field(default_factory=lambda: list(OFFER_CUES), description="Words of an offer: price, discount, invitation.")
    product_cues: list[str] = Field(default_factory=lambda: list(PRODUCT_CUES), description="Words naming a product (drug, balm, device).")
    booking_cues: list[str] = Field(default_factory=lambda: list(BOOKING_CUES), description="Calls to book; an offer only with a phone, link or address.")
    dense_services: int = Field(default=3, ge=2, description="This many service words in a short text (≤ 40 words) with a provider: a price-list ad (one fewer with a named provider: «центр «…»»).")
    claims: bool = Field(default=True, description="Matches of the packs' `ad_cue` entries (guarantees, cure claims, comparisons, superlatives) count as cues.")

    @field_validator("service_cues", "provider_cues", "offer_cues", "product_cues", "booking_cues")
    @classmethod
    def _phrases_parse(cls, value: list[str]) -> list[str]:
        """A cue that cannot be parsed is a configuration error, not a crash at lint time."""
        for text in value:
            try:
                _compiled((text,))[0].items
            except PhraseError as exc:
                raise ValueError(str(exc)) from None
        return value


@dataclass(frozen=True)
class AdReading:
    """The cues found; ``sign`` is what a message quotes."""

    service: str | None = None
    provider: str | None = None
    offer: str | None = None
    product: str | None = None
    claim: str | None = None
    weak_claim: str | None = None  # a superlative: an ad cue only next to a provider or an offer
    named_provider: bool = False  # «центр «Здоровье»», or a phone, link or address
    services: int = 0
    words: int = 0
    dense: int = 3  # the option `dense-services`

    @property
    def reads_as_ad(self) -> bool:
        """An offer of something; a claim that sells or stands alone; a superlative about a provider;
        a short list of services with the provider."""
        seller = self.offer or self.product or self.named_provider
        if self.offer and (self.service or self.provider or self.product):
            return True
        # a health claim is an ad's when it sells something, or when it is all the text says (a slogan)
        if self.claim and (seller or self.words <= SLOGAN_WORDS):
            return True
        if self.weak_claim and (seller or self.provider):
            return True
        services = self.services + (1 if self.named_provider else 0)
        return bool(self.provider and services >= self.dense and self.words <= 40)

    @property
    def sign(self) -> str:
        cues = (self.offer, self.claim, self.weak_claim, self.provider, self.product, self.service, "")
        return next(s for s in cues if s is not None)


@lru_cache(maxsize=64)
def _compiled(phrases: tuple[str, ...]) -> tuple[Phrase, ...]:
    return tuple(Phrase(p, "ru", 1, True) for p in phrases)


def _first(phrases: tuple[str, ...], tokens: list[Token], index: TokenIndex, text: str) -> tuple[str | None, int]:
    """The first matched words (as written) and how many distinct phrases match."""
    found: list[tuple[int, int]] = []
    for phrase in index.viable(_compiled(phrases)):
        match = next(phrase.find(tokens, index), None)
        if match is not None:
            found.append(match)
    if not found:
        return None, 0
    first, last = min(found)
    return " ".join(text[tokens[first].start : tokens[last].end].split()), len(found)


def _claim(post: Post, tokens: list[Token], index: TokenIndex, strength: str) -> str | None:
    """The first claim of the packs' entries with `ad_cue = strength`, outside questions."""
    text = post.source.text  # type: ignore[union-attr]
    for compiled in claim_entries(strength):
        for first, last in find_matches(compiled, tokens, index):
            if not _in_question(tokens, first, text):  # «Можно ли лечить без боли?» promises nothing
                return " ".join(text[tokens[first].start : tokens[last].end].split())
    return None


def _in_question(tokens: list[Token], i: int, text: str) -> bool:
    sentence = tokens[i].sentence
    last = i
    while last + 1 < len(tokens) and tokens[last + 1].sentence == sentence:
        last += 1
    tail = text[tokens[last].end : tokens[last].end + 4].lstrip(" »\"')")
    return tail.startswith("?")


def _site(plain: str):
    """`_SITE.search`, skipped when no site can be in the text (its last branch scans every word)."""
    if "://" in plain or _SITE_HINT.search(plain):
        return _SITE.search(plain)
    return None


_option_keys: dict[int, tuple[AdCueOptions, str]] = {}


def _options_key(options: AdCueOptions) -> str:
    """The options as JSON, serialised once per options object (read_post runs once per pack rule)."""
    entry = _option_keys.get(id(options))
    if entry is None or entry[0] is not options:
        if len(_option_keys) > 64:  # a long editor session builds new options per configuration
            _option_keys.clear()
        entry = _option_keys[id(options)] = (options, options.model_dump_json())
    return entry[1]


def read_post(post: Post, options: AdCueOptions) -> AdReading:
    """The cues of an unmarked Russian post (computed once per post and options)."""
    key = ("_ad_reading", _options_key(options))
    cached = post.__dict__.get(key)
    if cached is not None:
        return cached
    reading = AdReading()
    if post.usable and post.meta.lang == "ru":
        tokens, index = post_tokens(post), post_index(post)
        text = post.source.text  # type: ignore[union-attr]
        plain = post.body.plain_text
        service, services = _first(tuple(options.service_cues), tokens, index, text)
        provider, _ = _first(tuple(options.provider_cues), tokens, index, text)
        product, _ = _first(tuple(options.product_cues), tokens, index, text)
        brand = _BRAND.search(plain)
        product = product or (brand.group(0) if brand else None)
        offer, _ = _first(tuple(options.offer_cues), tokens, index, text)
        price = _PRICE.search(plain)
        contact = _PHONE.search(plain) or _site(plain) or _ADDRESS.search(plain)
        booking, _ = _first(tuple(options.booking_cues), tokens, index, text)
        if offer is None and price:
            offer = price.group(0).strip()
        if offer is None and booking and contact:
            offer = booking
        named = bool(contact or (provider and _NAMED.search(plain)))
        if provider is None and contact:
            provider = contact.group(0).strip()
        words = sum(1 for t in tokens if t.kind == "word")
        reading = AdReading(service, provider, offer, product, None, None, named, services, words, options.dense_services)
        if options.claims and not (offer and (service or provider or product)):  # claims only when they decide
            strong = _claim(post, tokens, index, "strong")
            weak = None if strong else _claim(post, tokens, index, "weak")
            reading = replace(reading, claim=strong, weak_claim=weak)
    post.__dict__[key] = reading
    return reading
