"""ctrl+z never overwrites a colleague's later change: the undo is refused with one line naming
who changed it and when, and nothing is written."""

from __future__ import annotations

from pathlib import Path

from dashboard_helpers import make_app, open_plan, other, stored_activity, wait_for_background


async def test_ctrl_z_refuses_to_overwrite_a_later_change(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s", "3")  # HAVN-1: Afsluttet
        await wait_for_background(pilot)
        assert stored_activity(plan_path, "HAVN-1")["status"] == "done"
        other(plan_path, "bruger2").set_status("HAVN-1", "on_hold", note="Afventer")
        before = plan_path.read_bytes()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert plan_path.read_bytes() == before
        assert app.is_running
        messages = [n.message for n in app._notifications]
    assert stored_activity(plan_path, "HAVN-1")["status"] == "on_hold"
    refusals = [m for m in messages if m.startswith("Kan ikke fortryde")]
    # the other session's clock stands at 09:00 UTC on 30 November: 10:00 in Copenhagen
    assert refusals == ["Kan ikke fortryde: HAVN-1 (status) er ændret siden af bruger2 "
                        "(30-11-2026 10:00). Intet er gemt."]
