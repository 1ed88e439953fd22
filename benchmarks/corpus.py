"""A seeded generator of realistic Russian clinic posts, for benchmarks.

Sentences are assembled from clinic-post templates, the demo clinic's own
sentences and the medical dictionary's explanations, so the text has the
vocabulary, inflection and term density of real posts. Same seed, same text.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [
    "{Doctor} расскажет, как {verb} {topic}, и ответит на вопросы.",
    "Если вас беспокоит {symptom}, запишитесь к терапевту: он осмотрит и подскажет, что делать дальше.",
    "{Term} — это {explanation}.",
    "Врач может назначить {term_acc}, если {symptom} не проходит больше недели.",
    "В нашей клинике {service} занимает около {minutes} минут, результаты приходят в личный кабинет.",
    "До {day} декабря действует скидка {percent} % на {service}.",
    "Приходите утром натощак, возьмите паспорт и полис.",
    "{Doctor} принимает по {weekday} с {hour}:00 до {hour2}:00.",
    "Чтобы {verb} {topic}, важно высыпаться, больше двигаться и не пропускать плановые осмотры.",
    "Пациенты часто спрашивают, нужна ли подготовка к {service_dat}.",
    "Про {term_form} и {term_form2} мы рассказывали в прошлом посте, а сегодня отвечаем на ваши вопросы.",
    "{Doctor} объясняет, чем опасны {term_form} и {term_form2} и когда нужна консультация.",
]
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FILL = {
    "Doctor": ["Терапевт", "Кардиолог", "Невролог", "Дерматолог", "Педиатр", "Гинеколог", "Эндокринолог"],
    "verb": ["сохранить", "укрепить", "проверить", "поддержать", "беречь"],
    "topic": ["здоровье сердца", "иммунитет зимой", "зрение", "здоровье спины", "сон", "кожу"],
    "symptom": ["кашель", "боль в спине", "головная боль", "слабость", "изжога", "бессонница", "шум в ушах"],
    "service": ["УЗИ щитовидной железы", "чек-ап", "анализ крови", "ЭКГ", "приём терапевта", "вакцинация"],
    "service_dat": ["УЗИ", "анализу крови", "гастроскопии", "колоноскопии", "приёму эндокринолога"],
    "weekday": ["вторникам", "средам", "четвергам", "субботам"],
}


def _sentences_from_demo() -> list[str]:
    out = []
    for path in sorted((ROOT / "examples" / "demo-clinic" / "posts").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) > 3 and "|" not in s]
    return out


def _terms() -> list[tuple[str, str]]:
    data = tomllib.loads((ROOT / "rules" / "ru" / "medical_terms.toml").read_text(encoding="utf-8"))
    return [(k, v) for k, v in data["terms"].items() if " " not in k]


def _inflected(terms: list[tuple[str, str]]) -> list[str]:
    """Every term in every case and number: the variety of forms real text has."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="ru")
    forms = []
    for term, _ in terms:
        parse = morph.parse(term)[0]
        for case in CASES:
            for number in ("sing", "plur"):
                form = parse.inflect({case, number})
                if form:
                    forms.append(form.word)
    return sorted(set(forms))


def post_bodies(total_words: int, seed: int = 2026) -> list[str]:
    """Posts of 80-600 words until ``total_words`` words (as the tokenizer counts them) are generated."""
    rng = random.Random(seed)
    demo, terms = _sentences_from_demo(), _terms()
    forms = _inflected(terms)
    bodies, words = [], 0
    while words < total_words:
        target = rng.randint(80, 600)
        paragraphs, paragraph, count = [], [], 0
        while count < target:
            if rng.random() < 0.35:
                sentence = rng.choice(demo)
            else:
                term, explanation = rng.choice(terms)
                sentence = rng.choice(TEMPLATES).format(
                    Term=term.capitalize(), term_acc=term, explanation=explanation,
                    day=rng.randint(1, 31), percent=rng.choice([10, 15, 20]), minutes=rng.choice([15, 20, 30]),
                    hour=rng.randint(8, 11), hour2=rng.randint(15, 20),
                    term_form=rng.choice(forms), term_form2=rng.choice(forms),
                    **{k: rng.choice(v) for k, v in FILL.items()},
                )
            paragraph.append(sentence)
            count += len(_WORD.findall(sentence))
            if len(paragraph) >= rng.randint(2, 5):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        bodies.append("\n\n".join(paragraphs) + "\n")
        words += count
    return bodies
