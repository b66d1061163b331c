"""Every edit on an activity, by keys: the stored result and its audit record."""

from __future__ import annotations

from pathlib import Path

from dashboard_helpers import (
    USER,
    changes,
    detail_text,
    make_app,
    open_plan,
    screen_text,
    search_palette,
    stored,
    stored_activity,
    wait_for_background,
    wait_until,
)
from textual.widgets import Input, OptionList, Select, TextArea

from kattegat_tui.dialogs.activity_assess import AssessDialog
from kattegat_tui.dialogs.activity_form import ActivityForm
from kattegat_tui.dialogs.activity_note import NoteDialog
from kattegat_tui.dialogs.confirm import ConfirmDialog
from kattegat_tui.tabs.overview import OverviewTab
from kattegat_tui.tabs.plan import PlanTab


async def test_status_by_digit_is_stored_with_its_audit_record(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down")  # HAVN-1 -> HAVN-2
        await pilot.press("s")
        await pilot.pause()
        view = app.query_one(PlanTab)
        assert view.status_menu is not None and "Status for HAVN-2" in screen_text(app)
        await pilot.press("3")  # Afsluttet
        await wait_for_background(pilot)
        assert stored_activity(plan_path, "HAVN-2")["status"] == "done"
        [change] = changes(plan_path, "HAVN-2")
        assert (change["field"], change["old"], change["new"], change["who"], change["action"]) == \
            ("status", "planned", "done", USER, "update")
        assert "● Afsluttet" in screen_text(app)
        assert view.status_menu is None and "Status for" not in screen_text(app)
        assert view.activity_list.cursor_key == "HAVN-2"
        assert app.focused is view.activity_list


async def test_status_by_arrows_and_enter(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # I gang -> Sat i bero
        await wait_for_background(pilot)
        assert stored_activity(plan_path, "HAVN-1")["status"] == "on_hold"
        assert changes(plan_path, "HAVN-1")[-1]["new"] == "on_hold"


async def test_status_picker_escape_changes_nothing(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(PlanTab).status_menu is None
        await pilot.press("down")  # keys go to the list again
        await pilot.pause()
        assert app.query_one(PlanTab).activity_list.cursor_key == "HAVN-2"
    assert plan_path.read_bytes() == before


async def test_status_from_the_overview_uses_the_menu_on_the_row(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # on the first attention row, PART-1
        await pilot.pause()
        overview = app.query_one(OverviewTab)
        assert app.screen is app.screen_stack[0]  # no dialog: the row stays in view
        assert overview.status_menu is not None and overview.status_menu.activity.id == "PART-1"
        assert "Status for PART-1" in screen_text(app) and "PART-1" in screen_text(app)
        await pilot.press("3")
        await wait_for_background(pilot)
        assert overview.status_menu is None and "Status for" not in screen_text(app)
    assert stored_activity(plan_path, "PART-1")["status"] == "done"
    assert changes(plan_path, "PART-1")[-1]["new"] == "done"


async def test_yellow_needs_a_comment_and_then_is_stored(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AssessDialog)
        assert "Påkrævet ved Gul og Rød" in screen_text(app)
        await pilot.press("up", "up")  # from "Ikke vurderet" up to Gul
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "Skriv en kommentar" in screen_text(app)
        assert stored_activity(plan_path, "HAVN-1")["assessment"] is None
        assert app.focused is dialog.query_one("#field-assessment_comment")  # at the problem
        await pilot.press(*"Afventer Stena", "enter")
        await pilot.pause()
        assert app.screen is not dialog
    record = stored_activity(plan_path, "HAVN-1")
    assert (record["assessment"], record["assessment_comment"]) == ("yellow", "Afventer Stena")
    audit = {c["field"]: c for c in changes(plan_path, "HAVN-1")}
    assert audit["assessment"]["new"] == "yellow" and audit["assessment"]["who"] == USER
    assert audit["assessment_comment"]["new"] == "Afventer Stena"
    assert audit["assessment"]["batch"] == audit["assessment_comment"]["batch"]


async def test_note_is_appended_and_audited(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"Møde holdt", "enter", *"linje to")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        assert "Møde holdt" in detail_text(app)
    notes = stored_activity(plan_path, "HAVN-1")["notes"]
    assert notes[-1]["text"] == "Møde holdt\nlinje to" and notes[-1]["by"] == USER
    last = changes(plan_path, "HAVN-1")[-1]
    assert (last["action"], last["new"]) == ("note", "Møde holdt\nlinje to")


async def test_escape_asks_before_dropping_a_typed_note(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("n")
        await pilot.pause()
        note = app.screen
        await pilot.press(*"vigtigt")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is note
        assert note.query_one(TextArea).text == "vigtigt"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog | ConfirmDialog)
    assert plan_path.read_bytes() == before


async def test_escape_on_an_untouched_form_just_closes(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActivityForm)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ActivityForm | ConfirmDialog)


async def test_edit_form_saves_title_and_a_typed_danish_date(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActivityForm)
        assert app.focused is form.query_one("#field-title")
        await pilot.press("ctrl+u", *"Dialog med Stena Line", *["tab"] * 6, "ctrl+u",
                          *"6. februar 2027")
        await pilot.pause()
        assert "6. februar 2027" in screen_text(app)  # the parsed date is echoed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActivityForm)
    record = stored_activity(plan_path, "HAVN-1")
    assert (record["title"], record["due"]) == ("Dialog med Stena Line", "2027-02-06")
    audit = {c["field"]: c for c in changes(plan_path, "HAVN-1")}
    assert audit["due"]["old"] == "2025-12-31" and audit["due"]["new"] == "2027-02-06"
    assert audit["title"]["new"] == "Dialog med Stena Line"
    assert set(audit) == {"title", "due"}


async def test_invalid_date_is_explained_next_to_the_field_and_kept(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.press(*["tab"] * 6, "ctrl+u", *"31. juni 2027", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        due = form.query_one("#field-due", Input)
        assert due.value == "31. juni 2027"
        error = form.query_one("#err-due")
        assert error.display and "31. juni 2027" in str(error.render())
        assert app.focused is due
    assert plan_path.read_bytes() == before


async def test_due_before_start_is_refused_next_to_due(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        await pilot.press(*["tab"] * 6, "ctrl+u", *"1-1-2020", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#err-due").display
    assert stored_activity(plan_path, "HAVN-1")["due"] == "2025-12-31"


async def test_create_a_new_activity_with_ctrl_n(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")  # from the overview: goes to the plan tab
        await wait_until(pilot, lambda: isinstance(app.screen, ActivityForm))
        form = app.screen
        assert isinstance(form, ActivityForm) and form.creating
        assert app.focused is form.query_one("#field-id")
        await pilot.press("tab", *"Fælles havnedag i Grenaa")
        committee = form.query_one("#field-committee", Select)
        committee.value = "EAU"
        await pilot.press(*["tab"] * 5, *"1. juni 2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActivityForm)
        view = app.query_one(PlanTab)
        assert view.activity_list.cursor_key == "HAVN-5"
    record = stored_activity(plan_path, "HAVN-5")
    assert record is not None
    assert (record["title"], record["committee"], record["focus"], record["start"]) == \
        ("Fælles havnedag i Grenaa", "EAU", "HAVN", "2027-06-01")
    created = changes(plan_path, "HAVN-5")
    assert [(c["action"], c["who"]) for c in created] == [("create", USER)]


async def test_create_refuses_a_missing_title_next_to_the_field(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#err-title").display
        assert form.query_one("#err-committee").display
    assert plan_path.read_bytes() == before


async def test_delete_after_confirmation_then_restore_from_the_palette(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "HAVN-1" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert stored_activity(plan_path, "HAVN-1") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert stored_activity(plan_path, "HAVN-1") is None
        deleted = changes(plan_path, "HAVN-1")[-1]
        assert deleted["action"] == "delete" and deleted["old"]["title"].startswith("Dialog med")
        assert "HAVN-1 " not in screen_text(app)
        await search_palette(pilot, "Gendan")
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored_activity(plan_path, "HAVN-1") is not None)
    assert stored_activity(plan_path, "HAVN-1")["title"].startswith("Dialog med")
    assert changes(plan_path, "HAVN-1")[-1]["action"] == "create"


async def test_ctrl_z_undoes_my_last_change_as_a_change_of_its_own(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s", "3")
        await wait_for_background(pilot)
        assert stored_activity(plan_path, "HAVN-1")["status"] == "done"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored_activity(plan_path, "HAVN-1")["status"] == "in_progress"
        assert "◐ I gang" in screen_text(app)
    undo = changes(plan_path, "HAVN-1")[-1]
    assert (undo["action"], undo["field"], undo["new"], undo["who"]) == \
        ("undo", "status", "in_progress", USER)
    assert len(stored(plan_path)["changes"]) == 2


async def test_assess_dialog_picks_from_the_list_with_keys(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("a")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 3  # not assessed yet
        await pilot.press("down", "ctrl+s")  # wraps to Grøn, no comment needed
        await pilot.pause()
    assert stored_activity(plan_path, "HAVN-1")["assessment"] == "green"


async def test_undo_right_after_a_status_change_undoes_that_change(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("s", "4", "ctrl+z")  # no pause: the status may still be being written
        await wait_for_background(pilot)
    assert stored_activity(plan_path, "HAVN-1")["status"] == "in_progress"
    assert [c["action"] for c in changes(plan_path, "HAVN-1")] == ["update", "undo"]
