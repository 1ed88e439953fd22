"""Old import path of ``clinic_content.source.config``, kept for plugins and scripts (restructure.py: compatibility shim).

The old name is the very same module object, so ``monkeypatch`` and ``mock.patch`` on either
name act on one module."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .source.config import *  # noqa: F403
else:
    from .source import config as _module

    sys.modules[__name__] = _module
