"""Synthetic action plans of any size, written through the real store.

The seeded plan (focus areas, committees, milestones, decisions, budget) is kept; activities are the
seeded ones followed by generated ones up to the wanted count, each with notes, an assessment now and
then, and a history of changes (status changes, notes, assessments) in the audit table. The random
generator is seeded, so the same size always gives the same file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kattegat_tui.domain import Activity, Assessment, Change, Note, Plan, Side, Status
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store

SIZES = (50, 1_000, 10_000)
DEFAULT_SEED = 4

_VERBS = ["Kortlægge", "Udvikle", "Styrke", "Etablere", "Evaluere", "Forankre", "Afholde",
          "Markedsføre", "Undersøge", "Koordinere", "Udbrede", "Gennemføre"]
_OBJECTS = ["færgeforbindelsen", "havnesamarbejdet", "den fælles branding", "efteruddannelser",
            "kystnære bymiljøer", "erhvervsnetværket", "turistruterne", "vidensdelingen",
            "sekretariatsmøderne", "grøn omstilling på havnen", "studieturen", "fællesmiddagen"]
_PLACES = ["i Grenaa", "i Halmstad", "på tværs af Kattegat", "i Norddjurs", "med Stena Line",
           "med uddannelsesinstitutionerne", "i Kattegatregionen", "for kommunstyrelsen"]
_SENTENCES = [
    "Drøftes på næste sekretariatsmøde.", "Afventer svar fra Halmstads kommun.",
    "Budgettet er afstemt med Økonomiudvalget.", "Der er aftalt et opfølgende møde i foråret.",
    "Arbejdsgruppen har udsendt et udkast til kommissorium.", "Tidsplanen er skubbet en måned.",
    "Erfaringerne fra handleplan 2021-2024 inddrages.", "Forvaltningen udarbejder et notat.",
]
_PEOPLE = ["jkr", "mette", "anders", "lena", "sofia", "bjorn", "karin", "peter"]
_STATUSES = [Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.ON_HOLD, Status.CANCELLED]
_STATUS_WEIGHTS = [35, 35, 18, 8, 4]
_START = datetime(2025, 2, 5, 8, 0, tzinfo=UTC)
_SPAN_S = int((datetime(2026, 11, 29, 16, 0, tzinfo=UTC) - _START).total_seconds())


@dataclass(frozen=True)
class SyntheticPlan:
    path: Path
    activities: int
    notes: int
    changes: int
    size_bytes: int
    first_id: str  # the first activity in the plan (shown first by default ordering)


def _when(rng: random.Random) -> datetime:
    return _START + timedelta(seconds=rng.randrange(_SPAN_S))


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_SENTENCES) for _ in range(n))


def build_plan(n_activities: int, seed: int = DEFAULT_SEED) -> Plan:
    """The seeded plan grown to ``n_activities`` activities, with notes and a change history."""
    rng = random.Random(seed * 1_000_003 + n_activities)
    plan = seed_plan()
    committees = [c.key for c in plan.committees]
    focus_keys = [f.key for f in plan.focus_areas]
    counters = {key: sum(1 for a in plan.activities if a.focus == key) for key in focus_keys}
    activities = plan.activities[:n_activities]
    while len(activities) < n_activities:
        focus = rng.choice(focus_keys)
        counters[focus] += 1
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(900))
        due = start + timedelta(days=rng.randrange(30, 700))
        title = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_PLACES)}"
        activities.append(Activity(
            id=f"{focus}-{counters[focus]}", focus=focus, title=title,
            committee=rng.choice(committees), description=_sentence(rng, rng.randint(1, 3)),
            owner=rng.choice(["", "Kommunaldirektør Jonas Kroustrup", "Erhvervschef", "Havnechef"]),
            side=rng.choice([Side.JOINT, Side.JOINT, Side.NORDDJURS, Side.HALMSTAD]),
            start=start, due=due, status=rng.choices(_STATUSES, _STATUS_WEIGHTS)[0],
            committee_suggested=rng.random() < 0.5, updated_by=rng.choice(_PEOPLE)))

    changes: list[tuple[datetime, Change]] = []

    def record(at: datetime, who: str, activity: Activity, field: str, old: object, new: object,
               action: str = "update") -> None:
        changes.append((at, Change(0, at, who, "activity", activity.id, field, old, new, action)))

    for activity in activities:
        events = sorted(_when(rng) for _ in range(rng.randint(1, 5)))
        notes: list[Note] = list(activity.notes)
        status = Status.PLANNED
        for at in events:
            who = rng.choice(_PEOPLE)
            kind = rng.random()
            if kind < 0.45:
                text = _sentence(rng, rng.randint(1, 2))
                notes.append(Note(at.replace(microsecond=0), who, text))
                record(at, who, activity, "notes", None, text, action="note")
            elif kind < 0.8:
                new = rng.choice(_STATUSES)
                if new is not status:
                    record(at, who, activity, "status", status.value, new.value)
                    status = new
            else:
                assessment = rng.choice(list(Assessment))
                comment = "" if assessment is Assessment.GREEN else rng.choice(_SENTENCES)
                record(at, who, activity, "assessment",
                       activity.assessment.value if activity.assessment else None, assessment.value)
                activity.assessment = assessment
                activity.assessment_comment = comment
        if status is not activity.status:
            record(events[-1] + timedelta(minutes=5), activity.updated_by or "seed", activity,
                   "status", status.value, activity.status.value)
        activity.notes = notes
        activity.updated_at = (events[-1] + timedelta(minutes=5)).replace(microsecond=0)
        activity.revision = 1 + len(events)
    changes.sort(key=lambda item: item[0])
    plan.activities = activities
    plan.changes = [Change(i, at.replace(microsecond=0), c.who, c.entity, c.entity_id, c.field,
                           c.old, c.new, c.action, i)
                    for i, (at, c) in enumerate(changes, start=1)]
    return plan


def write_plan(path: Path, n_activities: int | None, seed: int = DEFAULT_SEED) -> SyntheticPlan:
    """Write a plan file with ``n_activities`` activities (None: the seeded plan as it is)."""
    plan = seed_plan() if n_activities is None else build_plan(n_activities, seed)
    if path.exists():
        path.unlink()
    Store(path, user="bench").write_plan(plan)
    return SyntheticPlan(path=path, activities=len(plan.activities),
                         notes=sum(len(a.notes) for a in plan.activities),
                         changes=len(plan.changes), size_bytes=path.stat().st_size,
                         first_id=plan.activities[0].id)


if __name__ == "__main__":
    import sys
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="kattegat-bench-"))
    for size in [int(a) for a in sys.argv[1:]] or list(SIZES):
        info = write_plan(out / f"plan-{size}.json", size)
        loaded = Store(info.path, user="bench").load()
        assert len(loaded.activities) == size
        print(f"{info.path}: {info.activities} activities, {info.notes} notes, "
              f"{info.changes} changes, {info.size_bytes / 1e6:.1f} MB")
