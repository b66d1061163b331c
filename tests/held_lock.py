"""Another process's writer, for tests: an exclusive flock on a plan's lock file."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kattegat_tui.store.durable import lock_path


@contextmanager
def held_lock(plan: Path) -> Iterator[None]:
    """Hold the plan's lock file exclusively for the block, as another writer would."""
    fd = os.open(lock_path(plan), os.O_RDWR | os.O_CREAT, 0o660)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
