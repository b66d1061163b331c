"""Opening the files beside a plan without being tricked by another member of the plan's group.

A plan lives in a folder its whole group may write (``2770``), so any member can plant a symbolic
link, a hard link or a FIFO under the name of the plan's journal, lock file or backups, hoping that
the next editor's save writes through it into a file of theirs. Every path the store opens, creates,
replaces or removes is therefore handled here:

- the last component is never followed (``O_NOFOLLOW``; ``rename`` and ``unlink`` act on a link
  itself), and a FIFO or device is refused before anything is read from or written to it;
- a file the store writes into in place (the journal, the lock file) must be a regular file with a
  single link, owned by the user or by the plan's group;
- a folder the store writes into (``.backups``) must be a real folder owned by the user or the group.

Anything else is refused with ``UnsafePath``: one line naming the path and what is wrong with it.
The plan path a person names (``--db``) may itself be a link they made: ``resolve_plan_path``
follows a final link only when the user or root owns it, as Linux's ``protected_symlinks`` does in
shared folders.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path

from .errors import StoreError, UnsafePath

_KINDS = {
    stat.S_IFDIR: "folder", stat.S_IFLNK: "link", stat.S_IFIFO: "fifo",
    stat.S_IFSOCK: "socket", stat.S_IFCHR: "device", stat.S_IFBLK: "device",
}
_MAX_LINKS = 40


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not_file")


def resolve_plan_path(path: Path) -> Path:
    """The plan file ``path`` names: its folder resolved, and a final symbolic link followed only
    if the user or root made it (one planted by someone else is left in place, to be refused)."""
    path = Path(os.path.abspath(path))
    for _ in range(_MAX_LINKS):
        path = Path(os.path.realpath(path.parent)) / path.name
        try:
            st = os.lstat(path)
        except OSError:
            return path
        if not stat.S_ISLNK(st.st_mode) or st.st_uid not in (os.geteuid(), 0):
            return path
        path = Path(os.path.join(path.parent, os.readlink(path)))
    raise UnsafePath(path, "store.link_loop")


def plan_group(plan: Path) -> int:
    """The group the plan's companion files should belong to: the plan file's, or its folder's
    for a plan not yet created."""
    for candidate in (plan, plan.parent):
        try:
            return os.lstat(candidate).st_gid
        except OSError:
            continue
    return os.getegid()


def check_owner(path: Path, st: os.stat_result, group: int) -> None:
    """Refuse a file or folder that belongs neither to this user nor to the plan's group."""
    if st.st_uid != os.geteuid() and st.st_gid != group:
        raise UnsafePath(path, "store.foreign_owner", uid=st.st_uid)


def check_regular(path: Path, st: os.stat_result, *, group: int | None = None,
                  single_link: bool = False) -> None:
    """Refuse anything but a regular file; with ``single_link`` also a file with other hard
    links; with ``group`` also a file of another user outside that group."""
    if not stat.S_ISREG(st.st_mode):
        raise UnsafePath(path, "store.not_regular", kind=_kind(st.st_mode))
    if single_link and st.st_nlink != 1:
        raise UnsafePath(path, "store.hard_links", links=st.st_nlink)
    if group is not None:
        check_owner(path, st, group)


def open_file(path: Path, flags: int, mode: int = 0o600, *, group: int | None = None,
              single_link: bool = False) -> int:
    """``os.open`` that never follows a final symbolic link and never blocks on a FIFO; the
    descriptor is returned only for a regular file that passes ``check_regular``. Errors other
    than a refusal are the ``OSError`` of ``os.open``."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(path, "store.symlink") from None
        if exc.errno == errno.ENXIO:  # a FIFO with no reader, opened for writing
            raise UnsafePath(path, "store.fifo") from None
        raise
    try:
        check_regular(path, os.fstat(fd), group=group, single_link=single_link)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(path: Path) -> bytes:
    """A regular file's bytes, read through a descriptor that followed no link."""
    fd = open_file(path, os.O_RDONLY)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def lstat_regular(path: Path) -> os.stat_result | None:
    """``lstat`` of a file that should be regular: None when missing, ``UnsafePath`` when it is
    a link, a folder or anything else."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    check_regular(path, st)
    return st


def open_dir(path: Path, *, group: int, create_mode: int | None = None,
             dir_fd: int | None = None) -> int:
    """A descriptor of the folder ``path`` (created with ``create_mode`` if missing), refused if
    it is a link or not a folder, or belongs to a stranger outside ``group``. With ``dir_fd``,
    ``path`` is a name inside that open folder."""
    where = path.name if dir_fd is not None else path
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    if create_mode is not None:
        try:
            os.mkdir(where, 0o700, dir_fd=dir_fd)
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(path, "store.cannot_create_dir", reason=exc.strerror) from exc
        else:
            made = os.open(where, flags, dir_fd=dir_fd)
            try:
                if os.fstat(made).st_gid != group:
                    with contextlib.suppress(PermissionError):
                        os.fchown(made, -1, group)
                os.fchmod(made, create_mode)
            finally:
                os.close(made)
    try:
        fd = os.open(where, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            try:
                kind = _kind(os.lstat(where, dir_fd=dir_fd).st_mode)
            except OSError:
                kind = "not_folder"
            raise UnsafePath(path, "store.not_folder", kind=kind) from None
        raise
    try:
        check_owner(path, os.fstat(fd), group)
    except BaseException:
        os.close(fd)
        raise
    return fd
