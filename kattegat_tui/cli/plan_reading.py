"""Reading the plan: `status`, `activities`, `show` and `milestones`."""

from __future__ import annotations

import argparse
from datetime import date

from ..domain import rules
from ..domain.dates import parse_user_date
from ..i18n import Translator
from ..store import NotFound, Store
from .common import committee_key, focus_key, print_json, status_named
from .summary import STATUS_LIST_LIMIT, activity_lines, milestone_line, status_lines


def status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    if args.as_of:
        from ..domain.history import plan_as_of

        plan = plan_as_of(plan, parse_user_date(args.as_of))
        today = parse_user_date(args.as_of)
    limit = None if args.all else STATUS_LIST_LIMIT
    print("\n".join(status_lines(plan, today, tr, args.stale_days, limit)))
    return 0


def activities(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    items = plan.activities
    if args.committee:
        committee = committee_key(plan, args.committee)
        items = [a for a in items if a.committee == committee]
    if args.status:
        wanted = status_named(args.status)
        items = [a for a in items if a.status is wanted]
    if args.focus:
        focus = focus_key(plan, args.focus)
        items = [a for a in items if a.focus == focus]
    if args.json:
        print_json([a.to_dict() for a in items])
        return 0
    if not items:
        print(tr.t("msg.no_activities"))
        return 0
    shorts = {c.key: c.short or c.key for c in plan.committees}
    for a in items:
        due = tr.date_short(a.due)
        flag = "!" if a.is_overdue(today) else " "
        committee = shorts.get(a.committee, a.committee)
        print(f"{a.id:<8} {tr.status_cell(a.status):<14} {tr.assessment_cell(a.assessment):<16} "
              f"{due:<10}{flag} {committee:<4} {a.title}")
    return 0


def show(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    a = plan.activity(args.id)
    if a is None:
        raise NotFound("activity", args.id)
    if args.json:
        history = plan.changes_for(a.id)
        print_json({**a.to_dict(), "history": [c.to_dict() for c in history]})
        return 0
    print("\n".join(activity_lines(plan, a, tr, today)))
    return 0


def milestones(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    items = rules.timeline(store.load())
    if args.json:
        print_json([m.to_dict() for m in items])
        return 0
    for m in items:
        print(milestone_line(m, tr, today))
    return 0
