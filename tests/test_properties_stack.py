"""Hypothesis across the stack: determinism, suppressions only remove findings, --fix
only adds text, and the .ics export round-trips for arbitrary calendars."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_content.calendar.export import ExportOptions, build_calendar, check_ics, event_uid, to_ics
from clinic_content.source.config import Config
from clinic_content.engine.linter import Linter
from clinic_content.source.post import load_text

from .conftest import TODAY

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SENTENCES = st.sampled_from([
    "Гарантируем результат без боли!", "Лучшие врачи города ждут вас.", "Звоните +7 912 345-67-12.",
    "Пациентка обратилась к нам с болью в колене.", "Скидка 20 % на УЗИ.", "По данным исследований, 80 % случаев.",
    "Гастродуоденит лечится.", "Подписывайтесь на наш Instagram.", "Вы страдаете от боли в спине?", "",
])
FRONT = st.fixed_dictionaries({
    "ad": st.booleans(), "category": st.sampled_from(["education", "promo", "case_study", "news"]),
    "platforms": st.sampled_from(["[vk]", "[instagram, vk]", "[telegram]", "[youtube]"]),
})


def _post(front: dict, sentences: list[str]) -> str:
    return (f"---\ntitle: Пост\npublish_at: 2026-12-10 10:00\nplatforms: {front['platforms']}\nstatus: approved\n"
            f"category: {front['category']}\nad: {str(front['ad']).lower()}\n---\n" + "\n\n".join(sentences) + "\n")


@SETTINGS
@given(front=FRONT, sentences=st.lists(SENTENCES, max_size=6))
def test_lint_is_deterministic_and_sorted(tmp_path: Path, front, sentences) -> None:
    linter = Linter(Config(root=tmp_path), today=TODAY)
    text = _post(front, sentences)
    first = linter.lint_text(text, "a.md").diagnostics
    second = Linter(Config(root=tmp_path), today=TODAY).lint_text(text, "a.md").diagnostics
    assert [d.to_dict() for d in first] == [d.to_dict() for d in second]
    assert first == sorted(first, key=lambda d: (d.path, d.line, d.column, d.code))


@SETTINGS
@given(front=FRONT, sentences=st.lists(SENTENCES, min_size=1, max_size=6), codes=st.lists(st.sampled_from(["ADV", "PRIV007", "LANG", "SRC001", ""]), max_size=2))
def test_suppressions_only_remove_findings(tmp_path: Path, front, sentences, codes) -> None:
    linter = Linter(Config(root=tmp_path), today=TODAY)
    plain = _post(front, sentences)
    comment = f"<!-- clinic-content: ignore {' '.join(c for c in codes if c)} -->\n"
    body_at = plain.index("---\n", 4) + 4
    suppressed = plain[:body_at] + comment + plain[body_at:]
    before = {(d.code, d.message) for d in linter.lint_text(plain, "a.md").diagnostics}
    after = {(d.code, d.message) for d in linter.lint_text(suppressed, "a.md").diagnostics}
    assert after <= before


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(line == other for other in it) for line in short)


@SETTINGS
@given(front=FRONT, sentences=st.lists(SENTENCES, max_size=6))
def test_fix_never_removes_text_it_did_not_add(tmp_path: Path, front, sentences) -> None:
    (tmp_path / "posts").mkdir(exist_ok=True)
    post = tmp_path / "posts" / "p.md"
    original = _post({**front, "ad": True}, sentences)
    post.write_text(original, encoding="utf-8")
    config = Config(root=tmp_path, clinic={"legal-name": "ООО «Клиника»"})
    Linter(config, today=TODAY).fix_paths([post])
    fixed = post.read_text(encoding="utf-8")
    assert _is_subsequence(original.splitlines(), fixed.splitlines())
    assert len(fixed) >= len(original)


ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc", "posix", "right", "SystemV")))
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from([datetime(2028, 2, 29, 12, 0), datetime(2026, 3, 29, 2, 30), datetime(2026, 10, 25, 2, 30),
                     datetime(2026, 3, 8, 2, 30), datetime(2026, 11, 1, 1, 30)]),  # leap day, DST gaps and folds
)


@settings(max_examples=60, deadline=None)
@given(titles=st.lists(st.text(min_size=1, max_size=60).filter(lambda t: t.strip()), min_size=1, max_size=5),
       zone=st.sampled_from(ZONES), moments=st.lists(MOMENTS, min_size=5, max_size=5), all_day=st.booleans())
def test_ics_round_trips_for_arbitrary_calendars(titles, zone, moments, all_day) -> None:
    tz = ZoneInfo(zone)
    posts = []
    for i, (title, moment) in enumerate(zip(titles, moments)):
        when = moment.strftime("%Y-%m-%d") if all_day else moment.strftime("%Y-%m-%d %H:%M")
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        quoted = "".join(ch if ch.isprintable() or ch == " " else " " for ch in quoted)
        post = load_text(f'---\nid: p{i}\ntitle: "{quoted}"\npublish_at: {when}\nplatforms: [vk]\nstatus: approved\n---\nТекст.\n',
                         f"posts/p{i}.md", tz=tz)
        assert post.usable, post.problems
        posts.append(post)
    data = to_ics(build_calendar(posts, ExportOptions(), tz=tz))
    assert check_ics(data) == []
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    for i, post in enumerate(posts):
        event = events[event_uid(f"p{i}")]
        assert str(event["SUMMARY"]) == f"{post.meta.title} (vk)"
        start = event.decoded("DTSTART")
        if all_day:
            assert start == post.meta.publish_at.date()
        else:
            assert start == post.meta.publish_at.astimezone(tz).replace(second=0, microsecond=0) or \
                abs(start - post.meta.publish_at) < timedelta(seconds=1)
