"""A seeded mutation fuzzer for everything a post reaches: `lint` (every format), `lint --fix`,
`calendar export`, `calendar show` and `stats`.

    python benchmarks/fuzz.py 100000            # inputs; --seed S, --batch B, --keep DIR

Seed posts (invented here) are mutated with byte flips, truncation, YAML tags and
specials, impossible dates and offsets, control/bidi/zero-width characters, huge
numbers and long paths; each batch becomes one repository that every command runs on,
in process. A run fails on a traceback, an INTERNAL finding, exit 2, or a position
outside its file. tests/test_fuzz.py runs a few thousand inputs of the same fuzzer.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = """content-roots = ["posts"]
timezone = "Europe/Moscow"
lang = "ru"
platforms = ["vk", "telegram", "ok"]
consents-file = "consents.yaml"

[clinic]
name = "Клиника «Липа»"
legal-name = "ООО «Липа»"
inn = "6671234567"
site = "https://lipa-clinic.example"
staff = ["Соколова Марина Павловна"]
contacts = ["+7 (343) 300-20-10"]

[calendar]
base-url = "https://example.org/raw"
"""
REGISTRY = """consents:
  - {id: C-1, person: P-1, scopes: [story, diagnosis, photo], signed: 2026-10-01, expires: 2027-10-01,
     separate_document: true, purpose: история, data: [диагноз], revocation: заявление}
  - {id: C-2, person: P-2, scopes: [testimonial], signed: 2026-09-01, revoked: 2026-11-01}
"""
SEEDS = (
    """---
title: Скидка 15 % на УЗИ щитовидной железы
publish_at: 2026-12-14 11:00
platforms: [vk, ok]
status: approved
ad: true
advertiser: ООО «Липа»
erid: 2VtzqxY1abc
subject: medical_service
expires: 2026-12-31
---
Реклама. ООО «Липа», ИНН 6671234567.

До конца декабря УЗИ щитовидной железы со скидкой 15 %. Запись по телефону +7 (343) 300-20-10.

Имеются противопоказания. Необходима консультация специалиста.
""",
    """---
title: История пациентки с болью в колене
publish_at: 2026-12-18 10:00
platforms: [telegram]
status: review
category: case_study
consents: [C-1]
reviewed_by: Соколова Марина Павловна
media:
  - file: media/knee.png
    alt: Снимок колена
    tags: [patient]
---
Пациентка, 54 года, обратилась к нам с болью в колене. Врач назначил <!-- уточнить --> обследование.

Через месяц боль ушла. **Не занимайтесь самолечением.**
""",
    """---
title: Как подготовиться к анализу крови
date: 2026-12-20
platforms: vk
status: scheduled
category: education
tags: [анализы, подготовка]
sources: ["https://example.org/guide"]
---
# Подготовка

- Приходите натощак, последний приём пищи — за 8–12 часов.
- Воду пить можно.

