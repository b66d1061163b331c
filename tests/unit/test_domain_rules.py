"""Follow-up rules: overdue, stale, at risk, roll-ups per focus area and upcoming milestones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kattegat_tui.domain import (
    Activity,
    Assessment,
    FuzzyDate,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Plan,
    Status,
    rules,
)
from kattegat_tui.domain.seed import seed_plan

TODAY = date(2026, 11, 30)


def _at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 10, 0, tzinfo=UTC)


def activity(aid: str, *, focus: str = "UDD", status: Status = Status.PLANNED,
             due: date | None = None, assessment: Assessment | None = None,
             updated: date = TODAY) -> Activity:
    return Activity(id=aid, focus=focus, title=aid, committee="EAU", status=status, due=due,
                    assessment=assessment, assessment_comment="x" if assessment else "",
                    updated_at=_at(updated), updated_by="tester")


def plan_with(*activities: Activity, milestones: list[Milestone] | None = None) -> Plan:
    plan = seed_plan()
    plan.activities = list(activities)
    if milestones is not None:
        plan.milestones = milestones
    return plan


@pytest.mark.parametrize(("status", "due", "overdue"), [
    (Status.PLANNED, TODAY - timedelta(days=1), True),
    (Status.IN_PROGRESS, TODAY - timedelta(days=400), True),
    (Status.ON_HOLD, TODAY - timedelta(days=1), True),
    (Status.PLANNED, TODAY, False),  # due today is not yet overdue
    (Status.PLANNED, TODAY + timedelta(days=1), False),
    (Status.DONE, TODAY - timedelta(days=1), False),
    (Status.CANCELLED, TODAY - timedelta(days=1), False),
    (Status.PLANNED, None, False),
])
def test_overdue(status: Status, due: date | None, overdue: bool) -> None:
    a = activity("A-1", status=status, due=due)
    assert a.is_overdue(TODAY) is overdue
    assert (rules.overdue(plan_with(a), TODAY) == [a]) is overdue


def test_overdue_sorted_by_due_date() -> None:
    late = activity("B-1", due=date(2026, 1, 1))
    later = activity("A-1", due=date(2026, 6, 1))
    assert [a.id for a in rules.overdue(plan_with(later, late), TODAY)] == ["B-1", "A-1"]


def test_stale_after_ninety_days_by_default() -> None:
    assert rules.STALE_DAYS == 90
    ninety = activity("A-1", updated=TODAY - timedelta(days=90))
    ninety_one = activity("A-2", updated=TODAY - timedelta(days=91))
    done = activity("A-3", status=Status.DONE, updated=TODAY - timedelta(days=400))
    cancelled = activity("A-4", status=Status.CANCELLED, updated=TODAY - timedelta(days=400))
    plan = plan_with(ninety, ninety_one, done, cancelled)
    assert [a.id for a in rules.stale(plan, TODAY)] == ["A-2"]
    assert [a.id for a in rules.stale(plan, TODAY, days=30)] == ["A-2", "A-1"]  # oldest first


def test_at_risk_is_open_yellow_or_red_worst_first() -> None:
    yellow = activity("A-1", assessment=Assessment.YELLOW)
    red = activity("A-2", assessment=Assessment.RED)
    green = activity("A-3", assessment=Assessment.GREEN)
    closed_red = activity("A-4", assessment=Assessment.RED, status=Status.DONE)
    unassessed = activity("A-5")
    plan = plan_with(yellow, red, green, closed_red, unassessed)
    assert [a.id for a in rules.at_risk(plan)] == ["A-2", "A-1"]


def test_rollup_counts_share_done_and_worst_assessment() -> None:
    plan = plan_with(
        activity("UDD-1", status=Status.DONE, assessment=Assessment.RED),  # closed: no risk
        activity("UDD-2", status=Status.DONE),
        activity("UDD-3", status=Status.IN_PROGRESS, assessment=Assessment.YELLOW),
        activity("UDD-4", status=Status.CANCELLED),
        activity("UDD-5", assessment=Assessment.GREEN),
        activity("KLIMA-1", focus="KLIMA", assessment=Assessment.RED),
    )
    by_focus = {r.focus: r for r in rules.rollups(plan)}
    assert list(by_focus) == ["HAVN", "TUR", "UDD", "KLIMA", "PART"]  # the plan's order
    udd = by_focus["UDD"]
    assert udd.total == 5
    assert udd.counts == {Status.PLANNED: 1, Status.IN_PROGRESS: 1, Status.DONE: 2,
                          Status.ON_HOLD: 0, Status.CANCELLED: 1}
    assert udd.done == 2
    assert udd.active_total == 4  # cancelled does not count towards progress
    assert udd.share_done == 0.5
    assert udd.worst is Assessment.YELLOW
    assert by_focus["KLIMA"].worst is Assessment.RED
    assert by_focus["HAVN"].total == 0
    assert by_focus["HAVN"].share_done == 0.0
    assert by_focus["HAVN"].worst is None


def test_rollup_of_the_seeded_plan() -> None:
    by_focus = {r.focus: r for r in rules.rollups(seed_plan())}
    assert {k: r.total for k, r in by_focus.items()} == {
        "HAVN": 4, "TUR": 3, "UDD": 3, "KLIMA": 2, "PART": 5}
    assert all(r.done == 0 and r.worst is None for r in by_focus.values())
    assert by_focus["PART"].counts[Status.IN_PROGRESS] == 3


def _milestone(mid: str, when: FuzzyDate,
               status: MilestoneStatus = MilestoneStatus.PLANNED) -> Milestone:
    return Milestone(mid, mid, when, MilestoneKind.MEETING, status)


def test_upcoming_milestones_soonest_first_without_past_or_cancelled() -> None:
    ms = [
        _milestone("past", FuzzyDate.day(date(2026, 11, 29))),
        _milestone("today", FuzzyDate.day(date(2026, 11, 30))),
        _milestone("month", FuzzyDate.month(2026, 11)),  # November is not over on the 30th
        _milestone("range", FuzzyDate.day(date(2026, 11, 29), date(2026, 12, 1))),
        _milestone("year", FuzzyDate.year(2027)),
        _milestone("cancelled", FuzzyDate.day(date(2026, 12, 24)), MilestoneStatus.CANCELLED),
        _milestone("later", FuzzyDate.day(date(2026, 12, 24))),
    ]
    plan = plan_with(milestones=ms)
    ids = [m.id for m in rules.upcoming_milestones(plan, TODAY, limit=10)]
    assert ids == ["month", "range", "today", "later", "year"]
    assert [m.id for m in rules.upcoming_milestones(plan, TODAY, limit=2)] == ["month", "range"]


def test_seeded_timeline_is_in_date_order() -> None:
    timeline = rules.timeline(seed_plan())
    assert [m.id for m in timeline] == [f"M-{i}" for i in range(1, 12)]
    upcoming = rules.upcoming_milestones(seed_plan(), date(2025, 2, 4))
    assert [m.id for m in upcoming] == ["M-6", "M-7", "M-8", "M-9", "M-10"]


def test_attention_lists_every_reason_red_first() -> None:
    overdue_only = activity("A-1", due=TODAY - timedelta(days=3))
    red = activity("A-2", assessment=Assessment.RED)
    stale_yellow = activity("A-3", assessment=Assessment.YELLOW, updated=TODAY - timedelta(days=200))
    fine = activity("A-4", due=TODAY + timedelta(days=3))
    items = rules.attention(plan_with(overdue_only, red, stale_yellow, fine), TODAY)
    assert [(x.activity.id, x.overdue, x.at_risk, x.stale) for x in items] == [
        ("A-2", False, True, False),
        ("A-3", False, True, True),
        ("A-1", True, False, False),
    ]
