"""TinyDB storages of our own.

TinyDB's ``JSONStorage`` rewrites the file in place and caches per process, which corrupts and loses
data with several writers. Here TinyDB only ever sees ``TransactionStorage``: the in-memory copy of
the plan, checked fresh against the file under the plan's exclusive lock. The store writes it back
once, when the transaction commits (the whole file atomically, or for a large plan one journal line);
a change and its audit records therefore land in the same write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


class TransactionStorage(Storage):
    """Holds one transaction's document and which records TinyDB wrote.

    ``touched`` maps a table to the ids of records inserted, updated or removed; ``replaced`` is set
    when the whole document was swapped (an import), which always rewrites the whole file.
    """

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = False
        self.replaced = False
        self.touched: dict[str, set[str]] = {}

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if data is not self.data:
            self.replaced = True
        self.data = data
        self.dirty = True

    def touch(self, table: str, ids: list[int]) -> None:
        self.touched.setdefault(table, set()).update(str(i) for i in ids)

    def close(self) -> None:
        pass


class _IntKeyView(MutableMapping[int, Any]):
    """A table's stored records (string keys) seen with integer document ids, without copying."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> Any:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)


class TrackingTable(Table):
    """A TinyDB table that tells its storage which records each write touched.

    Its writes work on the stored records in place: TinyDB's own ``_update_table`` copies the whole
    table twice per write, which for a plan's 35,000 history records costs more than the change.
    """

    _storage: TransactionStorage

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.setdefault(self.name, {})
        updater(_IntKeyView(raw))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()

    def insert(self, document: Any) -> int:
        doc_id = super().insert(document)
        self._storage.touch(self.name, [doc_id])
        return doc_id

    def insert_multiple(self, documents: Any) -> list[int]:
        ids = super().insert_multiple(documents)
        self._storage.touch(self.name, ids)
        return ids

    def update(self, fields: Any, cond: Any = None, doc_ids: Any = None) -> list[int]:
        ids = super().update(fields, cond, doc_ids)
        self._storage.touch(self.name, ids)
        return ids

    def update_multiple(self, updates: Any) -> list[int]:
        ids = super().update_multiple(updates)
        self._storage.touch(self.name, ids)
        return ids

    def remove(self, cond: Any = None, doc_ids: Any = None) -> list[int]:
        ids = super().remove(cond, doc_ids)
        self._storage.touch(self.name, ids)
        return ids

    def upsert(self, document: Any, cond: Any = None) -> list[int]:
        ids = super().upsert(document, cond)
        self._storage.touch(self.name, ids)
        return ids

    def truncate(self) -> None:
        self._storage.touch(self.name, [int(i) for i in self._read_table()])
        super().truncate()


class TransactionDB(TinyDB):
    table_class = TrackingTable


def open_transaction_db(data: dict[str, dict[str, Any]]) -> tuple[TinyDB, TransactionStorage]:
    """A fresh TinyDB (no stale query cache, no per-process next-id counter) over ``data``."""
    storage = TransactionStorage(data)
    db = TransactionDB(storage=lambda: storage)
    return db, storage
