"""plan_problems: what `kattegat check` and `kattegat import` refuse."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from kattegat_tui.domain import Activity, Assessment, Expense, Note
from kattegat_tui.domain.integrity import plan_problems
from kattegat_tui.domain.seed import seed_plan


def codes(plan: object) -> list[tuple[str, str, str]]:
    return [(p.kind, p.key, p.error.code) for p in plan_problems(plan)]  # type: ignore[arg-type]


def test_the_seeded_plan_is_sound() -> None:
    assert plan_problems(seed_plan()) == []


def test_duplicate_activity_ids_ignoring_case() -> None:
    plan = seed_plan()
    copy = Activity.from_dict(plan.activities[0].to_dict())
    copy.id = copy.id.lower()
    plan.activities.append(copy)
    assert codes(plan) == [("activity", "havn-1", "err.duplicate_id"), ("activity", "havn-1", "err.bad_id")]


def test_unknown_committee_and_focus() -> None:
    plan = seed_plan()
    plan.activities[0].committee = "NOPE"
    plan.activities[1].focus = "MARS"
    problems = plan_problems(plan)
    assert [(p.key, p.error.code) for p in problems] == [
        ("HAVN-1", "err.unknown_committee"), ("HAVN-2", "err.unknown_focus")]
    assert problems[0].error.params["allowed"] == "OU, MTU, KFU, EAU, BFU"  # the plan's order


def test_yellow_and_red_need_a_comment() -> None:
    plan = seed_plan()
    plan.activities[0].assessment = Assessment.RED
    plan.activities[1].assessment = Assessment.GREEN
    assert codes(plan) == [("activity", "HAVN-1", "err.comment_required")]


def test_due_before_start() -> None:
    plan = seed_plan()
    plan.activities[0].due = date(2020, 1, 1)
    assert codes(plan) == [("activity", "HAVN-1", "err.due_before_start")]


def test_control_characters_and_over_long_text() -> None:
    plan = seed_plan()
    plan.activities[0].title = "Titel\x1b]0;pwned\x07"
    plan.activities[1].description = "linje 1\nlinje 2"  # newlines are fine in descriptions
    plan.activities[2].owner = "x" * 500
    plan.activities[3].notes = [Note(datetime(2025, 3, 1, tzinfo=UTC), "a", "\x1b[2J")]
    assert codes(plan) == [
        ("activity", "HAVN-1", "err.control_chars"),
        ("activity", "HAVN-3", "err.too_long"),
        ("activity", "HAVN-4", "err.control_chars"),
    ]


def test_negative_money_and_unknown_expense_line() -> None:
    plan = seed_plan()
    plan.pool = dataclasses.replace(plan.pool, used_before=-1)
    plan.expenses = [Expense(1, date(2025, 5, 8), "champagne", 10), Expense(2, date(2025, 5, 8),
                                                                          "catering", -5)]
    assert codes(plan) == [
        ("pool", "2025", "err.negative"),
        ("expense", "1", "err.unknown_line"),
        ("expense", "2", "err.negative"),
    ]


def test_missing_title() -> None:
    plan = seed_plan()
    plan.milestones[0].title = "  "
    assert codes(plan) == [("milestone", "M-1", "err.required")]
