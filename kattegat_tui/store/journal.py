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

from .durable import _write_error, fsync_dir, new_file_mode
from .errors import UnreadableFile
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


def read_journal(path: Path, base: dict[str, int], start: int = 0,
                 inode: int | None = None) -> JournalRead:
    """Records from byte ``start`` (0: from the header, which must name ``base``).

    A journal that is missing, or names another plan file, yields no records (``belongs`` False).
    A damaged complete line raises ``UnreadableFile``: the plan is then never written over.
    """
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if inode is not None and st.st_ino != inode:
                start = 0
            handle.seek(start)
            raw = handle.read()
    except FileNotFoundError:
        return JournalRead([], 0, None, False)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read the journal ({exc.strerror or exc})") from exc
    complete = raw[: raw.rfind(b"\n") + 1]
    lines = complete.split(b"\n")[:-1]
    position = start
    records: list[dict[str, Any]] = []
    if start == 0:
        if not lines:
            return JournalRead([], 0, st.st_ino, False)
        try:
            header = orjson.loads(lines[0])
        except orjson.JSONDecodeError:
            return JournalRead([], 0, st.st_ino, False)
        if not isinstance(header, dict) or header.get("journal_for") != base:
            return JournalRead([], 0, st.st_ino, False)
        position += len(lines[0]) + 1
        lines = lines[1:]
    for number, line in enumerate(lines, start=1):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise UnreadableFile(path, f"journal line {number} is damaged ({exc})") from exc
        if not isinstance(record, dict):
            raise UnreadableFile(path, f"journal line {number} is not a record")
        records.append(record)
        position += len(line) + 1
    return JournalRead(records, position, st.st_ino, True)


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


def append(path: Path, plan_file: Path, base: dict[str, int], valid_end: int, belongs: bool,
           line: bytes) -> tuple[int, int]:
    """Append ``line`` durably; returns (new end offset, inode).

    Starts a new journal (header first) when there is none or it belongs to another plan file;
    cuts off an unfinished tail first. On failure the journal is cut back to ``valid_end`` and a
    ``StoreError`` says nothing was written.
    """
    created = False
    try:
        plan_st = plan_file.stat()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, new_file_mode())
    except OSError as exc:
        raise _write_error(plan_file, exc) from exc
    try:
        st = os.fstat(fd)
        if not belongs or st.st_size == 0:
            valid_end = 0
            created = True
            os.fchmod(fd, stat.S_IMODE(plan_st.st_mode))
            if st.st_gid != plan_st.st_gid:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, plan_st.st_gid)
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
            raise _write_error(plan_file, exc) from exc
        inode = st.st_ino
    finally:
        os.close(fd)
    if created:
        with contextlib.suppress(OSError):
            fsync_dir(path.parent)
    return valid_end + len(line), inode


def remove(path: Path) -> None:
    """Drop a journal that has been folded into the plan file."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
