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

_STRINGS: dict[str, dict[str, Any]] = {
    "ru": {
        "title": "Контент-план", "nav": "Разделы", "calendar": "Календарь", "mix": "Баланс контента по неделям",
        "findings": "Замечания", "consents": "Согласия пациентов", "month": "Месяц", "feed": "Лента",
        "prev_month": "Предыдущий месяц", "next_month": "Следующий месяц", "all": "все", "legend": "Обозначения",
        "rule": "Правило", "severity": "Важность", "platform": "Площадка", "file": "Файл",
        "file_placeholder": "часть пути", "shown": "Показано {n} из {total}",
        "summary": "Постов: {posts}; замечаний: {findings} (ошибок: {errors}, предупреждений: {warnings}, подсказок: {infos}).",
        "burst": "всплеск", "gap": "тишина", "draft_hidden": "(черновик)", "worst": "худшее замечание",
        "no_findings": "замечаний нет", "show_findings": "показать в таблице", "no_posts": "Постов нет.",
        "no_posts_month": "В этом месяце постов нет.",
        "mix_note": "Доля рекламы по неделям; линия — порог CAL005 ({share} %, в правиле — скользящее окно {days} дн.); «!» — неделя без просветительских постов.",
        "mix_note_off": "Доля рекламы по неделям (порог CAL005 выключен).",
        "promo_limit": "порог доли рекламы", "cat_education": "просвещение", "cat_promo": "реклама", "cat_other": "другое",
        "consents_note": "Истории пациентов, чьё согласие к дате публикации истекло, отозвано или ещё не подписано.",
        "consents_all": "показать все истории с согласиями", "consents_none": "Проблем с согласиями нет.",
        "c_post": "Пост", "c_published": "Публикация", "c_consent": "Согласие", "c_valid": "Действует",
        "c_state": "На дату публикации", "c_timeline": "Срок и дата поста",
        "reasons": {"ok": "действует", "expired": "истекло", "revoked": "отозвано", "not_signed": "ещё не подписано",
                    "missing": "нет в реестре"},
        "severities": {"error": "ошибка", "warning": "предупреждение", "info": "подсказка"},
        "statuses": {"draft": "черновик", "review": "на проверке", "approved": "одобрен", "scheduled": "запланирован",
                     "published": "опубликован", "cancelled": "отменён"},
        "categories": {"education": "просвещение", "news": "новость", "case_study": "клинический случай",
                       "testimonial": "отзыв", "promo": "реклама", "behind_the_scenes": "за кадром", "quote": "цитата",
                       "infographic": "инфографика", "video": "видео", "event": "событие", "vacancy": "вакансия"},
        "months": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
                   "ноябрь", "декабрь"],
        "weekdays": ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        "noscript": "Для отчёта нужен JavaScript.",
    },
    "en": {
        "title": "Content plan", "nav": "Sections", "calendar": "Calendar", "mix": "Content mix per week",
        "findings": "Findings", "consents": "Patient consents", "month": "Month", "feed": "Feed",
        "prev_month": "Previous month", "next_month": "Next month", "all": "all", "legend": "Legend",
        "rule": "Rule", "severity": "Severity", "platform": "Platform", "file": "File",
        "file_placeholder": "part of the path", "shown": "Showing {n} of {total}",
        "summary": "{posts} posts; {findings} findings ({errors} errors, {warnings} warnings, {infos} info).",
        "burst": "burst", "gap": "silence", "draft_hidden": "(draft)", "worst": "worst finding",
        "no_findings": "no findings", "show_findings": "show in the table", "no_posts": "No posts.",
        "no_posts_month": "No posts this month.",
        "mix_note": "Promo share per week; the line is CAL005's limit ({share} %, judged by the rule over a rolling {days}-day window); \"!\" marks a week without education posts.",
        "mix_note_off": "Promo share per week (CAL005 is off).",
        "promo_limit": "promo share limit", "cat_education": "education", "cat_promo": "promo", "cat_other": "other",
        "consents_note": "Patient stories whose consent expired, was revoked or was not yet signed by the publish date.",
        "consents_all": "show every story with a consent", "consents_none": "No consent problems.",
        "c_post": "Post", "c_published": "Published", "c_consent": "Consent", "c_valid": "Valid",
        "c_state": "On the publish date", "c_timeline": "Term and post date",
        "reasons": {"ok": "valid", "expired": "expired", "revoked": "revoked", "not_signed": "not signed yet",
                    "missing": "not in the registry"},
        "severities": {"error": "error", "warning": "warning", "info": "info"},
        "statuses": {"draft": "draft", "review": "in review", "approved": "approved", "scheduled": "scheduled",
                     "published": "published", "cancelled": "cancelled"},
        "categories": {"education": "education", "news": "news", "case_study": "case study", "testimonial": "testimonial",
                       "promo": "promo", "behind_the_scenes": "behind the scenes", "quote": "quote",
                       "infographic": "infographic", "video": "video", "event": "event", "vacancy": "vacancy"},
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"],
        "weekdays": ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        "noscript": "The report needs JavaScript.",
    },
}
_SECTIONS = ("calendar", "mix", "findings", "consents")


def _script_json(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def render(data: dict[str, Any], platform_names: dict[str, str], *, compress: bool | None = None) -> str:
    """The page for ``data`` (see report_data); ``compress`` None = only when large."""
    lang = data["lang"] if data["lang"] in _STRINGS else "en"
    strings = {**_STRINGS[lang], "platforms": platform_names}
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
