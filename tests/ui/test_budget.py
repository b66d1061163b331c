"""The budget tab: live recalculation, the approved cap, participants, expenses and the pool."""

from __future__ import annotations

from datetime import date

from dashboard_helpers import make_app, screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from kattegat_tui.app import KattegatApp
from kattegat_tui.dialogs.confirm import ConfirmDialog
from kattegat_tui.dialogs.expense_form import ExpenseForm
from kattegat_tui.store import Store
from kattegat_tui.widgets.budget_table import CapStatus


def widget_text(app: KattegatApp, selector: str) -> str:
    return str(app.query_one(selector).render())


async def open_budget(pilot: Pilot[int]) -> None:
    await pilot.press("4")
    await pilot.pause()


async def type_participants(pilot: Pilot[int], n: str) -> None:
    await pilot.press("p")
    await pilot.pause()
    field = pilot.app.query_one("#participants", Input)
    assert field.has_focus
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, n)
    await pilot.pause()


async def test_typed_participants_recalculate_live_and_warn_over_the_cap(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_budget(pilot)
        lines = widget_text(app, "#budget-lines")
        assert "102.000 kr." in lines and "2.550 kr." in lines
        assert "Inden for den godkendte ramme" in widget_text(app, "#budget-cap")

        await type_participants(pilot, "60")
        lines = widget_text(app, "#budget-lines")
        assert "127.000 kr." in lines and "Estimat (60)" in lines
        assert "75.000 kr." in lines  # catering: 60 x 1.250
        assert "ADVARSEL" not in widget_text(app, "#budget-cap")
        assert "127.000 kr." in screen_text(app)

        await pilot.press("backspace", "1")  # 61; a digit in the field is typed, not a tab switch
        await pilot.pause()
        cap = widget_text(app, "#budget-cap")
        assert "ADVARSEL" in cap and "med 1.250 kr." in cap and "128.250 kr." in cap
        assert app.query_one(CapStatus).has_class("-over")
        assert "ikke gemt (gemt: 40)" in screen_text(app)

        await pilot.press("escape")  # leaves the field, keeps what was typed
        await pilot.pause()
        assert app.query_one("#participants", Input).value == "61"
        assert "ADVARSEL" in widget_text(app, "#budget-cap")
    assert store.load().budget.planned_participants == 40
    assert store.load().changes == []


async def test_saving_participants_is_stored_and_audited(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_budget(pilot)
        await type_participants(pilot, "60")
        await pilot.press("enter")
        await pilot.pause()
        assert "gemt · p retter" in screen_text(app)
        assert not app.query_one("#participants", Input).has_focus
    plan = store.load()
    assert plan.budget.planned_participants == 60
    change = plan.changes[-1]
    assert (change.entity, change.entity_id, change.field, change.old, change.new, change.who) == \
        ("budget", "visit", "planned_participants", 40, 60, "tester")


async def test_an_empty_participants_field_is_explained_not_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_budget(pilot)
        await type_participants(pilot, "")
        assert "Skriv antallet af deltagere" in widget_text(app, "#participants-error")
        assert "102.000 kr." in widget_text(app, "#budget-lines")  # the stored figure meanwhile
        await pilot.press("enter")
        await pilot.pause()
    assert store.load().changes == []


async def test_add_expense_shows_variance_and_is_audited(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_budget(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExpenseForm)
        assert form.query_one("#ex-date", Input).value == "30-11-2026"
        await pilot.press("shift+tab", "shift+tab", "end", "ctrl+u")
        await type_text(pilot, "8. maj 2025")
        await pilot.press("tab", "enter", "down", "down", "enter")  # Forplejning -> Rundvisning
        await pilot.pause()
        await pilot.press("tab")
        assert form.query_one("#ex-amount", Input).has_focus
        await type_text(pilot, "33.500")
        await pilot.press("tab")
        await type_text(pilot, "Bus [/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExpenseForm)
        lines = widget_text(app, "#budget-lines")
        assert "+1.500 kr. !" in lines  # tour: 33.500 spent of 32.000
        table = app.query_one("#expenses", DataTable)
        assert table.row_count == 1
        assert "Bus [/]" in screen_text(app)
        assert "Forbrug på besøget" in screen_text(app)
    plan = store.load()
    [expense] = plan.expenses
    assert (expense.spent_on, expense.line, expense.amount, expense.note) == \
        (date(2025, 5, 8), "tour", 33_500, "Bus [/]")
    change = plan.changes[-1]
    assert (change.entity, change.action, change.new["amount"], change.who) == \
        ("expense", "create", 33_500, "tester")


async def test_a_bad_amount_is_explained_and_kept(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_budget(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "12,50")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExpenseForm)
        assert form.query_one("#ex-amount", Input).value == "12,50"
        assert "12,50" in str(form.field("amount").query_one(".form-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
    assert store.load().expenses == []


async def test_delete_expense_asks_first_and_is_audited(store: Store) -> None:
    store.add_expense(spent_on="2025-05-08", line="catering", amount=48_000, note="Middag")
    store.add_expense(spent_on="2025-05-09", line="tour", amount=30_000, note="Bus")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_budget(pilot)
        table = app.query_one("#expenses", DataTable)
        table.focus()
        await pilot.press("down")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Rundvisning og bustransport" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(store.load().expenses) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 1
    plan = store.load()
    assert [e.note for e in plan.expenses] == ["Middag"]
    last = plan.changes[-1]
    assert (last.entity, last.entity_id, last.action, last.old["amount"]) == \
        ("expense", "2", "delete", 30_000)


async def test_pool_and_amounts_in_each_language(store: Store) -> None:
    for lang, expected in (("da", ["1.200.000 kr.", "873.000 kr.", "102.000 kr."]),
                           ("sv", ["1\u00a0200\u00a0000 kr", "873\u00a0000 kr", "102\u00a0000 kr"]),
                           ("en", ["DKK 1,200,000", "DKK 873,000", "DKK 102,000"])):
        app = make_app(store, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_budget(pilot)
            pool = widget_text(app, "#budget-pool")
            lines = widget_text(app, "#budget-lines")
            assert expected[0] in pool and expected[1] in pool, lang
            assert expected[2] in lines, lang


async def test_view_mode_explains_why_edits_are_off(store: Store) -> None:
    app = make_app(store, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_budget(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not isinstance(app.screen, ExpenseForm)
        await type_participants(pilot, "60")
        await pilot.press("enter")
        await pilot.pause()
        assert any("--read-only" in n.message for n in app._notifications)
    assert store.load().changes == []


# -- snapshots ------------------------------------------------------------------------------------

def test_snapshot_budget_80x24(snap_compare: object, store: Store) -> None:
    assert snap_compare(make_app(store), press=["4"], terminal_size=(80, 24))  # type: ignore[operator]


def test_snapshot_budget_120x40(snap_compare: object, store: Store) -> None:
    store.add_expense(spent_on="2025-05-08", line="catering", amount=48_000, note="Fællesmiddag")
    store.add_expense(spent_on="2025-05-09", line="tour", amount=33_500, note="Bus, ekstra tur")
    store.set_participants(61)
    assert snap_compare(make_app(store), press=["4"], terminal_size=(120, 40))  # type: ignore[operator]


async def test_swedish_and_english_labels(store: Store) -> None:
    import re

    for lang, words in (("sv", ["Planerade deltagare", "Beviljad ram", "Utgifter"]),
                        ("en", ["Planned participants", "Approved cap", "Expenses"])):
        app = make_app(store, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_budget(pilot)
            text = screen_text(app)
            assert all(w in text for w in words), (lang, text)
            assert not re.search(r"\b(budget|expense|key|edit)\.[a-z_]+", text), lang


async def test_changes_from_another_session_keep_what_is_being_typed(store: Store) -> None:
    other = Store(store.path, user="kollega")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_budget(pilot)
        await type_participants(pilot, "58")
        other.add_expense(spent_on="2025-05-08", line="catering", amount=10_000, note="Kaffe")
        other.set_participants(45)
        app.session.poll()
        await pilot.pause()
        field = app.query_one("#participants", Input)
        assert field.value == "58" and field.has_focus
        assert "ikke gemt (gemt: 45)" in screen_text(app)
        assert "Estimat (58)" in widget_text(app, "#budget-lines")
        assert app.query_one("#expenses", DataTable).row_count == 1
    assert store.load().budget.planned_participants == 45
