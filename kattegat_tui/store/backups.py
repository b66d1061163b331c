"""Rotating backups of the plan file, so a bad editing session can be rolled back.

Before the file is replaced, the current version is hard-linked (no copy) into ``.backups/`` beside
it, at most once per interval; only the newest ``keep`` are kept, so disk use stays bounded. The plan
file is only ever replaced, never rewritten in place, so a hard link keeps that version for good.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
from datetime import datetime
from pathlib import Path

from .durable import atomic_write
from .errors import StoreError

DEFAULT_KEEP = 20
DEFAULT_INTERVAL_S = 300
_STAMP = "%Y%m%dT%H%M%S%f"


def backup_dir(path: Path) -> Path:
    return path.parent / ".backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{glob.escape(path.stem)}.*{glob.escape(path.suffix)}")
    return sorted(p for p in found if _stamp(p) is not None)


def _stamp(backup: Path) -> datetime | None:
    try:
        return datetime.strptime(backup.name.split(".")[-2], _STAMP)
    except (ValueError, IndexError):
        return None


def maybe_backup(path: Path, now: datetime, *, keep: int = DEFAULT_KEEP,
                 interval_s: int = DEFAULT_INTERVAL_S) -> Path | None:
    """Keep the current file as a backup if the newest one is older than ``interval_s``.

    ``now`` is naive UTC. Backups share the plan file's mode and group. A backup that cannot be
    made (a full disk, a folder someone else owns) never blocks the edit itself: the caller's own
    write reports a full disk clearly, and the plan stays the source of truth.
    """
    if keep <= 0:
        return None
    try:
        return _backup(path, now, keep, interval_s)
    except (OSError, StoreError):
        return None


def backup_due(path: Path, now: datetime, *, keep: int = DEFAULT_KEEP,
               interval_s: int = DEFAULT_INTERVAL_S) -> bool:
    """Would ``maybe_backup`` make a backup now?"""
    if keep <= 0:
        return False
    existing = list_backups(path)
    newest = _stamp(existing[-1]) if existing else None
    return newest is None or not 0 <= (now - newest).total_seconds() < interval_s


def _backup(path: Path, now: datetime, keep: int, interval_s: int) -> Path | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    existing = list_backups(path)
    newest = _stamp(existing[-1]) if existing else None
    if newest is not None and 0 <= (now - newest).total_seconds() < interval_s:
        return None
    folder = backup_dir(path)
    if not folder.exists():
        shared = bool(stat.S_IMODE(st.st_mode) & 0o060)
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o2770 if shared else 0o700)
        with contextlib.suppress(PermissionError):
            os.chown(folder, -1, st.st_gid)
    target = folder / f"{path.stem}.{now.strftime(_STAMP)}{path.suffix}"
    if target.exists():
        return None  # a backup of this very instant exists; never overwrite a backup
    try:
        os.link(path, target)
    except FileExistsError:
        return None
    except OSError:
        # No hard links here: a full copy, written atomically so a backup is never half a file.
        atomic_write(target, path.read_bytes(), new_mode=stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            os.chown(target, -1, st.st_gid)
            os.chmod(target, stat.S_IMODE(st.st_mode))
    for old in list_backups(path)[:-keep]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return target
