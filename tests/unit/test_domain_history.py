"""The plan as it stood on a date, rebuilt from the audit log, equals what was saved then."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kattegat_tui.domain import Plan
from kattegat_tui.domain.history import changes_since, plan_as_of, plan_at
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store


class Clock:
    """A clock the script moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _state(plan: Plan) -> dict[str, Any]:
    return {
        "activities": {a.id: a.to_dict() for a in plan.activities},
        "milestones": {m.id: m.to_dict() for m in plan.milestones},
        "expenses": {e.id: e.to_dict() for e in plan.expenses},
        "budget": plan.budget.to_dict(),
        "editors": list(plan.editors),
        "changes": [c.to_dict() for c in plan.changes],
    }


def _without_unknown_stamps(rebuilt: dict[str, Any], saved: dict[str, Any]) -> dict[str, Any]:
    """The one thing the log cannot know: when an activity was last updated before the log began.
    Such stamps come back as unknown (None); everything else must match exactly."""
    for key, record in rebuilt["activities"].items():
        if record["updated_at"] is None and key in saved["activities"]:
            assert record["updated_by"] == ""
            # only activities never touched in the log up to that moment
            assert not any(c["entity_id"] == key for c in saved["changes"]
                           if c["entity"] == "activity"), key
            record["updated_at"] = saved["activities"][key]["updated_at"]
            record["updated_by"] = saved["activities"][key]["updated_by"]
    return rebuilt


# Times in UTC. 22:30 UTC on 10 March is 23:30 in Copenhagen (still 10 March); 23:30 UTC is already
# 00:30 on 11 March there.
T0 = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)


def _script(store_for: Any, clock: Clock) -> list[tuple[datetime, str]]:
    """Each step: (when, what). The store for a user is ``store_for(user)``."""
    alice, bob = store_for("alice"), store_for("bob")
    day = timedelta(days=1)
    steps: list[tuple[datetime, Any, str]] = [
        (T0, lambda: alice.set_status("HAVN-2", "in_progress", note="Kick-off holdt"), "status+note"),
        (T0 + timedelta(hours=2), lambda: alice.assess("HAVN-2", "yellow", "Mangler svensk partner"),
         "assess"),
        (T0.replace(hour=22, minute=30), lambda: bob.add_note("UDD-1", "Første møde; \"god\" stemning"),
         "note late evening"),
        (T0.replace(hour=23, minute=30), lambda: bob.update_activity(
            "TUR-1", {"owner": "Turistchef | Visit", "due": "2026-09-30", "title": "Ny titel"}),
         "fields after midnight in Copenhagen"),
        (T0 + day * 2, lambda: alice.create_activity(focus="KLIMA", title="Stormflodssikring",
                                                      committee="MTU", owner="Teknik"), "create"),
        (T0 + day * 2 + timedelta(hours=1), lambda: alice.set_status("KLIMA-3", "in_progress"),
         "status of new"),
        (T0 + day * 3, lambda: alice.delete_activity("HAVN-3"), "delete"),
        (T0 + day * 3 + timedelta(hours=1), lambda: alice.add_milestone(
            title="Sekretariatsmøde", when="2025-09-15", kind="meeting", activities=["PART-4"]),
         "milestone create"),
        (T0 + day * 4, lambda: alice.update_milestone("M-9", {"when": "2025-04-22", "status": "done"}),
         "milestone update"),
        (T0 + day * 4 + timedelta(hours=1), lambda: alice.set_participants(55), "participants"),
        (T0 + day * 5, lambda: alice.add_expense(spent_on="2025-05-08", line="catering",
                                                 amount=30_000, note="Middag"), "expense 1"),
        (T0 + day * 5 + timedelta(hours=1), lambda: alice.add_expense(
            spent_on="2025-05-09", line="tour", amount=12_000), "expense 2"),
        (T0 + day * 5 + timedelta(hours=2), lambda: alice.delete_expense(2), "expense delete"),
        (T0 + day * 6, lambda: bob.undo_last(), "bob undoes the field edit"),
        (T0 + day * 6 + timedelta(hours=1), lambda: bob.undo_last(), "bob undoes his note"),
        (T0 + day * 7, lambda: alice.delete_milestone("M-1"), "milestone delete"),
        (T0 + day * 7 + timedelta(hours=1), lambda: alice.restore_activity("HAVN-3"), "restore"),
        (T0 + day * 8, lambda: alice.delete_activity("KLIMA-3"), "delete new"),
        (T0 + day * 8 + timedelta(hours=1), lambda: alice.undo_last(), "undo delete"),
        (T0 + day * 9, lambda: alice.update_activity(
            "PART-4", {"status": "on_hold", "assessment": "red", "assessment_comment": "Ingen dato"},
            note="Afventer Halmstad"), "one batch, many fields"),
        (T0 + day * 9 + timedelta(hours=1), lambda: alice.undo_last(), "undo that batch"),
        (T0 + day * 10, lambda: alice.set_status("PART-4", "done"), "status again"),
        (T0 + day * 10 + timedelta(hours=1), lambda: alice.undo_last(), "undo status"),
        (T0 + day * 11, lambda: alice.delete_expense(1), "expense delete 2"),
        (T0 + day * 11 + timedelta(hours=1), lambda: alice.undo_last(), "undo expense delete"),
        (T0 + day * 11 + timedelta(hours=2), lambda: alice.add_expense(
            spent_on="2025-05-09", line="facilitation", amount=500), "expense 3"),
        (T0 + day * 11 + timedelta(hours=3), lambda: bob.delete_expense(3), "bob deletes it"),
        (T0 + day * 11 + timedelta(hours=4), lambda: alice.undo_last(), "undo of a reverted batch"),
        (T0 + day * 12, lambda: alice.grant("carol"), "grant"),
        (T0 + day * 12 + timedelta(hours=1), lambda: alice.assess("HAVN-2", "green"), "assess green"),
    ]
    done = []
    for when, action, label in steps:
        clock.now = when
        action()
        done.append((when, label))
    return done


