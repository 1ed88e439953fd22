"""The .ics export: three independent parsers, our byte-level check, determinism,
stable UIDs, and that editing one post changes only its events."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from clinic_content.calendar.export import ExportOptions, build_calendar, check_ics, event_uid, fold, to_ics
from clinic_content.cli.main import main
from clinic_content.source.consents import load_registry
from clinic_content.source.post import load_text

from .conftest import REPO

DEMO = REPO / "examples" / "demo-clinic"
MSK = "Europe/Moscow"


def _post(path: str, text: str):
    from zoneinfo import ZoneInfo

    return load_text(text, path, tz=ZoneInfo(MSK))


def _events(ics: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(ics)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _blocks(ics: bytes) -> dict[str, str]:
    text = ics.decode()
    return {re.search(r"\r\nUID:([^\r]+)", b).group(1): b for b in re.findall(r"BEGIN:VEVENT.*?END:VEVENT", text, re.S)}


@pytest.fixture(scope="module")
def demo_ics(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("ics") / "plan.ics"
    cwd = os.getcwd()
    os.chdir(DEMO)
    try:
        assert main(["calendar", "export", "-o", str(out), "--today", "2026-11-22"]) == 0
    finally:
        os.chdir(cwd)
    return out.read_bytes()


def test_demo_export_passes_our_byte_check(demo_ics: bytes) -> None:
    assert check_ics(demo_ics) == []
    assert not demo_ics.startswith(b"\xef\xbb\xbf") and demo_ics.endswith(b"END:VCALENDAR\r\n")
    assert b"METHOD" not in demo_ics and b"ATTENDEE" not in demo_ics and b"ORGANIZER" not in demo_ics


def test_demo_export_round_trips_through_icalendar(demo_ics: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(demo_ics)
    assert str(calendar["X-WR-CALNAME"]) == "Клиника «Берёза» — контент-план"
    events = list(calendar.walk("VEVENT"))
    assert len({str(e["UID"]) for e in events}) == len(events) > 30
    flu = next(e for e in events if str(e["SUMMARY"]).startswith("Прививка от гриппа — кому и когда"))
    assert flu.decoded("DTSTART") == datetime(2026, 12, 1, 7, 0, tzinfo=timezone.utc)  # 10:00 Moscow
    assert str(flu["STATUS"]) == "CONFIRMED" and str(flu["TRANSP"]) == "TRANSPARENT"
    assert [str(c) for c in flu["CATEGORIES"].cats] == ["education", "ok", "telegram", "vk"]
    statuses = {str(e["SUMMARY"]).split(" (")[0]: str(e["STATUS"]) for e in events}
    assert statuses["Терапевт отвечает на вопросы о простуде"] == "TENTATIVE"  # status: review


def test_demo_export_validates_in_vobject(demo_ics: bytes) -> None:
    calendar = vobject.readOne(demo_ics.decode(), validate=True)
    assert len(calendar.vevent_list) > 30


def test_demo_export_parses_in_the_strict_ical_package(demo_ics: bytes) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(demo_ics.decode())
    assert len(calendar.events) > 30
    assert all(e.dtstamp.tzinfo is not None for e in calendar.events)


def test_same_content_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"plan-{seed}.ics"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "clinic_content", "calendar", "export", "--no-lint", "-o", str(out)],
                       cwd=DEMO, env=env, check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


POST = "---\nid: {id}\ntitle: {title}\npublish_at: {when}\nupdated: 2026-11-01 09:00\nplatforms: [vk, telegram]\nstatus: approved\ncategory: education\n---\nТекст поста {id}.\n"


def test_editing_one_post_changes_only_its_event() -> None:
    posts = [_post(f"posts/{i}.md", POST.format(id=f"p{i}", title=f"Пост {i}", when=f"2026-12-{10 + i} 10:00")) for i in range(3)]
    before = _blocks(to_ics(build_calendar(posts)))
    edited = POST.format(id="p1", title="Пост 1, новая дата", when="2026-12-20 12:00").replace("2026-11-01 09:00", "2026-11-05 10:00")
    posts[1] = _post("posts/1.md", edited)
    after = _blocks(to_ics(build_calendar(posts)))
    assert before.keys() == after.keys()
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert changed == [event_uid("p1")]
    old = _events(to_ics(build_calendar(posts)))[event_uid("p1")]
    new = int(re.search(r"SEQUENCE:(\d+)", after[event_uid("p1")]).group(1))
    assert new > int(re.search(r"SEQUENCE:(\d+)", before[event_uid("p1")]).group(1))
    assert old.decoded("DTSTART") == datetime(2026, 12, 20, 9, 0, tzinfo=timezone.utc)


def test_all_day_post_keeps_its_date() -> None:
    post = _post("posts/day.md", "---\ntitle: День борьбы с диабетом\npublish_at: 2026-11-14\nplatforms: [vk]\nstatus: approved\n---\nТекст.\n")
    ics = to_ics(build_calendar([post], tz=post.meta.publish_at.tzinfo))
    assert b"DTSTART;VALUE=DATE:20261114\r\n" in ics
    assert _events(ics)[event_uid(post.id)].decoded("DTSTART") == date(2026, 11, 14)
    vobject.readOne(ics.decode(), validate=True)


def test_drafts_get_review_events_and_alarms_expiry_gets_a_takedown() -> None:
    post = _post("posts/promo.md", "---\nid: promo\ntitle: Скидка на УЗИ\npublish_at: 2026-12-10 10:00\nexpires: 2026-12-31 23:00\n"
                 "platforms: [vk]\nstatus: draft\ncategory: promo\n---\nСкидка 20 %.\n")
    events = build_calendar([post], ExportOptions(review_hours=24))
    assert [e.kind for e in events] == ["review", "post", "takedown"]
    ics = to_ics(events)
    parsed = _events(ics)
    assert parsed[event_uid("promo", "review")].decoded("DTSTART") == datetime(2026, 12, 9, 7, 0, tzinfo=timezone.utc)
    assert re.search(rb"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:[^\r]+\r\nTRIGGER:-P1D\r\nEND:VALARM\r\nEND:VEVENT", ics)
    assert check_ics(ics) == []
    assert parsed[event_uid("promo", "takedown")].decoded("DTSTART") == datetime(2026, 12, 31, 20, 0, tzinfo=timezone.utc)
    IcsCalendarStream.calendar_from_ics(ics.decode())


def test_cancelled_and_revoked_consent_posts_are_cancelled(tmp_path: Path) -> None:
    (tmp_path / "consents.yaml").write_text(
        "consents:\n  - {id: C-1, scopes: [story], signed: 2026-10-01, revoked: 2026-11-01}\n", encoding="utf-8")
    registry = load_registry(tmp_path / "consents.yaml")
    story = _post("posts/story.md", "---\nid: story\ntitle: История\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\n"
                  "status: approved\ncategory: case_study\nconsents: [C-1]\n---\nПациентка обратилась к нам.\n")
    cancelled = _post("posts/old.md", "---\nid: old\ntitle: Старое\npublish_at: 2026-12-11 10:00\nplatforms: [vk]\nstatus: cancelled\n---\nТекст.\n")
    events = {e.uid: e for e in build_calendar([story, cancelled], consents=registry)}
    assert events[event_uid("story")].status == "CANCELLED" and events[event_uid("story")].summary.startswith("Отменён")
    assert events[event_uid("old")].status == "CANCELLED"


def test_split_by_platform_gives_one_stable_uid_per_platform() -> None:
    post = _post("posts/p.md", POST.format(id="p", title="Пост", when="2026-12-10 10:00"))
    events = build_calendar([post], ExportOptions(split_by_platform=True))
    assert {e.uid for e in events} == {event_uid("p", "vk"), event_uid("p", "telegram")}
    only_vk = build_calendar([post], ExportOptions(platforms=["vk"]))
    assert [e.categories for e in only_vk] == [("education", "vk")]


def test_duplicate_ids_still_get_distinct_uids() -> None:
    a = _post("posts/a.md", POST.format(id="same", title="A", when="2026-12-10 10:00"))
    b = _post("posts/b.md", POST.format(id="same", title="B", when="2026-12-11 10:00"))
    assert len({e.uid for e in build_calendar([a, b])}) == 2


def test_personal_data_never_reaches_the_calendar() -> None:
    post = _post("posts/reply.md", "---\ntitle: Ответ\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nstatus: approved\n---\n"
                 "Перезвоните на +7 (912) 345-67-12 или напишите anna.petrova@mail.ru.\n")
    ics = to_ics(build_calendar([post])).decode()
    unfolded = ics.replace("\r\n ", "")
    assert "345-67-12" not in unfolded and "anna.petrova" not in unfolded and "***" in unfolded


def test_fold_never_splits_a_character_and_the_check_catches_bad_files() -> None:
    line = "DESCRIPTION:" + "Длинный текст про прививку от гриппа; " * 10
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    good = to_ics(build_calendar([_post("posts/p.md", POST.format(id="p", title="Пост", when="2026-12-10 10:00"))]))
    assert check_ics(good) == []
    assert "bare LF" in check_ics(good.replace(b"\r\n", b"\n"))
    assert any("octets" in p for p in check_ics(good.replace(b"\r\n ", b"")))
    assert "last line does not end with CRLF" in check_ics(good.rstrip())
    assert "duplicate UIDs" in check_ics(good.replace(b"END:VCALENDAR\r\n", _blocks(good)[event_uid("p")].encode() + b"\r\nEND:VCALENDAR\r\n"))


def test_calendar_show_prints_a_month(capsys) -> None:
    cwd = os.getcwd()
    os.chdir(DEMO)
    try:
        assert main(["calendar", "show", "--month", "2026-12"]) == 0
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["2026-12", "dzen", "ok", "telegram", "vk"]
    assert "01 вт" in out and "Прививка от гриппа — кому и когда" in out
    assert "Постов в месяце: 14" in out
