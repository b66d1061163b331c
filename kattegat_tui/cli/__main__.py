"""``python -m kattegat_tui.cli``."""

import sys

from .entry import main

sys.exit(main())
