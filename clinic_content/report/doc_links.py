"""Where a rule's documentation lives on the web (SARIF ``helpUri``, editor links, reports).

The base is configurable (``--docs-url`` of `server` and `report`, or ``CLINIC_CONTENT_DOCS_URL``):
a clinic may mirror the docs or pin a release."""

from __future__ import annotations

import os

RULES_DOC = "https://github.com/clinic-content/clinic-content/blob/main/docs/rules.md"


def docs_base(explicit: str | None = None) -> str:
    """``explicit``, else ``CLINIC_CONTENT_DOCS_URL``, else the project's docs on GitHub."""
    return explicit or os.environ.get("CLINIC_CONTENT_DOCS_URL") or RULES_DOC


def rule_doc_url(code: str, name: str | None = None, base: str | None = None) -> str:
    """The rule's section in docs/rules.md (GitHub's heading anchor: ``adv001-missing-ad-warning``)."""
    anchor = f"{code.lower()}-{name}" if name else code.lower()
    return f"{docs_base(base)}#{anchor}"
