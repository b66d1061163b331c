"""The journal beside a large plan file: small, durable appends instead of rewriting the file.

A plan of 10,000 activities with its history is many megabytes; rewriting all of it for one status
change costs far more than the change. For such a plan each transaction appends one line to
``<plan>.journal``: the records it wrote or deleted, the change and its audit records together, in one
``write`` followed by ``fsync``. The first line names the plan file the journal belongs to (its size
and CRC-32), so a journal left beside a newer plan file is never applied to it. When the journal
grows past a share of the plan file, or a backup is due, the store folds it into the plan file with
the usual atomic replace and removes it.

A line without its newline is an append that did not finish (the process died or the disk filled):
it is ignored by readers and cut off by the next writer, under the lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .durable import _write_error
from .errors import UnreadableFile
from .safe_paths import MAX_FILE_BYTES, PlanFolder
from .schema import Document

JOURNAL_VERSION = 1


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def base_id(raw: bytes) -> dict[str, int]:
    """What ties a journal to one version of the plan file."""
    return {"size": len(raw), "crc32": zlib.crc32(raw)}


@dataclass(slots=True)
class JournalRead:
    """The complete records of a journal that belongs to the plan file, and where they end."""

    records: list[dict[str, Any]]
    end: int
    inode: int | None
    belongs: bool


def read_journal(folder: PlanFolder, name: str, base: dict[str, int], start: int = 0,
                 inode: int | None = None) -> JournalRead:
    """Records of the journal ``name`` in ``folder`` from byte ``start`` (0: from the header,
    which must name ``base``).

    A journal that is missing, or names another plan file, yields no records (``belongs`` False).
    A damaged complete line raises ``UnreadableFile``: the plan is then never written over.
    """
    path = folder.where(name)
    try:
        fd = folder.open(name, os.O_RDONLY)
    except FileNotFoundError:
        return JournalRead([], 0, None, False)
    except OSError as exc:
        raise UnreadableFile(path, "store.journal_unreadable", reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if st.st_size > MAX_FILE_BYTES:
                raise UnreadableFile(path, "store.too_large", size=st.st_size, limit=MAX_FILE_BYTES)
            if inode is not None and st.st_ino != inode:
                start = 0
            handle.seek(start)
            raw = handle.read(MAX_FILE_BYTES)
    except OSError as exc:
        raise UnreadableFile(path, "store.journal_unreadable", reason=exc.strerror or str(exc)) from exc
    return _parse_lines(path, raw, start, base, st.st_ino)


def _parse_lines(path: Path, raw: bytes, start: int, base: dict[str, int],
                 inode: int) -> JournalRead:
    """Complete lines of ``raw`` (read from byte ``start``), one at a time: the header is checked
    before anything else is parsed, and no list of every line is ever built (a journal of a few
    hundred million empty lines costs nothing)."""
    end = raw.rfind(b"\n") + 1
    pos = 0
    if start == 0:
        nl = raw.find(b"\n", 0, end)
        if nl < 0:
            return JournalRead([], 0, inode, False)
        try:
            header = orjson.loads(raw[:nl])
        except orjson.JSONDecodeError:
            return JournalRead([], 0, inode, False)
        if not isinstance(header, dict) or header.get("journal_for") != base:
            return JournalRead([], 0, inode, False)
        pos = nl + 1
    records: list[dict[str, Any]] = []
    number = 0
    while pos < end:
        nl = raw.find(b"\n", pos, end)
        number += 1
        try:
            record = orjson.loads(raw[pos:nl])
        except orjson.JSONDecodeError as exc:
            raise UnreadableFile(path, "store.journal_damaged", line=number, detail=str(exc)) from exc
        if not _is_record(record):
            raise UnreadableFile(path, "store.journal_not_record", line=number)
        records.append(record)
        pos = nl + 1
    return JournalRead(records, start + end, inode, True)


def _is_record(record: Any) -> bool:
    """A journal record's shape: ``set`` maps tables to records by id, ``del`` tables to ids."""
    if not isinstance(record, dict) or not set(record) <= {"set", "del"}:
        return False
    sets, dels = record.get("set") or {}, record.get("del") or {}
    if not isinstance(sets, dict) or not isinstance(dels, dict):
        return False
    if not all(isinstance(docs, dict) and all(isinstance(v, dict) for v in docs.values())
               for docs in sets.values()):
        return False
    return all(isinstance(ids, list) and all(isinstance(i, str) for i in ids)
               for ids in dels.values())


