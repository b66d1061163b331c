"""The plan tab: search as you type, grouping, filters, sorting, the detail pane, many activities."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from dashboard_helpers import detail_text, make_app, open_plan, screen_text
from textual.widgets import Input

from kattegat_tui.domain import Status
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store
from kattegat_tui.tabs.plan import PlanTab
from kattegat_tui.widgets.activity_list import ActivityList


def activity_rows(view: PlanTab) -> list[str]:
    return [r.key for r in view.activity_list.rows if r.key is not None]


async def test_search_as_you_type_keeps_the_search_when_leaving_the_box(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        view = app.query_one(PlanTab)
        await pilot.press("slash", *"genbes")
        await pilot.pause()
        assert activity_rows(view) == ["HAVN-4", "UDD-3", "KLIMA-2", "PART-2", "PART-3"]
        await pilot.press(*"øg fra")
        await pilot.pause()
        assert activity_rows(view) == ["PART-2", "PART-3"]
        assert "2/17" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, ActivityList)
        assert view.filter.query == "genbesøg fra"
        assert view.query_one("#plan-search", Input).value == "genbesøg fra"
        await pilot.press("x")
        await pilot.pause()
        assert len(activity_rows(view)) == 17
        assert not view.query_one("#plan-search", Input).display


async def test_grouping_toggles_between_focus_area_and_committee(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan(pilot)
        assert "Havne- og erhvervsudvikling (4)" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert "Økonomiudvalget (5)" in text and "Erhvervs- og Arbejdsmarkedsudvalget (5)" in text
        view = app.query_one(PlanTab)
        assert activity_rows(view)[:5] == ["PART-1", "PART-2", "PART-3", "PART-4", "PART-5"]


async def test_filters_by_committee_and_status_and_sorting(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        view = app.query_one(PlanTab)
        await pilot.press("c")  # first committee: Økonomiudvalget
        await pilot.pause()
        assert activity_rows(view) == ["PART-1", "PART-2", "PART-3", "PART-4", "PART-5"]
        assert "Udvalg: ØU" in screen_text(app)
        await pilot.press("f", "f")  # status: I gang
        await pilot.pause()
        assert activity_rows(view) == ["PART-1", "PART-4", "PART-5"]
        await pilot.press("x", "o")  # sort by due date
        await pilot.pause()
        assert activity_rows(view)[0] == "HAVN-4"  # the focus area's earliest due date
        await pilot.press("g")
        await pilot.pause()
        assert activity_rows(view)[:2] == ["PART-1", "PART-2"]


async def test_detail_pane_shows_description_notes_newest_first_and_history(
        plan_path: Path, store: Store) -> None:
    store.add_note("TUR-1", "Første note")
    store.add_note("TUR-1", "Anden note")
    store.set_status("TUR-1", "in_progress")
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan(pilot)
        app.query_one(PlanTab).select_activity("TUR-1")
        await pilot.pause()
        text = detail_text(app)
        assert "Markedsføre/brande" in text
        assert text.index("Anden note") < text.index("Første note")
        assert "Planlagt → I gang" in text
        assert "Fagudvalg: Kultur- og Fritidsudvalget (forslag)" in text


async def test_cursor_moves_repaint_two_lines_not_the_list(tmp_path: Path) -> None:
    plan = seed_plan()
    base = plan.activities
    plan.activities = [replace(base[i % len(base)], id=f"{base[i % len(base)].focus}-{100 + i}",
                               status=list(Status)[i % 5]) for i in range(10_000)]
    path = tmp_path / "big.json"
    Store(path, user="tester").write_plan(plan)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        assert len(app.query("*")) < 200  # 10,000 activities, a few dozen widgets
        listing = app.query_one(ActivityList)
        before = listing.painted_lines
        await pilot.press("down")
        await pilot.pause()
        assert listing.painted_lines - before <= 2
        first = listing.cursor_activity
        assert first is not None
        before = listing.painted_lines
        listing.update_activity(replace(first, status=Status.DONE))
        await pilot.pause()
        assert listing.painted_lines - before == 1
        assert "● Afsluttet" in screen_text(app)
