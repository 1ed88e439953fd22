"""A clinic's own phrase packs: ``packs = ["style/our-words.toml"]`` in the config.

Same format as the shipped ``rules/ru/*.toml`` (docs/packs.md), so a compliance officer
adds rules without a Python plugin. Paths are relative to the config file, may be globs,
and never leave the repository (the config's folder, symlinks resolved). A pack is
checked before any post is linted: valid TOML, valid entries, phrases that parse, known
platforms, ids and names no built-in rule uses, and every ``fire``/``silent`` example
behaving. Any problem is a :class:`~clinic_content.core.packs.PackError` naming
``file:line`` (exit 2): a rule whose own examples fail cannot be trusted on posts.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from ..source.config import Config
from ..core.packs import PackError, PhraseEntry, load_platforms
from ..text.phrases import Phrase, PhraseError
from .rule import Rule
from ..core.safe_open import read_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_GLOB = re.compile(r"[*?\[]")
_TOML_AT = re.compile(r" \(at line (\d+), column (\d+)\)$")
_RULE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*rule[ \t]*\]\]", re.M)


@dataclass(frozen=True)
class ExampleFailure:
    """A ``fire`` example the rule does not match, or a ``silent`` one it does."""

    path: str
    line: int
    rule_id: str
    kind: str
    text: str

    def message(self, lang: str) -> str:
        if lang == "ru":
            what = "не срабатывает на примере fire" if self.kind == "fire" else "срабатывает на примере silent"
        else:
            what = "does not match its fire example" if self.kind == "fire" else "matches its silent example"
        return f"{self.path}:{self.line}: {self.rule_id} {what}: «{self.text}»"


@dataclass(frozen=True)
class LoadedPack:
    path: Path
    text: str
    entries: tuple[PhraseEntry, ...]


def pack_paths(config: Config) -> list[Path]:
    """The config's ``packs`` as files inside the repository, in the order given."""
    root = Path(os.path.realpath(config.root))
    where = _config_where(config, "packs")
    found: list[Path] = []
    for entry in config.packs:
        if os.path.isabs(entry) or entry.startswith("~"):
            raise PackError(f"{where}: pack {entry!r} must be a path relative to the config file")
        matches = sorted(p for p in root.glob(entry) if p.is_file()) if _GLOB.search(entry) else [root / entry]
        if not matches or not matches[0].is_file():
            raise PackError(f"{where}: pack {entry!r} not found (paths are relative to {root})")
        for path in matches:
            real = Path(os.path.realpath(path))
            if root not in real.parents:
                raise PackError(f"{where}: pack {entry!r} is outside the repository ({root})")
            found.append(real)
    return list(dict.fromkeys(found))


