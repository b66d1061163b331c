"""`kattegat budget`: the visit's estimate for a number of participants, and the pool."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..domain import Plan, ValidationError
from ..i18n import Translator
from ..store import Store
from .common import print_json
from .summary import budget_lines


def budget(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    n = plan.budget.planned_participants if args.participants is None else args.participants
    if n < 0:
        raise ValidationError("err.negative", field="participants", value=n)
    if args.json:
        print_json(_budget_json(plan, n))
        return 0
    print("\n".join(budget_lines(plan, n, tr)))
    return 0


def _budget_json(plan: Plan, n: int) -> dict[str, Any]:
    b = plan.budget
    actual = sum(e.amount for e in plan.expenses)
    return {
        "participants": n,
        "lines": [{"key": x.key, "name": x.name, "fixed": x.fixed,
                   "per_participant": x.per_participant, "estimate": x.estimate(n)}
                  for x in b.lines],
        "estimate": b.estimate(n), "per_person": b.per_person(n),
        "approved_cap": b.approved_cap, "exceeds_cap": b.exceeds_cap(n),
        "actual": actual,
        "pool": {**plan.pool.to_dict(),
                 "remaining_before_visit": plan.pool.remaining_before_visit(),
                 "remaining": plan.pool.remaining(actual)},
    }
