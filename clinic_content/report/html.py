"""`clinic-content report`: one self-contained HTML file — inline CSS, JS and SVG, no
network — that opens from disk, a CI artifact or GitHub Pages.

The page's words are here in Russian and English (one language per page, the run's);
its layout and behaviour are in ``assets/report.{html,css,js}``; its data is
:func:`.report_data.build_data`, embedded as JSON (gzip + base64 when large).
"""

from __future__ import annotations

import base64
import gzip
import json
from html import escape
from importlib.metadata import version
from importlib.resources import files
from typing import Any

COMPRESS_ABOVE = 1_500_000  # bytes of JSON; a 10k-post plan is compressed, the demo is not

# every word of the page: key -> (Russian, English); a table of them is translated item by item
_WORDS: dict[str, Any] = {
    "title": ("Контент-план", "Content plan"),
    "nav": ("Разделы", "Sections"),
    "calendar": ("Календарь", "Calendar"),
    "mix": ("Баланс контента по неделям", "Content mix per week"),
    "findings": ("Замечания", "Findings"),
    "consents": ("Согласия пациентов", "Patient consents"),
    "month": ("Месяц", "Month"),
    "feed": ("Лента", "Feed"),
    "prev_month": ("Предыдущий месяц", "Previous month"),
    "next_month": ("Следующий месяц", "Next month"),
    "all": ("все", "all"),
    "legend": ("Обозначения", "Legend"),
    "rule": ("Правило", "Rule"),
    "severity": ("Важность", "Severity"),
    "platform": ("Площадка", "Platform"),
    "file": ("Файл", "File"),
    "file_placeholder": ("часть пути", "part of the path"),
    "shown": ("Показано {n} из {total}", "Showing {n} of {total}"),
    "summary": (
        "Постов: {posts}; замечаний: {findings} (ошибок: {errors}, предупреждений: {warnings}, подсказок: {infos}).",
        "{posts} posts; {findings} findings ({errors} errors, {warnings} warnings, {infos} info).",
    ),
    "burst": ("всплеск", "burst"),
    "gap": ("тишина", "silence"),
    "draft_hidden": ("(черновик)", "(draft)"),
    "worst": ("худшее замечание", "worst finding"),
    "no_findings": ("замечаний нет", "no findings"),
    "show_findings": ("показать в таблице", "show in the table"),
    "no_posts": ("Постов нет.", "No posts."),
    "no_posts_month": ("В этом месяце постов нет.", "No posts this month."),
    "mix_note": (
        "Доля рекламы по неделям; линия — порог CAL005 ({share} %, в правиле — скользящее окно {days} дн.); «!» — неделя без просветительских постов.",
        "Promo share per week; the line is CAL005's limit ({share} %, judged by the rule over a rolling {days}-day window); \"!\" marks a week without education posts.",
    ),
    "mix_note_off": ("Доля рекламы по неделям (порог CAL005 выключен).", "Promo share per week (CAL005 is off)."),
    "promo_limit": ("порог доли рекламы", "promo share limit"),
    "cat_education": ("просвещение", "education"),
    "cat_promo": ("реклама", "promo"),
    "cat_other": ("другое", "other"),
    "consents_note": (
        "Истории пациентов, чьё согласие к дате публикации истекло, отозвано или ещё не подписано.",
        "Patient stories whose consent expired, was revoked or was not yet signed by the publish date.",
    ),
    "consents_all": ("показать все истории с согласиями", "show every story with a consent"),
    "consents_none": ("Проблем с согласиями нет.", "No consent problems."),
    "c_post": ("Пост", "Post"),
    "c_published": ("Публикация", "Published"),
    "c_consent": ("Согласие", "Consent"),
    "c_valid": ("Действует", "Valid"),
    "c_state": ("На дату публикации", "On the publish date"),
    "c_timeline": ("Срок и дата поста", "Term and post date"),
    "reasons": {
        "ok": ("действует", "valid"),
        "expired": ("истекло", "expired"),
        "revoked": ("отозвано", "revoked"),
        "not_signed": ("ещё не подписано", "not signed yet"),
        "missing": ("нет в реестре", "not in the registry"),
    },
    "severities": {
        "error": ("ошибка", "error"),
        "warning": ("предупреждение", "warning"),
        "info": ("подсказка", "info"),
    },
    "statuses": {
        "draft": ("черновик", "draft"),
        "review": ("на проверке", "in review"),
        "approved": ("одобрен", "approved"),
        "scheduled": ("запланирован", "scheduled"),
        "published": ("опубликован", "published"),
        "cancelled": ("отменён", "cancelled"),
    },
    "categories": {
        "education": ("просвещение", "education"),
        "news": ("новость", "news"),
        "case_study": ("клинический случай", "case study"),
        "testimonial": ("отзыв", "testimonial"),
        "promo": ("реклама", "promo"),
        "behind_the_scenes": ("за кадром", "behind the scenes"),
        "quote": ("цитата", "quote"),
        "infographic": ("инфографика", "infographic"),
        "video": ("видео", "video"),
        "event": ("событие", "event"),
        "vacancy": ("вакансия", "vacancy"),
    },
    "months": (
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
         "ноябрь", "декабрь"],
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"],
    ),
    "weekdays": (
        ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    ),
    "noscript": ("Для отчёта нужен JavaScript.", "The report needs JavaScript."),
}
_SECTIONS = ("calendar", "mix", "findings", "consents")


def _script_json(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _words(table: dict[str, Any], english: bool) -> dict[str, Any]:
    return {key: _words(value, english) if isinstance(value, dict) else value[english] for key, value in table.items()}


def render(data: dict[str, Any], platform_names: dict[str, str], *, compress: bool | None = None) -> str:
    """The page for ``data`` (see report_data); ``compress`` None = only when large."""
    lang = data["lang"] if data["lang"] in ("ru", "en") else "en"
    strings = {**_words(_WORDS, lang == "en"), "platforms": platform_names}
    title = strings["title"] + (f" — {data['clinic']}" if data.get("clinic") else "")
    payload = _script_json(data)
    encoding = "json"
    if compress or (compress is None and len(payload.encode()) > COMPRESS_ABOVE):
        payload = base64.b64encode(gzip.compress(payload.encode(), 9, mtime=0)).decode("ascii")
        encoding = "gzip+base64"
    assets = files("clinic_content") / "assets"
    page = (assets / "report.html").read_text(encoding="utf-8")
    nav = " ".join(f'<a href="#{s}">{escape(strings[s])}</a>' for s in _SECTIONS)
    for key, value in (("lang", lang), ("version", version("clinic-content")), ("title", escape(title)),
                       ("nav_label", escape(strings["nav"])), ("nav", nav), ("noscript", escape(strings["noscript"])),
                       ("css", (assets / "report.css").read_text(encoding="utf-8")), ("encoding", encoding),
                       ("strings", _script_json(strings)), ("js", (assets / "report.js").read_text(encoding="utf-8"))):
        page = page.replace("{{" + key + "}}", value)
    return page.replace("{{data}}", payload)  # last: the data is never scanned for placeholders
