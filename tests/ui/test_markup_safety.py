"""User text is shown as text: markup is not read, actions do not run, control characters go."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import (
    detail_text,
    make_app,
    open_plan,
    screen_text,
    search_palette,
    stored_activity,
    write_raw_title,
)
from textual.widgets import Input

from kattegat_tui.dialogs.conflict import ConflictDialog
from kattegat_tui.store import Store
from kattegat_tui.tabs.plan import PlanTab

CLICK = "[@click=app.quit]x[/]"
CLOSE = "[/]"
ESCAPES = "\x1b]0;X\x07Titel\x1b[2J"
# A file holding the escape characters themselves is refused when it is read (see
# tests/reliability/test_bad_documents.py); what a terminal would show of them stays as text.
ESCAPES_SHOWN = "]0;XTitel[2J"


@pytest.fixture
def hostile_plan(plan_path: Path) -> Path:
    write_raw_title(plan_path, "HAVN-1", CLICK)
    write_raw_title(plan_path, "HAVN-2", CLOSE)
    write_raw_title(plan_path, "HAVN-3", ESCAPES_SHOWN)
    return plan_path


def assert_clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text


async def test_overview_and_plan_show_hostile_titles_as_text(hostile_plan: Path) -> None:
    app = make_app(hostile_plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert CLICK in text and "]0;XTitel[2J" in text
        assert_clean(text)
        await pilot.click("#ov-attention", offset=(20, 0))
        await pilot.click("#ov-attention", offset=(2, 1))
        await open_plan(pilot)
        text = screen_text(app)
        assert CLICK in text and " [/] " in text
        assert_clean(text)
        assert CLICK in detail_text(app)
        await pilot.click("#activity-detail", offset=(12, 0))  # on the title
        await pilot.click("#activity-list", offset=(12, 2))
        await pilot.pause()
        assert app.is_running
        for key in ("down", "down"):
            await pilot.press(key)
        await pilot.pause()
        assert "]0;XTitel[2J" in detail_text(app)
        assert_clean(detail_text(app))


async def test_dialogs_show_hostile_titles_as_text(hostile_plan: Path) -> None:
    app = make_app(hostile_plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        for key in ("a", "n", "d"):
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            assert CLICK[:18] in text, key  # the subtitle may cut the end with an ellipsis
            assert_clean(text)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-title", Input).value == CLICK
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_saving_a_hostile_title_notifies_as_text(hostile_plan: Path) -> None:
    app = make_app(hostile_plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" [b]ny[/b] [link=x]y[/link]", "ctrl+s")
        await pilot.pause()
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("[b]ny[/b]" in m for m in messages)
        assert "[b]ny[/b]" in screen_text(app)
    assert stored_activity(hostile_plan, "HAVN-1")["title"] == CLICK + " [b]ny[/b] [link=x]y[/link]"


async def test_escape_sequences_typed_into_a_form_never_reach_the_file(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-title", Input).value = ESCAPES
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored_activity(plan_path, "HAVN-1")["title"] == "]0;XTitel[2J"


async def test_palette_and_conflict_dialog_show_hostile_titles_as_text(hostile_plan: Path) -> None:
    app = make_app(hostile_plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_palette(pilot, "HAVN")
        text = screen_text(app)
        assert CLICK in text and "]0;XTitel" in text
        assert_clean(text)
        await pilot.press("escape")
        await pilot.pause()
        await open_plan(pilot)
        view = app.query_one(PlanTab)
        view.select_activity("HAVN-2")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *"!")
        Store(hostile_plan, user="kollega").update_activity("HAVN-2", {"title": "[red]x[/red]"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        text = screen_text(app)
        assert "[/]!" in text and "[red]x[/red]" in text
        await pilot.press("t")
        await pilot.pause()
        assert app.is_running
