"""The one line renderer every list is drawn with: a bounded line cache, and "today" given by the
app (never read from the system clock by a widget)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content

import kattegat_tui.widgets as widgets_package
from kattegat_tui.widgets.activity_list import ActivityList
from kattegat_tui.widgets.attention_list import AttentionList
from kattegat_tui.widgets.row_list import CACHED_LINES, Row, RowList
from kattegat_tui.widgets.timeline_list import TimelineList

ROWS = 5_000


class NumberList(RowList):
    def row_content(self, row: Row, width: int) -> Content:
        return Content(f"row {row.key}")


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield NumberList()


async def test_the_line_cache_stays_bounded_while_scrolling_through_thousands_of_rows() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 20)) as pilot:
        listing = app.query_one(NumberList)
        listing.set_rows([Row(str(i)) for i in range(ROWS)])
        await pilot.pause()
        for top in range(0, ROWS, listing.size.height - listing.HEADER_LINES):
            listing.scroll_to(y=top, animate=False, immediate=True)
            for y in range(listing.size.height):
                listing.render_line(y)
        assert listing.painted_lines >= ROWS
        assert len(listing._cache) <= CACHED_LINES
        assert listing.render_line(1).text.startswith(f"row {int(listing.scroll_offset.y)}")


def test_lists_are_given_today_and_no_widget_reads_the_system_date() -> None:
    some_day = date(2031, 1, 1)
    assert ActivityList(some_day).today == some_day
    assert AttentionList(some_day).today == some_day
    assert TimelineList(some_day).today == some_day
    sources = Path(widgets_package.__file__).parent.glob("*.py")
    assert [p.name for p in sources if "date.today(" in p.read_text(encoding="utf-8")] == []
