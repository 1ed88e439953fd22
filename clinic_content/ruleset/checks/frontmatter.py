"""FM: the file can be read, its front-matter is valid YAML and matches the post schema.

Most FM findings are made while reading the file (``source.py``, ``model.py``);
these classes give them ids, texts and docs so that select/ignore/explain
treat them like any other rule. By theme: the file itself (``fm_file``), the
front-matter block and its YAML (``fm_block``), the schema of its values
(``fm_schema``), what a post refers to (``fm_references``). This module keeps the
family's registry order.
"""

from __future__ import annotations

from .fm_support import GOOD_POST, SCHEMA_SOURCE
from .fm_file import BinaryFile, EmptyFile, FileTooLarge, NotUtf8
from .fm_block import (
    DuplicateKey, InvalidYaml, NoFrontMatter, NotMapping, UnclosedFrontMatter, UnsupportedFormat,
    YamlTooComplex,
)
from .fm_schema import ConsentRegistryInvalid, InvalidValue, MissingRequired, UnknownKey, UnknownPlatform
from .fm_references import MediaNotFound, MediaOutsideRepo, UnusedSuppression, media_escape

__all__ = [
    "BinaryFile", "ConsentRegistryInvalid", "DuplicateKey", "EmptyFile", "FM_RULES", "FileTooLarge",
    "GOOD_POST", "InvalidValue", "InvalidYaml", "MediaNotFound", "MediaOutsideRepo", "MissingRequired",
    "NoFrontMatter", "NotMapping", "NotUtf8", "SCHEMA_SOURCE", "UnclosedFrontMatter", "UnknownKey",
    "UnknownPlatform", "UnsupportedFormat", "UnusedSuppression", "YamlTooComplex", "media_escape",
]


FM_RULES = [
    InvalidYaml, UnknownKey, InvalidValue, MissingRequired, NotUtf8, BinaryFile, EmptyFile,
    NoFrontMatter, NotMapping, YamlTooComplex, FileTooLarge, UnsupportedFormat, UnclosedFrontMatter,
    DuplicateKey, ConsentRegistryInvalid, UnknownPlatform, MediaNotFound, UnusedSuppression, MediaOutsideRepo,
]
