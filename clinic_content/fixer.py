"""`lint --fix` and `--diff`: apply the safe fixes rules offer.

Only insertions the law or the clinic's config dictate (the ad warning, the
«Реклама» label with the advertiser, the Meta footnote, the supplement notice)
are offered, so a fix never changes what a post says. Edits are plain text
insertions: front-matter order and comments, the BOM and the line endings are
kept, and the file is replaced atomically.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .fileio import atomic_write
from .post import Post
from .rule import Edit

_BOM = b"\xef\xbb\xbf"


@dataclass
class FixResult:
    path: str
    before: str
    after: str
    rules: tuple[str, ...]

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}",
        ))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; insertions at one offset keep rule order; duplicates once."""
    unique = sorted(set(edits), key=lambda e: (e.start, e.end, e.rule))
    out, pos = [], 0
    for edit in unique:
        if edit.start < pos:
            continue  # overlaps an earlier edit: leave it for the next run
        out.append(text[pos : edit.start])
        out.append(edit.insert)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fix_post(post: Post, edits: list[Edit]) -> FixResult | None:
    """The post's new text with the edits applied, in the file's own line endings."""
    if not edits or post.parsed is None:
        return None
    before = post.parsed.source.text
    newline = "\r\n" if "\r\n" in before else "\n"
    converted = [Edit(e.start, e.end, e.insert.replace("\n", newline), e.rule) for e in edits]
    after = apply_edits(before, converted)
    if after == before:
        return None
    return FixResult(post.display_path, before, after, tuple(sorted({e.rule for e in edits})))


def write_fix(post: Post, result: FixResult) -> None:
    """Write the fixed text, keeping a UTF-8 BOM if the file had one."""
    path = Path(post.path)
    bom = _BOM if path.read_bytes().startswith(_BOM) else b""
    atomic_write(path, bom + result.after.encode("utf-8"))


def paragraph_at_end(post: Post, paragraph: str) -> Edit:
    """An edit appending ``paragraph`` as the last paragraph of the body."""
    assert post.parsed is not None
    text = post.parsed.source.text
    at = len(text.rstrip("\r\n"))
    if at <= post.parsed.body_offset:  # an empty body
        return Edit(post.parsed.body_offset, post.parsed.body_offset, f"{paragraph}\n")
    return Edit(at, at, f"\n\n{paragraph}")


def paragraph_at_start(post: Post, paragraph: str) -> Edit:
    """An edit inserting ``paragraph`` as the first paragraph of the body."""
    assert post.parsed is not None
    offset = post.parsed.body_offset
    return Edit(offset, offset, f"{paragraph}\n\n")
