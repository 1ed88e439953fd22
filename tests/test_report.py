"""`clinic-content report`: one self-contained HTML page of the plan. The page itself is
checked in a real browser (headless Chromium, Debian package; installed by .ci/run): the
rendered DOM shows the titles, findings and month; a screenshot is taken; accessibility:
lang attribute, WCAG contrast of the status colours, keyboard-reachable filters."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clinic_content.cli.main import main

from .conftest import DEMO

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)")
PHONE = "+7 912 345-67-89"


def _report(tmp_path: Path, *args: str, root: Path = DEMO, name: str = "plan.html") -> tuple[Path, str]:
    out = tmp_path / name
    assert main(["report", str(root), "-o", str(out), "--today", "2026-11-22", *args]) == 0
    return out, out.read_text(encoding="utf-8")


def _browser(url: str, *flags: str) -> str:
    """Run headless Chromium on ``url`` and return what it prints (the DOM for --dump-dom)."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
               "--virtual-time-budget=15000", *flags, url]
    # CI's second run preloads libfaketime: the browser does not need the moved clock, and
    # Python's own subprocess timeout breaks under it (its wait loop sleeps): coreutils' does not
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_FAKE_MONOTONIC")}
    if shutil.which("timeout"):
        command = ["timeout", "180", *command]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    return done.stdout


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory) -> tuple[Path, str]:
    return _report(tmp_path_factory.mktemp("report"))


