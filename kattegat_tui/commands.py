"""What each `kattegat` subcommand does. Imports textual only to open the dashboard."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .domain import Assessment, Plan, Status, ValidationError, rules, validation
from .domain.dates import parse_user_date
from .domain.integrity import Problem, plan_problems
from .domain.seed import seed_plan
from .errors import UserError
from .i18n import Translator, parse_assessment, parse_status
from .store import (
    AccessDenied,
    NotFound,
    Store,
    StoreError,
    parse_bytes,
)
from .store.documents import document_to_plan
from .summary import STATUS_LIST_LIMIT, activity_lines, budget_lines, milestone_line, status_lines
from .terminal_output import confirm


def open_store(path: Path, *, default: bool, tr: Translator) -> Store:
    """The plan at ``path``; only the default path is created from the seed when missing."""
    store = Store(path)
    if not store.exists():
        if not default:
            raise UserError(tr.t("err.no_file", path=path))
        # Checked again under the lock: several commands starting at once create it once.
        if store.create_if_missing(seed_plan()):
            print(tr.t("msg.created_from_seed", path=path), file=sys.stderr)
    return store


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def seed(output: Path, tr: Translator, *, force: bool = False) -> int:
    """Write the seeded plan; an existing file that differs is only replaced with ``force``."""
    from .store import dump_document
    from .store.documents import plan_to_document

    data = dump_document(plan_to_document(seed_plan()))
    store = Store(output)
    if store.exists():
        try:
            same = store.read_raw() == data
        except StoreError:
            same = False
        if same:  # already the seeded plan: nothing to write, nothing for the history
            print(tr.t("msg.seed_written", path=output), file=sys.stderr)
            return 0
        if not force:
            raise UserError(tr.t("err.seed_exists", path=output))
    # Over an existing plan this is an import: editors checked, a backup kept, history written.
    store.write_plan(seed_plan())
    print(tr.t("msg.seed_written", path=output), file=sys.stderr)
    return 0


def dashboard(store: Store, tr: Translator, today: date, *, read_only: bool) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(tr.t("err.no_tty"), file=sys.stderr)
        return 1
    plan = store.load()  # an unreadable file is reported before anything is drawn
    from .app import run_dashboard

    return run_dashboard(store, lang=tr.lang, today=today, read_only=read_only, plan=plan)


def cmd_status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    if args.as_of:
        from .domain.history import plan_as_of

        plan = plan_as_of(plan, parse_user_date(args.as_of))
        today = parse_user_date(args.as_of)
    limit = None if args.all else STATUS_LIST_LIMIT
    print("\n".join(status_lines(plan, today, tr, args.stale_days, limit)))
    return 0


def _pick(wanted: str, candidates: dict[str, list[str]]) -> str | None:
    """The key whose names match ``wanted`` exactly, else the only one a name starts with."""
    folded = wanted.strip().casefold()
    for key, names in candidates.items():
        if folded in (n.casefold() for n in names):
            return key
    starts = [key for key, names in candidates.items()
              if folded and any(n.casefold().startswith(folded) for n in names)]
    return starts[0] if len(starts) == 1 else None


def _committee_key(plan: Plan, wanted: str) -> str:
    """A committee by key ("OU"), short name ("ØU") or name ("Økonomiudvalget"), any case."""
    key = _pick(wanted, {c.key: [c.key, c.short, c.name] for c in plan.committees})
    if key is None:
        raise ValidationError("err.unknown_committee", value=wanted,
                              allowed=", ".join(c.key for c in plan.committees))
    return key


def _focus_key(plan: Plan, wanted: str) -> str:
    """A focus area by key ("UDD") or by its name in any language ("Uddannelse", "Education")."""
    key = _pick(wanted, {f.key: [f.key, *f.names.values()] for f in plan.focus_areas})
    if key is None:
        raise ValidationError("err.unknown_focus", value=wanted,
                              allowed=", ".join(f.key for f in plan.focus_areas))
    return key


def _status(value: str) -> Status:
    """A status by key or by its label in da, sv or en."""
    return parse_status(value) or validation.status(value)


def _assessment(value: str) -> Assessment:
    return parse_assessment(value) or validation.assessment(value)


def cmd_activities(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    items = plan.activities
    if args.committee:
        committee = _committee_key(plan, args.committee)
        items = [a for a in items if a.committee == committee]
    if args.status:
        wanted = _status(args.status)
        items = [a for a in items if a.status is wanted]
    if args.focus:
        focus = _focus_key(plan, args.focus)
        items = [a for a in items if a.focus == focus]
    if args.json:
        _print_json([a.to_dict() for a in items])
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


def cmd_show(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    a = plan.activity(args.id)
    if a is None:
        raise NotFound("activity", args.id)
    if args.json:
        history = plan.changes_for(a.id)
        _print_json({**a.to_dict(), "history": [c.to_dict() for c in history]})
        return 0
    print("\n".join(activity_lines(plan, a, tr, today)))
    return 0


def cmd_set_status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.set_status(args.id, _status(args.status), note=args.note)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.status_cell(a.status)}"))
    return 0


def cmd_assess(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.assess(args.id, _assessment(args.assessment), args.comment)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.assessment_cell(a.assessment)}"))
    return 0


def cmd_note(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.add_note(args.id, args.text)
    confirm(tr.t("msg.saved", what=f"{a.id} {tr.t('action.note')}"))
    return 0


def cmd_undo(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    undone = store.undo_last()
    confirm(tr.t("msg.undone", n=len(undone)) if undone else tr.t("msg.nothing_to_undo"))
    return 0


def cmd_redo(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    redone = store.redo_last()
    confirm(tr.t("msg.redone", n=len(redone)) if redone else tr.t("msg.nothing_to_redo"))
    return 0


def cmd_milestones(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    items = rules.timeline(store.load())
    if args.json:
        _print_json([m.to_dict() for m in items])
        return 0
    for m in items:
        print(milestone_line(m, tr, today))
    return 0


def cmd_budget(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    n = plan.budget.planned_participants if args.participants is None else args.participants
    if n < 0:
        raise ValidationError("err.negative", field="participants", value=n)
    if args.json:
        b = plan.budget
        actual = sum(e.amount for e in plan.expenses)
        _print_json({
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
        })
        return 0
    print("\n".join(budget_lines(plan, n, tr)))
    return 0


def _problem_text(problem: Problem, tr: Translator) -> str:
    return f"{tr.entity(problem.kind)} {problem.key}: {tr.error(problem.error)}"


def _first_problem(plan: Plan, tr: Translator) -> str | None:
    """The first thing wrong with the plan as one line (with how many more), or None."""
    problems = plan_problems(plan)
    if not problems:
        return None
    text = _problem_text(problems[0], tr)
    if len(problems) > 1:
        text += " " + tr.t("err.more_problems", n=len(problems) - 1)
    return text


def cmd_check(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    problem = _first_problem(plan, tr)
    if problem:
        raise UserError(tr.t("err.check_failed", path=store.path, problem=problem))
    print(tr.t("msg.file_ok", path=store.path, activities=len(plan.activities),
               changes=len(plan.changes)))
    return 0


def cmd_export(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    if args.output:
        from .store.plan_store import is_live_plan

        if is_live_plan(Path(args.output), store):
            raise UserError(tr.t("err.export_onto_plan", path=args.output))
    data = store.export_bytes()
    if args.output:
        from .store.durable import atomic_write

        atomic_write(Path(args.output), data)
        print(tr.t("msg.exported", path=args.output), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_import(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    """Replace the plan with FILE after checking all of it; nothing is written if anything fails."""
    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise StoreError(source, "store.cannot_read", reason=exc.strerror or str(exc)) from exc
    doc = parse_bytes(source, raw)
    plan = document_to_plan(source, doc)
    problem = _first_problem(plan, tr)
    if problem:
        raise UserError(tr.t("err.import_problem", path=source, problem=problem))
    store.import_document(doc, str(source))
    confirm(tr.t("msg.imported", path=source, activities=len(plan.activities)))
    return 0


def cmd_access(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    if args.action == "list":
        plan = store.load()
        if not store.is_editor(plan):  # who may edit is the editors' business only
            raise AccessDenied(store.user)
        print(_access_text(plan.editors, tr))
        return 0
    editors = store.grant(args.login) if args.action == "grant" else store.revoke(args.login)
    confirm(_access_text(editors, tr))
    if args.action == "grant" and not _is_account(args.login):
        print(tr.t("warn.no_such_account", login=args.login), file=sys.stderr)
    return 0


def _access_text(editors: list[str], tr: Translator) -> str:
    return tr.t("msg.access_list", names=", ".join(editors)) if editors else tr.t("msg.access_open")


def _is_account(login: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(login.strip())
    except KeyError:
        return False
    return True


def cmd_report(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    from .reports.cli_commands import report

    return int(report(store, args, tr, today))


def cmd_calendar(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    from .reports.cli_commands import calendar

    return int(calendar(store, args, tr, today))
