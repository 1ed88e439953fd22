"""clinic-content: lint a clinic's social-media posts and export the content calendar.

Public API::

    from clinic_content import lint_paths, lint_text, load_post, Config
    report = lint_paths(["posts/"], config=Config.discover("."))
    for d in report.diagnostics:
        print(d.path, d.line, d.column, d.code, d.severity, d.message)

Names are imported lazily (PEP 562) so that ``import clinic_content`` and the
CLI's ``--help`` stay fast.
"""

import os as _os
import sys as _sys

# `python -m clinic_content` puts the working directory first on sys.path while this package
# is located (sys.argv[0] is "-m" then): a pull request's typing.py or tomllib.py would be
# imported instead of the standard library's. Nothing is imported before this line but
# modules Python itself loaded at start-up (so no `from __future__` either).
if _sys.argv[:1] == ["-m"] and _sys.path[:1] in ([""], [_os.getcwd()]):
    del _sys.path[0]

from typing import TYPE_CHECKING, Any  # noqa: E402

__version__ = "0.1.0"

_EXPORTS = {
    "CalendarEvent": "calendar.export",
    "ExportOptions": "calendar.export",
    "build_calendar": "calendar.export",
    "to_ics": "calendar.export",
    "Config": "source.config",
    "ConfigError": "source.config",
    "Diagnostic": "core.diagnostics",
    "Finding": "core.diagnostics",
    "Report": "core.diagnostics",
    "Severity": "core.diagnostics",
    "Span": "core.diagnostics",
    "Linter": "engine.linter",
    "lint_paths": "engine.linter",
    "lint_text": "engine.linter",
    "mask_text": "text.masking",
    "Post": "source.post",
    "load_post": "source.post",
    "load_text": "source.post",
    "PostMeta": "source.model",
    "CalendarRule": "ruleset.rule",
    "Context": "ruleset.rule",
    "PostRule": "ruleset.rule",
    "RuleOptions": "ruleset.rule",
    "T": "ruleset.rule",
}

# written out, not computed: type checkers read __all__ literally (mypy --strict: "does not
# explicitly export"); tests/test_typing.py keeps it equal to _EXPORTS
__all__ = [
    "CalendarEvent",
    "CalendarRule",
    "Config",
    "ConfigError",
    "Context",
    "Diagnostic",
    "ExportOptions",
    "Finding",
    "Linter",
    "Post",
    "PostMeta",
    "PostRule",
    "Report",
    "RuleOptions",
    "Severity",
    "Span",
    "T",
    "build_calendar",
    "lint_paths",
    "lint_text",
    "load_post",
    "load_text",
    "mask_text",
    "to_ics",
    "__version__",
]

if TYPE_CHECKING:
    from .calendar.export import CalendarEvent, ExportOptions, build_calendar, to_ics
    from .source.config import Config, ConfigError
    from .core.diagnostics import Diagnostic, Finding, Report, Severity, Span
    from .engine.linter import Linter, lint_paths, lint_text
    from .text.masking import mask_text
    from .source.model import PostMeta
    from .source.post import Post, load_post, load_text
    from .ruleset.rule import CalendarRule, Context, PostRule, RuleOptions, T


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'clinic_content' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
