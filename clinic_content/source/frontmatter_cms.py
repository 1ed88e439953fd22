"""A Front Matter CMS content type for posts (``clinic-content schema --format front-matter-cms``).

Front Matter CMS (the VS Code extension) describes fields in its own ``frontmatter.json`` format
rather than JSON Schema; this derives it from the JSON Schema of ``schema.py``, so the choices
(statuses, categories, the clinic's platforms) and the required fields cannot drift apart.
Structured fields (``media``, ``glossary``, ``targeting``, ``lint``) are left out of the form
and stay editable as YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import PostMeta
from .schema import DATE_TIME_FIELDS, front_matter_schema

if TYPE_CHECKING:
    from .config import Config

DATE_FORMAT = "yyyy-MM-dd HH:mm"  # date-fns tokens: writes «2026-12-01 10:00», as the docs do
STRUCTURED = ("media", "glossary", "targeting", "lint")
LISTS = ("sources", "consents", "tags")


def content_type(config: Config | None = None) -> dict[str, Any]:
    """A ``frontmatter.json`` fragment: the post content type, the date format, the content roots."""
    schema = front_matter_schema(config)
    fields = [_field(name, schema) for name in PostMeta.model_fields if name not in STRUCTURED]
    roots = config.content_roots if config else ["posts"]
    return {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.taxonomy.dateFormat": DATE_FORMAT,
        "frontMatter.content.pageFolders": [{"title": root, "path": f"[[workspace]]/{root}"} for root in roots],
        "frontMatter.taxonomy.contentTypes": [
            {"name": "clinic-post", "pageBundle": False, "previewPath": None, "fields": fields}
        ],
    }


def _field(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    prop = schema["properties"][name]
    out: dict[str, Any] = {"title": name, "name": name}
    choices = _choices(prop, schema)
    if name in DATE_TIME_FIELDS:
        out["type"] = "datetime"
        out.update({"isPublishDate": True} if name == "publish_at" else {"isModifiedDate": True} if name == "updated" else {})
    elif name == "ad":
        out["type"] = "boolean"
    elif name == "platforms":
        out.update(type="choice", choices=choices, multiple=True)
    elif name in LISTS:
        out["type"] = "list"
    elif choices:
        out.update(type="choice", choices=choices)
    else:
        out["type"] = "string"
    if name in schema.get("required", ()):
        out["required"] = True
    if prop.get("default") is not None and not isinstance(prop["default"], (list, dict)):
        out["default"] = prop["default"]
    return out


def _choices(prop: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """The enum values of a property, through ``anyOf`` and ``$ref`` as pydantic writes them."""
    for option in [prop, *prop.get("anyOf", [])]:
        if "$ref" in option:
            option = schema["$defs"][option["$ref"].rsplit("/", 1)[-1]]
        if "enum" in option and all(isinstance(v, str) for v in option["enum"]):
            return list(option["enum"])
    return []
