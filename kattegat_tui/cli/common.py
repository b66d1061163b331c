"""What several commands share: the plan to open, "today", names people type for committees,
focus areas, statuses and assessments, JSON output and the first problem of a plan."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..domain import Assessment, Plan, Status, ValidationError, validation
from ..domain.dates import DateParseError, parse_user_date
from ..domain.integrity import Problem, plan_problems
from ..errors import UserError
from ..i18n import Translator, parse_assessment, parse_status
from ..store import Store

DEFAULT_DB = Path("data") / "db.json"


def today_from(value: str | None, tr: Translator) -> date:
    """``--today`` (or KATTEGAT_TODAY) as a date; the real today when not given."""
    if not value:
        return date.today()
    try:
        return parse_user_date(value)
    except DateParseError as exc:
        raise UserError(f"--today: {tr.error(exc)}") from exc


def open_store(db: str | None, tr: Translator) -> Store:
    """The plan ``--db`` names, else the default one, created from the seed when missing; a plan
    named with ``--db`` must exist."""
    from ..domain.seed import seed_plan

    path = Path(db) if db else DEFAULT_DB
    store = Store(path)
    if not store.exists():
        if db:
            raise UserError(tr.t("err.no_file", path=path))
        # Checked again under the lock: several commands starting at once create it once.
        if store.create_if_missing(seed_plan()):
            print(tr.t("msg.created_from_seed", path=path), file=sys.stderr)
    return store


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _pick(wanted: str, candidates: dict[str, list[str]]) -> str | None:
    """The key whose names match ``wanted`` exactly, else the only one a name starts with."""
    folded = wanted.strip().casefold()
    for key, names in candidates.items():
        if folded in (n.casefold() for n in names):
            return key
    starts = [key for key, names in candidates.items()
              if folded and any(n.casefold().startswith(folded) for n in names)]
    return starts[0] if len(starts) == 1 else None


def committee_key(plan: Plan, wanted: str) -> str:
    """A committee by key ("OU"), short name ("ØU") or name ("Økonomiudvalget"), any case."""
    key = _pick(wanted, {c.key: [c.key, c.short, c.name] for c in plan.committees})
    if key is None:
        raise ValidationError("err.unknown_committee", value=wanted,
                              allowed=", ".join(c.key for c in plan.committees))
    return key


def focus_key(plan: Plan, wanted: str) -> str:
    """A focus area by key ("UDD") or by its name in any language ("Uddannelse", "Education")."""
    key = _pick(wanted, {f.key: [f.key, *f.names.values()] for f in plan.focus_areas})
    if key is None:
        raise ValidationError("err.unknown_focus", value=wanted,
                              allowed=", ".join(f.key for f in plan.focus_areas))
    return key


def status_named(value: str) -> Status:
    """A status by key or by its label in da, sv or en."""
    return parse_status(value) or validation.status(value)


def assessment_named(value: str) -> Assessment:
    return parse_assessment(value) or validation.assessment(value)


def _problem_text(problem: Problem, tr: Translator) -> str:
    return f"{tr.entity(problem.kind)} {problem.key}: {tr.error(problem.error)}"


def first_problem(plan: Plan, tr: Translator) -> str | None:
    """The first thing wrong with the plan as one line (with how many more), or None."""
    problems = plan_problems(plan)
    if not problems:
        return None
    text = _problem_text(problems[0], tr)
    if len(problems) > 1:
        text += " " + tr.t("err.more_problems", n=len(problems) - 1)
    return text
