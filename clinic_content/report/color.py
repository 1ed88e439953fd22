"""Whether the text report is coloured: ``--color``, then ``NO_COLOR`` / ``FORCE_COLOR``,
then "auto" (a terminal, and not CI). Machine formats are never coloured.

The environment conventions are no-color.org (``NO_COLOR`` set and not empty: no colour)
and force-color.org (``FORCE_COLOR`` set and not empty: colour even into a pipe).
"""

from __future__ import annotations

import os
from typing import Mapping, TextIO

CHOICES = ("auto", "always", "never")
COLORED_FORMATS = ("text",)  # human formats; json, sarif, github, … are read by machines


def use_color(choice: str | None, fmt: str, stream: TextIO | None, env: Mapping[str, str] | None = None) -> bool:
    """The colour decision for one report in format ``fmt`` written to ``stream``."""
    env = os.environ if env is None else env
    if fmt not in COLORED_FORMATS or choice == "never":
        return False
    if choice == "always":
        return True
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return _is_tty(stream) and not env.get("CI") and env.get("TERM") != "dumb"


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