def test_page_is_self_contained(demo_report) -> None:
    _, html = demo_report
    assert not re.search(r"<(?:link|img|iframe)\b|<script[^>]*\bsrc=|@import|url\(\s*['\"]?(?:https?:)?//", html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ru">' in html
    assert html.count("<script") == 3  # strings, data, code: all inline


def _repo(root: Path, posts: dict[str, str], config: str = 'content-roots = ["posts"]\nplatforms = ["vk"]\n') -> Path:
    (root / "posts").mkdir(parents=True)
    (root / ".clinic-content.toml").write_text(config, encoding="utf-8")
    for name, text in posts.items():
        (root / "posts" / name).write_text(text, encoding="utf-8")
    return root


def _drafts_repo(tmp_path: Path) -> Path:
    return _repo(tmp_path / "repo", {
        "secret.md": "---\ntitle: Новая методика лечения мигрени\npublish_at: 2026-12-03 12:00\nplatforms: [vk]\n"
                     "status: draft\ncategory: education\n---\nЧерновик: мигрень лечат по-новому, подробности у врача.\n"
                     f"Звоните пациентке по номеру {PHONE}, она готова рассказать.\n",
        "public.md": "---\ntitle: Как пережить сезон простуд\npublish_at: 2026-12-05 12:00\nplatforms: [vk]\n"
                     f"status: approved\ncategory: education\nreviewed_by: Анна Смирнова\n---\nЕсли кашель не проходит "
                     f"неделю, звоните {PHONE} и запишитесь к терапевту.\n",
    }, 'lang = "en"\ncontent-roots = ["posts"]\nplatforms = ["vk"]\n')


def test_drafts_hidden_unless_asked_and_personal_data_masked(tmp_path: Path) -> None:
    root = _drafts_repo(tmp_path)
    _, html = _report(tmp_path, root=root)
    assert '<html lang="en">' in html and "Content plan" in html
    assert "мигрени" not in html and "мигрень" not in html  # neither the draft's title nor its text
    assert "Как пережить сезон простуд" in html
    assert "345-67" not in html and "912 345" not in html  # the phone, in the excerpt or any message
    _, shown = _report(tmp_path, "--include-drafts", root=root, name="drafts.html")
    assert "Новая методика лечения мигрени" in shown
    assert "345-67" not in shown


@needs_browser
def test_rendered_in_chromium(demo_report, tmp_path: Path) -> None:
    path, _ = demo_report
    dom = _browser(path.as_uri() + "#month=2026-12", "--dump-dom")
    assert 'data-ready="1"' in dom, dom[-2000:]
    assert "<title>Контент-план — Клиника «Берёза»</title>" in dom
    assert 'id="month"' in dom and re.search(r'<option value="2026-12"[^>]*selected|декабрь 2026', dom)
    assert "Скидка на УЗИ щитовидной железы" in dom  # a post's chip in December
    assert "Показано 36 из 36" in dom  # every finding of the demo is in the table
    assert re.search(r'href="[^"]*docs/rules\.md#adv001-[^"]*"', dom)  # the rule's doc
    assert "C-2026-017" in dom and "истекло" in dom  # the consent timeline: knee-story's expired consent
    assert "+7 (9" not in dom or "***" in dom  # PRIV007's phone only masked
    shot = tmp_path / "plan.png"
    _browser(path.as_uri() + "#month=2026-12", f"--screenshot={shot}", "--window-size=390,844")  # a phone
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


@needs_browser
def test_a_link_can_open_a_filtered_table(demo_report) -> None:
    path, _ = demo_report
    dom = _browser(path.as_uri() + "#rule=LANG001&file=gastritis", "--dump-dom")
    assert "Показано 14 из 36" in dom  # the demo's unexplained terms in one post
    assert dom.count('class="row"') == 14 and "PLAT001" not in dom.split('id="findings-rows"')[1].split('id="consents"')[0]


@needs_browser
def test_compressed_page_renders_the_same(tmp_path: Path, demo_report) -> None:
    from clinic_content.report.html import render

    path, html = demo_report
    data = re.search(r'<script type="application/json" id="plan-data" data-encoding="json">(.*?)</script>', html, re.S)
    strings = re.search(r'<script type="application/json" id="strings">(.*?)</script>', html, re.S)
    import json

    platforms = json.loads(strings.group(1).replace("<\\/", "</"))["platforms"]
    packed = tmp_path / "packed.html"
    packed.write_text(render(json.loads(data.group(1).replace("<\\/", "</")), platforms, compress=True), encoding="utf-8")
    assert 'data-encoding="gzip+base64"' in packed.read_text(encoding="utf-8")
    dom = _browser(packed.as_uri(), "--dump-dom")
    assert 'data-ready="1"' in dom and "Показано 36 из 36" in dom


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_status_colours_meet_wcag_aa(demo_report) -> None:
    _, html = demo_report
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", html))
    statuses = {k: v for k, v in colours.items() if k.startswith("st-")}
    assert set(statuses) == {f"st-{s}" for s in ("draft", "review", "approved", "scheduled", "published", "cancelled")}
    for name, background in statuses.items():
        assert _contrast(colours["text"], background) >= 4.5, name  # chip titles
        for severity in ("sev-error", "sev-warning", "sev-info"):  # the severity mark on the chip
            assert _contrast(colours[severity], background) >= 4.5, (name, severity)


@needs_browser
def test_filters_are_labelled_and_keyboard_reachable(demo_report) -> None:
    path, _ = demo_report
    dom = _browser(path.as_uri(), "--dump-dom")
    assert re.search(r'<html lang="ru"', dom)
    for control in ("filter-rule", "filter-severity", "filter-platform", "filter-file", "month", "feed"):
        tag = re.search(rf'<label>[^<]*<(select|input)\b[^>]*\bid="{control}"[^>]*>', dom)
        assert tag, f"{control}: a labelled native control"
        assert 'tabindex="-1"' not in tag.group(0) and "disabled" not in tag.group(0)
    assert re.search(r'<button type="button" class="chip', dom)  # posts open with Enter/Space too


def test_broken_posts_and_markup_in_text_never_break_the_page(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    (root / "posts").mkdir(parents=True)
    (root / ".clinic-content.toml").write_text('lang = "en"\n', encoding="utf-8")
    (root / "posts" / "binary.md").write_bytes(b"\x00\x01\x02\xff")
    (root / "posts" / "yaml.md").write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    (root / "posts" / "bare.md").write_text("No front-matter here.\n", encoding="utf-8")
    (root / "posts" / "markup.md").write_text(
        "---\ntitle: </script><!-- <b>bold</b>\npublish_at: 2026-12-01 10:00\nplatforms: [vk]\nstatus: approved\n"
        "consents: [C-404]\n---\nText </script><script>alert(1)</script>\n", encoding="utf-8")
    _, html = _report(tmp_path, root=root)
    assert html.count("</script>") == 3 and "<!-- <b>" not in html  # only the page's own scripts end
    assert '"C-404"' in html  # the consent missing from the registry is in the timeline data


def test_usage_and_config_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["report", str(DEMO)]) == 2  # -o is required
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / ".clinic-content.toml").write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "x.html")]) == 2
    assert "unknown timezone" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_page_language_is_the_configs_never_the_locale(tmp_path: Path, monkeypatch) -> None:
    root = _drafts_repo(tmp_path)
    (root / ".clinic-content.toml").write_text('content-roots = ["posts"]\nplatforms = ["vk"]\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _, html = _report(tmp_path, root=root)
    assert '<html lang="ru">' in html and "Контент-план" in html
    _, english = _report(tmp_path, "--lang", "en", root=root, name="en.html")
    assert '<html lang="en">' in english and "Content plan" in english


def test_names_found_by_morphology_are_masked_in_titles_and_excerpts(tmp_path: Path) -> None:
    root = _repo(tmp_path / "names", {"story.md": (
        "---\ntitle: История Смирновой Веры Павловны\npublish_at: 2026-12-03 12:00\nplatforms: [vk]\n"
        "status: approved\ncategory: case_study\n---\nСмирнова Вера Павловна пришла к нам с болью в колене.\n")})
    _, html = _report(tmp_path, root=root)
    assert "Смирнов" not in html and "Вера Павловна" not in html and "Веры Павловны" not in html
    assert "История" in html  # the rest of the title stays
