"""Snapshots of the overview at 80x24 and 120x40 (Danish), and in Swedish and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dashboard_helpers import make_app


async def _drawn(pilot: Any) -> None:
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_overview_da(snap_compare: Any, plan_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(plan_path), terminal_size=size, run_before=_drawn)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_overview_other_languages(snap_compare: Any, plan_path: Path, lang: str) -> None:
    assert snap_compare(make_app(plan_path, lang=lang), terminal_size=(80, 24), run_before=_drawn)


def test_overview_with_risks_and_progress(snap_compare: Any, plan_path: Path, store: Any) -> None:
    store.set_status("PART-1", "done")
    store.set_status("HAVN-4", "cancelled")
    store.assess("HAVN-1", "red", "Stena har sat ruten i bero")
    store.assess("TUR-1", "yellow", "Afventer budget")
    assert snap_compare(make_app(plan_path), terminal_size=(120, 40), run_before=_drawn)
