"""The visit budget and the strategic pool reproduce case 25/555's figures exactly."""

from __future__ import annotations

from datetime import date

import pytest

from kattegat_tui.domain import BudgetLine, Expense, StrategicPool, VisitBudget
from kattegat_tui.domain.budget import summarise
from kattegat_tui.domain.seed import STRATEGIC_POOL, VISIT_BUDGET, seed_plan


def test_forty_participants_is_the_case_table() -> None:
    lines = {line.key: line.estimate(40) for line in VISIT_BUDGET.lines}
    assert lines == {"catering": 50_000, "facilitation": 20_000, "tour": 32_000}
    assert VISIT_BUDGET.estimate(40) == 102_000
    assert VISIT_BUDGET.estimate() == 102_000  # the planned 40 participants


def test_per_person_is_godt_2500() -> None:
    assert VISIT_BUDGET.per_person(40) == 2_550
    assert VISIT_BUDGET.per_person() == 2_550


@pytest.mark.parametrize(("participants", "total"), [(40, 102_000), (50, 114_500), (60, 127_000)])
def test_fifty_to_sixty_participants_rise_by_12_500_to_25_000(participants: int, total: int) -> None:
    assert VISIT_BUDGET.estimate(participants) == total
    assert VISIT_BUDGET.estimate(participants) - VISIT_BUDGET.estimate(40) in (0, 12_500, 25_000)


def test_sixty_participants_is_exactly_the_approved_cap() -> None:
    assert VISIT_BUDGET.approved_cap == 127_000
    assert VISIT_BUDGET.estimate(60) == VISIT_BUDGET.approved_cap
    assert not VISIT_BUDGET.exceeds_cap(60)
    assert VISIT_BUDGET.exceeds_cap(61)
    assert VISIT_BUDGET.max_participants_within_cap() == 60


def test_pool_has_about_one_million_left_before_the_visit() -> None:
    assert STRATEGIC_POOL.budget == 1_200_000
    assert STRATEGIC_POOL.remaining_before_visit() == 1_000_000
    assert STRATEGIC_POOL.reserved == 127_000
    assert STRATEGIC_POOL.remaining() == 873_000


def test_actual_spend_above_the_reservation_draws_more_from_the_pool() -> None:
    assert STRATEGIC_POOL.remaining(100_000) == 873_000
    assert STRATEGIC_POOL.remaining(130_000) == 870_000


def test_per_person_rounds_half_up_and_survives_zero() -> None:
    budget = VisitBudget("x", (BudgetLine("a", "A", fixed=5),), 2, 10)
    assert budget.per_person(2) == 3  # 2.5 -> 3
    assert budget.per_person(0) == 0
    assert VISIT_BUDGET.per_person(60) == 2_117  # 127,000 / 60 = 2,116.67


def test_variance_per_line_and_summary() -> None:
    expenses = [Expense(1, date(2025, 5, 8), "catering", 52_300),
                Expense(2, date(2025, 5, 9), "tour", 30_000),
                Expense(3, date(2025, 5, 9), "catering", 1_000)]
    status = {s.line.key: s for s in VISIT_BUDGET.line_status(expenses)}
    assert status["catering"].actual == 53_300
    assert status["catering"].variance == 3_300
    assert status["tour"].variance == -2_000
    assert status["facilitation"].actual == 0
    s = summarise(VISIT_BUDGET, STRATEGIC_POOL, expenses)
    assert (s.estimate, s.actual, s.variance) == (102_000, 83_300, -18_700)
    assert s.pool_remaining == 873_000


def test_budget_and_pool_round_trip_through_dicts() -> None:
    plan = seed_plan()
    assert VisitBudget.from_dict(plan.budget.to_dict()) == plan.budget
    assert StrategicPool.from_dict(plan.pool.to_dict()) == plan.pool
    e = Expense(7, date(2025, 5, 8), "catering", 1_250, "kaffe")
    assert Expense.from_dict(e.to_dict()) == e


def test_money_is_whole_kroner() -> None:
    for line in VISIT_BUDGET.lines:
        assert isinstance(line.fixed, int) and isinstance(line.per_participant, int)
    assert isinstance(VISIT_BUDGET.estimate(47), int)
    assert isinstance(VISIT_BUDGET.per_person(47), int)
