"""JSON through orjson (C) where it gives the very bytes the standard library would, else
the standard library: the report's format and the cache stay the same either way."""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; a platform without a wheel still works
    orjson = None  # type: ignore[assignment]


def dumps_indented(document: Any) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, 5–10× faster on large reports."""
    if orjson is not None:
        try:
            return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
        except (TypeError, orjson.JSONEncodeError):  # a lone surrogate, a 65-bit int: the slow path says it right
            pass
    return json.dumps(document, ensure_ascii=False, indent=2)


def dumps_compact(data: Any) -> bytes:
    """UTF-8 JSON without spaces (the cache's files)."""
    if orjson is not None:
        try:
            return orjson.dumps(data)
        except (TypeError, orjson.JSONEncodeError):
            pass
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def loads(raw: bytes) -> Any:
    """Parse JSON; ValueError when it is not (orjson's error is one)."""
    if orjson is not None:
        return orjson.loads(raw)
    return json.loads(raw)
