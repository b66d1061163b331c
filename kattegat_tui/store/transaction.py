"""One locked read-modify-write of the plan file, with its audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from .errors import AccessDenied, NotFound
from .schema import META_ID


class Transaction:
    """The plan document inside the lock: TinyDB tables plus the audit helpers.

    Every change made here is recorded in ``changes`` with the same ``batch`` number, so a whole
    edit can be undone as one.
    """

    def __init__(self, db: TinyDB, user: str, now: datetime) -> None:
        self.db = db
        self.user = user
        self.now = now
        self.batch: int | None = None
        self.recorded: list[dict[str, Any]] = []

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    @property
    def meta(self) -> dict[str, Any]:
        doc = self.table("meta").get(doc_id=int(META_ID))
        assert isinstance(doc, dict)
        return dict(doc)

    def update_meta(self, fields: dict[str, Any]) -> None:
        self.table("meta").update(fields, doc_ids=[int(META_ID)])

    def require_editor(self) -> None:
        editors = self.meta.get("editors") or []
        if editors and self.user not in editors:
            raise AccessDenied(self.user)

    def find(self, table: str, key: str, kind: str) -> tuple[int, dict[str, Any]]:
        """The document whose ``id`` matches ``key`` (case-insensitive)."""
        wanted = key.strip().upper()
        for doc_id, record in self.table(table)._read_table().items():
            if str(record.get("id", "")).upper() == wanted:
                return int(doc_id), dict(record)
        raise NotFound(kind, key)

    def ids_in_history(self, entity: str) -> set[str]:
        """Ids the audit log mentions for ``entity``: new records never reuse a deleted one's id,
        so an id keeps naming one record in the history."""
        return {str(c.get("entity_id")).upper() for c in self.table("changes")._read_table().values()
                if c.get("entity") == entity}

    def audit(self, entity: str, entity_id: str, field: str, old: Any, new: Any,
              action: str = "update", undoes: int | None = None) -> None:
        """Record one change; all records of a transaction are written with it, as one batch."""
        record: dict[str, Any] = {
            "at": self.now.isoformat(), "who": self.user, "entity": entity,
            "entity_id": entity_id, "field": field, "old": old, "new": new, "action": action,
        }
        if undoes is not None:
            record["undoes"] = undoes
        self.recorded.append(record)

    def insert_with_id(self, table: str, record: dict[str, Any], doc_id: int) -> None:
        """Insert ``record`` under a chosen id (expenses keep their id, undo restores one)."""
        self.table(table).insert(Document(record, doc_id=doc_id))

    def flush_audit(self) -> None:
        """Insert the recorded changes with consecutive ids; the first id names the batch."""
        if not self.recorded:
            return
        raw = self.table("changes")._read_table()
        first = _last_id(raw) + 1
        docs = []
        for offset, record in enumerate(self.recorded):
            record["id"] = first + offset
            record["batch"] = first
            docs.append(Document(record, doc_id=first + offset))
        self.table("changes").insert_multiple(docs)
        self.batch = first


def _last_id(raw: dict[str, Any]) -> int:
    """The highest id in a table: the last key when ids run 1..n in order (as the store writes
    them), else the maximum."""
    if not raw:
        return 0
    last = next(reversed(raw))
    if last.isdigit() and int(last) == len(raw):
        return len(raw)
    return max(map(int, raw))
