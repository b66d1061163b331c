"""Durable file primitives: an exclusive lock file and atomic, fsynced replacement of a file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockTimeout, StoreError

DEFAULT_NEW_MODE = 0o660
LOCK_TIMEOUT_S = 15.0
TEMP_SUFFIX = ".tmp"

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def real_path(path: Path) -> Path:
    """The file a (possibly symlinked) plan path really names: writes replace that file, never
    the symlink, and everyone reaching it through any link shares one lock."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold ``flock(LOCK_EX)`` on ``<path>.lock`` for the block; the kernel frees it if we die."""
    fd = _open_lock_file(path)
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


def _open_lock_file(path: Path) -> int:
    """Open (creating if needed) the lock file. A new lock file gets the plan's mode and group
    regardless of the umask, so every user who may write the plan may also take its lock;
    ``flock`` works on a read-only descriptor too, which covers a lock file made by someone else."""
    lp = lock_path(path)
    flags = os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(lp, flags | os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(path, f"cannot create lock file {lp.name}: {exc.strerror}") from exc
    else:
        _give_plan_permissions(fd, path)
        return fd
    for mode in (os.O_RDWR, os.O_RDONLY):
        try:
            return os.open(lp, flags | mode)
        except PermissionError:
            continue
        except OSError as exc:
            raise StoreError(path, f"cannot open lock file {lp.name}: {exc.strerror}") from exc
    raise StoreError(path, f"cannot open lock file {lp.name}: permission denied")


def _give_plan_permissions(fd: int, path: Path) -> None:
    """A companion file takes the plan file's mode (without execute bits) and group."""
    try:
        st: os.stat_result | None = path.stat()
    except OSError:
        st = None
    mode = stat.S_IMODE(st.st_mode) & 0o666 if st is not None else new_file_mode(DEFAULT_NEW_MODE)
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)
        if st is not None:
            os.fchown(fd, -1, st.st_gid)


def current_umask() -> int:
    """The process umask, read without changing it (``os.umask`` would race with other threads)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(requested: int = DEFAULT_NEW_MODE) -> int:
    """The mode of a new plan file: ``requested`` less the umask, but the group keeps its
    read/write bits, because a plan is shared by a group of people."""
    return (requested & ~current_umask()) | (requested & 0o060)


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


def _write_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in _DISK_FULL:
        return StoreError(path, "disk full: nothing was written, the file is unchanged")
    reason = exc.strerror or str(exc)
    return StoreError(path, f"cannot write ({reason}): nothing was written, the file is unchanged")


def atomic_write(path: Path, data: bytes, *, new_mode: int = DEFAULT_NEW_MODE) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, the original mode
    and group, ``os.replace``, fsync of the directory. On any failure the original is untouched,
    no temp file is left and the error is a ``StoreError`` naming the file."""
    path = real_path(path)
    directory = path.parent
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _write_error(path, exc) from exc
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        try:
            _write_all(fd, data)
            if st is not None:
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
                if st.st_gid != os.fstat(fd).st_gid:
                    with contextlib.suppress(PermissionError):
                        os.fchown(fd, -1, st.st_gid)
            else:
                os.fchmod(fd, new_file_mode(new_mode))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from exc
        raise
    # The new file is in place; a failed directory fsync cannot undo that, so it is not an error.
    with contextlib.suppress(OSError):
        fsync_dir(directory)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files a killed writer left beside ``path``.

    Call only while holding the plan's lock: every writer of ``path`` holds it while its temp file
    exists, so any temp file seen then belongs to a writer that died.
    """
    path = real_path(path)
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed
