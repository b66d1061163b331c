"""Who is writing: the OS login of the effective user, never an environment variable."""

from __future__ import annotations

import os
import pwd


def current_login() -> str:
    """The effective user's login name from the password database (cannot be forged via $USER)."""
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"
