"""Opening the files beside a plan without being tricked by another member of the plan's group.

A plan lives in a folder its whole group may write (``2770``), so any member can rename, delete and
create names there: plant a symbolic link, a hard link or a FIFO under the name of the plan's
journal, lock file or backups, or swap a whole sub-folder for a link between two steps of a save,
hoping that the editor's save writes through it into a file of theirs. So:

- The plan's folder is opened once for each read or save (``PlanFolder``), by walking its path
  from ``/`` one component at a time without following any link, and every file of that read or
  save is then opened, created, renamed and removed relative to that descriptor. A folder renamed
  or swapped for a link half-way through cannot split one save across two places.
- The last component is never followed (``O_NOFOLLOW``; ``rename`` and ``unlink`` act on a link
  itself), and a FIFO, socket or device is refused before anything is read from or written to it.
- A file written in place (the journal, the lock file) must be a regular file with a single link,
  owned by the user or by the plan's group; a folder written into (``.backups``) must be a real
  folder of the user or the group; a folder the store creates is made under a random name and
  checked to be its own, empty and private before it is given the group's mode and its name.
- Files are read only up to ``MAX_FILE_BYTES``, so a sparse terabyte cannot exhaust memory.

Anything else is refused with ``UnsafePath``: one line naming the path and what is wrong with it.
The plan path a person names (``--db``) may itself go through links: ``resolve_plan_path``
follows a link only when the user or root owns it, as Linux's ``protected_symlinks`` does in
shared folders.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
from pathlib import Path

from .errors import StoreError, UnsafePath

_KINDS = {
    stat.S_IFDIR: "folder", stat.S_IFLNK: "link", stat.S_IFIFO: "fifo",
    stat.S_IFSOCK: "socket", stat.S_IFCHR: "device", stat.S_IFBLK: "device",
}
_MAX_LINKS = 40
# Far above any real plan (10,000 activities with their history are about 20 MB), and low enough
# that a hostile file of that size cannot exhaust memory when parsed (about 32 times its size).
MAX_FILE_BYTES = 128 << 20
TEMP_SUFFIX = ".tmp"
TEMP_MARK = ".kattegat-"


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not_file")


def _trusted_link(st: os.stat_result) -> bool:
    return stat.S_ISLNK(st.st_mode) and st.st_uid in (os.geteuid(), 0)


def resolve_plan_path(path: Path) -> Path:
    """The file ``path`` names, with every symbolic link on the way that the user or root made
    resolved; a link anyone else made is left in place, so opening through it is refused."""
    parts = list(Path(os.path.abspath(path)).parts[1:])
    resolved = Path("/")
    hops = 0
    while parts:
        name = parts.pop(0)
        if name in ("", "."):
            continue
        if name == "..":
            resolved = resolved.parent
            continue
        candidate = resolved / name
        try:
            st = os.lstat(candidate)
        except OSError:
            resolved = candidate
            continue
        if not _trusted_link(st):
            resolved = candidate
            continue
        hops += 1
        if hops > _MAX_LINKS:
            raise UnsafePath(path, "store.link_loop")
        target = Path(os.readlink(candidate))
        if target.is_absolute():
            resolved = Path("/")
        parts[:0] = [p for p in target.parts if p != "/"]
    return resolved


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


def _open_component(name: str, dir_fd: int, flags: int, shown: Path) -> int:
    try:
        return os.open(name, flags | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            try:
                kind = _kind(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
            except OSError:
                kind = "not_folder"
            raise UnsafePath(shown, "store.not_folder", kind=kind) from None
        raise


def open_folder_path(path: Path, *, readable: bool) -> int:
    """A descriptor of the folder ``path`` (absolute, links already resolved), reached from ``/``
    without following any link. ``readable``: opened for reading (needed to lock, list and sync
    it), else ``O_PATH``, which only needs the right to pass through."""
    fd = os.open("/", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        walked = Path("/")
        parts = [p for p in path.parts[1:] if p not in ("", ".")]
        for i, name in enumerate(parts):
            walked = walked / name
            last = i == len(parts) - 1
            flags = os.O_RDONLY if (last and readable) else os.O_PATH
            nxt = _open_component(name, fd, flags, walked)
            os.close(fd)
            fd = nxt
        if readable and not parts:
            nxt = os.open("/", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            os.close(fd)
            fd = nxt
    except BaseException:
        os.close(fd)
        raise
    return fd


class PlanFolder:
    """One folder, held open by descriptor; every file operation is relative to it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd

    @classmethod
    def at(cls, path: Path, *, writing: bool) -> PlanFolder:
        """The folder ``path``. For writing it must be readable (the save locks it); a folder
        that cannot be read is refused then, with one line."""
        try:
            return cls(path, open_folder_path(path, readable=True))
        except PermissionError:
            if writing:
                raise StoreError(path, "store.folder_unreadable") from None
        except FileNotFoundError:
            raise StoreError(path, "store.no_such_folder") from None
        except OSError as exc:
            raise StoreError(path, "store.cannot_read", reason=exc.strerror or str(exc)) from exc
        try:
            return cls(path, open_folder_path(path, readable=False))
        except OSError as exc:
            raise StoreError(path, "store.cannot_read", reason=exc.strerror or str(exc)) from exc

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> PlanFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def where(self, name: str) -> Path:
        return self.path / name

    # -- reading -------------------------------------------------------------------------------

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def lstat_regular(self, name: str) -> os.stat_result | None:
        """``lstat`` of a file that should be regular: None when missing, ``UnsafePath`` when it
        is a link, a folder or anything else."""
        st = self.lstat(name)
        if st is not None:
            check_regular(self.where(name), st)
        return st

    def open(self, name: str, flags: int, mode: int = 0o600, *, group: int | None = None,
             single_link: bool = False) -> int:
        """``os.open`` of ``name`` that never follows a link and never blocks on a FIFO; the
        descriptor is returned only for a regular file that passes ``check_regular``. Errors
        other than a refusal are the ``OSError`` of ``os.open``."""
        shown = self.where(name)
        try:
            fd = os.open(name, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode,
                         dir_fd=self.fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePath(shown, "store.symlink") from None
            if exc.errno == errno.ENXIO:  # a FIFO with no reader or a socket, opened to write
                raise UnsafePath(shown, "store.fifo") from None
            raise
        try:
            check_regular(shown, os.fstat(fd), group=group, single_link=single_link)
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def read(self, name: str, start: int = 0) -> tuple[bytes, os.stat_result]:
        """A regular file's bytes from ``start`` and its ``fstat``, read through a descriptor
        that followed no link; a file over ``MAX_FILE_BYTES`` is refused unread."""
        fd = self.open(name, os.O_RDONLY)
        try:
            st = os.fstat(fd)
            if st.st_size > MAX_FILE_BYTES:
                raise StoreError(self.where(name), "store.too_large", size=st.st_size,
                                 limit=MAX_FILE_BYTES)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                handle.seek(start)
                return handle.read(MAX_FILE_BYTES + 1), st
        finally:
            os.close(fd)

    def listdir(self) -> list[str]:
        return os.listdir(self.fd)

    # -- writing -------------------------------------------------------------------------------

    def unlink(self, name: str) -> None:
        """Remove the name (a link is removed, never what it points at); gone already is fine."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name, dir_fd=self.fd)

    def discard(self, name: str) -> None:
        """``unlink`` that never fails: for a name whose removal only tidies up (a folded
        journal: one left behind names an older plan file and is ignored by every reader)."""
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=self.fd)

    def replace(self, src: str, dst: str) -> None:
        os.replace(src, dst, src_dir_fd=self.fd, dst_dir_fd=self.fd)

    def sync(self) -> None:
        """fsync the folder, so a rename in it is durable; a failure cannot undo the rename and
        is not an error."""
        with contextlib.suppress(OSError):
            os.fsync(self.fd)

    def new_temp(self, name: str) -> tuple[int, str]:
        """A new, private temp file for replacing ``name``: created exclusively, with a name only
        this program makes (``.<name>.kattegat-<random>.tmp``)."""
        tmp = f".{name}{TEMP_MARK}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o600, dir_fd=self.fd)
        return fd, tmp

    def is_temp_of(self, temp: str, name: str) -> bool:
        prefix = f".{name}{TEMP_MARK}"
        middle = temp[len(prefix):-len(TEMP_SUFFIX)]
        return temp.startswith(prefix) and temp.endswith(TEMP_SUFFIX) and len(middle) == 12 \
            and all(c in "0123456789abcdef" for c in middle)

    def remove_stale_temps(self, name: str) -> list[str]:
        """Delete temp files a killed writer left for ``name`` (only our own naming, regular
        files only). Call while holding the plan's lock: every writer holds it while its temp
        file exists, so any temp file seen then belongs to a writer that died."""
        removed = []
        for entry in self.listdir():
            if not self.is_temp_of(entry, name):
                continue
            with contextlib.suppress(OSError):
                st = self.lstat(entry)
                if st is not None and stat.S_ISREG(st.st_mode):
                    os.unlink(entry, dir_fd=self.fd)
                    removed.append(entry)
        return removed

    def subfolder(self, name: str, *, group: int, create_mode: int | None = None) -> PlanFolder:
        """The folder ``name`` inside this one, refused if it is a link, not a folder, or a
        stranger's; created (see ``_create_subfolder``) when missing and ``create_mode`` is set."""
        shown = self.where(name)
        for _ in range(3):
            try:
                fd = _open_component(name, self.fd, os.O_RDONLY, shown)
            except FileNotFoundError:
                if create_mode is None:
                    raise
                fd = self._create_subfolder(name, group, create_mode)
                if fd < 0:
                    continue  # someone else made it meanwhile: open theirs, checked
            try:
                check_owner(shown, os.fstat(fd), group)
            except BaseException:
                os.close(fd)
                raise
            return PlanFolder(shown, fd)
        raise StoreError(shown, "store.keeps_changing")

    def _create_subfolder(self, name: str, group: int, mode: int) -> int:
        """Make the folder under a random name, check that what is there is the folder just
        made (this user's, private, empty) before giving it ``mode`` and ``group``, then move it
        to ``name``. A folder someone slipped in under the random name is never chmod-ed.
        Returns -1 when ``name`` appeared meanwhile."""
        tmp = f".{name}{TEMP_MARK}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            os.mkdir(tmp, 0o700, dir_fd=self.fd)
        except OSError as exc:
            raise StoreError(self.where(name), "store.cannot_create_dir",
                             reason=exc.strerror) from exc
        fd = _open_component(tmp, self.fd, os.O_RDONLY, self.where(tmp))
        try:
            st = os.fstat(fd)
            if st.st_uid != os.geteuid() or stat.S_IMODE(st.st_mode) & 0o077 or os.listdir(fd):
                raise UnsafePath(self.where(tmp), "store.folder_swapped")
            if st.st_gid != group:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, group)
            os.fchmod(fd, mode)
            try:
                os.rename(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.rmdir(tmp, dir_fd=self.fd)
                if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
                    os.close(fd)
                    return -1
                raise
        except BaseException:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
            raise
        return fd


def read_named_file(path: Path) -> bytes:
    """The bytes of a file a person named (``kattegat import FILE``): links on the way that the
    user or root made are followed, one planted by anyone else is refused, and so is anything
    but a regular file (a FIFO, ``/dev/zero``) or a file over ``MAX_FILE_BYTES``."""
    target = resolve_plan_path(path)
    with PlanFolder.at(target.parent, writing=False) as folder:
        try:
            return folder.read(target.name)[0]
        except FileNotFoundError:
            raise StoreError(path, "store.no_such_file") from None
        except PermissionError:
            raise StoreError(path, "store.read_denied") from None
        except OSError as exc:
            raise StoreError(path, "store.cannot_read", reason=exc.strerror or str(exc)) from None


def make_folders(path: Path) -> None:
    """Create the missing folders of ``path`` (absolute, links resolved), walking from ``/``
    without following any link: a link someone planted on the way is refused before anything
    is created beyond it."""
    fd = os.open("/", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        walked = Path("/")
        for name in [p for p in path.parts[1:] if p not in ("", ".")]:
            walked = walked / name
            try:
                nxt = _open_component(name, fd, os.O_PATH, walked)
            except FileNotFoundError:
                try:
                    os.mkdir(name, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                except OSError as exc:
                    raise StoreError(walked, "store.cannot_create_folder",
                                     reason=exc.strerror) from exc
                nxt = _open_component(name, fd, os.O_PATH, walked)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