@pytest.fixture
def history(tmp_path: Path) -> tuple[Plan, list[tuple[datetime, str, Plan]], Plan]:
    """Run the script; keep the plan file's content after each step (what load() gave then)."""
    path = tmp_path / "db.json"
    clock = Clock(T0 - timedelta(days=1))
    Store(path, user="alice", clock=clock).create(seed_plan())
    start = Store(path).load()
    saved: list[tuple[datetime, str, Plan]] = []

    def store_for(user: str) -> _Recording:
        return _Recording(Store(path, user=user, clock=clock, backup_keep=0), saved, clock)

    _script(store_for, clock)
    return start, saved, Store(path).load()


class _Recording:
    """A store that keeps what the file held after every edit."""

    def __init__(self, store: Store, saved: list[tuple[datetime, str, Plan]], clock: Clock) -> None:
        self._store, self._saved, self._clock = store, saved, clock

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._store, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            self._saved.append((self._clock.now, name, self._store.load()))
            return result

        return call


def test_every_saved_moment_is_rebuilt_exactly(history: Any) -> None:
    _start, saved, final = history
    assert len(final.changes) > 30
    assert any(c.action == "undo" and c.old is None and c.new is None for c in final.changes)
    for moment, what, plan in saved:
        rebuilt = _state(plan_at(final, moment))
        assert _without_unknown_stamps(rebuilt, _state(plan)) == _state(plan), what


def test_before_the_first_change_is_the_plan_as_created(history: Any) -> None:
    start, _saved, final = history
    rebuilt = _state(plan_at(final, T0 - timedelta(seconds=1)))
    assert rebuilt["changes"] == []
    assert _without_unknown_stamps(rebuilt, _state(start)) == _state(start)


def test_as_of_a_day_ends_at_midnight_in_copenhagen(history: Any) -> None:
    _start, saved, final = history
    on_10th = plan_as_of(final, date(2025, 3, 10))
    # the note at 23:30 Copenhagen time counts on the 10th; the edit at 00:30 on the 11th does not
    udd1 = on_10th.activity("UDD-1")
    assert udd1 is not None and [n.text for n in udd1.notes] == ["Første møde; \"god\" stemning"]
    tur1 = on_10th.activity("TUR-1")
    assert tur1 is not None and tur1.title != "Ny titel" and tur1.owner == ""
    expected = next(p for when, what, p in saved if what == "add_note")
    assert _without_unknown_stamps(_state(on_10th), _state(expected)) == _state(expected)
    on_11th = plan_as_of(final, date(2025, 3, 11))
    tur1 = on_11th.activity("TUR-1")
    assert tur1 is not None and tur1.title == "Ny titel" and tur1.owner == "Turistchef | Visit"


def test_created_and_deleted_records_come_and_go(history: Any) -> None:
    _start, _saved, final = history
    before_create = plan_as_of(final, date(2025, 3, 11))
    assert before_create.activity("KLIMA-3") is None
    assert before_create.activity("HAVN-3") is not None
    after_delete = plan_as_of(final, date(2025, 3, 13))
    assert after_delete.activity("HAVN-3") is None
    klima3 = after_delete.activity("KLIMA-3")
    assert klima3 is not None and klima3.status.value == "in_progress"
    assert after_delete.milestone("M-12") is not None
    assert after_delete.milestone("M-1") is not None
    after_milestone_delete = plan_as_of(final, date(2025, 3, 17))
    assert after_milestone_delete.milestone("M-1") is None
    assert after_milestone_delete.activity("HAVN-3") is not None  # restored that day
    with_expenses = plan_as_of(final, date(2025, 3, 15))
    assert [(e.id, e.amount) for e in with_expenses.expenses] == [(1, 30_000)]
    assert with_expenses.budget.planned_participants == 55
    assert plan_as_of(final, date(2025, 3, 13)).budget.planned_participants == 40


def test_as_of_today_or_later_is_the_current_plan(history: Any) -> None:
    _start, _saved, final = history
    assert _state(plan_as_of(final, date(2030, 1, 1))) == _state(final)


def test_changes_since_a_day_includes_that_day(history: Any) -> None:
    _start, _saved, final = history
    since = changes_since(final, date(2025, 3, 11))
    assert since and all(c.at >= datetime(2025, 3, 10, 23, 0, tzinfo=UTC) for c in since)
    # the 23:30 UTC edit is 11 March in Copenhagen, so it is in; the 22:30 note is not
    assert any(c.entity_id == "TUR-1" for c in since)
    assert not any(c.action == "note" and c.entity_id == "UDD-1" and c.who == "bob"
                   and c.at.hour == 22 for c in since)
    window = changes_since(final, date(2025, 3, 10), until=date(2025, 3, 10))
    assert {c.entity_id for c in window} == {"HAVN-2", "UDD-1"}
    assert [c.id for c in since] == sorted(c.id for c in since)
