"""Accuracy of the content rules on the development corpus of real texts (`../shared/corpus`).

Each record is linted in-process (pinned today) in three wrappings — an ordinary post, a marked
medical ad without the contraindications warning, the same ad with it (see accuracy_wrap.py) —
and the findings are mapped to the corpus labels (RULE_LABELS). Prints per label recall and
precision, false alarms per rule, and the targets of issue 13, each with and without the
borderline items. Exit code 1 when a figure falls below its floor (FLOORS), 0 otherwise, and 0
with a message when the corpus is absent.

    python benchmarks/accuracy.py [--corpus PATH] [--json] [--items] [--report-only]

It imports the `clinic_content` of the interpreter that runs it, so another checkout's venv can
measure its own code with this harness. The calendar rules (CAL) are left out: they judge the
plan (gaps, horizon, expiry dates), and one corpus text is no plan.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy_wrap import TODAY, WRAPPINGS, Item, config_table, load_items, wrap  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0, tzinfo=ZoneInfo("Europe/Moscow"))

# rule id (or family prefix) -> the corpus label its findings stand for
RULE_LABELS = {
    "ADV001": "missing_ad_warning",
    "ADV002": "guarantee",
    "ADV003": "superlative",
    "ADV010": "superlative",  # comparisons with other clinics: art. 5 part 2 item 1, labelled superlative
    "ADV006": "cure_claim",
    "ADV012": "cure_claim",
    "ADV021": "cure_claim",
    "ADV007": "testimonial",
    "ADV009": "disease_suggestion",
    "ADV022": "guarantee",  # the English (FTC) pack
    "ADV023": "superlative",
    "ADV024": "cure_claim",
    "ADV025": "testimonial",
    "ADV026": "testimonial",  # a review outside ads: category testimonial + consents
    "ADV013": "unmarked_ad",
    "ADV014": "unmarked_ad",
    "ADV015": "unmarked_ad",
    "ADV019": "unmarked_ad",
    "ADV016": "platform_ban",
    "ADV020": "supplement_warning",
    "PRIV": "patient_data",
}
ABSENCE = {"missing_ad_warning", "unmarked_ad", "supplement_warning"}  # recall only on ru_ads_fas
CLAIMS = ("superlative", "guarantee", "testimonial", "disease_suggestion", "cure_claim")
LABELS = ("missing_ad_warning", "unmarked_ad", *CLAIMS, "supplement_warning", "platform_ban", "patient_data")
NON_MEDICAL_CONTROLS = {"fas2-022", "fas2-024"}  # the corpus README: cosmetics and food, kept as controls
REVIEW_LABELS = {"testimonial", "patient_data"}

# floor = the level reached (a drop below fails); target = issue 13. "max" floors are ceilings.
FLOORS: dict[str, tuple[float, float, str]] = {
    # name: (floor, target, "min" | "max")
    "crashes": (0, 0, "max"),
    "warning_rule_recall": (1.0, 1.0, "min"),
    "warning_rule_false_alarms": (0, 0, "max"),
    "unmarked_fas_ads_warned": (0.81, 0.80, "min"),
    "looks_like_ad_on_clean_posts": (0.0, 0.05, "max"),
    "clean_posts_pass_ci": (0.90, 0.90, "min"),
    "reviews_flagged": (0.90, 0.90, "min"),
    "english_claim_false_alarms": (0, 0, "max"),
}
CLAIM_FLOORS = {  # label: (recall floor, precision floor); targets: recall 85 %, precision 80 %
    "superlative": (0.85, 1.0), "guarantee": (1.0, 1.0), "testimonial": (0.87, 1.0),
    "disease_suggestion": (1.0, 1.0), "cure_claim": (0.91, 1.0),
}
for _label, (_recall, _precision) in CLAIM_FLOORS.items():
    FLOORS[f"recall:{_label}"] = (_recall, 0.85, "min")
    FLOORS[f"precision:{_label}"] = (_precision, 0.80, "min")


def label_of(code: str) -> str | None:
    return RULE_LABELS.get(code) or next((v for k, v in RULE_LABELS.items() if code.startswith(k) and len(k) < 6), None)


def lint_all(items: list[Item]) -> dict[tuple[str, str], list]:
    """(item id, wrapping) -> its diagnostics; an exception counts as an INTERNAL diagnostic."""
    from clinic_content.core import clock
    from clinic_content.source.config import Config
    from clinic_content.core.diagnostics import Diagnostic, Severity
    from clinic_content.engine.linter import Linter

    saved, clock.now = clock.now, lambda tz=None: NOW.astimezone(tz) if tz else NOW  # no wall clock
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for item in items:
            config = Config.from_mapping(config_table(item), root=Path(tmp))
            linter = Linter(config, today=NOW, lang="en", ignore=["CAL"])
            for wrapping in WRAPPINGS:
                try:
                    report = linter.lint_text(wrap(item, wrapping), f"{item.id}.md")
                    results[item.id, wrapping] = report.diagnostics
                except Exception as exc:  # noqa: BLE001 - a crash is a measured failure, not the harness's
                    results[item.id, wrapping] = [Diagnostic(f"{item.id}.md", 1, 1, "INTERNAL",
                                                             severity=Severity.ERROR, message=repr(exc))]
    clock.now = saved
    return results


def _fails_ci(diagnostics) -> bool:
    return any(d.severity.rank >= 1 for d in diagnostics)


def _rate(hit: int, total: int) -> float | None:
    return hit / total if total else None


def score(items: list[Item], results: dict, borderline: bool) -> dict:
    """Every figure over the items (``borderline=False``: the contestable ones left out)."""
    pool = [i for i in items if borderline or not i.borderline]
    out: dict = {"labels": {}, "rules": {}}
    crashes = sum(1 for i in pool for w in WRAPPINGS for d in results[i.id, w] if d.code == "INTERNAL")
    out["crashes"] = crashes

    tp, fp, fn = Counter(), Counter(), Counter()
    fired, false_alarms = Counter(), Counter()
    for item in pool:
        diags = results[item.id, item.primary]
        found = {label_of(d.code) for d in diags} - {None}
        for label in LABELS:
            if label in item.expect and label in found:
                tp[label] += 1
            elif label in item.expect:
                fn[label] += 1
            elif label in found and not (label in ABSENCE and item.file == "ru_ads_fas"):
                fp[label] += 1
        for code in {d.code for d in diags}:
            fired[code] += 1
            label = label_of(code)
            if label in item.expect or (label in ABSENCE and item.file == "ru_ads_fas"):
                continue
            false_alarms[code] += 1
    for label in LABELS:
        out["labels"][label] = {"positives": tp[label] + fn[label], "found": tp[label], "false": fp[label],
                                "recall": _rate(tp[label], tp[label] + fn[label]),
                                "precision": _rate(tp[label], tp[label] + fp[label])}
    out["rules"] = {code: {"label": label_of(code), "fired": fired[code], "false_alarms": false_alarms[code]}
                    for code in sorted(fired)}

    ads = [i for i in pool if i.marked_as_ad]
    warned = [i for i in ads if "missing_ad_warning" in i.expect]
    out["warning_rule_recall"] = _rate(sum(any(d.code == "ADV001" for d in results[i.id, "ad"]) for i in warned), len(warned))
    out["warning_rule_false_alarms"] = sum(any(d.code == "ADV001" for d in results[i.id, "ad_warned"]) for i in ads)

    def adv_warned(item: Item) -> bool:
        return any(d.code.startswith("ADV") and d.severity.rank >= 1 for d in results[item.id, "post"])

    fas_ads = [i for i in pool if i.file == "ru_ads_fas" and i.verdict == "violation" and i.id not in NON_MEDICAL_CONTROLS]
    clinic_ads = [i for i in pool if i.file == "ru_clinic_posts" and i.marked_as_ad]
    out["unmarked_fas_ads_warned"] = _rate(sum(map(adv_warned, fas_ads)), len(fas_ads))
    out["unmarked_clinic_ads_warned"] = _rate(sum(map(adv_warned, clinic_ads)), len(clinic_ads))
    clean_ru = [i for i in pool if i.file == "ru_clinic_posts" and not i.marked_as_ad]
    out["looks_like_ad_on_clean_posts"] = _rate(
        sum(any(d.code == "ADV019" and d.severity.rank >= 1 for d in results[i.id, "post"]) for i in clean_ru), len(clean_ru))
    clean = [i for i in pool if i.file != "ru_ads_fas" and i.expect == {"none"}]
    failing = [i for i in clean if _fails_ci(results[i.id, "post"])]
    out["clean_posts_pass_ci"] = _rate(len(clean) - len(failing), len(clean))
    out["clean_posts_failing"] = {i.id: sorted({d.code for d in results[i.id, "post"] if d.severity.rank >= 1}) for i in failing}
    reviews = [i for i in pool if i.file != "ru_ads_fas" and i.expect & REVIEW_LABELS]
    out["reviews_flagged"] = _rate(sum(
        any(label_of(d.code) in REVIEW_LABELS and d.severity.rank >= 1 for d in results[i.id, i.primary])
        for i in reviews), len(reviews))
    english = {"ADV022", "ADV023", "ADV024", "ADV025"}
    out["english_claim_false_alarms"] = sum(  # the US part has no claim label: every finding is false
        any(d.code in english for d in results[i.id, "post"]) for i in pool if i.lang == "en")
    for label in CLAIMS:
        out[f"recall:{label}"] = out["labels"][label]["recall"]
        out[f"precision:{label}"] = out["labels"][label]["precision"]
    return out


def check_floors(scores: dict) -> list[str]:
    failures = []
    for name, (floor, _target, kind) in FLOORS.items():
        for subset, figures in scores.items():
            value = figures.get(name)
            if value is None:
                continue
            if (kind == "min" and value < floor - 1e-9) or (kind == "max" and value > floor + 1e-9):
                failures.append(f"{name} ({subset}): {_fmt(value)} is {'below' if kind == 'min' else 'above'} the floor {_fmt(floor)}")
    return failures


def _fmt(value) -> str:
    if value is None:
        return "—"
    return f"{value:.0%}" if isinstance(value, float) else str(value)


def render(scores: dict) -> str:
    both, strict = scores["all"], scores["non_borderline"]
    lines = ["Per label (primary wrapping: marked ad for ads, ordinary post otherwise); all items | non-borderline",
             f"{'label':<20} {'pos':>4} {'found':>5} {'false':>5} {'recall':>7} {'prec.':>6} | "
             f"{'pos':>4} {'found':>5} {'false':>5} {'recall':>7} {'prec.':>6}"]
    for label in LABELS:
        a, s = both["labels"][label], strict["labels"][label]
        lines.append(f"{label:<20} {a['positives']:>4} {a['found']:>5} {a['false']:>5} {_fmt(a['recall']):>7} "
                     f"{_fmt(a['precision']):>6} | {s['positives']:>4} {s['found']:>5} {s['false']:>5} "
                     f"{_fmt(s['recall']):>7} {_fmt(s['precision']):>6}")
    lines += ["", "Per rule: items it fired on / false alarms (all items | non-borderline)"]
    for code, r in both["rules"].items():
        s = strict["rules"].get(code, {"fired": 0, "false_alarms": 0})
        lines.append(f"{code:<8} {str(r['label'] or '-'):<20} {r['fired']:>3} / {r['false_alarms']:<3} | "
                     f"{s['fired']:>3} / {s['false_alarms']:<3}")
    lines += ["", f"{'target':<34} {'all':>6} {'non-b.':>7} {'floor':>6} {'target':>7}"]
    for name, (floor, target, kind) in FLOORS.items():
        if name.startswith(("recall:", "precision:")):
            continue
        sign = "≥" if kind == "min" else "≤"
        lines.append(f"{name:<34} {_fmt(both[name]):>6} {_fmt(strict[name]):>7} {sign}{_fmt(floor):>5} {sign}{_fmt(target):>6}")
    lines.append(f"{'unmarked_clinic_ads_warned (info)':<34} {_fmt(both['unmarked_clinic_ads_warned']):>6} "
                 f"{_fmt(strict['unmarked_clinic_ads_warned']):>7}")
    lines.append("claim labels: floors " + ", ".join(
        f"{label} R≥{_fmt(FLOORS['recall:' + label][0])} P≥{_fmt(FLOORS['precision:' + label][0])}" for label in CLAIMS)
        + " (targets R≥85%, P≥80%)")
    if both["clean_posts_failing"]:
        lines.append("clean posts failing CI: " + "; ".join(f"{k} {','.join(v)}" for k, v in both["clean_posts_failing"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the corpus (default: <repo>/../shared/corpus)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--items", action="store_true", help="also list each item's rule codes per wrapping (ids and codes only)")
    parser.add_argument("--report-only", action="store_true", help="print the figures but exit 0 even when a floor breaks (crashes still exit 1)")
    args = parser.parse_args(argv)
    if not (args.corpus / "ru_ads_fas.jsonl").is_file():
        print(f"accuracy: corpus not found at {args.corpus.resolve()}; skipped")
        return 0
    items = load_items(args.corpus)
    results = lint_all(items)
    scores = {"all": score(items, results, borderline=True), "non_borderline": score(items, results, borderline=False)}
    failures = check_floors(scores)
    if args.json:
        payload = {"scores": scores, "floors": {k: {"floor": f, "target": t, "kind": k2} for k, (f, t, k2) in FLOORS.items()},
                   "failures": failures}
        if args.items:
            payload["items"] = {f"{i}/{w}": sorted({d.code for d in diags}) for (i, w), diags in results.items()}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(render(scores))
        if args.items:
            for item in items:
                print(item.id, "B" if item.borderline else "-", ",".join(sorted(item.expect)), "|",
                      " | ".join(f"{w}: {','.join(sorted({d.code for d in results[item.id, w]}))}" for w in WRAPPINGS))
        print("\n".join(["", *(f"FLOOR BROKEN: {f}" for f in failures)]) if failures else "\nall floors hold")
    if args.report_only:
        return 1 if any(f.startswith("crashes") for f in failures) else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
