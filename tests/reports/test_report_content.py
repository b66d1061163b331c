"""What a report contains: scope, period, changes since a date, the plan as of a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from report_helpers import NASTY, REPORT_DAY, SECOND_DAY, write_history

from kattegat_tui.domain import Plan, ValidationError
from kattegat_tui.domain.history import plan_as_of
from kattegat_tui.i18n import translator
from kattegat_tui.reports import build_report, parse_period, render
from kattegat_tui.reports.model import Period
from kattegat_tui.store import Store

DA = translator("da")


def test_periods() -> None:
    assert parse_period("2025-H2") == Period(date(2025, 7, 1), date(2025, 12, 31), "2025-H2")
    assert parse_period("2025-h1") == Period(date(2025, 1, 1), date(2025, 6, 30), "2025-H1")
    assert parse_period("2026-Q1") == Period(date(2026, 1, 1), date(2026, 3, 31), "2026-Q1")
    assert parse_period("2027") == Period(date(2027, 1, 1), date(2027, 12, 31), "2027")
    for bad in ("2025-H3", "H2", "2025-Q5", "juni", ""):
        with pytest.raises(ValidationError) as info:
            parse_period(bad)
        assert info.value.code == "err.bad_period"
    assert "2025-H2" in DA.error(ValidationError("err.bad_period", value="x"))


def test_scope_by_committee_key_short_name_or_name(history_plan: Plan) -> None:
    for given in ("MTU", "mtu", "Miljø- og Teknikudvalget"):
        r = build_report(history_plan, DA, today=REPORT_DAY, committee=given)
        assert {row.activity.committee for row in r.rows} == {"MTU"}
        assert r.committee == "Miljø- og Teknikudvalget"
    r = build_report(history_plan, DA, today=REPORT_DAY, committee="ØU")
    assert {row.activity.id for row in r.rows} == {f"PART-{n}" for n in range(1, 6)}
    with pytest.raises(ValidationError) as info:
        build_report(history_plan, DA, today=REPORT_DAY, committee="Teknisk udvalg")
    assert info.value.code == "err.unknown_committee"


def test_scope_by_focus_area_name_in_any_language(history_plan: Plan) -> None:
    for given in ("KLIMA", "Klima og natur", "Klimat och natur", "climate and nature"):
        r = build_report(history_plan, DA, today=REPORT_DAY, focus=given)
        assert [s.key for s in r.sections] == ["KLIMA"]
    r = build_report(history_plan, DA, today=REPORT_DAY, focus="KLIMA", committee="MTU")
    assert r.scope_text(DA) == "Miljø- og Teknikudvalget · Klima og natur"
    # milestones follow the scope: only those linked to its activities
    assert {m.milestone.id for m in r.milestones} == {"M-10", "M-12"}


def test_changes_since_a_date_are_status_assessment_and_notes_with_who_and_when(
        history_plan: Plan) -> None:
    r = build_report(history_plan, DA, today=REPORT_DAY, since=date(2025, 4, 1))
    assert r.period == Period(date(2025, 4, 1), REPORT_DAY)
    whats = [(c.activity_id, c.what) for c in r.changes]
    assert whats == [("PART-1", "Status: I gang → Afsluttet"),
                     ("PART-1", "Note: Underskrevet 6. februar"),
                     ("KLIMA-1", "Note: Første workshop holdt\nmed Halmstad")]
    assert all(c.who == "jkr" and c.at == SECOND_DAY for c in r.changes)
    everything = build_report(history_plan, DA, today=REPORT_DAY, since=date(2025, 1, 1))
    whats = [(c.activity_id, c.what) for c in everything.changes]
    assert ("HAVN-2", "Vurdering: Ikke vurderet → Gul") in whats
    assert ("HAVN-2", f"Kommentar til vurdering: {NASTY}") in whats
    assert ("KLIMA-3", "Oprettet") in whats
    assert not any(a in ("UDD-1", "TUR-1") for a, _ in whats)  # owner edits are not listed


def test_default_period_is_the_half_year_and_milestones_just_after(history_plan: Plan) -> None:
    r = build_report(history_plan, DA, today=REPORT_DAY)
    assert r.period == parse_period("2025-H1")
    timing = {m.milestone.id: m.after for m in r.milestones}
    assert timing["M-10"] is False and timing["M-7"] is False
    assert timing["M-12"] is True  # 15 September, within three months after 30 June
    assert "M-11" not in timing and "M-1" not in timing
    assert r.after_until == date(2025, 9, 30)


def test_as_of_shows_the_plan_as_saved_that_day(history_path: Path, history_plan: Plan,
                                                tmp_path: Path) -> None:
    """A report as of 20 March equals the report made from the file as it was on 20 March."""
    day = date(2025, 3, 20)
    rebuilt = build_report(history_plan, DA, today=day, as_of=day)
    assert rebuilt.as_of == day
    then = plan_as_of(history_plan, day)
    part1 = then.activity("PART-1")
    assert part1 is not None and part1.status.value == "in_progress"
    assert then.budget.planned_participants == 40 and then.expenses == []
    saved_then = _saved_on_20_march(tmp_path)
    direct = build_report(saved_then, DA, today=day)
    body = render(rebuilt, DA, "md").decode().split("## Fremdrift", 1)[1]
    assert body == render(direct, DA, "md").decode().split("## Fremdrift", 1)[1]
    assert b"Planen som den stod" in render(rebuilt, DA, "md")
    assert "KLIMA-3" in body and "Underskrevet 6. februar" not in body


def _saved_on_20_march(tmp_path: Path) -> Plan:
    """The same script stopped after its first day of edits, as the file held it afterwards."""
    return Store(write_history(tmp_path / "then.json", stop_after_first_day=True)).load()


def test_empty_scope_still_makes_a_report(history_plan: Plan) -> None:
    history_plan.activities = [a for a in history_plan.activities if a.focus != "UDD"]
    for fmt in ("md", "html", "csv"):
        r = build_report(history_plan, DA, today=REPORT_DAY, focus="UDD")
        assert r.sections == [] and r.changes == []
        assert render(r, DA, fmt)
