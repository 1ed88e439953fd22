"""Benchmark of the Russian text layer: tokenise + lemmatise + match (phrase packs
and the medical-term dictionary), cold and warm word-form cache, analyzer load
time and peak memory. One process, one core.

    python benchmarks/text_bench.py              # 1,000,000 words
    python benchmarks/text_bench.py --words 200000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import post_bodies  # noqa: E402

LOAD = "import time; t = time.perf_counter(); import pymorphy3; pymorphy3.MorphAnalyzer(lang='ru'); print(time.perf_counter() - t)"


def analyzer_load_seconds(runs: int = 5) -> float:
    times = sorted(float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout) for _ in range(runs))
    return times[len(times) // 2]


def run(posts, rules) -> tuple[float, int]:
    """CPU seconds (not wall: the machine is shared) and words of one pass over the posts."""
    from clinic_content.ruleset.checks.phrase_rules import find_matches
    from clinic_content.text.jargon import find_terms
    from clinic_content.text.phrases import TokenIndex
    from clinic_content.text.tokens import tokenize

    start = time.process_time()
    words = matches = 0
    for post in posts:
        tokens = tokenize(post)
        index = TokenIndex(tokens)
        words += sum(1 for t in tokens if t.kind == "word")
        for rule in rules:
            matches += sum(1 for _ in find_matches(rule.compiled(), tokens, index))
        matches += len(find_terms(tokens, index=index))
    return time.process_time() - start, words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=1_000_000)
    args = parser.parse_args()

    from clinic_content.ruleset.checks.phrase_rules import pack_rules
    from clinic_content.text.jargon import dictionary
    from clinic_content.source.post import load_text
    from clinic_content.text.jargon import _classify
    from clinic_content.text.tokens import analyse_ru, analyzer, reading

    load = analyzer_load_seconds()
    bodies = post_bodies(args.words)
    posts = [load_text("---\ntitle: x\n---\n" + body, f"p{i}.md") for i, body in enumerate(bodies)]
    for post in posts:
        post.body  # Markdown parsing is not part of this benchmark
    analyzer()
    rules = pack_rules()
    for rule in rules:
        [p.items for p in rule.compiled()[0] + rule.compiled()[1]]
    dictionary()
    for cache in (analyse_ru, reading, _classify):
        cache.cache_clear()
    cold, words = run(posts, rules)
    forms = analyse_ru.cache_info().currsize
    warm = min(run(posts, rules)[0] for _ in range(3))  # the least disturbed of three passes
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"posts: {len(posts)}, words: {words:,}, distinct word forms: {forms:,}")
    print(f"analyzer load (median of 5 fresh processes): {load:.3f} s")
    print(f"cold cache: {cold:.2f} s CPU, {words / cold:,.0f} words/s")
    print(f"warm cache: {warm:.2f} s CPU, {words / warm:,.0f} words/s (best of 3)")
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
