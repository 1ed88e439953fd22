"""`lint --fix` and `--diff`: apply the safe fixes rules offer.

Only insertions the law or the clinic's config dictate (the ad warning, the
«Реклама» label with the advertiser, the Meta footnote, the supplement notice)
are offered, so a fix never changes what a post says. Edits are plain text
insertions: front-matter order and comments, the BOM and the line endings are
kept, and the file is replaced atomically (fileio.rewrite: never when it changed since
it was read, is read-only or a symlink; hard links and mode kept). A fix is written only
if it converges — fixing the result again would change nothing — so ``--fix`` is
idempotent on any input; nothing is inserted into an unclosed comment or code block.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.fileio import NotWritten, rewrite
from ..source.post import Post
from .rule import Edit

_BOM = b"\xef\xbb\xbf"


@dataclass
class FixResult:
    path: str
    before: str
    after: str
    rules: tuple[str, ...]
    refused: str = ""  # why the file was not written (NotWritten.reason, or "unstable")
    detail: str = ""

    def diff(self) -> str:
        """A unified diff that ``patch -p1`` and ``git apply`` accept: lines split at LF only,
        and the "No newline at end of file" marker where the file has none."""
        out = []
        for line in difflib.unified_diff(_patch_lines(self.before), _patch_lines(self.after),
                                         fromfile=f"a/{self.path}", tofile=f"b/{self.path}"):
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def _patch_lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


_REASONS = {
    "changed": ("файл изменился после чтения (сохранён в редакторе?); запустите --fix ещё раз",
                "the file changed since it was read (saved in an editor?); run --fix again"),
    "read_only": ("файл только для чтения", "the file is read-only"),
    "symlink": ("это символическая ссылка", "it is a symlink"),
    "not_regular": ("это не обычный файл", "it is not a regular file"),
    "unstable": ("исправление не сходится (вставка попала бы в комментарий или код): исправьте вручную",
                 "the fix does not converge (the insertion would land in a comment or code): fix it by hand"),
    "error": ("не удалось записать: {detail}", "could not write: {detail}"),
}


def refusal_message(result: FixResult, lang: str) -> str:
    """One stderr line: the file was not fixed, and why."""
    ru, en = _REASONS.get(result.refused, _REASONS["error"])
    why = (ru if lang == "ru" else en).format(detail=result.detail or result.refused)
    return f"clinic-content: {'не исправлен' if lang == 'ru' else 'not fixed'} {result.path}: {why}"


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
    newline = _dominant_newline(before)
    converted = [Edit(e.start, e.end, e.insert.replace("\n", newline), e.rule) for e in edits]
    after = apply_edits(before, converted)
    if after == before:
        return None
    return FixResult(post.display_path, before, after, tuple(sorted({e.rule for e in edits})))


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lone_cr, lone_lf = text.count("\r") - crlf, text.count("\n") - crlf
    return max((crlf, "\r\n"), (lone_cr, "\r"), (lone_lf + 1, "\n"))[1]


def write_fix(post: Post, result: FixResult, bom: bool) -> None:
    """Write the fixed text (with the BOM if the file had one) unless the file changed
    since it was read or cannot be replaced safely: then ``result.refused`` says why."""
    prefix = _BOM if bom else b""
    try:
        rewrite(Path(post.path), prefix + result.after.encode("utf-8"), prefix + result.before.encode("utf-8"))
    except NotWritten as not_written:
        result.refused, result.detail = not_written.reason, not_written.detail


def had_bom(post: Post) -> bool:
    return bool(post.parsed and post.parsed.had_bom)


def converges(result: FixResult, edits_again: list[Edit], post_again: Post) -> bool:
    """Whether the fixed text is a fixed point: the same rules offer no further change."""
    return fix_post(post_again, edits_again) is None


def paragraph_at_end(post: Post, paragraph: str) -> Edit | None:
    """An edit appending ``paragraph`` as the last paragraph of the body; None when the body
    ends inside an unclosed HTML comment or code block (the text would vanish into it)."""
    assert post.parsed is not None
    text = post.parsed.source.text
    if ends_open(post):
        return None
    at = len(text.rstrip("\r\n"))
    if at <= post.parsed.body_offset:  # an empty body
        return Edit(post.parsed.body_offset, post.parsed.body_offset, f"{paragraph}\n")
    return Edit(at, at, f"\n\n{paragraph}")


def paragraph_at_start(post: Post, paragraph: str) -> Edit:
    """An edit inserting ``paragraph`` as the first paragraph of the body."""
    assert post.parsed is not None
    offset = post.parsed.body_offset
    return Edit(offset, offset, f"{paragraph}\n\n")


_HTML_OPENERS = (  # CommonMark HTML blocks 1-5 run to their end marker, not to a blank line
    (re.compile(r"<(?:script|pre|style|textarea)\b", re.I), re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def ends_open(post: Post) -> bool:
    """Whether the body's last block is an HTML block or fenced code that is never closed."""
    assert post.parsed is not None and post.body is not None
    blocks = [b for b in post.body.blocks]
    if not blocks:
        return False
    last = max(blocks, key=lambda b: (b.last_line, b.first_line))
    source = post.parsed.source
    lines = [source.line(n) for n in range(last.first_line, last.last_line + 1)]
    if last.kind == "fence":
        opener = _FENCE.match(lines[0])
        closer = _FENCE.match(lines[-1]) if len(lines) > 1 else None
        return not (opener and closer and closer.group(1)[0] == opener.group(1)[0]
                    and len(closer.group(1)) >= len(opener.group(1)) and not lines[-1][closer.end():].strip())
    if last.kind == "html_block":
        block = "\n".join(lines)
        for start, end in _HTML_OPENERS:
            opened = start.match(block.lstrip())
            if opened:
                return end.search(block, block.find(opened.group(0)) + len(opened.group(0))) is None
    return False
