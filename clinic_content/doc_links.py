"""Where a rule's documentation lives on the web (SARIF ``helpUri``, editor links, reports)."""

from __future__ import annotations

RULES_DOC = "https://github.com/clinic-content/clinic-content/blob/main/docs/rules.md"


def rule_doc_url(code: str, name: str | None = None) -> str:
    """The rule's section in docs/rules.md (GitHub's heading anchor: ``adv001-missing-ad-warning``)."""
    anchor = f"{code.lower()}-{name}" if name else code.lower()
    return f"{RULES_DOC}#{anchor}"
