"""The Markdown report: valid pipe tables on any viewer, user text that stays text."""

from __future__ import annotations

from markdown_it import MarkdownIt
from report_helpers import NASTY, REPORT_DAY, markdown_tables, parse_html

from kattegat_tui.domain import Plan
from kattegat_tui.i18n import translator
from kattegat_tui.reports import build_report
from kattegat_tui.reports.markdown import escape, render_markdown


def _md(plan: Plan, lang: str = "da", **kwargs: object) -> str:
    tr = translator(lang)
    return render_markdown(build_report(plan, tr, today=REPORT_DAY, **kwargs), tr)  # type: ignore[arg-type]


def _rendered(text: str) -> str:
    """What a CommonMark + GFM-tables viewer shows (markdown-it, as GitHub-style viewers do)."""
    return MarkdownIt("commonmark").enable("table").render(text)


def test_tables_are_well_formed(history_plan: Plan) -> None:
    text = _md(history_plan)
    tables = markdown_tables(text)
    assert len(tables) >= 9
    for rows in tables:
        assert all(len(row) == len(rows[0]) for row in rows), rows[0]
    activity_rows = [row for rows in tables if rows[0][:2] == ["ID", "Aktivitet"] and
                     len(rows[0]) == 9 for row in rows[1:]]
    assert sorted(row[0] for row in activity_rows) == sorted(a.id for a in history_plan.activities)


def test_a_viewer_shows_the_same_tables_and_the_text_as_typed(history_plan: Plan) -> None:
    text = _md(history_plan)
    html = _rendered(text)
    doc = parse_html(html)
    assert doc.errors == []
    assert doc.root.iter("script") == []
    assert len(doc.root.iter("table")) == len(markdown_tables(text))
    for table in doc.root.iter("table"):
        width = len(table.iter("thead")[0].iter("th"))
        for row in table.iter("tbody")[0].iter("tr") if table.iter("tbody") else []:
            assert len(row.iter("td")) == width
    # no link, emphasis or code was made from user text
    assert doc.root.iter("a") == [] and doc.root.iter("code") == []
    assert {e.text() for e in doc.root.iter("em")} == {
        "Dannet 15. juni 2025 med kattegat ud fra planfilen og dens ændringslog."}
    cells = [td.text() for td in doc.root.iter("td")]
    assert any(c == f"KLIMA-3 {NASTY}" or c == NASTY for c in cells)
    assert any(NASTY in c and "jkr" in c for c in cells)  # HAVN-2's latest note
    assert sum(NASTY in c for c in cells) >= 4


def test_escape_neutralises_every_special() -> None:
    for raw in ("a|b", "[x](http://e.invalid)", "<b>x</b>", "*x*", "_x_", "`x`", "~~x~~", "# x",
                "a\\|b", "&lt;", "$x$", "![i](u)"):
        html = _rendered(f"| h |\n| --- |\n| {escape(raw)} |\n")
        doc = parse_html(html)
        cells = doc.root.iter("td")
        assert len(cells) == 1 and cells[0].text() == raw, (raw, html)
        assert [c.tag for c in cells[0].iter()] == [], (raw, html)
    assert escape("linje 1\nlinje 2") == "linje 1 linje 2"


def test_header_and_sections(history_plan: Plan) -> None:
    text = _md(history_plan, committee="MTU", since=REPORT_DAY.replace(month=3, day=1))
    lines = text.split("\n")
    assert lines[0] == "# Statusrapport – Kattegatalliancen"
    assert "- **Omfang:** Miljø- og Teknikudvalget" in lines
    assert "- **Periode:** 1. marts 2025 – 15. juni 2025" in lines
    assert "- **Planperiode:** 1. januar 2025 – 31. december 2028" in lines
    assert "## Ændringer siden 1. marts 2025" in lines
    headings = [x for x in lines if x.startswith("## ")]
    assert "## Turisme og branding" not in headings  # no MTU activity there
    assert "## Havne\\- og erhvervsudvikling" not in headings
    assert "## Havne- og erhvervsudvikling" in headings


def test_swedish_amounts_keep_their_no_break_space(history_plan: Plan) -> None:
    text = _md(history_plan, "sv")
    assert "| Totalt | 108\u00a0250 kr | 52\u00a0000 kr | -56\u00a0250 kr |" in text  # 45 participants