`код` и [ссылка](https://example.org) не мешают. Лучший способ — спросить врача.
""",
    """---
title: Отзыв Кравцовой Дарьи
publish_at: 2026-12-22 19:30
platforms: [vk]
status: draft
category: testimonial
consents: [C-2]
lint:
  ignore: [LANG]
---
<!-- clinic-content: ignore PRIV008 -->
Кравцова Дарья Игоревна, 1985 г. р., звоните +7 912 345–67–89, СНИЛС 123 456 789 01.
""",
)
TAGS = ("!!bool maybe", "!!timestamp x", '!!int ""', "!!float x", "!!binary \"%%\"", "&a [*a, *a]", "*missing",
        "? [a, b]\n  : c", "{[1]: 2}", "!!python/object/apply:os.system [id]", "<<: *a", "!!set {a, b}",
        "!!omap [a]", "~", "[" * 300, "'unterminated", "|-\n  block", "!<tag:x.org,2000:y> z", "!!null x",
        "!!map [1]", "!!seq {a: 1}", "{a: 1, a: 2}", "&x\n  - *x")
DATES = ("0001-01-01", "0001-01-01 00:00:00+14:00", "9999-12-31", "9999-12-31 23:59:59-23:59", "2026-02-30",
         "2026-12-01 25:61", "2026-12-01T10:00+99:00", "-2026-01-01", "99999-01-01", "2026-13-45",
         "1e400", "2026-12-01 10:00 +14:00", "2026-W49", "10:00", "2026-12-01 9:00", "0000-00-00")
CHARS = ("\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x1b]0;t\x07", "\x85", "\u2028", "\u2029", "\u202e",
         "\u2066", "\u200b", "\u200d", "\ufeff", "\r", "\r\n", "\x7f", "\x9b", "\n::warning ::x\n",
         "::stop-commands::t\n", "##[error]x", "\ud7ff", "\U0001f9d1\u200d\u2695\ufe0f")
HUGE = ("9" * 40, "1" + "0" * 400, "-" + "9" * 30, "1e309", "0x" + "f" * 40, "99999999999")
KEYS = ("publish_at", "expires", "updated", "date", "status", "platforms", "consents", "media", "title",
        "tags", "ad", "glossary", "lint", "targeting", "jurisdiction", "audience")


def mutate(rng: random.Random, text: str) -> bytes:
    """One to three random mutations of a seed post."""
    data = text
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_TEXT_MUTATIONS)(rng, data)
    raw = data.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2:
        raw = _flip_bytes(rng, raw)
    if rng.random() < 0.1:
        raw = raw[: rng.randint(0, len(raw))]
    return raw


def _insert(rng: random.Random, text: str, piece: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + piece + text[at:]


def _fm_value(rng: random.Random, text: str, value: str) -> str:
    key = rng.choice(KEYS)
    line = f"{key}: {value}\n"
    if text.startswith("---\n"):
        return "---\n" + line + text[4:] if rng.random() < 0.5 else re.sub(r"\n---\n", "\n" + line + "---\n", text, count=1)
    return line + text


def _tag(rng, text):
    return _fm_value(rng, text, rng.choice(TAGS))


def _date(rng, text):
    return _fm_value(rng, text, rng.choice(DATES))


LINE_SEPARATORS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML, not to the file
_skipped: set[str] = set()


def _char(rng, text):
    char = rng.choice(CHARS)
    if char in _skipped:
        fence = text.find("\n---", 3)
        return text[: fence + 4] + char + text[fence + 4 :] if fence > 0 else text  # into the body only
    return _insert(rng, text, char * rng.randint(1, 3))


def front_matter_positions_follow_offsets() -> bool:
    """Whether a NEL or U+2028 in the front-matter leaves later positions alone (issue 14
    item 13: PyYAML counts them as line breaks; positions must come from mark offsets)."""
    from clinic_content.source.config import Config
    from clinic_content.engine.linter import Linter

    post = '---\ntitle: "Кожа\u2028зимой\x85летом"\npublish_at: 2026-12-10 10:00\nplatforms: [vk]\nnope: 1\n---\nТекст.\n'
    report = Linter(Config(), select=["FM002"]).lint_text(post, "probe.md")
    return [(d.line, d.column) for d in report.diagnostics] == [(5, 1)]


def _huge(rng, text):
    return _fm_value(rng, text, rng.choice(HUGE)) if rng.random() < 0.6 else _insert(rng, text, rng.choice(HUGE))


def _long_path(rng, text):
    name = "папка/" * rng.randint(1, 60) + "ф" * rng.randint(100, 300) + ".png"
    return _fm_value(rng, text, f"[{{file: {name}, tags: [patient]}}]") if rng.random() < 0.5 else _insert(
        rng, text, f"![x]({name})")


def _lines(rng, text):
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    choice = rng.random()
    if choice < 0.3:
        lines.insert(i, lines[j])
    elif choice < 0.6:
        del lines[i]
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _fence(rng, text):
    return rng.choice([text.replace("\n---\n", "\n", 1), text.replace("---", "+++", 1), text.replace("---", "...", 2),
                       "\ufeff" + text, text.replace("\n", "\r\n"), text.replace("\n", "\r"), text * 2])


_TEXT_MUTATIONS = (_tag, _date, _char, _huge, _long_path, _lines, _fence, _char, _tag, _date)


def _flip_bytes(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


# -- running -----------------------------------------------------------------------


@dataclass
class Result:
    inputs: int = 0
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _lines_of(path: Path) -> list[str] | None:
    try:
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    except OSError:
        return None
    return re.split(r"\r\n|\r|\n", text)


def _call(argv: list[str], result: Result, label: str) -> tuple[int, str]:
    from clinic_content.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    result.runs += 1
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as exc:  # noqa: BLE001 - a crash is what we look for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        result.failures.append(f"{label}: {type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {exc}"[:300])
        return 2, ""
    text = out.getvalue() + err.getvalue()
    if "Traceback" in text or "internal error" in text:
        result.failures.append(f"{label}: {text.strip().splitlines()[-1][:300]}")
    return code, out.getvalue()


def _check_report(root: Path, report, result: Result, label: str) -> None:
    for d in report.diagnostics:
        if d.code == "INTERNAL":
            result.failures.append(f"{label}: INTERNAL {d.path}: {d.message[:200]}")
            continue
        path = root / d.path
        lines = _lines_of(path) if path.is_file() else None
        if lines is None:
            continue
        for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
            if line is None:
                continue
            if not 1 <= line <= len(lines) or column is not None and not 1 <= column <= len(lines[line - 1]) + 1:
                result.failures.append(f"{label}: {d.code} at {d.path}:{line}:{column} is outside the file")


LINT_FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "gitlab", "json-lines")


def run_batch(rng: random.Random, size: int, workdir: Path, result: Result, number: int = 0) -> None:
    """Write ``size`` mutated posts into a fresh repository and run every command on it: the
    report of one lint in every format, and through the CLI one lint format (in turn), `--diff`
    or `--fix` (in turn), `calendar export`, `calendar show` and `stats`."""
    from clinic_content.source.config import Config
    from clinic_content.engine.linter import Linter
    from clinic_content.report.formats import FORMATTERS

    if workdir.exists():
        shutil.rmtree(workdir)
    posts = workdir / "posts"
    posts.mkdir(parents=True)
    (workdir / ".clinic-content.toml").write_text(CONFIG, encoding="utf-8")
    (workdir / "consents.yaml").write_text(REGISTRY, encoding="utf-8")
    for i in range(size):
        name = f"p{i:04d}.md" if rng.random() < 0.9 else f"p{i:04d}-{'я' * rng.randint(50, 120)}.md"
        (posts / name).write_bytes(mutate(rng, rng.choice(SEEDS)))
    result.inputs += size
    label = f"batch of {size} in {workdir}"
    config = Config.discover(str(workdir))
    try:
        report = Linter(config, lang="ru").lint_paths([posts])
        for fmt, formatter in FORMATTERS.items():
            formatter(report, "ru", False)
    except Exception as exc:  # noqa: BLE001
        result.failures.append(f"{label}: lint API {type(exc).__name__}: {exc}"[:300])
    else:
        _check_report(workdir, report, result, label)
    cwd = Path.cwd()
    import os

    os.chdir(workdir)
    try:
        today = ["--today", "2026-11-22"]
        fmt = LINT_FORMATS[number % len(LINT_FORMATS)]
        fix = ["lint", "--diff" if number % 2 else "--fix", "--no-cache", *today]
        for argv in (["lint", "--format", fmt, "--no-cache", *today], ["calendar", "export", "-o", "plan.ics", *today],
                     ["calendar", "show"], ["stats"], fix):
            code, _ = _call(argv, result, f"{label}: {' '.join(argv)}")
            if code == 2 or argv[0] != "lint" and code != 0:
                result.failures.append(f"{label}: {' '.join(argv)} exit {code}")
        from clinic_content.calendar.export import check_ics

        if Path("plan.ics").exists():
            problems = check_ics(Path("plan.ics").read_bytes())
            if problems:
                result.failures.append(f"{label}: .ics {problems[:3]}")
    finally:
        os.chdir(cwd)


def fuzz(total: int, *, seed: int = 14, batch: int = 100, workdir: Path | None = None,
         progress: bool = False) -> Result:
    rng = random.Random(seed)
    result = Result()
    _skipped.clear()
    if not front_matter_positions_follow_offsets():
        _skipped.update(LINE_SEPARATORS)
        result.notes.append("NEL/U+2028/U+2029 inserted into bodies only: front-matter positions still follow "
                            "PyYAML's line count here (issue 14 item 13)")
    base = workdir or Path(tempfile.mkdtemp(prefix="clinic-fuzz-"))
    started = time.monotonic()
    number = 0
    while result.inputs < total:
        size = min(batch, total - result.inputs)
        run_batch(rng, size, base / f"batch-{number}", result, number)
        if not result.failures and workdir is None:
            shutil.rmtree(base / f"batch-{number}", ignore_errors=True)
        number += 1
        if progress:
            rate = result.inputs / (time.monotonic() - started)
            print(f"{result.inputs} inputs, {result.runs} runs, {len(result.failures)} failures, {rate:.0f} inputs/s",
                  file=sys.stderr)
    if workdir is None and not result.failures:
        shutil.rmtree(base, ignore_errors=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the batches here (default: a temporary folder)")
    args = parser.parse_args()
    started = time.monotonic()
    result = fuzz(args.inputs, seed=args.seed, batch=args.batch, workdir=args.keep, progress=True)
    elapsed = time.monotonic() - started
    print(f"{result.inputs} inputs, {result.runs} command runs in {elapsed:.0f} s; failures: {len(result.failures)}")
    for note in result.notes:
        print("note:", note)
    signatures = sorted({re.sub(r"batch of \d+ in \S+", "", f) for f in result.failures})
    for line in signatures[:50]:
        print(" ", line)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
