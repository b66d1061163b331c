"""The history tab: the audit log newest first, in words, filtered by activity and by user."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dashboard_helpers import make_app, screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import Input, Select

from kattegat_tui.domain import Change
from kattegat_tui.domain.seed import seed_plan
from kattegat_tui.store import Store
from kattegat_tui.widgets.history_list import HistoryList


@pytest.fixture(autouse=True)
def copenhagen_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in local time: pin the zone so the screen is the same on every machine."""
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def open_history(pilot: Pilot[int]) -> HistoryList:
    await pilot.press("5")
    await pilot.pause()
    history = pilot.app.query_one(HistoryList)
    assert history.has_focus
    return history


def make_changes(store: Store) -> None:
    """A morning's work by two people (the store's clock ticks a minute per edit)."""
    clock = store.clock
    other = Store(store.path, user="kroustrup", clock=clock)
    store.set_status("HAVN-1", "done", note="Aftale med Stena Line på plads")
    other.assess("UDD-1", "yellow", "Mangler partner i Halmstad")
    store.set_participants(55)
    other.add_milestone(title="Sekretariatsmøde [/]", when="juni 2027", kind="meeting",
                        activities=["PART-4"])
    store.update_activity("HAVN-1", {"due": "2026-06-30"})
    other.add_expense(spent_on="2025-05-08", line="catering", amount=48_000, note="Middag")


@pytest.fixture
def busy_store(store: Store) -> Store:
    store.clock.step = timedelta(minutes=1)  # type: ignore[attr-defined]
    make_changes(store)
    return store


async def test_newest_first_in_words(busy_store: Store) -> None:
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        history = await open_history(pilot)
        ids = [c.id for c in history.changes]
        assert ids == sorted(ids, reverse=True) and len(ids) == len(busy_store.load().changes)
        text = screen_text(app)
        # 09:00 UTC is 10:00 in Copenhagen
        assert "30-11-2026 10:00" in text
        assert "I gang → Afsluttet" in text  # status in words, not codes
        assert "– → Gul" in text and "Vurdering" in text
        assert "31-12-2025 → 30-06-2026" in text and "Frist" in text
        assert "Planlagte delta" in text and "40 → 55" in text
        assert "Udgift 1" in text and "08-05-2025 · Forplejning · 48.000 kr. · Middag" in text
        assert "+ Sekretariatsmøde [/]" in text
        assert "kroustrup" in text and "tester" in text
        # the detail shows the selected change in full
        assert history.current is not None and history.current.entity == "expense"
        assert "Middag" in str(app.query_one("#history-detail").render())


async def test_filter_by_activity_and_by_user(busy_store: Store) -> None:
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        history = await open_history(pilot)
        total = len(history.changes)
        await pilot.press("slash")
        assert app.query_one("#history-query", Input).has_focus
        await type_text(pilot, "havn-1")
        await pilot.pause()
        assert history.changes and {c.entity_id for c in history.changes} == {"HAVN-1"}
        assert {c.field for c in history.changes} == {"status", "notes", "due"}
        assert f"3 af {total}" in screen_text(app)
        await pilot.press("escape")  # back to the list; the filter stays
        await pilot.pause()
        assert history.has_focus and len(history.changes) == 3

        # by title too
        app.query_one("#history-query", Input).value = "stena"
        await pilot.pause()
        assert {c.entity_id for c in history.changes} == {"HAVN-1"}

        app.query_one("#history-query", Input).value = ""
        await pilot.pause()
        await pilot.press("u")
        select = app.query_one("#history-user", Select)
        assert select.has_focus
        await pilot.press("enter", "down", "enter")  # the first user: kroustrup
        await pilot.pause()
        assert select.value == "kroustrup"
        assert {c.who for c in history.changes} == {"kroustrup"}
        assert {c.entity for c in history.changes} == {"activity", "milestone", "expense"}

        app.query_one("#history-query", Input).value = "M-12"
        await pilot.pause()
        assert [c.entity_id for c in history.changes] == ["M-12"]
        app.query_one("#history-query", Input).value = "ingen sådan"
        await pilot.pause()
        assert history.changes == []
        assert "Ingen ændringer matcher" in screen_text(app)


async def test_enter_shows_the_changed_record(busy_store: Store) -> None:
    from kattegat_tui.widgets.timeline_list import TimelineList

    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        history = await open_history(pilot)
        history.move_to(next(r.key for r in history.rows if r.data.entity_id == "M-12"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.active_tab == "timeline"
        timeline = app.query_one(TimelineList)
        assert timeline.current is not None and timeline.current.id == "M-12"
        await pilot.press("5")
        await pilot.pause()
        history.move_to(next(r.key for r in history.rows if r.data.entity_id == "UDD-1"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.active_tab == "plan"
        assert "UDD-1" in screen_text(app)


async def test_another_session_change_appears_and_the_cursor_stays(busy_store: Store) -> None:
    app = make_app(busy_store)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        await pilot.press("down", "down")
        chosen = history.current
        assert chosen is not None
        Store(busy_store.path, user="halmstad").add_note("TUR-1", "Ny kampagne")
        app.session.poll()
        await pilot.pause()
        assert history.changes[0].who == "halmstad"
        assert history.current is not None and history.current.id == chosen.id


async def test_thousands_of_changes_are_one_widget_drawing_only_what_shows(tmp_path: Path) -> None:
    plan = seed_plan()
    start = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    plan.changes = [
        Change(i, start + timedelta(minutes=i), f"user{i % 7}", "activity",
               plan.activities[i % len(plan.activities)].id, "status",
               "planned", "in_progress", "update", i)
        for i in range(1, 5001)]
    store = Store(tmp_path / "db.json", user="tester")
    store.create(plan)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        assert len(history.changes) == 5000
        assert len(history.children) == 0  # no widget per row
        assert history.virtual_size.height == 5001  # header + rows
        await pilot.press("end")
        assert history.current is not None and history.current.id == 1
        assert "user1" in screen_text(app)
        await pilot.press("u", "enter", "down", "enter")
        await pilot.pause()
        assert len(history.changes) == len([i for i in range(1, 5001) if i % 7 == 0])
        # only rows that were on screen were ever drawn
        assert history.painted_lines < 200


async def test_user_text_is_plain(store: Store) -> None:
    store.add_note("HAVN-1", "[@click=app.quit]x[/] \x1b]0;X\x07 slut")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text and "\x1b" not in text
        await pilot.click(HistoryList, offset=(70, 1))
        await pilot.pause()
        assert app.is_running


# -- snapshots ------------------------------------------------------------------------------------

def test_snapshot_history_80x24(snap_compare: object, busy_store: Store) -> None:
    assert snap_compare(make_app(busy_store), press=["5"], terminal_size=(80, 24))  # type: ignore[operator]


def test_snapshot_history_120x40(snap_compare: object, busy_store: Store) -> None:
    assert snap_compare(make_app(busy_store), press=["5"], terminal_size=(120, 40))  # type: ignore[operator]


async def test_swedish_and_english_labels(busy_store: Store) -> None:
    import re

    for lang, words in (("sv", ["Tidpunkt", "Alla användare", "Pågår → Avslutad"]),
                        ("en", ["When", "All users", "In progress → Done"])):
        app = make_app(busy_store, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_history(pilot)
            text = screen_text(app)
            assert all(w in text for w in words), (lang, text)
            assert not re.search(r"\b(history|action|entity|key)\.[a-z_]+", text), lang
