"""The shell: tabs built when first shown, keys 1-5, help, command palette, language at runtime."""

from __future__ import annotations

from pathlib import Path

from dashboard_helpers import make_app, open_plan, screen_text, search_palette, tab_built, wait_until
from textual.widgets import TabbedContent

from kattegat_tui.dialogs.help import HelpScreen
from kattegat_tui.tabs.base import DashboardTab
from kattegat_tui.tabs.plan import PlanTab


async def test_only_the_first_tab_is_built_at_start(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [t.id for t in app.query(DashboardTab)] == ["overview-tab"]
        await pilot.press("2")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "plan"
        assert {t.id for t in app.query(DashboardTab)} == {"overview-tab", "plan-tab"}
        assert isinstance(app.focused, type(app.query_one(PlanTab).activity_list))
        await pilot.press("1")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "overview"


async def test_question_mark_lists_every_key(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.text
        assert "Fortryd min seneste ændring" in screen_text(app)
        for expected in ("Status", "Vurdér", "Note", "Redigér", "Slet aktivitet",
                         "Ny aktivitet", "Søg", "Gruppér", "Sortér", "Fortryd min seneste",
                         "Afslut", "Gem min version", "^z", "^n", "^s"):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_an_activity_by_id(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_palette(pilot, "TUR-2")
        await pilot.press("enter")
        await wait_until(pilot, lambda: tab_built(app, "plan"))
        await wait_until(pilot, lambda: app.query_one(PlanTab).activity_list.cursor_key == "TUR-2")
        assert app.query_one(TabbedContent).active == "plan"


async def test_palette_jumps_to_an_activity_by_title_and_clears_hiding_filters(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("slash", *"klima", "enter")
        await pilot.pause()
        view = app.query_one(PlanTab)
        assert view.activity_list.index_of("HAVN-1") is None
        await search_palette(pilot, "stena line")
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.activity_list.cursor_key == "HAVN-1")
        assert view.filter.query == ""


async def test_language_switch_at_runtime_from_the_palette(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_palette(pilot, "svenska")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "1 Översikt" in screen_text(app))
        text = screen_text(app)
        assert "1 Översikt" in text and "Avsluta" in text and "Kräver uppmärksamhet" in text
        await pilot.press("2")
        await pilot.pause()
        assert "Planerad" in screen_text(app)
        app.set_language("en")
        await pilot.pause()
        text = screen_text(app)
        assert "2 Action plan" in text and "Planned" in text and "Quit" in text


async def test_tab_switching_from_the_palette(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_palette(pilot, "Gå til Handleplan")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.query_one(TabbedContent).active == "plan")


async def test_enter_on_an_attention_row_opens_it_in_the_plan(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: tab_built(app, "plan"))
        await wait_until(pilot, lambda: app.query_one(PlanTab).activity_list.cursor_key == "PART-2")
        assert app.query_one(TabbedContent).active == "plan"


async def test_keys_right_after_a_tab_switch_never_reach_the_tab_left(plan_path: Path) -> None:
    from kattegat_tui.tabs.overview import OverviewTab

    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "s")
        await pilot.pause()
        assert app.query_one(OverviewTab).status_menu is None  # not the overview's menu for PART-1
        menu = app.query_one(PlanTab).status_menu
        if menu is not None:
            assert menu.activity.id == "HAVN-1"

