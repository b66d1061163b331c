"""PlanStore: the plan file on disk, read fresh, written under one lock, atomically, with audit."""

from __future__ import annotations

import contextlib
import copy
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ..domain import Plan
from ..domain.text import clean_text
from ..domain.validation import MAX_LONG
from .backups import DEFAULT_INTERVAL_S, DEFAULT_KEEP, backup_due, maybe_backup
from .documents import document_to_plan, plan_to_document, records_to_plan, validate_records
from .durable import LOCK_TIMEOUT_S, folder_lock, write_file
from .errors import StoreError, UnreadableFile, UnsafePath
from .identity import current_login
from .journal import append as journal_append
from .journal import apply_record, base_id, journal_path, make_record, read_journal
from .safe_paths import PlanFolder, make_folders, resolve_plan_path
from .schema import Document, check_shape

if TYPE_CHECKING:  # TinyDB is imported only when something is written
    from .storage import TransactionStorage
    from .transaction import Transaction

Clock = Callable[[], datetime]

# Plans at least this large get journal appends instead of whole-file rewrites; the journal is
# folded back into the plan file when it outgrows an eighth of it (and at least this much).
JOURNAL_MIN_BYTES = 1 << 20
JOURNAL_MAX_MIN = 256 << 10


@dataclass(slots=True)
class _Cache:
    file_stamp: tuple[int, int, int] | None
    base: dict[str, int]
    journal_end: int
    journal_inode: int | None
    journal_belongs: bool
    doc: Document


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def dump_document(doc: Document) -> bytes:
    """Readable, pretty-printed UTF-8 JSON."""
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def parse_bytes(path: Path, raw: bytes) -> Document:
    if not raw.strip():
        raise UnreadableFile(path, "store.empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnreadableFile(path, "store.not_json", detail=str(exc)) from exc
    except MemoryError:  # a small file of millions of empty objects: refused, not a crash
        raise UnreadableFile(path, "store.out_of_memory", size=len(raw)) from None
    return check_shape(path, data)


class PlanStore:
    """The only way into a plan file. ``user`` and ``clock`` are injectable for tests."""

    journal_min_bytes = JOURNAL_MIN_BYTES

    def __init__(self, path: Path | str, *, user: str | None = None,
                 clock: Clock | None = None, backup_keep: int = DEFAULT_KEEP,
                 backup_interval_s: int = DEFAULT_INTERVAL_S,
                 lock_timeout: float = LOCK_TIMEOUT_S) -> None:
        self.path = Path(path)
        # The file every read and write uses: the folder resolved once, a final link followed
        # only if the user made it (safe_paths); from here on no link is followed.
        self.target = resolve_plan_path(self.path)
        self.user = user or current_login()
        self.clock = clock or utc_now
        self.backup_keep = backup_keep
        self.backup_interval_s = backup_interval_s
        self.lock_timeout = lock_timeout  # how long a write waits for another writer's lock
        # The document as this store last read or wrote it, with the plan file's stamp: a
        # transaction finding the same file under the lock need not parse and check it again.
        self._cache: _Cache | None = None
        self._mutex = threading.RLock()  # the dashboard reads in a worker thread

    # -- reading -----------------------------------------------------------------------------

    def exists(self) -> bool:
        return os.path.lexists(self.target)

    def _folder(self, *, writing: bool = False) -> PlanFolder:
        """The plan's folder, opened for one read or one save (see ``safe_paths``)."""
        return PlanFolder.at(self.target.parent, writing=writing)

    @property
    def _name(self) -> str:
        return self.target.name

    @property
    def _journal(self) -> str:
        return journal_path(self.target).name

    def read_raw(self, folder: PlanFolder | None = None) -> bytes:
        """The file's bytes, read fresh (never a cached handle, never through a link planted in
        the plan's folder)."""
        if folder is None:
            with self._folder() as opened:
                return self.read_raw(opened)
        try:
            return folder.read(self._name)[0]
        except UnsafePath:
            raise
        except FileNotFoundError:
            raise StoreError(self.path, "store.no_such_file") from None
        except IsADirectoryError:
            raise StoreError(self.path, "store.is_directory") from None
        except PermissionError:
            raise StoreError(self.path, "store.read_denied") from None
        except OSError as exc:
            raise StoreError(self.path, "store.cannot_read", reason=exc.strerror or str(exc)) from None

    def read_document(self) -> Document:
        """The document with its journal applied, read fresh, parsed and checked for shape and
        version. The caller gets its own copy to do with as it likes."""
        with self._folder() as folder:
            return self._read_fresh(folder)[0]

    def _read_fresh(self, folder: PlanFolder) -> tuple[Document, _Cache]:
        """Plan file plus journal, read without the lock: if the plan file is replaced while it is
        being read (a writer folding the journal in), read again."""
        for _ in range(20):
            before = self._file_stamp(folder)
            raw = self.read_raw(folder)
            doc = parse_bytes(self.path, raw)
            base = base_id(raw)
            found = read_journal(folder, self._journal, base)
            if self._file_stamp(folder) != before:
                continue
            for record in found.records:
                apply_record(doc, record)
            cache = _Cache(before, base, found.end if found.belongs else 0,
                           found.inode if found.belongs else None, found.belongs, doc)
            return doc, cache
        raise StoreError(self.path, "store.keeps_changing")

    def _current(self, folder: PlanFolder) -> tuple[Document, Plan | None]:
        """The document this store may write: its cached copy when the plan file is the one it
        last read or wrote (only the journal's new lines are read), otherwise read fresh and
        checked down to every record. Call under the lock."""
        cache = self._cache
        if cache is not None and cache.file_stamp == self._file_stamp(folder):
            jst = folder.lstat(self._journal)
            if jst is None and cache.journal_end == 0:
                return cache.doc, None
            if jst is not None and cache.journal_inode in (None, jst.st_ino) \
                    and jst.st_size >= cache.journal_end:
                if jst.st_size == cache.journal_end:
                    return cache.doc, None
                start = cache.journal_end if cache.journal_belongs else 0
                found = read_journal(folder, self._journal, cache.base, start, cache.journal_inode)
                if found.belongs or start:
                    for record in found.records:
                        written = apply_record(cache.doc, record)
                        validate_records(self.path, cache.doc, written)
                    cache.journal_end = found.end
                    cache.journal_inode = found.inode
                    cache.journal_belongs = True
                return cache.doc, None
        self._cache = None
        doc, fresh = self._read_fresh(folder)
        plan = document_to_plan(self.path, doc)
        self._cache = fresh
        return doc, plan

    def load(self) -> Plan:
        """The plan as it is on disk now (plan file and journal)."""
        with self._mutex, self._folder() as folder:
            doc, plan = self._current(folder)
            # The cached document was checked whole when read, and every record written since
            # (journal lines, this store's own commits) was checked as it came: no need to again.
            return plan if plan is not None else records_to_plan(self.path, doc)

    def _file_stamp(self, folder: PlanFolder | None = None) -> tuple[int, int, int] | None:
        try:
            st = os.lstat(self.target) if folder is None else folder.lstat(self._name)
        except OSError:
            return None
        if st is None:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @staticmethod
    def _journal_stamp(target: Path) -> tuple[int | None, int]:
        try:
            st = os.lstat(journal_path(target))
        except OSError:
            return (None, 0)
        return (st.st_ino, st.st_size)

    def stamp(self) -> tuple[int, ...] | None:
        """Changes whenever the plan changes on disk (file replaced or journal grown); cheap
        enough to poll."""
        file_stamp = self._file_stamp()
        if file_stamp is None:
            return None
        inode, size = self._journal_stamp(self.target)
        return (*file_stamp, inode or 0, size)

    def writable(self) -> bool:
        """Can this process replace the file (the file and its directory are writable)?"""
        target = self.target
        return os.access(target, os.W_OK) and os.access(target.parent, os.W_OK | os.X_OK)

    # -- writing -----------------------------------------------------------------------------

    def _prepare_dir(self) -> Path:
        """Create the plan's missing folders, never through a link someone else planted."""
        make_folders(self.target.parent)
        return self.target

    def create(self, plan: Plan) -> None:
        """Write a new plan file; refuses to replace one that exists."""
        if not self.create_if_missing(plan):
            raise StoreError(self.path, "store.already_exists")

    def create_if_missing(self, plan: Plan) -> bool:
        """Write ``plan`` as a new file unless one exists (checked under the lock, so two
        processes starting at once create it once); True if this call created it."""
        self._prepare_dir()
        with self._folder(writing=True) as folder, \
                folder_lock(folder, self._name, self.lock_timeout):
            if folder.lstat(self._name) is not None:
                return False
            folder.remove_stale_temps(self._name)
            write_file(folder, self._name, self._encode(plan_to_document(plan)))
            folder.discard(self._journal)  # best effort: a leftover journal no longer belongs
        return True

    def write_plan(self, plan: Plan, source: str = "seed") -> None:
        """Write ``plan`` as the plan file (``seed -o``). Over an existing plan this is an import:
        the editors list is checked, the current state (journal included) is kept as a backup,
        and the replacement is recorded in the history; a file that cannot be parsed is never
        overwritten."""
        if not self.create_if_missing(plan):
            self.import_document(plan_to_document(plan), source)

    def _encode(self, doc: Document) -> bytes:
        """The file's bytes; text that is not valid Unicode (a lone surrogate from a terminal in
        the wrong locale) is refused with a clear error before anything is written."""
        try:
            return dump_document(doc)
        except orjson.JSONEncodeError as exc:
            raise StoreError(self.path, "store.cannot_store_text", detail=str(exc)) from exc

    @staticmethod
    def _backup_now(now: datetime) -> datetime:
        return now.astimezone(UTC).replace(tzinfo=None)

    @contextlib.contextmanager
    def transaction(self, *, require_editor: bool = True) -> Iterator[Transaction]:
        """Lock, read fresh, yield; on success write once, atomically and durably.

        A file that ``load`` would refuse is refused here too, before anything is changed. A large
        plan gets one journal line per transaction instead of a rewrite of the whole file.
        """
        from .storage import open_transaction_db
        from .transaction import Transaction

        with self._mutex, self._folder(writing=True) as folder, \
                folder_lock(folder, self._name, self.lock_timeout):
            doc, _ = self._current(folder)
            db, storage = open_transaction_db(doc)
            tx = Transaction(db, self.user, self.clock())
            try:
                if require_editor:
                    tx.require_editor()
                yield tx
                tx.flush_audit()
                if storage.dirty:
                    if not storage.replaced:  # an import is checked whole before it starts
                        # never write what a read would refuse (document_rules)
                        validate_records(self.path, storage.data, storage.touched)
                    self._commit(folder, tx, storage)
            except BaseException:
                self._cache = None  # the document may be half changed: read it again next time
                raise

    def _commit(self, folder: PlanFolder, tx: Transaction, storage: TransactionStorage) -> None:
        cache = self._cache
        assert cache is not None
        now = self._backup_now(tx.now)
        size = cache.file_stamp[2] if cache.file_stamp is not None else 0
        large = size >= self.journal_min_bytes
        if large and not storage.replaced and storage.touched \
                and cache.journal_end < max(JOURNAL_MAX_MIN, size // 8) \
                and not backup_due(self.target, now, keep=self.backup_keep,
                                   interval_s=self.backup_interval_s):
            line = self._encode_line(storage.data, storage.touched)
            end, inode = journal_append(folder, self._journal, self._name, cache.base,
                                        cache.journal_end, cache.journal_belongs, line)
            cache.journal_end, cache.journal_inode, cache.journal_belongs = end, inode, True
            return
        folder.remove_stale_temps(self._name)
        if storage.replaced or not large or cache.journal_end == 0:
            # The state before this write: the plan file as it is, or with the journal applied.
            before = cache.doc
            content = (partial(self._encode, before) if cache.journal_end
                       else partial(self.read_raw, folder))
            maybe_backup(folder, self._name, content, now, keep=self.backup_keep,
                         interval_s=0 if storage.replaced else self.backup_interval_s)
        data = self._encode(storage.data)
        write_file(folder, self._name, data)
        folder.discard(self._journal)  # best effort: a leftover journal no longer belongs
        if large and cache.journal_end and not storage.replaced:
            # The journal was folded in: the new file, which holds every change, is the backup.
            maybe_backup(folder, self._name, lambda: data, now, keep=self.backup_keep,
                         interval_s=self.backup_interval_s)
        self._cache = _Cache(self._file_stamp(folder), base_id(data), 0, None, False,
                             storage.data)

    def _encode_line(self, doc: Document, touched: dict[str, set[str]]) -> bytes:
        try:
            return make_record(doc, touched)
        except orjson.JSONEncodeError as exc:
            raise StoreError(self.path, "store.cannot_store_text", detail=str(exc)) from exc

    def import_document(self, doc: Document, source: str) -> None:
        """Replace the plan with a validated document, all or nothing, and audit it.

        ``doc`` is checked like a file on disk (shape, version, every record) before the current
        file is touched; an invalid document raises ``UnreadableFile`` naming ``source``.
        """
        imported = check_shape(Path(source), copy.deepcopy(doc))
        document_to_plan(Path(source), imported)
        with self.transaction() as tx:
            tx.db.storage.write(imported)
            # the history shows where the plan came from: a path is text like any other
            tx.audit("plan", "*", "*", None, clean_text(source)[:MAX_LONG], action="import")

    def export_bytes(self) -> bytes:
        """The whole plan, lossless, as the same JSON the file holds."""
        with self._mutex, self._folder() as folder:
            return dump_document(self._current(folder)[0])

    def is_editor(self, plan: Plan | None = None) -> bool:
        editors = (plan or self.load()).editors
        return not editors or self.user in editors


def is_live_plan(path: Path, current: PlanStore | None = None) -> bool:
    """Is ``path`` a plan the store writes or one of its companion files (``current``'s own
    file, any file with a lock file or journal beside it, or a lock file or journal of a plan)?
    Such a file is replaced only through the store, never by an export."""
    target = resolve_plan_path(path)
    if current is not None and os.path.lexists(target) and os.path.lexists(current.target) \
            and os.path.samefile(target, current.target):
        return True
    for suffix in (".lock", ".journal"):
        if target.name.endswith(suffix) and os.path.lexists(target.with_name(
                target.name[: -len(suffix)])):
            return True
    companions = (target.with_name(target.name + ".lock"), journal_path(target))
    return os.path.lexists(target) and any(os.path.lexists(p) for p in companions)


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
