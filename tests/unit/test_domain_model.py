"""Records round-trip through the JSON the file holds, and the plan finds them by ID."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from kattegat_tui.domain import (
    Activity,
    Assessment,
    Change,
    Milestone,
    Note,
    Side,
    Status,
)
from kattegat_tui.domain.seed import seed_plan


def test_activity_round_trip_is_json() -> None:
    a = Activity(id="UDD-9", focus="UDD", title="Titel", committee="BFU", description="a\nb",
                 owner="Jonas", side=Side.HALMSTAD, start=date(2025, 3, 1), due=date(2025, 12, 31),
                 status=Status.ON_HOLD, assessment=Assessment.RED, assessment_comment="x",
                 notes=[Note(datetime(2025, 3, 2, 8, 30, tzinfo=UTC), "jkr", "første")],
                 committee_suggested=True, updated_at=datetime(2025, 3, 2, 8, 30, tzinfo=UTC),
                 updated_by="jkr", revision=4)
    data = json.loads(json.dumps(a.to_dict()))
    assert data["start"] == "2025-03-01" and data["status"] == "on_hold"
    assert Activity.from_dict(data) == a


def test_activity_defaults_from_a_sparse_record() -> None:
    a = Activity.from_dict({"id": "X-1", "focus": "UDD", "title": "t", "committee": "OU"})
    assert (a.status, a.side, a.assessment, a.notes, a.revision) == (
        Status.PLANNED, Side.JOINT, None, [], 1)


def test_milestone_and_change_round_trip() -> None:
    m = seed_plan().milestones[6]
    assert Milestone.from_dict(json.loads(json.dumps(m.to_dict()))) == m
    c = Change(5, datetime(2025, 3, 2, tzinfo=UTC), "jkr", "activity", "UDD-1", "status", "planned",
               "done", "update", 3)
    assert Change.from_dict(json.loads(json.dumps(c.to_dict()))) == c
    undo = Change(6, datetime(2025, 3, 2, tzinfo=UTC), "jkr", "activity", "UDD-1", "status", "done",
                  "planned", "undo", 6, undoes=3)
    assert Change.from_dict(undo.to_dict()) == undo
    assert Change.from_dict({**c.to_dict(), "batch": None}).batch == 5  # one change, its own batch


def test_plan_lookups() -> None:
    plan = seed_plan()
    assert plan.activity(" udd-1 ").id == "UDD-1"  # type: ignore[union-attr]
    assert plan.activity("UDD-99") is None
    assert plan.milestone("m-7").id == "M-7"  # type: ignore[union-attr]
    assert plan.committee_name("OU") == "Økonomiudvalget"
    assert plan.committee_name("GONE") == "GONE"
    assert plan.focus_area("KLIMA").name("sv") == "Klimat och natur"  # type: ignore[union-attr]
    assert plan.focus_area("KLIMA").name("fr") == "Klima og natur"  # type: ignore[union-attr]


def test_seed_plan_is_a_fresh_copy_each_time() -> None:
    first = seed_plan()
    first.activities[0].status = Status.DONE
    first.milestones[0].activities.append("X")
    second = seed_plan()
    assert second.activities[0].status is not Status.DONE
    assert "X" not in second.milestones[0].activities


def test_status_and_assessment_properties() -> None:
    assert [s for s in Status if s.is_closed] == [Status.DONE, Status.CANCELLED]
    assert [a.severity for a in Assessment] == [0, 1, 2]
    assert [a.needs_comment for a in Assessment] == [False, True, True]
