"""Links to a rule's documentation (docs/rules.md, one heading per rule), for editors and the
HTML report. The base is configurable: a clinic may mirror the docs or pin a release."""

from __future__ import annotations

import os
import re

DEFAULT_DOCS_URL = "https://github.com/clinic-content/clinic-content/blob/main/docs/rules.md"
_NOT_ANCHOR = re.compile(r"[^\w\- ]+")


def docs_base(explicit: str | None = None) -> str:
    """``--docs-url``, else ``CLINIC_CONTENT_DOCS_URL``, else the project's docs on GitHub."""
    return explicit or os.environ.get("CLINIC_CONTENT_DOCS_URL") or DEFAULT_DOCS_URL


def rule_doc_url(rule_id: str, name: str, base: str | None = None) -> str:
    """``…/rules.md#fm002-unknown-key``: the anchor GitHub gives the heading "FM002 `unknown-key`"."""
    heading = f"{rule_id} {name}".strip().lower()
    anchor = _NOT_ANCHOR.sub("", heading).replace(" ", "-")
    return f"{docs_base(base)}#{anchor}"
