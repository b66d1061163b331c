"""Undo: a user's last change batch, reverted and recorded as a change of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..domain import validation as v
from .errors import NotFound
from .plan_store import PlanStore

if TYPE_CHECKING:
    from .transaction import Transaction

_TABLES = {"activity": "activities", "milestone": "milestones"}
UNDOABLE = frozenset({*_TABLES, "budget", "expense", "access"})


class UndoEdits(PlanStore):
    def undo_last(self) -> list[dict[str, Any]]:
        """Revert this user's most recent batch of changes not yet undone; returns the reverted
        change records (empty when there is nothing to undo).

        An import replaces the whole plan, so nothing before the latest import can be undone, and
        neither can the import itself (the previous file is in the backups).
        """
        with self.transaction() as tx:
            changes = tx.table("changes").all()
            barrier = max((int(c["id"]) for c in changes if c.get("action") == "import"), default=0)
            undone = {c.get("undoes") for c in changes if c.get("action") == "undo"}
            mine = [c for c in changes if c.get("who") == tx.user and c.get("action") != "undo"
                    and int(c["id"]) > barrier and c.get("batch") not in undone
                    and c.get("entity") in UNDOABLE]
            if not mine:
                return []
            batch = max(int(c["batch"]) for c in mine)
            target: list[dict[str, Any]] = sorted(
                (c for c in mine if c["batch"] == batch), key=lambda c: -int(c["id"]))
            bumped: set[tuple[str, str]] = set()
            for change in target:
                _revert(tx, change, batch, bumped)
            if not tx.recorded:
                # Everything was already reverted by later edits; mark the batch as undone anyway,
                # so the next undo moves on to the batch before it.
                first = target[0]
                tx.audit(first["entity"], first["entity_id"], first["field"], None, None,
                         action="undo", undoes=batch)
            return target


def _revert(tx: Transaction, change: dict[str, Any], batch: int,
            bumped: set[tuple[str, str]]) -> None:
    """Revert one change record; ``bumped`` holds the records whose revision this undo already
    raised (an undo is one edit, so one revision, however many fields it reverts)."""
    entity, key, field = change["entity"], change["entity_id"], change["field"]
    action = change.get("action", "update")
    if entity in _TABLES:
        table = tx.table(_TABLES[entity])
        if action == "create":
            try:
                doc_id, current = tx.find(_TABLES[entity], key, entity)
            except NotFound:
                return  # already deleted since
            table.remove(doc_ids=[doc_id])
            tx.audit(entity, key, "*", current, None, action="undo", undoes=batch)
            return
        if action == "delete":
            wanted = str(key).upper()
            if any(str(r.get("id")).upper() == wanted for r in table.all()):
                raise v.ValidationError("err.duplicate_id", value=key)
            table.insert(dict(change["old"]))
            tx.audit(entity, key, "*", None, change["old"], action="undo", undoes=batch)
            return
        try:
            doc_id, current = tx.find(_TABLES[entity], key, entity)
        except NotFound:
            return
        update: dict[str, Any]
        if action == "note":
            notes = list(current.get("notes", []))
            for i in range(len(notes) - 1, -1, -1):
                if notes[i].get("text") == change["new"] and notes[i].get("by") == change["who"]:
                    del notes[i]
                    break
            update = {"notes": notes}
            tx.audit(entity, key, "notes", change["new"], None, action="undo", undoes=batch)
        else:
            update = {field: change["old"]}
            tx.audit(entity, key, field, current.get(field), change["old"], action="undo",
                     undoes=batch)
        if (entity, key) not in bumped:
            update["revision"] = int(current.get("revision", 1)) + 1
            bumped.add((entity, key))
        if entity == "activity":
            update["updated_at"] = tx.now.isoformat()
            update["updated_by"] = tx.user
        table.update(update, doc_ids=[doc_id])
    elif entity == "budget":
        budget = dict(tx.meta["budget"])
        tx.audit(entity, key, field, budget.get(field), change["old"], action="undo", undoes=batch)
        budget[field] = change["old"]
        tx.update_meta({"budget": budget})
    elif entity == "expense":
        table = tx.table("expenses")
        if action == "create":
            if table.remove(doc_ids=[int(key)]):
                tx.audit(entity, key, "*", change["new"], None, action="undo", undoes=batch)
        elif action == "delete":
            if table.contains(doc_id=int(key)):
                raise v.ValidationError("err.duplicate_id", value=key)
            tx.insert_with_id("expenses", change["old"], int(key))
            tx.audit(entity, key, "*", None, change["old"], action="undo", undoes=batch)
    elif entity == "access":
        tx.audit(entity, key, field, tx.meta.get("editors"), change["old"], action="undo",
                 undoes=batch)
        tx.update_meta({"editors": change["old"]})
