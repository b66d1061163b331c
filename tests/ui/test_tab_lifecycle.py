"""Each tab draws itself: built when first shown (by key or by a click on its label), and drawn again
when shown if another session changed the plan while it was hidden."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard_helpers import make_app, open_plan, other, screen_text, wait_until
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from kattegat_tui.app import KattegatApp
from kattegat_tui.domain import Plan, Status
from kattegat_tui.tabs.base import DashboardTab
from kattegat_tui.tabs.timeline import TimelineTab


async def new_plan_shown(pilot: Pilot[Any], app: KattegatApp, old: Plan, seconds: float = 10) -> None:
    """Read the file again (another session changed it) and wait until the app shows it."""
    app.session.poll()
    await wait_until(pilot, lambda: app.plan is not old, seconds, "the file is read again")
    await pilot.pause()


def row(app: KattegatApp, activity_id: str) -> str:
    return next(line for line in screen_text(app).splitlines() if activity_id in line)


async def test_a_change_made_while_the_plan_tab_was_hidden_shows_when_it_is_shown(
        plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        assert "Planlagt" in row(app, "HAVN-2")
        await pilot.press("1")
        await pilot.pause()
        other(plan_path).set_status("HAVN-2", Status.DONE)
        await new_plan_shown(pilot, app, app.plan)
        await pilot.press("2")
        await pilot.pause()
        assert "Afsluttet" in row(app, "HAVN-2")
        assert app.focused is not None and app.focused.id == "activity-list"


async def test_a_click_on_a_tab_label_builds_the_tab_and_draws_the_plan(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.query(TimelineTab)
        await pilot.click("#--content-tab-timeline")
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "timeline"
        assert [t.id for t in app.query(TimelineTab)] == ["timeline-tab"]
        assert "M-1" in screen_text(app)


async def test_a_tab_switched_to_before_it_is_built_gets_the_keys_once_built(
        plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.pause()
        timeline = app.query_one(TimelineTab)
        assert app.focused is timeline.timeline


async def test_a_language_change_redraws_hidden_tabs_when_they_are_shown(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_plan(pilot)
        await pilot.press("1")
        await pilot.pause()
        app.set_language("en")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert "Planned" in row(app, "HAVN-2")
        assert {t.id for t in app.query(DashboardTab)} == {"overview-tab", "plan-tab"}
