"""The first run of another day on a warm cache equals a cold run on that day: only the
rules that read ``--today`` run again, over a repository whose expiries, approval deadlines,
consent terms and source ages flip between the two days (a year's end), with suppressions
in the front-matter, in comments and for the whole file."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from .test_cache import lint_in
from .test_cache_days import count_full_lints, rejudged  # noqa: F401 (a fixture)

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo-clinic"
STATUSES = ["draft", "review", "approved", "scheduled", "published", "published"]
SENTENCES = [
    "Зимой кожа сохнет быстрее, поэтому крем лучше наносить вечером.",
    "Запишитесь к терапевту заранее: в декабре расписание плотное.",
    "Прививку от гриппа делают в процедурном кабинете на втором этаже.",
    "Пациентка пришла с болью в колене после долгих прогулок.",
    "Анализы сдают натощак, воду пить можно.",
    "Скидка на чек-ап действует до конца праздников.",
]
CONSENT = """  - id: C-000{n}
    person: P-000{n}
    scopes: [story]
    signed: 2026-10-01
    expires: {expires}{revoked}
    separate_document: true
    purpose: публикация истории
    data: [возраст]
    revocation: заявление
"""
REGISTRY = "consents:\n" + "".join(CONSENT.format(n=n, expires=expires, revoked=revoked) for n, expires, revoked in (
    (1, "2026-12-31", ""), (2, "2027-06-01", "\n    revoked: 2027-01-01"), (3, "2027-12-01", "")))


def _post(rng: random.Random, index: int) -> str:
    hours = rng.randint(-24 * 5, 24 * 6)  # around the turn of the year: deadlines land on both sides
    when = f"2027-01-01 {12 + hours % 12:02d}:00" if hours >= 0 else f"2026-12-{31 + hours // 24:02d} 10:00"
    meta = [f"title: Пост {index}", f"platforms: [{rng.choice(['vk', 'telegram', 'vk, ok'])}]",
            f"status: {rng.choice(STATUSES)}", f"account: clinic-{index % 3}"]
    if rng.random() < 0.9:
        meta.insert(1, f"publish_at: {when}")
    if rng.random() < 0.3:
        meta += ["category: promo", "ad: true", "erid: 2VtzqwP8x4a",
                 f"expires: {rng.choice(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-05'])}"]
    else:
        meta.append(f"category: {rng.choice(['education', 'news', 'case_study'])}")
    if rng.random() < 0.3:
        meta.append(f"consents: [C-000{rng.randint(1, 3)}]")
    if rng.random() < 0.3:
        meta.append(f'sources: ["Клинические рекомендации, Минздрав России, {rng.choice([2016, 2017, 2020])}"]')
    if rng.random() < 0.15:
        meta.append(f"lint:\n  ignore: [{rng.choice(['CAL011', 'CAL012', 'PRIV003', 'SRC002'])}]")
    body = [rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.15:
        body.insert(0, f"<!-- clinic-content: ignore-file {rng.choice(['CAL013', 'CAL012', 'PRIV'])} -->")
    if rng.random() < 0.15:
        body.insert(1, f"<!-- clinic-content: ignore {rng.choice(['ADV', 'LANG', 'CAL011'])} -->")
    return "---\n" + "\n".join(meta) + "\n---\n" + "\n\n".join(body) + "\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("next-day")
    (repo / "posts").mkdir()
    (repo / ".clinic-content.toml").write_text('lang = "en"\nplatforms = ["vk", "telegram", "ok"]\n', encoding="utf-8")
    (repo / "consents.yaml").write_text(REGISTRY, encoding="utf-8")
    rng = random.Random(15)
    for index in range(200):
        (repo / "posts" / f"p{index:03d}.md").write_text(_post(rng, index), encoding="utf-8")
    return repo


def _fresh(repo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".clinic-content-cache"))
    return copy


@pytest.mark.parametrize("first, second", [("2026-12-31", "2027-01-01"), ("2027-01-02", "2026-12-30")])
def test_a_next_day_run_equals_a_cold_run_on_that_day(generated: Path, tmp_path: Path, capsys, monkeypatch,
                                                      first: str, second: str) -> None:
    repo = _fresh(generated, tmp_path)
    lint_in(repo, capsys, "--today", first)  # in worker processes: they record the day rules too
    full_lints = count_full_lints(monkeypatch)
    warm = lint_in(repo, capsys, "-j", "1", "--today", second)[:2]
    assert full_lints == []  # no post linted in full: only the day rules ran again
    cold = lint_in(repo, capsys, "-j", "1", "--today", second, "--no-cache")[:2]
    assert warm == cold and cold[0] == 1
    assert lint_in(repo, capsys, "-j", "1", "--today", first, "--no-cache")[1] != cold[1]  # the day did change results
    full_lints.clear()
    assert lint_in(repo, capsys, "-j", "1", "--today", second)[:2] == cold and full_lints == []  # and warm again


def test_the_day_flips_each_kind_of_day_rule(generated: Path, tmp_path: Path, capsys) -> None:
    import json

    repo = _fresh(generated, tmp_path)

    def codes(day: str) -> set[tuple[str, int, str, str]]:
        report = json.loads(lint_in(repo, capsys, "--today", day, "--no-cache")[1])
        return {(d["path"], d["line"], d["code"], d["message"]) for d in report["diagnostics"]}

    changed = codes("2026-12-31") ^ codes("2027-01-01")
    assert {"CAL011", "CAL012", "PRIV003", "SRC002"} <= {code for _, _, code, _ in changed}


@pytest.mark.parametrize("first, second", [("2026-11-22", "2026-11-23"), ("2026-12-20", "2026-12-21")])
def test_the_demo_next_day_equals_a_cold_run(tmp_path: Path, capsys, first: str, second: str) -> None:
    repo = _fresh(DEMO, tmp_path)
    lint_in(repo, capsys, "--today", first)
    assert lint_in(repo, capsys, "--today", second)[:2] == lint_in(repo, capsys, "--today", second, "--no-cache")[:2]


def test_unused_suppressions_are_judged_on_the_run_s_day(generated: Path, tmp_path: Path, capsys) -> None:
    repo = _fresh(generated, tmp_path)
    lint_in(repo, capsys, "--today", "2026-12-31")
    args = ("--today", "2027-01-01", "--extend-select", "FM019")
    assert lint_in(repo, capsys, *args)[:2] == lint_in(repo, capsys, *args, "--no-cache")[:2]


def test_days_judged_ahead_are_swapped_in_without_reading_a_post(generated: Path, tmp_path: Path, capsys,
                                                                 rejudged: list) -> None:
    repo = _fresh(generated, tmp_path)
    lint_in(repo, capsys, "-j", "1", "--today", "2026-12-29")
    for day in ("2027-01-01", "2027-01-05"):  # within the days judged ahead: nothing is read again
        assert lint_in(repo, capsys, "-j", "1", "--today", day)[:2] == lint_in(repo, capsys, "-j", "1", "--today", day, "--no-cache")[:2]
        assert rejudged == []
    day = "2027-01-06"  # past them: the day rules' posts are loaded and judged again
    assert lint_in(repo, capsys, "-j", "1", "--today", day)[:2] == lint_in(repo, capsys, "-j", "1", "--today", day, "--no-cache")[:2]
    assert rejudged