def with_clinic_packs(config: Config, rules: dict[str, type[Rule]], *, strict: bool = True) -> dict[str, type[Rule]]:
    """``rules`` plus the rules of the config's packs; every pack checked (PackError).
    ``strict=False`` (listing and explaining rules) skips what needs the morphology
    analyzer: parsing the phrases and running the examples."""
    paths = pack_paths(config)
    if not paths:
        return rules
    stamps = tuple((os.fspath(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return dict(sorted({**rules, **_pack_rules(stamps, tuple(sorted(rules)), _names(rules), strict)}.items()))


def _names(rules: dict[str, type[Rule]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((r.name, r.id) for r in rules.values()))


@lru_cache(maxsize=16)
def _pack_rules(stamps: tuple[tuple[str, int, int], ...], builtin_ids: tuple[str, ...],
                builtin_names: tuple[tuple[str, str], ...], strict: bool) -> dict[str, type[Rule]]:
    """Rules of the packs (cached while the files keep their mtime and size)."""
    from .checks.phrase_rules import make_rule

    packs = load_packs([Path(path) for path, _, _ in stamps], set(builtin_ids), dict(builtin_names), strict)
    failures = [f for pack in packs for f in example_failures(pack)] if strict else []
    if failures:
        raise PackError(f"{failures[0].message('en')} (`clinic-content packs test` lists every failing example)")
    return {entry.id: make_rule(entry) for pack in packs for entry in pack.entries}


def load_packs(paths: list[Path], builtin_ids: set[str], builtin_names: dict[str, str],
               strict: bool = True) -> list[LoadedPack]:
    """Read and check the packs; ids and names unique among them and the built-ins."""
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    packs = []
    for path in paths:
        pack = load_pack(path, strict)
        for index, entry in enumerate(pack.entries):
            where = f"{_shown(path)}:{_rule_line(pack.text, index)}"
            if entry.id in builtin_ids:
                raise PackError(f"{where}: rule id {entry.id} is a built-in rule; give the clinic's rules a family "
                                "of their own (e.g. OUR001)")
            if entry.name in builtin_names:
                raise PackError(f"{where}: rule name {entry.name!r} is taken by built-in rule {builtin_names[entry.name]}")
            for kind, seen, key in (("id", seen_ids, entry.id), ("name", seen_names, entry.name)):
                if key in seen:
                    raise PackError(f"{where}: rule {kind} {key!r} is also defined at {seen[key]}")
                seen[key] = where
        packs.append(pack)
    return packs


def load_pack(path: Path, strict: bool = True) -> LoadedPack:
    """One pack file: TOML with ``[[rule]]`` tables only, each a valid entry."""
    shown = _shown(path)
    try:
        text = read_bytes(path, limit=4_000_000).decode("utf-8")  # a regular file, bounded (safe_open)
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{shown}: cannot read pack: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_AT.search(message)
        place = f"{at.group(1)}:{at.group(2)}" if at else "1"
        raise PackError(f"{shown}:{place}: invalid TOML: {message[:at.start()] if at else message}") from None
    for key in document:
        if key != "rule":
            hint = "; did you mean [[rule]]?" if difflib.get_close_matches(key, ["rule"], n=1) else ""
            raise PackError(f"{shown}:{_key_line(text, key, 0, len(text))}: unknown table or key {key!r} "
                            f"(a pack holds [[rule]] tables){hint}")
    tables = document.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise PackError(f"{shown}:1: the pack defines no [[rule]]")
    entries = tuple(_entry(table, index, text, shown, strict) for index, table in enumerate(tables))
    return LoadedPack(path, text, entries)


def _entry(table: dict, index: int, text: str, shown: str, strict: bool) -> PhraseEntry:
    start, end = _rule_range(text, index)
    try:
        entry = PhraseEntry.model_validate(table)
    except ValidationError as exc:
        error = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a typo explains a missing key
        key = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "")
        field = ".".join(str(part) for part in error["loc"])
        ident = f" ({table['id']})" if isinstance(table.get("id"), str) else ""
        close = difflib.get_close_matches(key, list(PhraseEntry.model_fields), n=1)
        hint = f"; did you mean '{close[0]}'?" if error["type"] == "extra_forbidden" and close else ""
        raise PackError(f"{shown}:{_key_line(text, key, start, end)}: rule #{index + 1}{ident}: "
                        f"'{field}': {error['msg']}{hint}") from None
    platforms = load_platforms()
    for name in [*(entry.when.platforms or []), *entry.platform_severity]:
        if name not in platforms:
            close = difflib.get_close_matches(name, list(platforms), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(platforms)})"
            raise PackError(f"{shown}:{_text_line(text, name, start, end, 'when')}: {entry.id}: unknown platform {name!r}{hint}")
    for key, phrases in (("phrases", entry.phrases), ("unless", entry.unless)) if strict else ():
        for phrase in phrases:
            try:
                Phrase(phrase, entry.lang, entry.gap, entry.ordered).items
            except PhraseError as exc:
                raise PackError(f"{shown}:{_text_line(text, phrase, start, end, key)}: {entry.id}: "
                                f"phrase {phrase!r}: {exc}") from None
    return entry


def example_failures(pack: LoadedPack) -> list[ExampleFailure]:
    """Every example of the pack's rules that does not behave as its list says."""
    from .checks.phrase_rules import find_matches, make_rule
    from ..source.post import load_text
    from ..text.tokens import post_tokens

    out = []
    for index, entry in enumerate(pack.entries):
        compiled = make_rule(entry).compiled()
        start, end = _rule_range(pack.text, index)
        for kind in ("fire", "silent"):
            for example in getattr(entry.examples, kind):
                post = load_text(f"---\ntitle: example\nlang: {entry.lang}\n---\n{example}\n")
                if bool(list(find_matches(compiled, post_tokens(post)))) != (kind == "fire"):
                    line = _text_line(pack.text, example, start, end, kind)
                    out.append(ExampleFailure(_shown(pack.path), line, entry.id, kind, example))
    return out


def _rule_range(text: str, index: int) -> tuple[int, int]:
    """Character range of the ``index``-th ``[[rule]]`` table."""
    headers = [m.start() for m in _RULE_HEADER.finditer(text)]
    if index >= len(headers):  # an inline array of tables: no headers to go by
        return 0, len(text)
    return headers[index], headers[index + 1] if index + 1 < len(headers) else len(text)


def _rule_line(text: str, index: int) -> int:
    return text.count("\n", 0, _rule_range(text, index)[0]) + 1


def _key_line(text: str, key: str, start: int, end: int) -> int:
    """Line of ``key =`` (or ``[rule.key]``, ``key.x =``) inside the range; else its first line."""
    pattern = re.compile(rf"^[ \t]*(?:\[[^\]\n]*\b{re.escape(key)}\b|[\"']?{re.escape(key)}[\"']?[ \t]*[=.])", re.M)
    match = pattern.search(text, start, end) if key else None
    return text.count("\n", 0, match.start() if match else start) + 1


def _text_line(text: str, value: str, start: int, end: int, key: str) -> int:
    """Line where a string value is written (as typed, or escaped); else where its key is."""
    for written in (value, value.replace("\\", "\\\\").replace('"', '\\"')):
        at = text.find(written, start, end)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return _key_line(text, key, start, end)


def _shown(path: Path) -> str:
    from ..source.files import display_path

    return display_path(path)


def _config_where(config: Config, key: str) -> str:
    from ..source.config import _line_of

    if config.source_file is None:
        return "<config>"
    try:
        line = _line_of(Path(config.source_file).read_text(encoding="utf-8"), key)
    except OSError:
        line = None
    return f"{config.source_file}:{line}" if line else str(config.source_file)
