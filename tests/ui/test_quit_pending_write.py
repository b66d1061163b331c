"""Quitting while a status change is still being written: the dashboard waits for it, says so, and
never leaves with a change that is not on disk.

Another process holding the plan's lock (``flock`` on ``<plan>.lock``) holds up our write."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from dashboard_helpers import (
    make_app,
    open_plan,
    screen_text,
    session_threads,
    stored_activity,
    wait_until,
)
from held_lock import held_lock
from textual.pilot import Pilot

from kattegat_tui.app import KattegatApp
from kattegat_tui.dialogs.confirm import ConfirmDialog


@pytest.fixture
def short_lock_timeout() -> float:
    """A save gives up on a held lock after 1 s instead of 15 s."""
    return 1.0


@pytest.fixture
def lock_timeout_4s() -> float:
    """Long enough for the keys of a test to be handled first, short enough to wait out."""
    return 4.0


def notifications(app: KattegatApp) -> list[str]:
    return [n.message for n in app._notifications]


def row(app: KattegatApp, activity_id: str) -> str:
    return next(line for line in screen_text(app).splitlines() if activity_id in line)


async def change_havn2_to_done(pilot: Pilot[Any]) -> None:
    await open_plan(pilot)
    await pilot.press("down", "s")  # HAVN-2, planned
    await pilot.pause()
    await pilot.press("3")  # Afsluttet
    await pilot.pause()


async def test_quit_waits_until_the_write_held_up_by_the_lock_is_on_disk(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        with held_lock(plan_path):
            await change_havn2_to_done(pilot)
            assert "● Afsluttet" in row(app, "HAVN-2")  # shown at once, written meanwhile
            await pilot.press("q")
            await asyncio.sleep(1.5)
            assert app.return_code is None and app.is_running  # still here, waiting
            assert any("venter på at ændringen bliver gemt" in m and "HAVN-2" in m
                       for m in notifications(app))
            assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"
        await wait_until(pilot, lambda: app.return_code is not None, 10)
    assert (app.return_value, app.return_code) == (0, 0)
    assert stored_activity(plan_path, "HAVN-2")["status"] == "done"


async def test_a_write_that_fails_while_quitting_keeps_the_app_open_and_reverts_the_row(
        plan_path: Path, short_lock_timeout: float) -> None:
    app = make_app(plan_path, lock_timeout=short_lock_timeout)
    async with app.run_test(size=(100, 30)) as pilot:
        with held_lock(plan_path):
            await change_havn2_to_done(pilot)
            assert "● Afsluttet" in row(app, "HAVN-2")
            await pilot.press("q")
            await wait_until(pilot, lambda: any("Ikke gemt" in m for m in notifications(app)),
                                    short_lock_timeout + 5)
            await pilot.pause()
            assert app.return_code is None and app.is_running  # not closed over a lost change
            assert "○ Planlagt" in row(app, "HAVN-2")  # what the file holds
            assert "Afsluttet" not in row(app, "HAVN-2")
            assert app.plan.activity("HAVN-2").status.value == "planned"
            assert not app.session.pending_writes()
            assert any(n.severity == "error" for n in app._notifications)  # the store's reason
            assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"
        await pilot.press("q")  # nothing pending now: quits at once
        await wait_until(pilot, lambda: app.return_code is not None, 5)
    assert (app.return_value, app.return_code) == (0, 0)
    assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"


async def test_quit_gives_up_waiting_after_its_limit_and_asks(plan_path: Path,
                                                             lock_timeout_4s: float) -> None:
    app = make_app(plan_path, lock_timeout=lock_timeout_4s)
    app.quit_wait_s = 0.3  # shorter than the lock's wait: the write is still pending
    async with app.run_test(size=(100, 30)) as pilot:
        with held_lock(plan_path):
            await change_havn2_to_done(pilot)
            await pilot.press("q")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), 3)
            await pilot.pause()
            assert "HAVN-2" in screen_text(app) and "ikke gemt" in screen_text(app)
            await pilot.press("escape")  # stay
            await pilot.pause()
            assert app.return_code is None
            # the write still runs, fails on the lock, and the row goes back
            await wait_until(pilot, lambda: not app.session.pending_writes(), lock_timeout_4s + 5)
            await pilot.pause()
            assert "○ Planlagt" in row(app, "HAVN-2")
        await pilot.press("q")
        await wait_until(pilot, lambda: app.return_code is not None, 5)
    assert (app.return_value, app.return_code) == (0, 0)
    assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"


async def test_second_q_offers_to_quit_anyway_naming_the_unsaved_change(
        plan_path: Path, lock_timeout_4s: float) -> None:
    from kattegat_tui.quitting import EXIT_UNSAVED

    app = make_app(plan_path, lock_timeout=lock_timeout_4s)
    async with app.run_test(size=(100, 30)) as pilot:
        with held_lock(plan_path):
            await change_havn2_to_done(pilot)
            await pilot.press("q")
            await pilot.pause()
            assert app.return_code is None
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            text = screen_text(app)
            assert "HAVN-2" in text and "Afsluttet" in text and "ikke gemt" in text
            await pilot.press("y")
            await wait_until(pilot, lambda: app.return_code is not None, 3)
            assert app.return_value == app.return_code == EXIT_UNSAVED != 0
            assert [w.what for w in app.session.pending_writes()] == ["HAVN-2 · Status Afsluttet"]
            assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"
            # hold the lock until our abandoned write has given up (the real command ends the
            # process at once; see test_dashboard_tmux)
            await wait_until(pilot, lambda: not session_threads(), lock_timeout_4s + 5)
    assert stored_activity(plan_path, "HAVN-2")["status"] == "planned"
