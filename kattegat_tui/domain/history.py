"""The plan as it stood at an earlier moment, rebuilt from the audit log.

Every edit the store makes is recorded as a ``Change`` (old and new value, or the whole record for a
create or delete). Starting from the current plan, the changes made after the moment are undone,
newest first, which gives the plan exactly as it was saved then: activities (fields, status,
assessment, notes, created and deleted ones), milestones, the visit budget, expenses and editors.

Two things the log cannot bring back: the state before a whole-plan import (the import replaced the
document; walking back continues with the imported file's own history), and the "last updated"
stamp of an activity whose last update before the moment is older than the log itself (it comes
back as unknown, ``updated_at=None``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from .budget import Expense, VisitBudget
from .model import Activity, Change, Milestone
from .plan import Plan


def _plan_zone() -> tzinfo:
    """Norddjurs and Halmstad share a time zone; a day ends at midnight there."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Copenhagen")
    except Exception:  # no time zone database on this machine
        return UTC


PLAN_TZ = _plan_zone()

Record = dict[str, Any]


# Beyond the calendar's last day there is no next midnight; the end of time stands in for it.
# (Aware datetimes compare without overflowing, whatever their zones.)
END_OF_TIME = datetime.max.replace(tzinfo=UTC)
START_OF_TIME = datetime.min.replace(tzinfo=UTC)


def start_of_day(day: date, tz: tzinfo | None = None) -> datetime:
    """Midnight at the start of ``day`` in the plan's time zone."""
    return datetime.combine(day, time.min, tzinfo=tz or PLAN_TZ)


def end_of_day(day: date, tz: tzinfo | None = None) -> datetime:
    """Midnight at the end of ``day`` (the start of the next day), in the plan's time zone; for the
    calendar's last day, the end of time."""
    if day == date.max:
        return END_OF_TIME
    return start_of_day(day + timedelta(days=1), tz)


