"""Rotating backups of the plan file, so a bad editing session can be rolled back.

Before the file is replaced, the current version is hard-linked (no copy) into ``.backups/`` beside
it, at most once per interval; only the newest ``keep`` are kept, so disk use stays bounded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from datetime import datetime
from pathlib import Path

DEFAULT_KEEP = 20
DEFAULT_INTERVAL_S = 300


def backup_dir(path: Path) -> Path:
    return path.parent / ".backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}.*{path.suffix}"))


def _stamp(backup: Path) -> datetime | None:
    try:
        return datetime.strptime(backup.name.split(".")[-2], "%Y%m%dT%H%M%S%f")
    except (ValueError, IndexError):
        return None


def maybe_backup(path: Path, now: datetime, *, keep: int = DEFAULT_KEEP,
                 interval_s: int = DEFAULT_INTERVAL_S) -> Path | None:
    """Keep the current file as a backup if the newest one is older than ``interval_s``.

    ``now`` is naive UTC. Backups share the plan file's mode and group.
    """
    if keep <= 0 or not path.exists():
        return None
    existing = list_backups(path)
    newest = _stamp(existing[-1]) if existing else None
    if newest is not None and 0 <= (now - newest).total_seconds() < interval_s:
        return None
    folder = backup_dir(path)
    if not folder.exists():
        st = path.stat()
        shared = bool(stat.S_IMODE(st.st_mode) & 0o060)
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o2770 if shared else 0o700)
        with contextlib.suppress(PermissionError):
            os.chown(folder, -1, st.st_gid)
    target = folder / f"{path.stem}.{now.strftime('%Y%m%dT%H%M%S%f')}{path.suffix}"
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
    for old in list_backups(path)[:-keep]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return target
