"""Benchmark of the language server: how long a change to a 600-word post takes to re-lint,
warm (the calendar entries and the morphology are loaded), in a generated repository.

Two measures: the lint session in-process (what one debounced change costs the server), and
the round trip over stdio through a real LSP client (didChange -> publishDiagnostics, with
the debounce set to 0), which adds JSON-RPC and the conversion to LSP types.

    python benchmarks/lsp_bench.py                # 1,000-post repo, 30 changes
    python benchmarks/lsp_bench.py --posts 10000 --changes 50
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import post_bodies  # noqa: E402
from make_repo import make_repo  # noqa: E402

HEAD = """---
title: Как подготовиться к чек-апу
publish_at: 2026-06-10 12:00
platforms: [vk, telegram]
account: clinic-07
status: review
category: education
reviewed_by: Петров Игорь Николаевич
author: Мария Орлова
---
"""


def six_hundred_words() -> str:
    """A body of about 600 words from the seeded corpus generator."""
    out, words = [], 0
    for body in post_bodies(6000, seed=16):
        out.append(body)
        words += len(body.split())
        if words >= 600:
            break
    text = "\n\n".join(out)
    return " ".join(text.split(" ")[:600]) + "\n"


def edits(text: str, count: int) -> list[str]:
    """Successive versions, as typing makes them: one more word each time."""
    return [text.rstrip("\n") + " " + " ".join(["здоровье"] * (i + 1)) + "\n" for i in range(count)]


def in_process(repo: Path, target: Path, versions: list[str]) -> tuple[float, list[float]]:
    from clinic_content.source.config import Config
    from clinic_content.lsp.state import LintSession

    config = Config.discover(target)
    session = LintSession(config, today=datetime(2026, 6, 1, tzinfo=config.tz))
    start = time.perf_counter()
    session.lint(target, versions[0])  # cold: loads every post's calendar entry and the morphology
    cold = time.perf_counter() - start
    times = []
    for text in versions[1:]:
        start = time.perf_counter()
        session.lint(target, text)
        times.append(time.perf_counter() - start)
    return cold, times


async def over_stdio(repo: Path, target: Path, versions: list[str]) -> list[float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "clinic_content", "server", "--today", "2026-06-01", "--debounce-ms", "0")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=repo.as_uri()))
    client.initialized(types.InitializedParams())
    uri = target.as_uri()
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=versions[0])))
    await published.get()  # the post rules' findings
    first = time.perf_counter() - start
    await published.get()  # again with the calendar rules', once the repository is read
    print(f"over stdio, didOpen: post rules' findings after {first * 1000:.0f} ms, "
          f"with the calendar after {(time.perf_counter() - start) * 1000:.0f} ms")
    times = []
    for version, text in enumerate(versions[1:], start=2):
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        while (await published.get()).uri != uri:
            pass
        times.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = make_repo(Path(folder) / "repo", args.posts)
        target = repo / "clinics" / "clinic-07" / "posts" / "draft-checkup.md"
        body = six_hundred_words()
        versions = edits(HEAD + body, args.changes + 1)
        print(f"repo: {args.posts} posts; post: {len(body.split())} words; {args.changes} changes")
        cold, warm = in_process(repo, target, versions)
        print(f"in-process: first lint (cold) {cold * 1000:.0f} ms; warm re-lint {_summary(warm)}")
        print(f"over stdio (didChange -> publishDiagnostics): {_summary(asyncio.run(over_stdio(repo, target, versions)))}")


if __name__ == "__main__":
    main()
