"""Durable file primitives: an exclusive lock file and atomic, fsynced replacement of a file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import secrets
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockTimeout, StoreError
from .safe_paths import lstat_regular, open_file, plan_group

DEFAULT_NEW_MODE = 0o660
LOCK_TIMEOUT_S = 15.0
TEMP_SUFFIX = ".tmp"

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the plan's write lock for the block; the kernel frees it if we die.

    The lock is ``flock(LOCK_EX)`` on ``<path>.lock`` and then on the plan's folder itself. A lock
    file can be deleted or replaced by anyone who may write the folder (a careless ``rm *.lock``
    during a save would let a second writer in); the folder cannot, so the second lock keeps
    writers apart whatever happens to the lock file. Two plans in one folder therefore take turns,
    which costs nothing noticeable: a write holds the lock for milliseconds.
    """
    deadline = time.monotonic() + timeout
    fd = _open_lock_file(path)
    try:
        _flock_until(fd, path, deadline, timeout)
        try:
            folder = _open_folder_for_lock(path)
            try:
                if folder is not None:
                    _flock_until(folder, path, deadline, timeout)
                yield
            finally:
                if folder is not None:
                    os.close(folder)  # closing the last descriptor releases its lock
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _flock_until(fd: int, path: Path, deadline: float, timeout: float) -> None:
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(path, "store.locked", seconds=timeout) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.02)


def _open_folder_for_lock(path: Path) -> int | None:
    """The plan's folder, opened for ``flock``; None where it cannot be read (then the lock
    file alone keeps writers apart)."""
    try:
        return os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None


def _open_lock_file(path: Path) -> int:
    """Open (creating if needed) the lock file, never through a link, and only a regular file of
    this user or the plan's group. A new lock file gets the plan's mode and group regardless of
    the umask, so every user who may write the plan may also take its lock; ``flock`` works on a
    read-only descriptor too, which covers a lock file made by someone else."""
    lp = lock_path(path)
    group = plan_group(path)
    try:
        fd = open_file(lp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(path, "store.lock_create", name=lp.name, reason=exc.strerror) from exc
    else:
        _give_plan_permissions(fd, path)
        return fd
    for mode in (os.O_RDWR, os.O_RDONLY):
        try:
            return open_file(lp, mode, group=group)
        except PermissionError:
            continue
        except OSError as exc:
            raise StoreError(path, "store.lock_open", name=lp.name, reason=exc.strerror) from exc
    raise StoreError(path, "store.lock_denied", name=lp.name)


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
        return StoreError(path, "store.disk_full")
    reason = exc.strerror or str(exc)
    return StoreError(path, "store.cannot_write", reason=reason)


def atomic_write(path: Path, data: bytes, *, new_mode: int = DEFAULT_NEW_MODE) -> None:
    """Replace ``path`` with ``data``: temp file in the same directory, fsync, the original mode
    and group, ``os.replace``, fsync of the directory. On any failure the original is untouched,
    no temp file is left and the error is a ``StoreError`` naming the file.

    ``path`` itself is replaced, never what it links to: an existing ``path`` that is a symbolic
    link, a folder or a FIFO is refused (``UnsafePath``), and ``os.replace`` acts on the name.
    """
    directory = path.parent
    try:
        st = lstat_regular(path)
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


def write_new_file_at(dir_fd: int, name: str, data: bytes, *, mode: int, group: int) -> None:
    """Write ``data`` as the new file ``name`` inside the open folder ``dir_fd``, atomically
    (temp file, fsync, rename, fsync of the folder), with ``mode`` and ``group``. Everything
    happens relative to the folder's descriptor, so a link swapped in on the way is never used;
    an existing ``name`` is an error, never overwritten."""
    tmp = f".{name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                 dir_fd=dir_fd)
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
            if os.fstat(fd).st_gid != group:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, group)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except FileNotFoundError:
            pass
        else:
            raise FileExistsError(errno.EEXIST, "exists", name)
        os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise
    with contextlib.suppress(OSError):
        os.fsync(dir_fd)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files a killed writer left beside ``path`` (regular files only; a link or
    folder of that name is left alone).

    Call only while holding the plan's lock: every writer of ``path`` holds it while its temp file
    exists, so any temp file seen then belongs to a writer that died.
    """
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(tmp).st_mode):
                tmp.unlink()
                removed.append(tmp)
    return removed
