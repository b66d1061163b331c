"""PlanStore: the plan file on disk, read fresh, written under one lock, atomically, with audit."""

from __future__ import annotations

import contextlib
import copy
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from ..domain import Plan
from .backups import DEFAULT_INTERVAL_S, DEFAULT_KEEP, maybe_backup
from .documents import document_to_plan, plan_to_document
from .durable import atomic_write, exclusive_lock, real_path, remove_stale_temps
from .errors import StoreError, UnreadableFile
from .identity import current_login
from .schema import Document, check_shape
from .storage import open_transaction_db
from .transaction import Transaction

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def dump_document(doc: Document) -> bytes:
    """Readable, pretty-printed UTF-8 JSON."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def parse_bytes(path: Path, raw: bytes) -> Document:
    if not raw.strip():
        raise UnreadableFile(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableFile(path, f"not valid JSON ({exc})") from exc
    return check_shape(path, data)


class PlanStore:
    """The only way into a plan file. ``user`` and ``clock`` are injectable for tests."""

    def __init__(self, path: Path | str, *, user: str | None = None,
                 clock: Clock | None = None, backup_keep: int = DEFAULT_KEEP,
                 backup_interval_s: int = DEFAULT_INTERVAL_S) -> None:
        self.path = Path(path)
        self.user = user or current_login()
        self.clock = clock or utc_now
        self.backup_keep = backup_keep
        self.backup_interval_s = backup_interval_s
        # The bytes of the last file this store found fully valid: a transaction reading the same
        # bytes again need not rebuild every record to know it may write.
        self._valid_raw: bytes | None = None

    # -- reading -----------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.exists()

    def read_raw(self) -> bytes:
        """The file's bytes, read fresh from the path (never a cached handle)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise StoreError(self.path, "no such file") from None
        except IsADirectoryError:
            raise StoreError(self.path, "is a directory, not a plan file") from None
        except PermissionError:
            raise StoreError(self.path, "permission denied (cannot read)") from None
        except OSError as exc:
            raise StoreError(self.path, f"cannot read ({exc.strerror or exc})") from None

    def read_document(self) -> Document:
        """The document, read fresh, parsed and checked for shape and version."""
        return parse_bytes(self.path, self.read_raw())

    def _read_valid(self) -> Document:
        """The document, checked down to every record (what ``load`` would refuse is refused)."""
        raw = self.read_raw()
        doc = parse_bytes(self.path, raw)
        if raw != self._valid_raw:
            document_to_plan(self.path, doc)
            self._valid_raw = raw
        return doc

    def load(self) -> Plan:
        raw = self.read_raw()
        plan = document_to_plan(self.path, parse_bytes(self.path, raw))
        self._valid_raw = raw
        return plan

    def stamp(self) -> tuple[int, int, int] | None:
        """Changes whenever the file is replaced; cheap enough to poll."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def writable(self) -> bool:
        """Can this process replace the file (the file and its directory are writable)?"""
        target = real_path(self.path)
        return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK | os.X_OK)

    # -- writing -----------------------------------------------------------------------------

    def _prepare_dir(self) -> Path:
        target = real_path(self.path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(self.path, f"cannot create its folder ({exc.strerror})") from exc
        return target

    def create(self, plan: Plan) -> None:
        """Write a new plan file; refuses to replace one that exists."""
        if not self.create_if_missing(plan):
            raise StoreError(self.path, "already exists; not overwritten")

    def create_if_missing(self, plan: Plan) -> bool:
        """Write ``plan`` as a new file unless one exists (checked under the lock, so two
        processes starting at once create it once); True if this call created it."""
        target = self._prepare_dir()
        with exclusive_lock(target):
            if target.exists():
                return False
            remove_stale_temps(target)
            atomic_write(target, self._encode(plan_to_document(plan)))
        return True

    def write_plan(self, plan: Plan) -> None:
        """Replace the whole file with ``plan`` (used by seed -o); the old file is kept as a backup."""
        target = self._prepare_dir()
        with exclusive_lock(target):
            if target.exists():
                self._read_valid()  # never overwrite a file we cannot parse
                maybe_backup(target, self._backup_now(self.clock()), keep=self.backup_keep,
                             interval_s=0)
            remove_stale_temps(target)
            atomic_write(target, self._encode(plan_to_document(plan)))

    def _encode(self, doc: Document) -> bytes:
        """The file's bytes; text that is not valid Unicode (a lone surrogate from a terminal in
        the wrong locale) is refused with a clear error before anything is written."""
        try:
            return dump_document(doc)
        except orjson.JSONEncodeError as exc:
            raise StoreError(self.path, f"cannot store the text: {exc}; nothing was written") from exc

    @staticmethod
    def _backup_now(now: datetime) -> datetime:
        return now.astimezone(UTC).replace(tzinfo=None)

    @contextlib.contextmanager
    def transaction(self, *, require_editor: bool = True) -> Iterator[Transaction]:
        """Lock, read fresh, yield; on success write once, atomically and durably.

        A file that ``load`` would refuse is refused here too, before anything is changed.
        """
        target = real_path(self.path)
        with exclusive_lock(target):
            doc = self._read_valid()
            db, storage = open_transaction_db(doc)
            tx = Transaction(db, self.user, self.clock())
            if require_editor:
                tx.require_editor()
            yield tx
            tx.flush_audit()
            if storage.dirty:
                remove_stale_temps(target)
                maybe_backup(target, self._backup_now(tx.now), keep=self.backup_keep,
                             interval_s=self.backup_interval_s)
                atomic_write(target, self._encode(storage.data))

    def import_document(self, doc: Document, source: str) -> None:
        """Replace the plan with a validated document, all or nothing, and audit it.

        ``doc`` is checked like a file on disk (shape, version, every record) before the current
        file is touched; an invalid document raises ``UnreadableFile`` naming ``source``.
        """
        imported = check_shape(Path(source), copy.deepcopy(doc))
        document_to_plan(Path(source), imported)
        with self.transaction() as tx:
            tx.db.storage.write(imported)
            tx.audit("plan", "*", "*", None, source, action="import")

    def export_bytes(self) -> bytes:
        """The whole plan, lossless, as the same JSON the file holds."""
        return dump_document(self._read_valid())

    def is_editor(self, plan: Plan | None = None) -> bool:
        editors = (plan or self.load()).editors
        return not editors or self.user in editors


def jsonable(value: Any) -> Any:
    """Domain values as the JSON the file stores."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    raise TypeError(f"cannot store {type(value).__name__}")
