"""Durable file primitives: an exclusive lock file and atomic, fsynced replacement of a file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import LockTimeout, StoreError
from .safe_paths import PlanFolder, resolve_plan_path

DEFAULT_NEW_MODE = 0o660
LOCK_TIMEOUT_S = 15.0

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def plan_group(folder: PlanFolder, name: str) -> int:
    """The group the plan's companion files should belong to: the plan file's, or its folder's
    for a plan not yet created."""
    st = folder.lstat(name)
    return st.st_gid if st is not None else os.fstat(folder.fd).st_gid


@contextlib.contextmanager
def folder_lock(folder: PlanFolder, name: str, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the write lock of the plan ``name`` in ``folder`` for the block; the kernel frees it
    if we die.

    The lock is ``flock(LOCK_EX)`` on ``<name>.lock`` and then on the plan's folder itself (the
    descriptor the whole save works through). A lock file can be deleted or replaced by anyone who
    may write the folder (a careless ``rm *.lock`` during a save would let a second writer in);
    the folder cannot, so the second lock keeps writers apart whatever happens to the lock file.
    Two plans in one folder therefore take turns, which costs nothing noticeable: a write holds
    the lock for milliseconds.
    """
    shown = folder.where(name)
    deadline = time.monotonic() + timeout
    fd = _open_lock_file(folder, name)
    try:
        _flock_until(fd, shown, deadline, timeout)
        try:
            _flock_until(folder.fd, shown, deadline, timeout)
            try:
                yield
            finally:
                fcntl.flock(folder.fd, fcntl.LOCK_UN)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """``folder_lock`` for the plan file ``path``."""
    target = resolve_plan_path(path)
    with PlanFolder.at(target.parent, writing=True) as folder, \
            folder_lock(folder, target.name, timeout):
        yield


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


def _open_lock_file(folder: PlanFolder, name: str) -> int:
    """Open (creating if needed) the lock file, never through a link, and only a regular file of
    this user or the plan's group. A new lock file gets the plan's mode and group regardless of
    the umask, so every user who may write the plan may also take its lock; ``flock`` works on a
    read-only descriptor too, which covers a lock file made by someone else."""
    lock = name + ".lock"
    shown = folder.where(name)
    for _ in range(10):  # the lock file may be deleted and made again between two steps
        try:
            fd = folder.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(shown, "store.lock_create", name=lock, reason=exc.strerror) from exc
        else:
            _give_plan_permissions(fd, folder, name)
            return fd
        found = _open_existing_lock(folder, name, lock)
        if found is not None:
            return found
    raise StoreError(shown, "store.keeps_changing")


def _open_existing_lock(folder: PlanFolder, name: str, lock: str) -> int | None:
    """The existing lock file, read-write or else read-only; None if it is gone again."""
    shown = folder.where(name)
    group = plan_group(folder, name)
    for mode in (os.O_RDWR, os.O_RDONLY):
        try:
            return folder.open(lock, mode, group=group)
        except FileNotFoundError:
            return None
        except PermissionError:
            continue
        except OSError as exc:
            raise StoreError(shown, "store.lock_open", name=lock, reason=exc.strerror) from exc
    raise StoreError(shown, "store.lock_denied", name=lock)


def _give_plan_permissions(fd: int, folder: PlanFolder, name: str) -> None:
    """A companion file takes the plan file's mode (without execute or set-id bits) and group."""
    st = folder.lstat(name)
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


def write_file(folder: PlanFolder, name: str, data: bytes, *, new_mode: int = DEFAULT_NEW_MODE,
               mode: int | None = None, group: int | None = None, replace: bool = True) -> None:
    """Write ``data`` as ``name`` in ``folder``, atomically: a private temp file, fsync, the mode
    and group (those of the file replaced, without set-id bits; or ``mode``/``group``; or
    ``new_mode`` less the umask for a new file), rename, fsync of the folder. On any failure the
    original is untouched, no temp file is left and the error is a ``StoreError`` naming the
    file. ``name`` itself is replaced, never what it links to: an existing ``name`` that is a
    link, a folder or a FIFO is refused (``UnsafePath``). Without ``replace`` an existing
    ``name`` is an error, never overwritten."""
    shown = folder.where(name)
    try:
        st = folder.lstat_regular(name)
        if st is not None and not replace:
            raise FileExistsError(errno.EEXIST, "exists", name)
        fd, tmp = folder.new_temp(name)
    except OSError as exc:
        raise _write_error(shown, exc) from exc
    try:
        try:
            _write_all(fd, data)
            if mode is None:
                mode = stat.S_IMODE(st.st_mode) & 0o666 if st is not None else new_file_mode(new_mode)
            os.fchmod(fd, mode)
            if group is None and st is not None:
                group = st.st_gid
            if group is not None and group != os.fstat(fd).st_gid:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, group)
            os.fsync(fd)
        finally:
            os.close(fd)
        folder.replace(tmp, name)
    except BaseException as exc:
        folder.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(shown, exc) from exc
        raise
    folder.sync()


def atomic_write(path: Path, data: bytes, *, new_mode: int = DEFAULT_NEW_MODE) -> None:
    """``write_file`` for a path a person named (a report, an export): links on the way that the
    user or root made are followed, none in the last component."""
    target = resolve_plan_path(path)
    with PlanFolder.at(target.parent, writing=True) as folder:
        write_file(folder, target.name, data, new_mode=new_mode)
