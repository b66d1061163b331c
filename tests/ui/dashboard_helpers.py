"""The one helpers module of the dashboard's Pilot tests: an app over a plan file or a store, the
screen as text, the plan file as JSON, and waits on what the app does instead of fixed sleeps.

How a test waits: ``pilot.press`` returns once the keys are handled, ``await pilot.pause()`` once
what they queued is handled and the screen redrawn. Work done elsewhere is waited for by its
outcome: ``wait_for_background`` for the session's reads and writes in daemon threads (a status
change, a re-read of the file), ``search_palette`` for the command palette's search workers, and
``wait_until`` for anything else (the poll timer, a quit that waits for a lock), with a timeout
after which the test fails. Cursor blinking is off in every UI test (tests/ui/conftest.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from time import monotonic
from typing import Any

from fixed_clock import FixedClock
from textual.app import ScreenStackError
from textual.pilot import Pilot

from kattegat_tui.app import KattegatApp
from kattegat_tui.store import Store

TODAY = date(2026, 11, 30)
USER = "tester"
WAIT_S = 10.0  # how long a wait may take before the test fails (a ceiling, not a pause)


def store_clock() -> FixedClock:
    """A store's clock for the dashboard tests: 09:00 UTC on TODAY, a minute later per reading."""
    return FixedClock(step=timedelta(minutes=1))


def make_app(plan: Path | Store, *, user: str = USER, lang: str = "da", read_only: bool = False,
             poll_interval: float = 3600.0, lock_timeout: float | None = None) -> KattegatApp:
    """The dashboard over a plan file (a store for ``user`` on ``store_clock``) or over a given
    store, with today fixed; the poll timer stays quiet unless a test wants it.
    ``lock_timeout`` shortens how long a save waits for another writer's lock (15 s)."""
    store = plan if isinstance(plan, Store) else Store(plan, user=user, clock=store_clock())
    if lock_timeout is not None:
        store.lock_timeout = lock_timeout
    return KattegatApp(store, lang=lang, today=TODAY, read_only=read_only,
                       poll_interval=poll_interval)


def other(path: Path, user: str = "kollega") -> Store:
    """Another session on the same file (a second user)."""
    return Store(path, user=user, clock=store_clock())


def screen_text(app: KattegatApp) -> str:
    """What the active screen shows, as plain text lines (no styles)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def detail_text(app: KattegatApp) -> str:
    """The plan tab's detail pane as plain text (all of it, not only the visible part)."""
    from textual.widgets import Static

    return str(app.query_one("#detail-body", Static).content)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


# -- waiting ----------------------------------------------------------------------------------------


async def _let_run(pilot: Pilot[Any]) -> None:
    """Let the app handle what is queued (or, once it has closed, let time pass)."""
    if not pilot.app.is_running:
        await asyncio.sleep(0.02)
        return
    with contextlib.suppress(ScreenStackError):  # the app closed meanwhile
        await pilot.pause()


async def wait_until(pilot: Pilot[Any], done: Callable[[], object], timeout: float = WAIT_S,
                     what: str = "") -> None:
    """Let the app run until ``done()`` holds; fail the test if it does not within ``timeout``."""
    deadline = monotonic() + timeout
    while not done():
        if monotonic() >= deadline:
            raise AssertionError(f"not so after {timeout} s: {what or done}")
        await _let_run(pilot)


def session_threads() -> list[threading.Thread]:
    """The session's background reads and writes still running (daemon threads, not workers)."""
    return [t for t in threading.enumerate() if t.name.startswith("kattegat-")]


async def wait_for_background(pilot: Pilot[Any], timeout: float = WAIT_S) -> None:
    """Wait until the session's writes and reads in the background have ended and their outcome
    is shown: every change written (or refused) and reported, every re-read of the file shown."""
    app = pilot.app
    assert isinstance(app, KattegatApp)
    await pilot.pause()  # what the keys queued starts its work
    await wait_until(pilot, lambda: not app.session.pending_writes() and not session_threads(),
                     timeout, "the session's background reads and writes end")
    await app.workers.wait_for_complete()
    await pilot.pause()  # their outcomes, posted to the app, are handled and drawn


async def search_palette(pilot: Pilot[Any], query: str) -> None:
    """Open the command palette, type ``query`` and wait until its search has listed the hits."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: CommandPalette.is_open(pilot.app), what="the palette opens")
    await pilot.press(*query)
    await pilot.pause()  # the last keystroke's search has started
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def tab_built(app: KattegatApp, key: str) -> bool:
    """True once the tab ``key`` is mounted (it draws the plan as it mounts)."""
    tabs = app.screen_stack[0].query(f"#{key}-tab")
    return bool(tabs) and tabs.first().is_mounted


async def open_plan(pilot: Pilot[Any]) -> None:
    """Switch to the plan tab and wait until it is built and drawn."""
    app = pilot.app
    assert isinstance(app, KattegatApp)
    await pilot.press("2")
    await wait_until(pilot, lambda: tab_built(app, "plan"), what="the plan tab is built")
    await pilot.pause()


# -- the plan file ----------------------------------------------------------------------------------


def stored(path: Path) -> dict[str, Any]:
    """The plan file as JSON, read fresh."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def stored_activity(path: Path, activity_id: str) -> dict[str, Any] | None:
    for record in stored(path)["activities"].values():
        if record["id"] == activity_id:
            return dict(record)
    return None


def changes(path: Path, activity_id: str | None = None) -> list[dict[str, Any]]:
    """Audit records, oldest first (optionally of one activity)."""
    records = sorted(stored(path)["changes"].values(), key=lambda c: int(c["id"]))
    return [c for c in records if activity_id is None or c["entity_id"] == activity_id]


def write_raw_title(path: Path, activity_id: str, title: str) -> None:
    """Put a title into the file as a hand edit would, without the store's cleaning."""
    data = stored(path)
    for record in data["activities"].values():
        if record["id"] == activity_id:
            record["title"] = title
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
