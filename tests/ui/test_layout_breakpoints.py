"""One width rule for every tab: the screen carries one width class and each tab's layout follows
it (the budget's expenses beside the pool from 112 columns, the plan's detail pane beside the
list from 150)."""

from __future__ import annotations

import pytest
from dashboard_helpers import make_app
from textual.widgets import TabbedContent

from kattegat_tui.store import Store
from kattegat_tui.widgets.activity_detail import ActivityDetail
from kattegat_tui.widgets.activity_list import ActivityList
from kattegat_tui.widgets.budget_table import PoolTable


@pytest.mark.parametrize(("width", "width_class", "budget_side_by_side", "plan_side_by_side"), [
    (111, "-narrow", False, False),
    (112, "-medium", True, False),
    (149, "-medium", True, False),
    (150, "-wide", True, True),
])
async def test_every_tab_follows_the_screens_one_width_class(
        store: Store, width: int, width_class: str, budget_side_by_side: bool,
        plan_side_by_side: bool) -> None:
    app = make_app(store)
    async with app.run_test(size=(width, 40)) as pilot:
        assert {c for c in app.screen.classes if c.startswith("-")} == {width_class}
        tabs = app.query_one(TabbedContent)
        tabs.active = "budget"
        await pilot.pause()
        expenses, pool = app.query_one("#expenses-box"), app.query_one(PoolTable)
        assert (pool.region.x > expenses.region.x) is budget_side_by_side
        tabs.active = "plan"
        await pilot.pause()
        listing, detail = app.query_one(ActivityList), app.query_one(ActivityDetail)
        assert (detail.region.x > listing.region.x) is plan_side_by_side
