"""The `kattegat` command. Non-TUI commands never import textual; the dashboard is reached only
through ``dashboard.open_dashboard``.

Exit codes: 0 success, 1 an error the user can fix (one line on stderr, no traceback), 2 usage.
"""

from .entry import main

__all__ = ["main"]
