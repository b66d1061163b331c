"""The command palette writes the report for the plan tab's committee filter and says where."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from dashboard_helpers import make_app, open_plan, search_palette, wait_until

from kattegat_tui.tabs.plan import PlanTab


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


async def test_palette_writes_the_committee_report(plan_path: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    reports = tmp_path / "rapporter"
    monkeypatch.setenv("KATTEGAT_REPORTS", str(reports))
    app = make_app(plan_path)
    messages: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        original = app.say

        def record(message: str, **kwargs: object) -> None:
            messages.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        app.say = record  # type: ignore[method-assign]
        await open_plan(pilot)
        await pilot.press("c")  # the first committee: Økonomiudvalget (OU)
        await pilot.pause()
        assert app.query_one(PlanTab).filter.committee == "OU"
        await search_palette(pilot, "rapport html")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(m.startswith("Rapporten er skrevet") for m in messages))
    written = sorted(reports.iterdir())
    assert len(written) == 1 and written[0].suffix == ".html"
    assert any(str(written[0]) in m and m.startswith("Rapporten er skrevet") for m in messages)
    parser = _Text()
    parser.feed(written[0].read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    assert "PART-1" in text and "Økonomiudvalget" in text
    assert "UDD-1" not in text  # another committee's activity is out of scope
