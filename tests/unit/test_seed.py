"""The seeded plan: `kattegat seed -o` reproduces data/db.json, and it holds the case's facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kattegat_tui.domain import FuzzyDate, MilestoneKind, Plan, Precision, Status
from kattegat_tui.domain.integrity import plan_problems
from kattegat_tui.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded() -> Plan:
    return Store(REPO / "data" / "db.json", user="tester").load()


def test_seed_output_is_data_db_json_byte_for_byte(cli, tmp_path: Path, seeded_bytes: bytes) -> None:
    out = tmp_path / "seeded.json"
    result = cli("seed", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert str(out) in result.stderr  # the notice goes to stderr
    assert out.read_bytes() == seeded_bytes


def test_seed_never_replaces_a_plan_in_use_without_force(cli, plan_path: Path, store: Store) -> None:
    store.add_note("UDD-1", "vigtig note")
    before = plan_path.read_bytes()
    refused = cli("seed", "-o", str(plan_path))
    assert refused.returncode == 1
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert plan_path.read_bytes() == before
    forced = cli("seed", "-o", str(plan_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert Store(plan_path, user="tester").load().activity("UDD-1").notes == []  # type: ignore[union-attr]


def test_seed_over_an_identical_file_is_allowed(cli, plan_path: Path, seeded_bytes: bytes) -> None:
    assert plan_path.read_bytes() == seeded_bytes
    assert cli("seed", "-o", str(plan_path)).returncode == 0


def test_the_seed_is_sound(seeded: Plan) -> None:
    assert plan_problems(seeded) == []
    assert seeded.changes == [] and seeded.expenses == [] and seeded.editors == []
    assert seeded.info.case_ref == "25/555"
    assert (seeded.info.period_start, seeded.info.period_end) == ("2025-01-01", "2028-12-31")


def test_five_focus_areas_named_in_three_languages(seeded: Plan) -> None:
    assert [f.key for f in sorted(seeded.focus_areas, key=lambda f: f.order)] == [
        "HAVN", "TUR", "UDD", "KLIMA", "PART"]
    for area in seeded.focus_areas:
        assert set(area.names) == {"da", "sv", "en"}
    klima = next(f for f in seeded.focus_areas if f.key == "KLIMA")
    assert klima.names["da"] == "Klima og natur"
    assert "kystnære" in klima.description


def test_committees_of_norddjurs(seeded: Plan) -> None:
    assert {c.name for c in seeded.committees} == {
        "Økonomiudvalget", "Miljø- og Teknikudvalget", "Kultur- og Fritidsudvalget",
        "Erhvervs- og Arbejdsmarkedsudvalget", "Børne- og Familieudvalget"}


def test_every_activity_is_in_a_focus_area_and_its_committee_is_a_suggestion(seeded: Plan) -> None:
    areas = {f.key for f in seeded.focus_areas}
    committees = {c.key for c in seeded.committees}
    assert len(seeded.activities) == 17
    for a in seeded.activities:
        assert a.focus in areas and a.committee in committees
        assert a.committee_suggested, a.id
        assert a.id.startswith(a.focus + "-")
        assert a.start is not None and a.due is not None and a.start <= a.due
        assert a.status in (Status.PLANNED, Status.IN_PROGRESS)
        assert a.assessment is None and a.notes == [] and a.revision == 1
    ids = {a.id for a in seeded.activities}
    assert {"UDD-1", "KLIMA-1", "PART-3"} <= ids


EXPECTED_TIMELINE = [
    (FuzzyDate.day(date(2019, 10, 10)), MilestoneKind.SIGNING),
    (FuzzyDate.month(2023, 6), MilestoneKind.VISIT),
    (FuzzyDate.month(2023, 8), MilestoneKind.DECISION),
    (FuzzyDate.month(2024, 8), MilestoneKind.MEETING),
    (FuzzyDate.day(date(2024, 12, 31)), MilestoneKind.DEADLINE),
    (FuzzyDate.day(date(2025, 2, 4)), MilestoneKind.DECISION),
    (FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)), MilestoneKind.SIGNING),
    (FuzzyDate.day(date(2025, 2, 18)), MilestoneKind.DECISION),
    (FuzzyDate.month(2025, 4), MilestoneKind.MEETING),
    (FuzzyDate.day(date(2025, 5, 8), date(2025, 5, 9)), MilestoneKind.VISIT),
    (FuzzyDate.day(date(2028, 12, 31)), MilestoneKind.DEADLINE),
]


def test_timeline_of_the_domain_brief_with_its_precisions(seeded: Plan) -> None:
    timeline = sorted(seeded.milestones, key=lambda m: m.when.first_day)
    assert [(m.when, m.kind) for m in timeline] == EXPECTED_TIMELINE
    assert timeline[0].when.precision is Precision.DAY  # 10 October 2019, the press release
    assert timeline[1].when.precision is Precision.MONTH  # "juni 2023"
    assert timeline[6].when.end == date(2025, 2, 6)  # signed on the 6th of a two-day visit
    assert "fællesmiddag" in timeline[9].title
    assert set(timeline[9].activities) >= {"PART-3", "TUR-3"}
    activity_ids = {a.id for a in seeded.activities}
    for m in seeded.milestones:
        assert set(m.activities) <= activity_ids
    assert all(m.case_ref == "25/555" for m in timeline[1:])


def test_the_three_decisions_of_4_february_2025(seeded: Plan) -> None:
    decisions = seeded.decisions
    assert [d.number for d in decisions] == [1, 2, 3]
    for d in decisions:
        assert d.decided_on == date(2025, 2, 4)
        assert d.outcome == "Tiltrådt"
        assert d.body == "Økonomiudvalget"
        assert d.case_ref == "25/555"
    assert "partnerskabsaftalen" in decisions[0].text
    assert "Handleplan 2025-2028" in decisions[1].text and "18. februar" in decisions[1].text
    assert "0,127 mio. kr." in decisions[2].text and "strategiske pulje" in decisions[2].text


def test_budget_and_pool(seeded: Plan) -> None:
    b = seeded.budget
    assert [(x.name, x.estimate(40)) for x in b.lines] == [
        ("Forplejning", 50_000),
        ("Facilitering, underholdning og øvrige udgifter", 20_000),
        ("Rundvisning og bustransport", 32_000),
    ]
    assert b.planned_participants == 40
    assert b.estimate() == 102_000 and b.per_person() == 2_550
    assert b.estimate(50) == 114_500 and b.estimate(60) == 127_000 == b.approved_cap
    assert b.case_ref == "25/555"
    p = seeded.pool
    assert (p.year, p.budget, p.remaining_before_visit(), p.reserved) == (
        2025, 1_200_000, 1_000_000, 127_000)
