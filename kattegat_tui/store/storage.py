"""TinyDB storages of our own.

TinyDB's ``JSONStorage`` rewrites the file in place and caches per process, which corrupts and loses
data with several writers. Here TinyDB only ever sees ``TransactionStorage``: the in-memory copy of
the file read fresh under the plan's exclusive lock. The store writes that copy back atomically, once,
when the transaction commits; a change and its audit records therefore land in the same write.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage


class TransactionStorage(Storage):
    """Holds one transaction's document; ``dirty`` tells whether TinyDB wrote to it."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        pass


def open_transaction_db(data: dict[str, dict[str, Any]]) -> tuple[TinyDB, TransactionStorage]:
    """A fresh TinyDB (no stale query cache, no per-process next-id counter) over ``data``."""
    storage = TransactionStorage(data)
    db = TinyDB(storage=lambda: storage)
    return db, storage
