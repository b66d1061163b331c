"""The timeline tab: milestones around "today", and adding, editing, marking done and deleting them."""

from __future__ import annotations

from datetime import date

from dashboard_helpers import TODAY, make_app, screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from kattegat_tui.app import KattegatApp
from kattegat_tui.dialogs.confirm import ConfirmDialog
from kattegat_tui.dialogs.conflict import ConflictDialog
from kattegat_tui.dialogs.milestone_form import MilestoneForm, fuzzy_input_text
from kattegat_tui.domain import FuzzyDate, MilestoneKind, MilestoneStatus
from kattegat_tui.store import Store
from kattegat_tui.widgets.timeline_list import TimelineList


async def open_timeline(pilot: Pilot[int]) -> TimelineList:
    await pilot.press("3")
    await pilot.pause()
    timeline = pilot.app.query_one(TimelineList)
    assert timeline.has_focus
    return timeline


async def move_to(pilot: Pilot[int], timeline: TimelineList, milestone_id: str) -> None:
    timeline.select_id(milestone_id)
    await pilot.pause()
    assert timeline.current is not None and timeline.current.id == milestone_id


def notifications(app: KattegatApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_milestones_in_date_order_around_a_today_line(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = await open_timeline(pilot)
        ids = [r.key or "TODAY" for r in timeline.rows]
        assert ids == ["M-1", "M-2", "M-3", "M-4", "M-5", "M-6", "M-7", "M-8", "M-9", "M-10",
                       "TODAY", "M-11"]
        assert all(r.data.when.is_past(TODAY) for r in timeline.rows[:10])
        assert not timeline.rows[11].data.when.is_past(TODAY)
        # the cursor starts on what comes next
        assert timeline.current is not None and timeline.current.id == "M-11"
        text = screen_text(app)
        assert "I dag · 30. november 2026" in text
        for shown in ("10. oktober 2019", "juni 2023", "5.-6. februar 2025", "8.-9. maj 2025",
                      "for 3 år siden", "om 2 år", "● Gennemført", "○ Planlagt", "Underskrift"):
            assert shown in text, shown
        # the detail pane names the linked activities with their titles
        await move_to(pilot, timeline, "M-10")
        text = screen_text(app)
        assert "PART-3 Genbesøg fra Halmstads kommunstyrelse" in text
        assert "ikke markeret gennemført" in text  # past, still planned
        await move_to(pilot, timeline, "M-1")
        await pilot.press("t")  # back to what comes next
        assert timeline.current is not None and timeline.current.id == "M-11"


async def test_add_milestone_through_the_form(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneForm)
        await type_text(pilot, "Sekretariatsmøde")
        await pilot.press("tab")
        await type_text(pilot, "5.-6. marts 2027")
        await pilot.pause()
        assert "Læses som 5.-6. marts 2027 (dag)" in screen_text(app)
        activities = app.screen.query_one(SelectionList)
        activities.focus()
        await pilot.pause()
        activities.highlighted = next(i for i in range(activities.option_count)
                                      if activities.get_option_at_index(i).value == "PART-4")
        await pilot.press("space")
        await pilot.pause()
        prompts = [str(activities.get_option_at_index(i).prompt) for i in range(activities.option_count)]
        assert "✓ PART-4  Halvårlige sekretariatsmøder" in prompts
        assert "· PART-5  Løbende opfølgning mellem kommunaldirektørerne" in prompts
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm)

        plan = store.load()
        added = plan.milestone("M-12")
        assert added is not None
        assert added.title == "Sekretariatsmøde"
        assert added.when == FuzzyDate.day(date(2027, 3, 5), date(2027, 3, 6))
        assert added.kind is MilestoneKind.MEETING
        assert added.activities == ["PART-4"]
        change = plan.changes[-1]
        assert (change.entity, change.entity_id, change.action, change.who) == \
            ("milestone", "M-12", "create", "tester")
        assert change.new["title"] == "Sekretariatsmøde"
        assert app.query_one(TimelineList).current.id == "M-12"  # type: ignore[union-attr]
        assert "Gemt" in " ".join(notifications(app))


async def test_an_unreadable_date_is_explained_next_to_the_field_and_kept(store: Store) -> None:
    before = store.load()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Møde")
        await pilot.press("tab")
        await type_text(pilot, "31/2 2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MilestoneForm)
        assert form.query_one("#ms-when", Input).value == "31/2 2027"
        assert form.query_one("#ms-title", Input).value == "Møde"
        error = str(form.field("when").query_one(".form-error").render())
        assert "31/2 2027" in error and "juni 2023" in error
        assert form.query_one("#ms-when", Input).has_focus
    after = store.load()
    assert len(after.milestones) == len(before.milestones)
    assert after.changes == before.changes


async def test_escape_asks_before_throwing_typed_input_away(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Halvt skrevet")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneForm)
        assert app.screen.query_one("#ms-title", Input).value == "Halvt skrevet"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm | ConfirmDialog)
        # an untouched form closes without a question
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm | ConfirmDialog)
    assert store.load().milestone("M-12") is None


async def test_edit_milestone_changes_only_what_was_edited(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-9")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MilestoneForm)
        assert form.query_one("#ms-when", Input).value == "april 2025"
        await pilot.press("end", *["backspace"] * len("genbesøget"))
        await type_text(pilot, "besøget i maj")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm)
    plan = store.load()
    m9 = plan.milestone("M-9")
    assert m9 is not None and m9.title == "ØU forelægges program for besøget i maj"
    assert m9.when == FuzzyDate.month(2025, 4) and m9.revision == 2
    changes = [c for c in plan.changes if c.entity_id == "M-9"]
    assert [(c.field, c.old, c.new, c.who) for c in changes] == [
        ("title", "ØU forelægges program for genbesøget", "ØU forelægges program for besøget i maj",
         "tester")]


async def test_saving_an_untouched_milestone_writes_nothing_and_says_so(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-9")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm)
        assert "Ingen ændringer at gemme" in notifications(app)
        assert not any(m.startswith("Gemt") for m in notifications(app))
    plan = store.load()
    assert plan.changes == [] and plan.milestone("M-9").revision == 1  # type: ignore[union-attr]


async def test_mark_done_and_back(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-7")
        await pilot.press("x")
        await pilot.pause()
        m7 = store.load().milestone("M-7")
        assert m7 is not None and m7.status is MilestoneStatus.DONE
        assert "● Gennemført" in screen_text(app)
        assert timeline.current is not None and timeline.current.id == "M-7"
        await pilot.press("x")
        await pilot.pause()
    plan = store.load()
    assert plan.milestone("M-7").status is MilestoneStatus.PLANNED  # type: ignore[union-attr]
    audit = [(c.field, c.old, c.new, c.action) for c in plan.changes if c.entity_id == "M-7"]
    assert audit == [("status", "planned", "done", "update"), ("status", "done", "planned", "update")]


async def test_delete_asks_first_and_is_audited(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-9")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "M-9" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.load().milestone("M-9") is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert all(r.key != "M-9" for r in timeline.rows)
    plan = store.load()
    assert plan.milestone("M-9") is None
    last = plan.changes[-1]
    assert (last.entity, last.entity_id, last.action, last.old["title"]) == \
        ("milestone", "M-9", "delete", "ØU forelægges program for genbesøget")


async def test_view_mode_explains_why_edit_keys_are_off(store: Store) -> None:
    app = make_app(store, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        for key in ("ctrl+n", "e", "x", "d"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, MilestoneForm | ConfirmDialog)
        assert any("--read-only" in message for message in notifications(app))
    assert store.load().changes == []


async def test_another_session_saving_keeps_the_cursor_and_the_open_form(
        store: Store, plan_path: object) -> None:
    other = Store(store.path, user="kollega")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-9")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end")
        await type_text(pilot, " (udkast)")
        other.update_milestone("M-9", {"case_ref": "25/999"})
        app.session.poll()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MilestoneForm)
        assert form.query_one("#ms-title", Input).value.endswith("genbesøget (udkast)")
        assert "ændret i en anden session" in screen_text(app)
        assert timeline.current is not None and timeline.current.id == "M-9"
        # saving now shows both versions and lets the user choose, as for an activity
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        question = screen_text(app)
        assert "kollega" in question and "25/999" in question and "25/555" in question
        assert "(udkast)" in question
        await pilot.press("m")  # keep mine: my title over theirs; their case number stays
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm | ConflictDialog)
    m9 = store.load().milestone("M-9")
    assert m9 is not None and m9.title.endswith("(udkast)") and m9.case_ref == "25/999"


async def test_a_milestone_conflict_can_take_theirs_or_go_on_editing(store: Store) -> None:
    other = Store(store.path, user="kollega")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-9")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MilestoneForm)
        await pilot.press("end")
        await type_text(pilot, " (udkast)")
        other.update_milestone("M-9", {"case_ref": "25/999"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # go on editing over their version
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#ms-case", Input).value == "25/999"
        assert form.query_one("#ms-title", Input).value.endswith("(udkast)")
        other.update_milestone("M-9", {"title": "Deres titel"})
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("t")  # take theirs: the form closes, nothing of mine is written
        await pilot.pause()
        assert not isinstance(app.screen, MilestoneForm | ConflictDialog)
    m9 = store.load().milestone("M-9")
    assert m9 is not None and (m9.title, m9.case_ref) == ("Deres titel", "25/999")
    assert {c.who for c in store.load().changes} == {"kollega"}


async def test_titles_are_shown_as_plain_text(store: Store) -> None:
    store.add_milestone(title="[@click=app.quit]x[/]", when="2027", kind="meeting")
    store.add_milestone(title="Vindue \x1b]0;X\x07 titel [/]", when="2027-01", kind="meeting")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = await open_timeline(pilot)
        await move_to(pilot, timeline, "M-12")
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text
        assert "Vindue ]0;X titel [/]" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.click(TimelineList, offset=(40, 13))
        await pilot.pause()
        assert app.is_running


def test_dates_in_the_form_read_back_unchanged() -> None:
    from kattegat_tui.domain.dates import parse_fuzzy_date
    from kattegat_tui.domain.seed import seed_plan
    from kattegat_tui.i18n import translator

    for lang in ("da", "sv", "en"):
        tr = translator(lang)
        for m in seed_plan().milestones:
            assert parse_fuzzy_date(fuzzy_input_text(m.when, tr)) == m.when, (lang, m.id)


# -- snapshots ------------------------------------------------------------------------------------

def test_snapshot_timeline_80x24(snap_compare: object, store: Store) -> None:
    assert snap_compare(make_app(store), press=["3"], terminal_size=(80, 24))  # type: ignore[operator]


def test_snapshot_timeline_120x40(snap_compare: object, store: Store) -> None:
    assert snap_compare(make_app(store), press=["3"], terminal_size=(120, 40))  # type: ignore[operator]


async def test_swedish_and_english_labels(store: Store) -> None:
    import re

    for lang, marker, status in (("sv", "I dag · 30 november 2026", "● Genomförd"),
                                 ("en", "Today · 30 November 2026", "● Done")):
        app = make_app(store, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_timeline(pilot)
            text = screen_text(app)
            assert marker in text and status in text, lang
            assert not re.search(r"\b(timeline|milestone|key|edit)\.[a-z_]+", text), lang


async def test_quitting_with_typed_input_asks_first(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "quiz")  # "q" in a text field is just a letter
        app.screen.query_one(SelectionList).focus()  # a list, where "q" is a key
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneForm)
        assert app.screen.query_one("#ms-title", Input).value == "quiz"
        assert app.is_running
