"""Snapshots of the plan tab at 80x24 and 120x40 with a fixed today."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dashboard_helpers import make_app, open_plan


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_plan_tab(snap_compare: Any, plan_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(plan_path), terminal_size=size, run_before=open_plan)


def test_plan_tab_grouped_by_committee_with_a_search(snap_compare: Any, plan_path: Path) -> None:
    async def arrange(pilot: Any) -> None:
        await open_plan(pilot)
        await pilot.press("g", "slash", *"genbes", "enter")
        await pilot.pause()

    assert snap_compare(make_app(plan_path), terminal_size=(80, 24), run_before=arrange)


def test_edit_form(snap_compare: Any, plan_path: Path) -> None:
    async def arrange(pilot: Any) -> None:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*["tab"] * 6, "ctrl+u", *"31. juni 2027", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(plan_path), terminal_size=(80, 24), run_before=arrange)


def test_status_menu_on_the_row(snap_compare: Any, plan_path: Path) -> None:
    async def arrange(pilot: Any) -> None:
        await open_plan(pilot)
        await pilot.press("down", "down", "s")
        await pilot.pause()

    assert snap_compare(make_app(plan_path), terminal_size=(80, 24), run_before=arrange)
