"""Rotating backups of a plan, so a bad editing session can be rolled back.

Each plan has its own folder, ``.backups/<plan file name>/`` beside it, so two plans in one folder
(``plan.json`` and ``plan.2024.json``) never see or prune each other's backups. A backup is a real
copy of the whole plan, journal included (never a hard link to the live file, which an editor or a
``cp`` could change in place), written atomically with the plan's mode and group. Its name is
``<sequence>.<UTC time>Z.json``: backups are ordered by the sequence, never by the time, so a clock
that steps back cannot make the newest backup look old. At most one backup is made per interval and
only the newest ``keep`` are kept; pruning removes the lowest sequence numbers, so the backup just
made is never among them.

Backups are made under the plan's lock, and every folder and file is reached through descriptors
that follow no link (``safe_paths``).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .durable import plan_group, write_file
from .errors import StoreError
from .safe_paths import TEMP_MARK, PlanFolder

DEFAULT_KEEP = 20
DEFAULT_INTERVAL_S = 300
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"(\d{6,})\.(\d{8}T\d{6})Z\.json")


def backup_root(path: Path) -> Path:
    return path.parent / ".backups"


def backup_dir(path: Path) -> Path:
    """The folder holding the backups of the plan file ``path`` and of no other."""
    return backup_root(path) / path.name


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    sequence: int
    made: datetime  # naive UTC, as the clock said when it was made


def _parse(folder: Path, name: str) -> Backup | None:
    found = _NAME.fullmatch(name)
    if found is None:
        return None
    try:
        made = datetime.strptime(found.group(2), _STAMP)
    except ValueError:
        return None
    return Backup(folder / name, int(found.group(1)), made)


def _scan(folder: Path, names: list[str]) -> list[Backup]:
    backups = [b for b in (_parse(folder, n) for n in names) if b is not None]
    return sorted(backups, key=lambda b: b.sequence)


def backups_of(path: Path) -> list[Backup]:
    """The plan's backups, oldest first (by sequence)."""
    folder = backup_dir(path)
    try:
        names = os.listdir(folder) if not os.path.islink(folder) else []
    except OSError:
        return []
    return _scan(folder, names)


def list_backups(path: Path) -> list[Path]:
    """Paths of the plan's backups, oldest first."""
    return [b.path for b in backups_of(path)]


def _remove_dead_temps(folder: PlanFolder, names: list[str]) -> None:
    """Temp files a writer killed mid-backup left (we hold the plan's lock, so no live writer
    has one): only our own naming for a backup's name, regular files only; one pass over the
    names already listed, however many there are."""
    for entry in names:
        if entry.startswith(".") and TEMP_MARK in entry:
            backup = entry[1:entry.index(TEMP_MARK)]
            if _NAME.fullmatch(backup) and folder.is_temp_of(entry, backup):
                _remove_regular(folder, entry)


def _is_regular(folder: PlanFolder, name: str) -> bool:
    """Is ``name`` a regular file? A folder or FIFO planted under a backup's name is neither
    counted nor pruned, so it cannot stop the rotation."""
    try:
        st = folder.lstat(name)
    except OSError:
        return False
    return st is not None and stat.S_ISREG(st.st_mode)


def _remove_regular(folder: PlanFolder, name: str) -> None:
    """Remove ``name`` if it is a regular file; anything else (a folder, a FIFO someone put
    there) is left alone, and no error stops the caller's loop."""
    with contextlib.suppress(OSError):
        st = folder.lstat(name)
        if st is not None and stat.S_ISREG(st.st_mode):
            folder.unlink(name)


def _due(newest: Backup | None, now: datetime, interval_s: int) -> bool:
    # A newest backup "in the future" means the clock stepped back: make one now, which then
    # becomes the newest (by sequence) and the reference for the next interval.
    return newest is None or not 0 <= (now - newest.made).total_seconds() < interval_s


def backup_due(path: Path, now: datetime, *, keep: int = DEFAULT_KEEP,
               interval_s: int = DEFAULT_INTERVAL_S) -> bool:
    """Would ``maybe_backup`` make a backup now? ``now`` is naive UTC."""
    if keep <= 0:
        return False
    existing = backups_of(path)
    return _due(existing[-1] if existing else None, now, interval_s)


def maybe_backup(folder: PlanFolder, name: str, content: Callable[[], bytes], now: datetime, *,
                 keep: int = DEFAULT_KEEP, interval_s: int = DEFAULT_INTERVAL_S) -> Path | None:
    """Keep ``content()`` (the whole plan ``name`` of ``folder``, as it is before the write) as a
    backup if the newest backup is older than ``interval_s`` (0: always). Call under the plan's
    lock.

    A backup that cannot be made (a full disk, a folder that is refused) never blocks the edit
    itself: the caller's own write reports a full disk clearly, and the plan stays the source of
    truth. ``content`` is called only when a backup is made.
    """
    if keep <= 0:
        return None
    try:
        return _backup(folder, name, content, now, keep, interval_s)
    except (OSError, StoreError):
        return None


def _backup(plan_folder: PlanFolder, name: str, content: Callable[[], bytes], now: datetime,
            keep: int, interval_s: int) -> Path | None:
    st = plan_folder.lstat(name)
    if st is None:
        return None
    mode = stat.S_IMODE(st.st_mode) & 0o666
    group = plan_group(plan_folder, name)
    folder_mode = 0o2770 if mode & 0o060 else 0o700
    with plan_folder.subfolder(".backups", group=group, create_mode=folder_mode) as root, \
            root.subfolder(name, group=group, create_mode=folder_mode) as folder:
        names = folder.listdir()
        _remove_dead_temps(folder, names)
        existing = [b for b in _scan(folder.path, names) if _is_regular(folder, b.path.name)]
        newest = existing[-1] if existing else None
        if not _due(newest, now, interval_s):
            return None
        sequence = (newest.sequence + 1) if newest else 1
        backup = f"{sequence:06d}.{now.strftime(_STAMP)}Z.json"
        write_file(folder, backup, content(), mode=mode, group=st.st_gid, replace=False)
        for old in existing[: max(0, len(existing) + 1 - keep)]:
            _remove_regular(folder, old.path.name)
        return folder.path / backup
