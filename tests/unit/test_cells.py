"""The one text fitter and column layout every list and table on screen is drawn with."""

from __future__ import annotations

from kattegat_tui.domain import Assessment, MilestoneStatus
from kattegat_tui.i18n import Translator
from kattegat_tui.widgets.cells import Column, cell, fit_columns, header_line, layout_line


def widths(columns: list[Column]) -> dict[str, int]:
    return {c.key: c.width for c in columns}


def test_a_cell_is_cut_with_an_ellipsis_or_padded_to_its_width() -> None:
    assert cell("Havneudvikling", 6).plain == "Havne…"
    assert cell("ID", 5).plain == "ID   "
    assert cell("12", 5, right=True).plain == "   12"
    assert cell("anything", 0).plain == ""


def test_a_cell_shows_user_text_as_text() -> None:
    shown = cell("[bold]x[/] \x1b]0;X\x07 slut", 40).plain
    assert shown.startswith("[bold]x[/] ") and "\x1b" not in shown and "\x07" not in shown


def test_optional_columns_go_in_reverse_priority_when_the_minimums_do_not_fit() -> None:
    columns = [Column("id", width=7), Column("title", width=20, min_width=16, grow=True),
               Column("committee", width=4), Column("owner", width=12, min_width=6),
               Column("due", width=11)]
    optional = ("committee", "owner")
    assert widths(fit_columns(columns, 80, optional)) == {
        "id": 7, "title": 42, "committee": 4, "owner": 12, "due": 11}
    # the growing column gets its wanted width first, then the owner gives way
    assert widths(fit_columns(columns, 56, optional)) == {
        "id": 7, "title": 20, "committee": 4, "owner": 10, "due": 11}
    # owner at its minimum leaves the title under 16: the owner goes, then the committee
    assert widths(fit_columns(columns, 46, optional)) == {"id": 7, "title": 21, "committee": 4, "due": 11}
    assert widths(fit_columns(columns, 36, optional)) == {"id": 7, "title": 16, "due": 11}


def test_growing_columns_share_what_is_left_by_their_minimums() -> None:
    columns = [Column("title", min_width=40, grow=True), Column("links", min_width=16, grow=True)]
    assert widths(fit_columns(columns, 113)) == {"title": 80, "links": 32}


def test_a_line_has_its_gaps_and_a_style_covers_the_padded_cell() -> None:
    columns = fit_columns([Column("id", width=4), Column("n", width=3, right=True, gap=2)], 20)
    line = layout_line(columns, {"id": "A1", "n": "7"}, {"id": "bold"})
    assert line.plain == "A1      7"
    assert [(s.start, s.end) for s in line.spans] == [(0, 4)]
    assert header_line(columns).plain == " " * 9 and header_line(
        [Column("id", "ID", width=3)]).plain == "ID "


def test_status_assessment_and_milestone_cells_are_a_symbol_and_a_word() -> None:
    tr = Translator("da")
    assert tr.assessment_cell(Assessment.RED) == "▼ Rød"
    assert tr.assessment_cell(None, none="–") == "· –"
    assert tr.milestone_status_cell(MilestoneStatus.DONE) == "● Gennemført"
