"""``python -m clinic_content`` is the same as ``clinic-content``.

The package's ``__init__`` has already dropped the working directory from ``sys.path``
(``-m`` puts it first), so the imports below come from the installed environment, never
from a module a pull request placed in the checkout."""

import sys

from .cli.main import main

sys.exit(main())
