"""The clinic's vocabulary (like Vale's ``Vocab``), and what the possible-term rule skips.

``[vocabulary]`` in the config names a glossary file — terms the clinic explains once
(on the site, in a pinned post), so they count as explained in every post — and words
to accept (brand and product names, the clinic's own terms) that the term rules never
report. The file is read from inside the repository only; a bad file is a config error.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml

from ..source.config import Config, ConfigError
from .jargon import TermHit, term_keys
from .names import find_names
from .tokens import Token, analyzer, fold

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib



@dataclass(frozen=True)
class Vocabulary:
    glossary: tuple[tuple[str, str], ...] = ()  # (term, explanation)
    accept: frozenset[str] = frozenset()  # lemmas and folded forms

    @property
    def glossary_keys(self) -> set[str]:
        return {key for term, _ in self.glossary for key in term_keys(term)}

    def accepts(self, hit: TermHit, tokens: Sequence[Token]) -> bool:
        written = " ".join(tokens[i].text for i in range(hit.first, hit.last + 1))
        return bool((term_keys(hit.term) | term_keys(written)) & self.accept)


def vocabulary(config: Config) -> Vocabulary:
    """The config's vocabulary; raises :class:`ConfigError` for a file that cannot be used."""
    v = config.vocabulary
    path = (config.root / v.glossary) if v.glossary else None
    stamp = path.stat().st_mtime_ns if path is not None and path.is_file() else 0
    return _load(config.root.resolve(), v.glossary, stamp, tuple(v.accept))


@lru_cache(maxsize=8)
def _load(root: Path, glossary: str | None, _stamp: int, accept: tuple[str, ...]) -> Vocabulary:
    accepted = frozenset(key for word in accept for key in term_keys(word))
    if not glossary:
        return Vocabulary((), accepted)
    path = (root / glossary).resolve()
    if root not in path.parents:
        raise ConfigError(f"vocabulary.glossary: {glossary!r} is outside the repository ({root})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"vocabulary.glossary: cannot read {path}: {exc}") from None
    return Vocabulary(tuple(_parse(path, text)), accepted)


def _parse(path: Path, text: str) -> list[tuple[str, str]]:
    """TOML (``term = "…"``, optionally under ``[terms]``), YAML mapping, or ``term — explanation`` lines."""
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(text)
            data = data.get("terms", data)
        elif path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text) or {}
        else:
            data = dict(pair for line in text.splitlines() if (pair := _line_pair(line)))
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"vocabulary.glossary: {path}: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ConfigError(f"vocabulary.glossary: {path}: expected term = explanation pairs (strings)")
    return [(k.strip(), v.strip()) for k, v in data.items() if k.strip()]


def _line_pair(line: str) -> tuple[str, str] | None:
    """«term — explanation» (also «–», «:», «=»); string methods, no regex to backtrack."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    cuts = [i for i in (line.find(sep) for sep in "—–:=") if i > 0]
    if not cuts:
        return None
    term, explanation = line[: min(cuts)].strip(), line[min(cuts) + 1 :].strip()
    return (term, explanation) if term and explanation else None


# -- what LANG003 (possible-term) skips -------------------------------------------


def not_a_term(tokens: Sequence[Token], i: int, text: str, name_tokens: set[int]) -> bool:
    """A word that looks unusual but is no medical term: a person's name, a hashtag, a brand
    (capitalised inside a sentence, CamelCase, a short all-caps abbreviation), or a hyphenated
    compound of known words («врача-гинеколога», «рентген-лаборант»)."""
    token = tokens[i]
    word = token.text
    if re.search(r"(\w)\1\1", word):  # «ооочень», «стооооолько»: expressive spelling
        return True
    if i in name_tokens or any("Surn" in a.grammemes or "Name" in a.grammemes for a in token.analyses if word[:1].isupper()):
        return True
    if token.start > 0 and text[token.start - 1] == "#":
        return True
    inner_capital = any(ch.isupper() for ch in word[1:]) and not word.isupper()
    sentence_start = i == 0 or tokens[i - 1].sentence != token.sentence
    if inner_capital or (word[:1].isupper() and not sentence_start) or (word.isupper() and len(word) <= 5):
        return True
    parts = re.split(r"[-‐‑]", word)
    return len(parts) > 1 and all(analyzer().word_is_known(fold(p)) for p in parts if p)


def name_token_indexes(tokens: Sequence[Token], text: str) -> set[int]:
    return {j for n in find_names(tokens, text) for j in range(n.first, n.last + 1)}
