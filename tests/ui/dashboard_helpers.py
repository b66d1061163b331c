"""Helpers for the dashboard's Pilot tests: an app over a temp plan file, the screen as text."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kattegat_tui.app import KattegatApp
from kattegat_tui.store import Store

TODAY = date(2026, 11, 30)
USER = "tester"


class Clock:
    """A fixed store clock (aware UTC) that moves a minute per reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        from datetime import timedelta

        current = self.now
        self.now = current + timedelta(minutes=1)
        return current


def make_app(path: Path, *, user: str = USER, lang: str = "da", read_only: bool = False,
             poll_interval: float = 60.0, lock_timeout: float | None = None) -> KattegatApp:
    """The dashboard over ``path`` with today fixed; polling is slow unless a test wants it.
    ``lock_timeout`` shortens how long a save waits for another writer's lock (15 s)."""
    store = Store(path, user=user, clock=Clock())
    if lock_timeout is not None:
        store.lock_timeout = lock_timeout
    return KattegatApp(store, lang=lang, today=TODAY,
                       read_only=read_only, poll_interval=poll_interval)


def other(path: Path, user: str = "kollega") -> Store:
    """Another session on the same file (a second user)."""
    return Store(path, user=user, clock=Clock())


def screen_text(app: KattegatApp) -> str:
    """What the active screen shows, as plain text lines (no styles)."""
    compositor = app.screen._compositor
    chops = compositor._render_chops(compositor.size.region, lambda y: True)
    lines = []
    for chop in chops:
        lines.append("".join(seg.text for x in sorted(chop) for seg in chop[x]))
    return "\n".join(lines)


def detail_text(app: KattegatApp) -> str:
    """The plan tab's detail pane as plain text (all of it, not only the visible part)."""
    from textual.widgets import Static

    return str(app.query_one("#detail-body", Static).content)


async def settle(pilot: Pilot[Any], times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


async def steady_cursor(pilot: Pilot[Any]) -> None:
    """Stop text cursors blinking so a snapshot does not depend on the moment it is taken."""
    from textual.widgets import Input, TextArea

    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


async def open_plan(pilot: Pilot[Any]) -> None:
    """Switch to the plan tab and wait until it is built."""
    await pilot.press("2")
    await settle(pilot)


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
