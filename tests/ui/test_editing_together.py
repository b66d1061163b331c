"""Editing while others edit the same file: conflicts, live updates, view mode, quitting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dashboard_helpers import (
    changes,
    detail_text,
    make_app,
    open_plan,
    other,
    screen_text,
    stored_activity,
    wait_for_background,
    wait_until,
)
from textual.widgets import Input

from kattegat_tui.dialogs.activity_form import ActivityForm
from kattegat_tui.dialogs.activity_note import NoteDialog
from kattegat_tui.dialogs.confirm import ConfirmDialog
from kattegat_tui.dialogs.conflict import ConflictDialog
from kattegat_tui.tabs.plan import PlanTab


async def test_form_saved_over_a_newer_record_shows_both_and_keeps_mine(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+u", *"Min titel")
        other(plan_path).update_activity("HAVN-1", {"owner": "Karin", "title": "Deres titel"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        text = screen_text(app)
        assert "kollega" in text and "Min titel" in text and "Deres titel" in text
        assert stored_activity(plan_path, "HAVN-1")["title"] == "Deres titel"  # nothing overwritten
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is not form and not isinstance(app.screen, ConflictDialog)
    record = stored_activity(plan_path, "HAVN-1")
    assert (record["title"], record["owner"]) == ("Min titel", "Karin")  # their owner is kept
    last = changes(plan_path, "HAVN-1")[-1]
    assert (last["who"], last["field"], last["old"], last["new"]) == \
        ("tester", "title", "Deres titel", "Min titel")


async def test_conflict_take_theirs_discards_mine(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Min titel")
        other(plan_path).update_activity("HAVN-1", {"title": "Deres titel"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictDialog | ActivityForm)
    assert stored_activity(plan_path, "HAVN-1")["title"] == "Deres titel"
    assert {c["who"] for c in changes(plan_path)} == {"kollega"}


async def test_conflict_keep_editing_takes_their_untouched_fields(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityForm)
        await pilot.press("ctrl+u", *"Min titel")
        other(plan_path).update_activity("HAVN-1", {"owner": "Karin"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-owner", Input).value == "Karin"
        assert form.query_one("#field-title", Input).value == "Min titel"
        await pilot.press("ctrl+s")
        await pilot.pause()
    record = stored_activity(plan_path, "HAVN-1")
    assert (record["title"], record["owner"]) == ("Min titel", "Karin")


async def test_a_second_conflict_after_keep_editing_compares_with_the_version_taken(
        plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+u", *"Min titel")
        other(plan_path).update_activity("HAVN-1", {"owner": "Karin"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # keep editing over Karin's version
        await pilot.pause()
        other(plan_path).update_activity("HAVN-1", {"owner": "Bo"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        # mine is the version I went on editing (Karin's), theirs the newest one
        assert ("Ansvarlig", "Karin", "Bo") in app.screen.rows
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is not form
    record = stored_activity(plan_path, "HAVN-1")
    assert (record["title"], record["owner"]) == ("Min titel", "Bo")


async def test_status_change_over_a_newer_record_asks(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        other(plan_path).set_status("HAVN-1", "on_hold")  # the app has not seen it yet
        await pilot.press("s", "3")
        await wait_for_background(pilot)
        assert isinstance(app.screen, ConflictDialog)
        assert stored_activity(plan_path, "HAVN-1")["status"] == "on_hold"
        await pilot.press("m")
        await wait_for_background(pilot)
    assert stored_activity(plan_path, "HAVN-1")["status"] == "done"
    assert changes(plan_path, "HAVN-1")[-1]["old"] == "on_hold"


async def test_other_sessions_changes_appear_without_moving_the_cursor(plan_path: Path) -> None:
    app = make_app(plan_path, poll_interval=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down", "down")
        view = app.query_one(PlanTab)
        assert view.activity_list.cursor_key == "HAVN-3"
        other(plan_path).set_status("HAVN-2", "done")
        await wait_until(pilot, lambda: "● Afsluttet" in screen_text(app))
        assert view.activity_list.cursor_key == "HAVN-3"
        other(plan_path).add_note("HAVN-3", "Notat fra kollega")
        await wait_until(pilot, lambda: "Notat fra kollega" in detail_text(app))
        assert view.activity_list.cursor_key == "HAVN-3"


async def test_an_open_form_stays_open_and_says_the_record_changed(plan_path: Path) -> None:
    app = make_app(plan_path, poll_interval=0.2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+u", *"Halvfærdig")
        other(plan_path).set_status("HAVN-1", "done")
        await wait_until(pilot, lambda: "kollega har gemt" in screen_text(app))
        assert app.screen is form
        assert form.query_one("#field-title", Input).value == "Halvfærdig"


async def test_read_only_flag_turns_edit_keys_into_an_explanation(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    app = make_app(plan_path, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "kun visning" in screen_text(app)
        await open_plan(pilot)
        for key in ("s", "a", "n", "e", "d", "ctrl+n", "ctrl+z"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.screen_stack[0], key
        messages = [n.message for n in app._notifications]
        assert any("--read-only" in m for m in messages)
    assert plan_path.read_bytes() == before


async def test_a_user_not_on_the_editors_list_gets_view_mode(plan_path: Path) -> None:
    other(plan_path, user="tester").grant("chef")
    before = plan_path.read_bytes()
    app = make_app(plan_path, user="gaest")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert any("gaest" in n.message for n in app._notifications)
    assert plan_path.read_bytes() == before


async def test_q_asks_before_quitting_with_an_unsaved_form(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("n")
        await pilot.pause()
        note = app.screen
        await pilot.press(*"ikke gemt")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is note and isinstance(note, NoteDialog)
        assert app.is_running
        note.query_one("#field-note").blur()  # q is a letter while typing; here it is the key
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_q_quits_at_once_without_an_open_form(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_file_the_user_cannot_write_opens_in_view_mode(plan_path: Path) -> None:
    """The app asks the store whether the file can be written; a store that says no gives view
    mode with the reason (as root every file is writable, so the store is told here)."""
    from dashboard_helpers import TODAY, store_clock

    from kattegat_tui.app import KattegatApp
    from kattegat_tui.store import Store

    class UnwritableStore(Store):
        def writable(self) -> bool:
            return False

    before = plan_path.read_bytes()
    app = KattegatApp(UnwritableStore(plan_path, user="tester", clock=store_clock()), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "kun visning" in screen_text(app)
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        assert any("kan ikke skrives" in n.message for n in app._notifications)
    assert plan_path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write any file")
async def test_a_read_only_file_opens_in_view_mode(plan_path: Path) -> None:
    plan_path.chmod(0o444)
    plan_path.parent.chmod(0o555)
    try:
        app = make_app(plan_path)
        async with app.run_test(size=(80, 24)) as pilot:
            assert "kun visning" in screen_text(app)
            await open_plan(pilot)
            await pilot.press("s")
            await pilot.pause()
            assert app.query_one(PlanTab).status_menu is None
    finally:
        plan_path.parent.chmod(0o755)
        plan_path.chmod(0o644)
