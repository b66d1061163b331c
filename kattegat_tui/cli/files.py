"""The plan as a file: `check`, `export`, `import` and `seed`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..errors import UserError
from ..i18n import Translator
from ..store import Store, StoreError, parse_bytes
from ..store.documents import document_to_plan
from ..terminal_output import confirm
from .common import first_problem


def check(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    plan = store.load()
    problem = first_problem(plan, tr)
    if problem:
        raise UserError(tr.t("err.check_failed", path=store.path, problem=problem))
    print(tr.t("msg.file_ok", path=store.path, activities=len(plan.activities),
               changes=len(plan.changes)))
    return 0


def export(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    if args.output:
        from ..store.plan_store import is_live_plan

        if is_live_plan(Path(args.output), store):
            raise UserError(tr.t("err.export_onto_plan", path=args.output))
    data = store.export_bytes()
    if args.output:
        from ..store.durable import atomic_write

        atomic_write(Path(args.output), data)
        print(tr.t("msg.exported", path=args.output), file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def import_file(store: Store, args: argparse.Namespace, tr: Translator, today: date) -> int:
    """Replace the plan with FILE after checking all of it; nothing is written if anything fails."""
    from ..store.safe_paths import read_named_file

    source = Path(args.file)
    raw = read_named_file(source)  # no planted link, FIFO or device is read
    doc = parse_bytes(source, raw)
    plan = document_to_plan(source, doc)
    problem = first_problem(plan, tr)
    if problem:
        raise UserError(tr.t("err.import_problem", path=source, problem=problem))
    store.import_document(doc, str(source))
    confirm(tr.t("msg.imported", path=source, activities=len(plan.activities)))
    return 0


def seed(args: argparse.Namespace, tr: Translator, today: date) -> int:
    """Write the seeded plan to ``-o``; an existing file that differs is only replaced with
    ``--force``. Opens no plan of its own."""
    from ..domain.seed import seed_plan
    from ..store import dump_document
    from ..store.documents import plan_to_document

    output = Path(args.output)
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
        if not args.force:
            raise UserError(tr.t("err.seed_exists", path=output))
    # Over an existing plan this is an import: editors checked, a backup kept, history written.
    store.write_plan(seed_plan())
    print(tr.t("msg.seed_written", path=output), file=sys.stderr)
    return 0
