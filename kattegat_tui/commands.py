"""What each `kattegat` subcommand does. Imports textual only to open the dashboard."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .domain import ValidationError
from .domain.dates import DateParseError, parse_user_date
from .domain.seed import seed_plan
from .i18n import Translator
from .store import (
    AccessDenied,
    ConflictError,
    NotFound,
    Store,
    StoreError,
    parse_bytes,
)
from .store.documents import document_to_plan
from .summary import budget_lines, status_lines


def describe_error(exc: Exception, tr: Translator) -> str | None:
    """One line for an error the user can fix, or None for a real bug (traceback)."""
    from .cli import UserError

    if isinstance(exc, ValidationError):
        return tr.error(exc)
    if isinstance(exc, UserError | StoreError | DateParseError):
        return str(exc)
    if isinstance(exc, NotFound):
        return tr.t("err.not_found", kind=exc.kind, key=exc.key)
    if isinstance(exc, AccessDenied):
        return tr.t("err.access_denied", user=exc.user)
    if isinstance(exc, ConflictError):
        return tr.t("err.conflict", key=exc.key, who=exc.current.get("updated_by", "?"))
    if isinstance(exc, OSError):
        return f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    return None


def open_store(path: Path, *, default: bool, tr: Translator) -> Store:
    store = Store(path)
    if not store.exists():
        if not default:
            raise StoreError(path, "no such file (create one with: kattegat seed -o PATH)")
        store.create(seed_plan())
        print(tr.t("msg.created_from_seed", path=path), file=sys.stderr)
    return store


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def seed(output: Path, tr: Translator) -> int:
    Store(output).write_plan(seed_plan())
    print(tr.t("msg.seed_written", path=output), file=sys.stderr)
    return 0


def dashboard(store: Store, tr: Translator, today: date, *, read_only: bool) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(tr.t("err.no_tty"), file=sys.stderr)
        return 1
    plan = store.load()  # report an unreadable file before drawing anything
    del plan
    from .app import run_dashboard

    return run_dashboard(store, lang=tr.lang, today=today, read_only=read_only)


def cmd_status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    if args.as_of:
        from .domain.history import plan_as_of

        plan = plan_as_of(plan, parse_user_date(args.as_of))
        today = parse_user_date(args.as_of)
    print("\n".join(status_lines(plan, today, tr, args.stale_days)))
    return 0


def cmd_activities(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    items = plan.activities
    if args.committee:
        key = args.committee.strip().upper()
        items = [a for a in items if a.committee.upper() == key
                 or plan.committee_name(a.committee).lower() == args.committee.strip().lower()]
    if args.status:
        from .domain import validation

        wanted = validation.status(args.status)
        items = [a for a in items if a.status is wanted]
    if args.focus:
        key = args.focus.strip().upper()
        items = [a for a in items if a.focus.upper() == key]
    if args.json:
        _print_json([a.to_dict() for a in items])
        return 0
    if not items:
        print(tr.t("msg.no_activities"))
        return 0
    for a in items:
        due = tr.date_short(a.due)
        flag = "!" if a.is_overdue(today) else " "
        print(f"{a.id:<8} {tr.status_cell(a.status):<14} {tr.assessment_cell(a.assessment):<16} "
              f"{due:<10}{flag} {a.committee:<4} {a.title}")
    return 0


def cmd_show(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    a = plan.activity(args.id)
    if a is None:
        raise NotFound("activity", args.id)
    history = plan.changes_for(a.id)
    if args.json:
        _print_json({**a.to_dict(), "history": [c.to_dict() for c in history]})
        return 0
    area = plan.focus_area(a.focus)
    committee = plan.committee_name(a.committee)
    if a.committee_suggested:
        committee += f" ({tr.t('committee.suggested')})"
    rows = [
        (tr.t("field.title"), a.title),
        (tr.t("field.focus"), area.name(tr.lang) if area else a.focus),
        (tr.t("field.committee"), committee),
        (tr.t("field.owner"), a.owner or "–"),
        (tr.t("field.side"), tr.t(f"side.{a.side.value}")),
        (tr.t("field.start"), tr.date(a.start)),
        (tr.t("field.due"), tr.date(a.due)),
        (tr.t("field.status"), tr.status_cell(a.status)),
        (tr.t("field.assessment"), tr.assessment_cell(a.assessment)
         + (f" – {a.assessment_comment}" if a.assessment_comment else "")),
        (tr.t("field.updated"), f"{a.updated_at:%Y-%m-%d %H:%M} {a.updated_by}"
         if a.updated_at else "–"),
    ]
    print(a.id)
    for label, value in rows:
        print(f"  {label + ':':<26} {value}")
    if a.description:
        print(f"\n{tr.t('field.description')}:\n  {a.description}")
    if a.notes:
        print(f"\n{tr.t('field.notes')}:")
        for n in reversed(a.notes):
            print(f"  {n.at.astimezone():%Y-%m-%d %H:%M} {n.by}: {n.text}")
    if history:
        print()
        for c in reversed(history):
            print(f"  {c.at.astimezone():%Y-%m-%d %H:%M} {c.who}: {c.action} {c.field} "
                  f"{_short(c.old)} -> {_short(c.new)}")
    return 0


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def cmd_set_status(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.set_status(args.id, args.status, note=args.note)
    print(tr.t("msg.saved", what=f"{a.id} {tr.status_cell(a.status)}"))
    return 0


def cmd_assess(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.assess(args.id, args.assessment, args.comment)
    print(tr.t("msg.saved", what=f"{a.id} {tr.assessment_cell(a.assessment)}"))
    return 0


def cmd_note(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    a = store.add_note(args.id, args.text)
    print(tr.t("msg.saved", what=f"{a.id} {tr.t('field.note').lower()}"))
    return 0


def cmd_undo(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    undone = store.undo_last()
    print(tr.t("msg.undone", n=len(undone)) if undone else tr.t("msg.nothing_to_undo"))
    return 0


def cmd_milestones(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    from .domain.rules import timeline

    items = timeline(store.load())
    if args.json:
        _print_json([m.to_dict() for m in items])
        return 0
    for m in items:
        mark = "✓" if m.status.value == "done" else ("✕" if m.status.value == "cancelled" else "·")
        rel = tr.relative_fuzzy(m.when, today)
        print(f"{m.id:<5} {mark} {tr.fuzzy(m.when):<24} {rel:<20} {m.title}")
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


def cmd_check(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    print(tr.t("msg.file_ok", path=store.path, activities=len(plan.activities),
               changes=len(plan.changes)))
    return 0


def cmd_export(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
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
    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise StoreError(source, exc.strerror or "cannot read") from exc
    doc = parse_bytes(source, raw)
    plan = document_to_plan(source, doc)
    store.import_document(doc, str(source))
    print(tr.t("msg.imported", path=source, activities=len(plan.activities)))
    return 0


def cmd_access(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    if args.action == "list":
        if not store.is_editor():
            raise AccessDenied(store.user)
        editors = store.load().editors
        print(tr.t("msg.access_list", names=", ".join(editors)) if editors
              else tr.t("msg.access_open"))
        return 0
    if not args.login:
        raise ValidationError("err.required", field="login")
    editors = store.grant(args.login) if args.action == "grant" else store.revoke(args.login)
    print(tr.t("msg.access_list", names=", ".join(editors)) if editors
          else tr.t("msg.access_open"))
    return 0


def cmd_report(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    from .reports.cli_commands import report

    return report(store, args, tr, today)


def cmd_calendar(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    from .reports.cli_commands import calendar

    return calendar(store, args, tr, today)