def _in_utc(moment: datetime, past_the_edge: datetime) -> datetime:
    """``moment`` in UTC, or ``past_the_edge`` if UTC has no such time (year 1 east of Greenwich,
    year 9999 west of it)."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return past_the_edge


def change_time(change: Change) -> datetime:
    """When the change was made, time-zone aware (a naive stamp is read as UTC)."""
    at = change.at
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def plan_as_of(plan: Plan, day: date, *, tz: tzinfo | None = None) -> Plan:
    """The plan as it stood at the end of ``day`` (midnight in the plan's time zone)."""
    moment = end_of_day(day, tz)
    return _rebuild(plan, lambda at: at >= moment)


def plan_at(plan: Plan, moment: datetime) -> Plan:
    """The plan just after every change made at or before ``moment`` (an aware datetime)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _rebuild(plan, lambda at: at > moment)


def changes_since(plan: Plan, day: date, *, until: date | None = None,
                  tz: tzinfo | None = None) -> list[Change]:
    """Changes made from the start of ``day`` (through the end of ``until``, if given), oldest first."""
    # bounds in UTC: the log's stamps are UTC, and comparing within one zone is cheap
    start = _in_utc(start_of_day(day, tz), START_OF_TIME)
    stop = _in_utc(end_of_day(until, tz), END_OF_TIME) if until is not None else None
    out = []
    for c in _in_order(plan.changes):
        at = c.at if c.at.tzinfo is not None else c.at.replace(tzinfo=UTC)
        if at >= start and (stop is None or at < stop):
            out.append(c)
    return out


def _in_order(changes: list[Change]) -> list[Change]:
    """The log by id (it is stored that way; sorted only if it is not)."""
    if all(changes[i].id < changes[i + 1].id for i in range(len(changes) - 1)):
        return changes
    return sorted(changes, key=lambda c: c.id)


def _rebuild(plan: Plan, is_later: Callable[[datetime], bool]) -> Plan:
    log = list(_in_order(plan.changes))
    cut = next((i for i, c in enumerate(log) if is_later(change_time(c))), len(log))
    if cut == len(log):
        return replace(plan, activities=list(plan.activities), milestones=list(plan.milestones),
                       expenses=list(plan.expenses), changes=log, editors=list(plan.editors))
    state = _State.of(plan)
    batch_seen: set[tuple[int, str, str]] = set()
    by_batch: dict[int, list[Change]] = {}
    for c in log:
        by_batch.setdefault(c.batch, []).append(c)
    for c in reversed(log[cut:]):
        state.reverse(c, by_batch, batch_seen)
    kept = log[:cut]
    state.restore_stamps(kept)
    return state.to_plan(plan, kept)


@dataclass
class _State:
    """The plan's records while changes are undone. A record becomes the JSON dict the store keeps
    when a change touches it; the others stay the objects they were (and are shared with the plan
    given), so the work grows with the changes undone, not with the size of the plan."""

    activities: dict[str, Activity | Record]
    milestones: dict[str, Milestone | Record]
    expenses: dict[int, Record]
    budget: Record
    editors: list[str]
    touched: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, plan: Plan) -> _State:
        return cls(
            activities={a.id.upper(): a for a in plan.activities},
            milestones={m.id.upper(): m for m in plan.milestones},
            expenses={e.id: e.to_dict() for e in plan.expenses},
            budget=plan.budget.to_dict(),
            editors=list(plan.editors),
        )

    def to_plan(self, plan: Plan, kept: list[Change]) -> Plan:
        return Plan(
            info=copy.deepcopy(plan.info),
            focus_areas=list(plan.focus_areas),
            committees=list(plan.committees),
            activities=[Activity.from_dict(r) if isinstance(r, dict) else r
                        for r in self.activities.values()],
            milestones=[Milestone.from_dict(r) if isinstance(r, dict) else r
                        for r in self.milestones.values()],
            decisions=list(plan.decisions),
            budget=VisitBudget.from_dict(self.budget),
            pool=plan.pool,
            expenses=[Expense.from_dict(self.expenses[k]) for k in sorted(self.expenses)],
            changes=list(kept),
            editors=list(self.editors),
        )

    # -- records ---------------------------------------------------------------------------

    def _table(self, entity: str) -> dict[str, Any] | None:
        if entity == "activity":
            return self.activities
        if entity == "milestone":
            return self.milestones
        return None

    @staticmethod
    def _record(table: dict[str, Any], key: str) -> Record | None:
        """The record as a dict (converted on first touch), or None if it is not there."""
        value = table.get(key)
        if value is None or isinstance(value, dict):
            return value
        record: Record = value.to_dict()
        table[key] = record
        return record

    # -- undoing one change ----------------------------------------------------------------

    def reverse(self, c: Change, by_batch: dict[int, list[Change]],
                batch_seen: set[tuple[int, str, str]]) -> None:
        if c.action == "undo" and c.old is None and c.new is None:
            return  # marks a batch as undone when later edits had already reverted it
        table = self._table(c.entity)
        if table is not None:
            self._reverse_record(table, c, by_batch, batch_seen)
        elif c.entity == "budget" and c.action in ("update", "undo"):
            self.budget[c.field] = copy.deepcopy(c.old)
        elif c.entity == "expense":
            self._reverse_expense(c)
        elif c.entity == "access" and c.action in ("update", "undo"):
            self.editors = list(c.old or [])
        # "plan"/"import": the document before an import is not in the log; keep walking back.

    def _reverse_record(self, table: dict[str, Any], c: Change, by_batch: dict[int, list[Change]],
                        batch_seen: set[tuple[int, str, str]]) -> None:
        if c.entity == "activity":
            self.touched.add(c.entity_id.upper())
        if c.field == "*":
            # created (or brought back) -> remove; deleted (or taken away) -> put back
            if c.new is not None and c.old is None:
                table.pop(c.entity_id.upper(), None)
            elif isinstance(c.old, dict):
                table[c.entity_id.upper()] = copy.deepcopy(c.old)
            return
        record = self._record(table, c.entity_id.upper())
        if record is None:
            return
        if c.action == "note":
            _drop_note(record, c)
        elif c.action == "undo" and c.field == "notes":
            _put_back_note(record, c, by_batch)
        else:
            record[c.field] = copy.deepcopy(c.old)
        # every edit, an undo included, raises a record's revision once per batch
        key = (c.batch, c.entity, c.entity_id.upper())
        if key not in batch_seen:
            batch_seen.add(key)
            record["revision"] = max(1, int(record.get("revision", 1)) - 1)

    def _reverse_expense(self, c: Change) -> None:
        try:
            key = int(c.entity_id)
        except ValueError:
            return
        if c.new is not None and c.old is None:
            self.expenses.pop(key, None)
        elif isinstance(c.old, dict):
            self.expenses[key] = copy.deepcopy(c.old)

    def restore_stamps(self, kept: list[Change]) -> None:
        """Give each activity touched by the undo its "last updated" stamp as of the moment."""
        if not self.touched:
            return
        latest: dict[str, Change] = {}
        for c in kept:
            if c.entity == "activity" and c.entity_id.upper() in self.touched:
                latest[c.entity_id.upper()] = c
        for key in self.touched:
            record = self._record(self.activities, key)
            if record is None:
                continue
            last = latest.get(key)
            if last is None:
                record["updated_at"], record["updated_by"] = None, ""
            elif last.field == "*":
                if isinstance(last.new, dict):
                    record["updated_at"] = last.new.get("updated_at")
                    record["updated_by"] = last.new.get("updated_by", "")
            else:
                record["updated_at"] = last.at.isoformat()
                record["updated_by"] = last.who


def _note_time(value: Any) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _drop_note(record: Record, c: Change) -> None:
    """Remove the note ``c`` added: the newest note with its text, author and time."""
    notes: list[Record] = list(record.get("notes") or [])
    when = change_time(c)
    candidates = [i for i, n in enumerate(notes) if n.get("text") == c.new and n.get("by") == c.who]
    exact = [i for i in candidates if _note_time(notes[i].get("at")) == when]
    chosen = (exact or candidates)[-1:] if (exact or candidates) else []
    for i in chosen:
        del notes[i]
    record["notes"] = notes


def _put_back_note(record: Record, c: Change, by_batch: dict[int, list[Change]]) -> None:
    """An undo removed a note (its text is in ``c.old``); put the note back where it was."""
    original = next((o for o in reversed(by_batch.get(c.undoes or -1, []))
                     if o.action == "note" and o.new == c.old), None)
    note = ({"at": original.at.isoformat(), "by": original.who, "text": c.old} if original
            else {"at": c.at.isoformat(), "by": c.who, "text": c.old})
    notes: list[Record] = list(record.get("notes") or [])
    when = _note_time(note["at"])
    position = len(notes)
    if when is not None:
        while position > 0:
            before = _note_time(notes[position - 1].get("at"))
            if before is None or before <= when:
                break
            position -= 1
    notes.insert(position, note)
    record["notes"] = notes
