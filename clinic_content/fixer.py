"""Old import path of ``clinic_content.ruleset.fixer``, kept for plugins and scripts (restructure.py: compatibility shim).

The old name is the very same module object, so ``monkeypatch`` and ``mock.patch`` on either
name act on one module."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ruleset.fixer import *  # noqa: F403
else:
    from .ruleset import fixer as _module

    sys.modules[__name__] = _module
