"""Helpers shared by the Tidslinje, Budget and Historik tests: an app over a given store, the
screen as text, typing into the focused field."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot

from kattegat_tui.app import KattegatApp
from kattegat_tui.store import Store

TODAY = date(2026, 11, 30)


def make_app(store: Store, **options: object) -> KattegatApp:
    return KattegatApp(store, today=TODAY, poll_interval=3600, **options)  # type: ignore[arg-type]


def screen_text(app: KattegatApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot: Pilot[int], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))
