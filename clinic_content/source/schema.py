"""The JSON Schema of a post's front-matter (``clinic-content schema``), for editors.

It must accept what the loader accepts and reject what the loader (FM002, FM003) or the
front-matter rules (FM004 required fields, FM014 an alias next to its field, FM016 platforms and
accounts) report, as far as a schema can say it. Editors read YAML 1.2, where an unquoted date or
``yes`` is a string, so those fields take the string forms of ``scalars.py``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from .model import ALIASES, PostMeta, Status
from ..core.scalars import DATE_TIME_EXAMPLE, DATE_TIME_PATTERN, YAML_BOOLEANS

if TYPE_CHECKING:
    from .config import Config

DATE_TIME_FIELDS = ("publish_at", "expires", "updated")
SCALAR_TEXT_FIELDS = ("id", "title", "account", "advertiser", "inn", "erid", "author", "reviewed_by")  # a number is text too
ONE_OR_MANY_FIELDS = ("platforms", "sources", "consents", "tags")  # ``platforms: vk`` = ``[vk]``
UNDATED_STATUSES = (Status.DRAFT.value, Status.CANCELLED.value)  # FM004: these may lack publish_at

_BOOLEAN: dict[str, Any] = {"anyOf": [{"type": "boolean"}, {"enum": sorted(YAML_BOOLEANS)}]}
_NULL = {"type": "null"}


def front_matter_schema(config: Config | None = None) -> dict[str, Any]:
    """The schema; with a config, platforms and accounts are the clinic's (as FM016 judges them)."""
    schema = PostMeta.model_json_schema()
    props = schema["properties"]
    for key in DATE_TIME_FIELDS:
        props[key] = _described(props[key], {"anyOf": [_date_time(), _NULL]})
    for key in SCALAR_TEXT_FIELDS:
        props[key] = _described(props[key], {"anyOf": [{"type": "string"}, {"type": "number"}, _NULL]})
    props["title"]["anyOf"] = [{"type": "string", "minLength": 1}, {"type": "number"}]
    props["ad"] = _described(props["ad"], copy.deepcopy(_BOOLEAN))
    platforms = _platform_ids(config)
    for key in ONE_OR_MANY_FIELDS:
        item: dict[str, Any] = {"type": "string"}
        if key == "platforms":
            item = {"type": "string", "enum": platforms}
        many: dict[str, Any] = {"type": "array", "items": item}
        if key == "platforms":
            many["minItems"] = 1  # FM004: at least one platform
        props[key] = _described(props[key], {"anyOf": [item, many]})
    for alias, target in ALIASES.items():
        if alias == "draft":
            props[alias] = {"description": "Hugo/Jekyll alias of `status`: true = draft, false = approved.",
                            "anyOf": [*_BOOLEAN["anyOf"], {"$ref": "#/$defs/Status"}]}
        else:
            props[alias] = {**props[target], "description": f"Alias of `{target}`."}
    schema.update({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "clinic-content post front-matter",
        "additionalProperties": False,
        "required": ["title", "platforms"],
        "allOf": [_dated_unless_draft(), *_no_alias_beside_its_field(), *_accounts(config)],
    })
    return schema


def _date_time() -> dict[str, Any]:
    return {"type": "string", "pattern": DATE_TIME_PATTERN,
            "examples": [DATE_TIME_EXAMPLE, "2026-12-01", "2026-12-01T10:00:00+03:00"]}


def _described(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {**{k: old[k] for k in ("description", "title", "default") if k in old}, **new}


def _platform_ids(config: Config | None) -> list[str]:
    from ..core.packs import load_platforms

    known = list(load_platforms())
    enabled = [p for p in (config.platforms if config else []) if p in known]
    return enabled or known


def _accounts(config: Config | None) -> list[dict[str, Any]]:
    """FM016: on a platform whose accounts the config lists, `account` must be one of them."""
    rules: list[dict[str, Any]] = []
    for platform, names in sorted(config.accounts.items() if config else ()):
        on_platform = {"anyOf": [{"const": platform}, {"type": "array", "contains": {"const": platform}}]}
        rules.append({
            "if": {"properties": {"platforms": on_platform}, "required": ["platforms"]},
            "then": {"properties": {"account": {"anyOf": [{"enum": list(names)}, _NULL]}}},
        })
    return rules


def _names_of(target: str) -> list[str]:
    return [target, *(alias for alias, t in ALIASES.items() if t == target)]


def _dated_unless_draft() -> dict[str, Any]:
    """FM004: `publish_at` (or an alias) is required unless the post is a draft or cancelled."""
    undated_status = {"properties": {"status": {"enum": list(UNDATED_STATUSES)}}, "required": ["status"]}
    draft_alias = {"properties": {"draft": {"not": {"enum": [False, *(w for w, v in YAML_BOOLEANS.items() if not v),
                                                          *[s.value for s in Status if s.value not in UNDATED_STATUSES]]}}},
                   "required": ["draft"]}
    no_status = {"not": {"anyOf": [{"required": ["status"]}, {"required": ["draft"]}]}}
    dated = [{"required": [name], "properties": {name: _date_time()}} for name in _names_of("publish_at")]
    return {"if": {"not": {"anyOf": [undated_status, draft_alias, no_status]}}, "then": {"anyOf": dated}}


def _no_alias_beside_its_field() -> list[dict[str, Any]]:
    """FM014: a field and its alias (or two aliases) name one value twice."""
    rules: list[dict[str, Any]] = []
    for target in sorted(set(ALIASES.values())):
        names = _names_of(target)
        for i, first in enumerate(names):
            rules.extend({"not": {"required": [first, second]}} for second in names[i + 1:])
    return rules
