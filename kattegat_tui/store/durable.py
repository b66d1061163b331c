"""Durable file primitives: an exclusive lock file and atomic, fsynced replacement of a file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockTimeout, StoreError

DEFAULT_NEW_MODE = 0o660
LOCK_TIMEOUT_S = 15.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold ``flock(LOCK_EX)`` on ``<path>.lock`` for the block; the kernel frees it if we die."""
    lp = lock_path(path)
    try:
        fd = os.open(lp, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, _mode_for_new(path))
    except OSError as exc:
        raise StoreError(path, f"cannot open lock file {lp.name}: {exc.strerror}") from exc
    try:
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        path, f"locked by another process for over {timeout:g} s") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _mode_for_new(path: Path) -> int:
    """New companion files get the data file's mode, or 0660 for a new plan."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return DEFAULT_NEW_MODE


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, *, new_mode: int = DEFAULT_NEW_MODE) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, the original mode
    and group, ``os.replace``, fsync of the directory. On any failure the original is untouched
    and no temp file is left."""
    directory = path.parent
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            if st is not None:
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, st.st_gid)
            else:
                os.fchmod(fd, new_mode & ~_umask() | (new_mode & 0o060))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise StoreError(path, "disk full: nothing was written, the file is unchanged") from exc
        raise
    fsync_dir(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
