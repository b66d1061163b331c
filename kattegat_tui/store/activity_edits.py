"""Edits to activities: status, assessment, notes, fields, create and delete; all audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain import Activity, Assessment, Side, Status, validation
from ..domain.dates import DateParseError, parse_optional_date
from .errors import ConflictError, NotFound
from .plan_store import PlanStore, jsonable

if TYPE_CHECKING:
    from .transaction import Transaction

EDITABLE_FIELDS = ("focus", "title", "description", "committee", "owner", "side", "start", "due",
                   "status", "assessment", "assessment_comment")


def _date_field(value: Any, field: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return validation.plan_date(value, field)
    try:
        day = parse_optional_date(str(value))
    except DateParseError as exc:
        raise validation.ValidationError("err.bad_date", field=field, value=str(value),
                                reason=str(exc)) from exc
    return None if day is None else validation.plan_date(day, field)


def clean_activity_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise editable fields (unknown fields are refused)."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            out[name] = validation.title(value)
        elif name == "description":
            out[name] = validation.long_text(value, name)
        elif name in ("owner", "committee", "focus"):
            out[name] = validation.text(value, name, required=name != "owner")
        elif name == "assessment_comment":
            out[name] = validation.long_text(value, name)
        elif name == "status":
            out[name] = validation.status(value)
        elif name == "assessment":
            out[name] = None if value in (None, "") else validation.assessment(value)
        elif name == "side":
            out[name] = validation.side(value)
        elif name in ("start", "due"):
            out[name] = _date_field(value, name)
        else:
            raise validation.ValidationError("err.unknown_field", field=name)
    return out


class ActivityEdits(PlanStore):
    """Activity edits. Each method is one transaction: checked, written and audited together."""

    def _check_refs(self, tx: Transaction, fields: dict[str, Any]) -> None:
        if "committee" in fields:
            keys = {c["key"] for c in tx.table("committees").all()}
            if fields["committee"] not in keys:
                raise validation.ValidationError("err.unknown_committee", value=fields["committee"],
                                        allowed=", ".join(sorted(keys)))
        if "focus" in fields:
            keys = {f["key"] for f in tx.table("focus_areas").all()}
            if fields["focus"] not in keys:
                raise validation.ValidationError("err.unknown_focus", value=fields["focus"],
                                        allowed=", ".join(sorted(keys)))

    def _apply(self, tx: Transaction, activity_id: str, fields: dict[str, Any],
               expected_revision: int | None, note: str | None = None) -> Activity:
        doc_id, current = tx.find("activities", activity_id, "activity")
        if expected_revision is not None and current.get("revision") != expected_revision:
            raise ConflictError("activity", current["id"], expected_revision, current)
        self._check_refs(tx, fields)
        stored = {k: jsonable(val) for k, val in fields.items()}
        merged = {**current, **stored}
        if merged.get("assessment") in ("yellow", "red") and not merged.get("assessment_comment"):
            raise validation.ValidationError("err.comment_required", value=merged["assessment"])
        validation.date_order(_date_field(merged.get("start"), "start"),
                              _date_field(merged.get("due"), "due"))
        changed = {k: val for k, val in stored.items() if current.get(k) != val}
        for name, new in changed.items():
            tx.audit("activity", current["id"], name, current.get(name), new)
        update: dict[str, Any] = dict(changed)
        if note:
            entry = {"at": tx.now.isoformat(), "by": tx.user, "text": note}
            update["notes"] = [*current.get("notes", []), entry]
            tx.audit("activity", current["id"], "notes", None, note, action="note")
        if update:
            update["revision"] = int(current.get("revision", 1)) + 1
            update["updated_at"] = tx.now.isoformat()
            update["updated_by"] = tx.user
            tx.table("activities").update(update, doc_ids=[doc_id])
        return Activity.from_dict({**current, **update})

    def update_activity(self, activity_id: str, fields: dict[str, Any], *,
                        expected_revision: int | None = None, note: str | None = None) -> Activity:
        """Change any editable fields at once; refuses if the record moved past ``expected_revision``."""
        cleaned = clean_activity_fields(fields)
        note_text = validation.long_text(note, "note") if note else None
        with self.transaction() as tx:
            return self._apply(tx, activity_id, cleaned, expected_revision, note_text)

    def set_status(self, activity_id: str, status: Status | str, *, note: str | None = None,
                   expected_revision: int | None = None) -> Activity:
        return self.update_activity(activity_id, {"status": status}, note=note,
                                    expected_revision=expected_revision)

    def assess(self, activity_id: str, assessment: Assessment | str, comment: str = "", *,
               expected_revision: int | None = None) -> Activity:
        value = validation.assessment(assessment)
        fields: dict[str, Any] = {"assessment": value}
        if comment or value is Assessment.GREEN:
            fields["assessment_comment"] = comment
        if value.needs_comment and not validation.long_text(comment, "comment"):
            raise validation.ValidationError("err.comment_required", value=value.value)
        return self.update_activity(activity_id, fields, expected_revision=expected_revision)

    def add_note(self, activity_id: str, text: str) -> Activity:
        cleaned = validation.long_text(text, "note", required=True)
        with self.transaction() as tx:
            return self._apply(tx, activity_id, {}, None, cleaned)

    def create_activity(self, *, focus: str, title: str, committee: str,
                        activity_id: str | None = None, **fields: Any) -> Activity:
        cleaned = clean_activity_fields({"focus": focus, "title": title, "committee": committee,
                                         **fields})
        with self.transaction() as tx:
            self._check_refs(tx, cleaned)
            existing = {str(a["id"]).upper() for a in tx.table("activities").all()}
            if activity_id:
                new_id = validation.activity_id(activity_id)
                if new_id in existing:
                    raise validation.ValidationError("err.duplicate_id", value=new_id)
            else:
                new_id = next_activity_id(cleaned["focus"], existing | tx.ids_in_history("activity"))
            activity = Activity(
                id=new_id, focus=cleaned["focus"], title=cleaned["title"],
                committee=cleaned["committee"],
                description=cleaned.get("description", ""), owner=cleaned.get("owner", ""),
                side=cleaned.get("side", Side.JOINT), start=cleaned.get("start"),
                due=cleaned.get("due"), status=cleaned.get("status", Status.PLANNED),
                assessment=cleaned.get("assessment"),
                assessment_comment=cleaned.get("assessment_comment", ""),
                updated_at=tx.now, updated_by=tx.user, revision=1)
            if activity.assessment and activity.assessment.needs_comment and \
                    not activity.assessment_comment:
                raise validation.ValidationError("err.comment_required", value=activity.assessment.value)
            validation.date_order(activity.start, activity.due)
            record = activity.to_dict()
            tx.table("activities").insert(record)
            tx.audit("activity", new_id, "*", None, record, action="create")
            return activity

    def delete_activity(self, activity_id: str, *, expected_revision: int | None = None) -> None:
        """Remove an activity; the whole record stays in the audit log and can be restored."""
        with self.transaction() as tx:
            doc_id, current = tx.find("activities", activity_id, "activity")
            if expected_revision is not None and current.get("revision") != expected_revision:
                raise ConflictError("activity", current["id"], expected_revision, current)
            tx.table("activities").remove(doc_ids=[doc_id])
            tx.audit("activity", current["id"], "*", current, None, action="delete")

    def restore_activity(self, activity_id: str) -> Activity:
        """Bring back a deleted activity from its last delete record in the audit log."""
        with self.transaction() as tx:
            wanted = activity_id.strip().upper()
            deletes = [c for c in tx.table("changes").all()
                       if c.get("action") == "delete" and c.get("entity") == "activity"
                       and str(c.get("entity_id")).upper() == wanted]
            if not deletes:
                raise NotFound("deleted activity", activity_id)
            if any(str(a["id"]).upper() == wanted for a in tx.table("activities").all()):
                raise validation.ValidationError("err.duplicate_id", value=wanted)
            record = dict(deletes[-1]["old"])
            tx.table("activities").insert(record)
            tx.audit("activity", record["id"], "*", None, record, action="create")
            return Activity.from_dict(record)


def next_activity_id(focus: str, existing: set[str]) -> str:
    """``<FOCUS>-<n>`` with the first free number after the highest in use."""
    prefix = focus.upper()
    numbers = [int(x.rsplit("-", 1)[1]) for x in existing
               if x.startswith(prefix + "-") and x.rsplit("-", 1)[1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1}"
