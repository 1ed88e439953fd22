"""``python -m clinic_content`` is the same as ``clinic-content``."""

import sys

from .cli import main

sys.exit(main())
