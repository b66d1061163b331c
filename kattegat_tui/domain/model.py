"""The action plan's records: focus areas, committees, activities, milestones, decisions and changes.

Plain dataclasses with ``to_dict``/``from_dict`` so the store can keep them as JSON documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .enums import Assessment, MilestoneKind, MilestoneStatus, Side, Status
from .fuzzy_date import FuzzyDate


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# Enum lookups by value without Enum.__call__ (a plan of 10,000 activities makes many).
_STATUS = {s.value: s for s in Status}
_SIDE = {s.value: s for s in Side}
_ASSESSMENT = {a.value: a for a in Assessment}


@dataclass(frozen=True, slots=True)
class FocusArea:
    """An indsatsområde of the action plan; ``names`` holds the label per language (da, sv, en)."""

    key: str
    names: dict[str, str]
    order: int = 0
    description: str = ""

    def name(self, lang: str = "da") -> str:
        return self.names.get(lang) or self.names.get("da") or self.key

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "names": dict(self.names), "order": self.order,
                "description": self.description}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FocusArea:
        return cls(data["key"], dict(data["names"]), int(data.get("order") or 0),
                   data.get("description") or "")


@dataclass(frozen=True, slots=True)
class Committee:
    """A standing committee (fagudvalg) of Norddjurs Kommune."""

    key: str
    name: str
    short: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "short": self.short}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Committee:
        return cls(data["key"], data["name"], data.get("short") or "")


@dataclass(slots=True)
class Note:
    """An append-only note on an activity. (Not frozen: a frozen dataclass is several times slower
    to build, and a plan file holds many thousands of notes and changes.)"""

    at: datetime
    by: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "by": self.by, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        return cls(datetime.fromisoformat(data["at"]), data["by"], data["text"])


@dataclass(slots=True)
class Activity:
    """One activity of the action plan, owned by a committee."""

    id: str
    focus: str
    title: str
    committee: str
    description: str = ""
    owner: str = ""
    side: Side = Side.JOINT
    start: date | None = None
    due: date | None = None
    status: Status = Status.PLANNED
    assessment: Assessment | None = None
    assessment_comment: str = ""
    notes: list[Note] = field(default_factory=list)
    committee_suggested: bool = False
    updated_at: datetime | None = None
    updated_by: str = ""
    revision: int = 1

    def is_overdue(self, today: date) -> bool:
        """Due date passed and neither done nor cancelled."""
        return self.due is not None and self.due < today and not self.status.is_closed

    def is_stale(self, today: date, days: int = 90) -> bool:
        """Open and not updated for ``days`` days."""
        if self.status.is_closed or self.updated_at is None:
            return False
        return (today - self.updated_at.date()).days > days

    def is_at_risk(self) -> bool:
        """Open with a yellow or red assessment."""
        return (not self.status.is_closed and self.assessment is not None
                and self.assessment is not Assessment.GREEN)

    @property
    def latest_note(self) -> Note | None:
        return self.notes[-1] if self.notes else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "focus": self.focus,
            "title": self.title,
            "committee": self.committee,
            "description": self.description,
            "owner": self.owner,
            "side": self.side.value,
            "start": _iso(self.start),
            "due": _iso(self.due),
            "status": self.status.value,
            "assessment": self.assessment.value if self.assessment else None,
            "assessment_comment": self.assessment_comment,
            "notes": [n.to_dict() for n in self.notes],
            "committee_suggested": self.committee_suggested,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "updated_by": self.updated_by,
            "revision": self.revision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Activity:
        """A field left out or null takes its default (the history holds null for a field a
        record did not have)."""
        assessment = data.get("assessment")
        updated_at = data.get("updated_at")
        return cls(
            id=data["id"],
            focus=data["focus"],
            title=data["title"],
            committee=data["committee"],
            description=data.get("description") or "",
            owner=data.get("owner") or "",
            side=_SIDE.get(data.get("side") or "joint") or Side(data["side"]),
            start=_d(data.get("start")),
            due=_d(data.get("due")),
            status=_STATUS.get(data.get("status") or "planned") or Status(data["status"]),
            assessment=(_ASSESSMENT.get(assessment) or Assessment(assessment)) if assessment else None,
            assessment_comment=data.get("assessment_comment") or "",
            notes=[Note.from_dict(n) for n in data.get("notes") or ()],
            committee_suggested=bool(data.get("committee_suggested", False)),
            updated_at=datetime.fromisoformat(updated_at) if updated_at else None,
            updated_by=data.get("updated_by") or "",
            revision=int(data.get("revision") or 1),
        )


@dataclass(slots=True)
class Milestone:
    """A point (or span) on the partnership's timeline."""

    id: str
    title: str
    when: FuzzyDate
    kind: MilestoneKind
    status: MilestoneStatus = MilestoneStatus.PLANNED
    case_ref: str = ""
    activities: list[str] = field(default_factory=list)
    description: str = ""
    revision: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "when": self.when.to_dict(),
            "kind": self.kind.value,
            "status": self.status.value,
            "case_ref": self.case_ref,
            "activities": list(self.activities),
            "description": self.description,
            "revision": self.revision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Milestone:
        return cls(
            id=data["id"],
            title=data["title"],
            when=FuzzyDate.from_dict(data["when"]),
            kind=MilestoneKind(data["kind"]),
            status=MilestoneStatus(data.get("status") or "planned"),
            case_ref=data.get("case_ref") or "",
            activities=list(data.get("activities") or ()),
            description=data.get("description") or "",
            revision=int(data.get("revision") or 1),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """A numbered decision (indstilling) of a committee meeting."""

    number: int
    text: str
    outcome: str
    decided_on: date
    body: str
    case_ref: str

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "outcome": self.outcome,
                "decided_on": self.decided_on.isoformat(), "body": self.body,
                "case_ref": self.case_ref}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(int(data["number"]), data["text"], data["outcome"],
                   date.fromisoformat(data["decided_on"]), data["body"], data["case_ref"])


@dataclass(slots=True)
class Change:
    """One audited change: who changed which field of which record, when, from what to what."""

    id: int
    at: datetime
    who: str
    entity: str
    entity_id: str
    field: str
    old: Any
    new: Any
    action: str = "update"
    batch: int = 0
    undoes: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "at": self.at.isoformat(), "who": self.who,
               "entity": self.entity, "entity_id": self.entity_id, "field": self.field,
               "old": self.old, "new": self.new, "action": self.action,
               "batch": self.batch or self.id}
        if self.undoes is not None:
            out["undoes"] = self.undoes
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        undoes = data.get("undoes")
        return cls(int(data["id"]), datetime.fromisoformat(data["at"]), data["who"],
                   data["entity"], data["entity_id"], data["field"], data.get("old"),
                   data.get("new"), data.get("action", "update"),
                   int(data.get("batch") or data["id"]),
                   int(undoes) if undoes is not None else None)
