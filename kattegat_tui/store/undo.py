"""Undo and redo: a user's last change batch reverted (or last undo re-applied), compare-and-set,
and recorded as a change of its own.

Every change record holds the value before (``old``) and after (``new``). Reverting it moves the
value from ``new`` back to ``old``, and only if it still holds ``new``: a value someone changed
since is never overwritten. If any value of the batch has moved on, the whole undo is refused with
``UndoConflict`` (who changed it, when) and nothing is written. A value that already holds ``old``
(someone reverted it by hand, or deleted the record that was created) has nothing left to revert
and does not block the rest.

A redo reverts an undo batch the same way; its records carry the ordinary actions ("update",
"note", "create", "delete") and name the undo batch in ``undoes``. A batch is reversed once any
record's ``undoes`` names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import UndoConflict
from .plan_store import PlanStore

if TYPE_CHECKING:
    from .transaction import Transaction

_TABLES = {"activity": "activities", "milestone": "milestones"}
UNDOABLE = frozenset({*_TABLES, "budget", "expense", "access"})
# Raised or stamped by every edit (an undo included); not part of what a record says.
_STAMPS = frozenset({"revision", "updated_at", "updated_by"})

Record = dict[str, Any]


class UndoEdits(PlanStore):
    def undo_last(self) -> list[Record]:
        """Revert this user's most recent batch of changes not yet undone; returns the reverted
        change records (empty when there is nothing to undo). Raises ``UndoConflict`` (nothing
        written) if another change has since moved a value the batch set.

        An import replaces the whole plan, so nothing before the latest import can be undone, and
        neither can the import itself (the previous file is in the backups).
        """
        with self.transaction() as tx:
            changes = tx.table("changes").all()
            barrier = _import_barrier(changes)
            done = _reversed_batches(changes)
            mine = [c for c in changes if c.get("who") == tx.user and c.get("action") != "undo"
                    and int(c["id"]) > barrier and _batch(c) not in done
                    and c.get("entity") in UNDOABLE]
            if not mine:
                return []
            batch = max(_batch(c) for c in mine)
            target = [dict(c) for c in sorted((c for c in mine if _batch(c) == batch),
                                              key=lambda c: -int(c["id"]))]
            _Reversal(tx, changes, batch, "undo").run(target)
            return target

    def redo_last(self) -> list[Record]:
        """Re-apply this user's most recent undo not yet redone; returns the undo's records
        (empty when there is nothing to redo). A new edit of one's own after an undo ends what
        can be redone. Raises ``UndoConflict`` (nothing written) if a value the undo put back has
        been changed since."""
        with self.transaction() as tx:
            changes = tx.table("changes").all()
            barrier = _import_barrier(changes)
            done = _reversed_batches(changes)
            undos = [c for c in changes if c.get("who") == tx.user and c.get("action") == "undo"
                     and int(c["id"]) > barrier and _batch(c) not in done
                     and c.get("entity") in UNDOABLE and not _is_marker(c)]
            if not undos:
                return []
            batch = max(_batch(c) for c in undos)
            if any(c.get("who") == tx.user and _batch(c) > batch and c.get("action") != "undo"
                   and c.get("undoes") is None for c in changes):
                return []
            target = [dict(c) for c in sorted((c for c in undos if _batch(c) == batch),
                                              key=lambda c: -int(c["id"]))]
            _Reversal(tx, changes, batch, "redo").run(target)
            return target


def _batch(change: Record) -> int:
    return int(change.get("batch") or change["id"])


def _import_barrier(changes: list[Any]) -> int:
    return max((int(c["id"]) for c in changes if c.get("action") == "import"), default=0)


def _reversed_batches(changes: list[Any]) -> set[int]:
    """Batches already undone (or, for undo batches, redone)."""
    return {int(c["undoes"]) for c in changes if c.get("undoes") is not None}


def _is_marker(change: Record) -> bool:
    """The record that marks a batch as undone when there was nothing left to revert."""
    return change.get("action") == "undo" and change.get("old") is None \
        and change.get("new") is None


def _same(current: Record, expected: Any) -> bool:
    """The record says what ``expected`` says (revision and "last updated" stamps aside)."""
    if not isinstance(expected, dict):
        return False
    return {k: v for k, v in current.items() if k not in _STAMPS} == \
        {k: v for k, v in expected.items() if k not in _STAMPS}


class _Reversal:
    """One undo (or redo): each change record of ``batch`` reverted, compare-and-set."""

    def __init__(self, tx: Transaction, changes: list[Any], batch: int, op: str) -> None:
        self.tx = tx
        self.changes = changes
        self.batch = batch
        self.op = op
        self.bumped: set[tuple[str, str]] = set()  # records whose revision this edit raised

    def run(self, target: list[Record]) -> None:
        for change in target:
            self._revert(change)
        if not self.tx.recorded:
            # Everything was already reverted by later edits; mark the batch as reversed anyway,
            # so the next undo (or redo) moves on to the one before it.
            first = target[0]
            self.tx.audit(first["entity"], first["entity_id"], first["field"], None, None,
                          action="undo", undoes=self.batch)

    # -- refusing ------------------------------------------------------------------------------

    def conflict(self, change: Record, field: str | None = None) -> UndoConflict:
        """The refusal for ``change``, naming the newest later change to the same value."""
        entity, key = change["entity"], str(change["entity_id"])
        field = field or change["field"]
        wanted = key.upper()
        latest: Record | None = None
        for c in self.changes:
            if _batch(c) <= self.batch or _is_marker(c) or c.get("entity") != entity \
                    or str(c.get("entity_id")).upper() != wanted:
                continue
            if field != "*" and c.get("field") not in (field, "*"):
                continue
            if latest is None or int(c["id"]) > int(latest["id"]):
                latest = c
        who = str(latest["who"]) if latest is not None else None
        at = str(latest["at"]) if latest is not None else None
        return UndoConflict(self.op, entity, key, field, who, at)

    # -- recording -----------------------------------------------------------------------------

    def record(self, entity: str, key: str, field: str, old: Any, new: Any, *,
               note: bool = False) -> None:
        """Audit one reverted value: an undo as "undo"; a redo as the edit it makes again."""
        if self.op == "undo":
            action = "undo"
        elif note:
            action = "note"
        elif field == "*":
            action = "create" if old is None else "delete"
        else:
            action = "update"
        self.tx.audit(entity, key, field, old, new, action=action, undoes=self.batch)

    # -- reverting -----------------------------------------------------------------------------

    def _revert(self, change: Record) -> None:
        entity = change["entity"]
        if entity in _TABLES:
            self._revert_record(change, _TABLES[entity])
        elif entity == "budget":
            budget = dict(self.tx.meta["budget"])
            field = change["field"]
            if self._moves(change, budget.get(field)):
                self.record(entity, change["entity_id"], field, budget.get(field), change["old"])
                budget[field] = change["old"]
                self.tx.update_meta({"budget": budget})
        elif entity == "expense":
            self._revert_expense(change)
        elif entity == "access":
            editors = list(self.tx.meta.get("editors") or [])
            if self._moves(change, editors, empty=[]):
                self.record(entity, change["entity_id"], change["field"], editors, change["old"])
                self.tx.update_meta({"editors": change["old"]})

    def _moves(self, change: Record, current: Any, empty: Any = None) -> bool:
        """True if ``current`` still holds the change's new value (revert it), False if it
        already holds the old one (nothing to do); otherwise the undo is refused."""
        new = change["new"] if change["new"] is not None else empty
        old = change["old"] if change["old"] is not None else empty
        if current == new:
            return True
        if current == old:
            return False
        raise self.conflict(change)

    def _revert_record(self, change: Record, table_name: str) -> None:
        tx, entity, key, field = self.tx, change["entity"], str(change["entity_id"]), change["field"]
        table = tx.table(table_name)
        found = _find(tx, table_name, key)
        if field == "*":
            if change["old"] is None:  # created: remove it, if nobody changed it since
                if found is None:
                    return
                doc_id, current = found
                if not _same(current, change["new"]):
                    raise self.conflict(change)
                table.remove(doc_ids=[doc_id])
                self.record(entity, current["id"], "*", current, None)
            else:  # deleted: bring it back, if nothing has taken its id since
                if found is not None:
                    if _same(found[1], change["old"]):
                        return
                    raise self.conflict(change)
                table.insert(dict(change["old"]))
                self.record(entity, key, "*", None, change["old"])
            return
        if found is None:
            raise self.conflict(change)  # the record was deleted since
        doc_id, current = found
        update: Record
        if field == "notes" and change.get("action") == "note":
            notes = list(current.get("notes") or [])
            index = _note_index(notes, change)
            if index is None:
                return
            del notes[index]
            update = {"notes": notes}
            self.record(entity, current["id"], "notes", change["new"], None)
        elif field == "notes" and change.get("action") == "undo":  # redo of a removed note
            entry = {"at": tx.now.isoformat(), "by": tx.user, "text": change["old"]}
            update = {"notes": [*(current.get("notes") or []), entry]}
            self.record(entity, current["id"], "notes", None, change["old"], note=True)
        else:
            if not self._moves(change, current.get(field)):
                return
            update = {field: change["old"]}
            self.record(entity, current["id"], field, current.get(field), change["old"])
        if (entity, key.upper()) not in self.bumped:
            update["revision"] = int(current.get("revision", 1)) + 1
            self.bumped.add((entity, key.upper()))
        if entity == "activity":
            update["updated_at"] = tx.now.isoformat()
            update["updated_by"] = tx.user
        table.update(update, doc_ids=[doc_id])

    def _revert_expense(self, change: Record) -> None:
        tx, key = self.tx, str(change["entity_id"])
        table = tx.table("expenses")
        try:
            doc_id = int(key)
        except ValueError:
            raise self.conflict(change) from None
        stored = table.get(doc_id=doc_id)
        current = dict(stored) if isinstance(stored, dict) else None
        if change["old"] is None:  # added: remove it unless it differs from what was added
            if current is None:
                return
            if current != change["new"]:
                raise self.conflict(change)
            table.remove(doc_ids=[doc_id])
            self.record("expense", key, "*", current, None)
        else:  # deleted: put it back unless its id has been taken since
            if current is not None:
                if current == change["old"]:
                    return
                raise self.conflict(change)
            tx.insert_with_id("expenses", dict(change["old"]), doc_id)
            self.record("expense", key, "*", None, change["old"])


def _find(tx: Transaction, table: str, key: str) -> tuple[int, Record] | None:
    wanted = key.strip().upper()
    for doc_id, record in tx.table(table)._read_table().items():
        if str(record.get("id", "")).upper() == wanted:
            return int(doc_id), dict(record)
    return None


def _note_index(notes: list[Record], change: Record) -> int | None:
    """The note ``change`` added: the newest with its text and author, at its time if possible."""
    candidates = [i for i, n in enumerate(notes)
                  if n.get("text") == change["new"] and n.get("by") == change["who"]]
    exact = [i for i in candidates if notes[i].get("at") == change["at"]]
    chosen = exact or candidates
    return chosen[-1] if chosen else None