def apply_record(doc: Document, record: dict[str, Any]) -> dict[str, set[str]]:
    """Apply one journal record to ``doc`` in place; returns the record ids it wrote, per table."""
    written: dict[str, set[str]] = {}
    for table, docs in (record.get("set") or {}).items():
        target = doc.setdefault(table, {})
        for doc_id, value in docs.items():
            target[doc_id] = value
        written[table] = set(docs)
    for table, ids in (record.get("del") or {}).items():
        target = doc.get(table, {})
        for doc_id in ids:
            target.pop(doc_id, None)
    return written


def make_record(doc: Document, touched: dict[str, set[str]]) -> bytes:
    """The journal line for the records a transaction touched (present ones set, gone ones deleted)."""
    sets: dict[str, dict[str, Any]] = {}
    dels: dict[str, list[str]] = {}
    for table, ids in touched.items():
        rows = doc.get(table, {})
        for doc_id in sorted(ids, key=lambda x: (len(x), x)):
            if doc_id in rows:
                sets.setdefault(table, {})[doc_id] = rows[doc_id]
            else:
                dels.setdefault(table, []).append(doc_id)
    record: dict[str, Any] = {"set": sets}
    if dels:
        record["del"] = dels
    return orjson.dumps(record) + b"\n"


def _open_for_append(folder: PlanFolder, name: str, plan_name: str,
                     belongs: bool) -> tuple[int, bool]:
    """The journal opened for writing, and whether it was created: an existing one of this plan
    (checked by ``PlanFolder.open``), else a new file in its place with the plan's mode and group."""
    plan_shown = folder.where(plan_name)
    try:
        plan_st = os.stat(plan_name, dir_fd=folder.fd, follow_symlinks=False)
    except OSError as exc:
        raise _write_error(plan_shown, exc) from exc
    created = not belongs
    fd = -1
    try:
        if belongs:
            fd = folder.open(name, os.O_RDWR, group=plan_st.st_gid, single_link=True)
            if os.fstat(fd).st_size == 0:
                os.close(fd)
                fd, created = -1, True
        if created:
            folder.unlink(name)  # a name, never followed: a planted link is removed, not its target
            fd = folder.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            os.fchmod(fd, stat.S_IMODE(plan_st.st_mode) & 0o666)
            if os.fstat(fd).st_gid != plan_st.st_gid:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, plan_st.st_gid)
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        raise _write_error(plan_shown, exc) from exc
    return fd, created


def append(folder: PlanFolder, name: str, plan_name: str, base: dict[str, int], valid_end: int,
           belongs: bool, line: bytes) -> tuple[int, int]:
    """Append ``line`` durably to the journal ``name`` of the plan ``plan_name`` in ``folder``;
    returns (new end offset, inode).

    Starts a new journal (header first) when there is none or it belongs to another plan file:
    the old one is removed and a new file created (``O_EXCL``), never truncated in place. An
    existing journal is written only if it is a regular file with one link, of this user or the
    plan's group: a planted link or someone else's file is refused, untouched. Cuts off an
    unfinished tail first. On failure the journal is cut back to ``valid_end`` and a
    ``StoreError`` says nothing was written.
    """
    fd, created = _open_for_append(folder, name, plan_name, belongs)
    try:
        st = os.fstat(fd)
        if created:
            valid_end = 0
            header = orjson.dumps({"journal_for": base, "version": JOURNAL_VERSION}) + b"\n"
            line = header + line
        try:
            if st.st_size != valid_end:
                os.ftruncate(fd, valid_end)
            os.lseek(fd, valid_end, os.SEEK_SET)
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, valid_end)
                os.fsync(fd)
            raise _write_error(folder.where(plan_name), exc) from exc
        inode = st.st_ino
    finally:
        os.close(fd)
    if created:
        folder.sync()
    return valid_end + len(line), inode
