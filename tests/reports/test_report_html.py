"""The HTML report: one self-contained, printable, accessible file with every activity, escaped."""

from __future__ import annotations

from report_helpers import NASTY, REPORT_DAY, parse_html

from kattegat_tui.domain import Plan
from kattegat_tui.i18n import translator
from kattegat_tui.reports import build_report
from kattegat_tui.reports.html_report import render_html


def _html(plan: Plan, lang: str = "da", **kwargs: object) -> str:
    tr = translator(lang)
    return render_html(build_report(plan, tr, today=REPORT_DAY, **kwargs), tr)  # type: ignore[arg-type]


def test_structure_headings_and_tables_for_screen_readers(history_plan: Plan) -> None:
    text = _html(history_plan)
    doc = parse_html(text)
    assert doc.errors == []
    assert doc.doctype is not None and doc.doctype.lower() == "doctype html"
    html = doc.root.iter("html")[0]
    assert html.attrs["lang"] == "da"
    assert len(doc.root.iter("h1")) == 1
    h2 = [h.text() for h in doc.root.iter("h2")]
    assert h2[:2] == ["Fremdrift pr. indsatsområde", "Kræver opmærksomhed"]
    assert {"Havne- og erhvervsudvikling", "Klima og natur", "Budget og pulje"} <= set(h2)
    tables = doc.root.iter("table")
    assert len(tables) >= 8
    for table in tables:
        captions = [c for c in table.children if not isinstance(c, str) and c.tag == "caption"]
        assert len(captions) == 1 and captions[0].text().strip()
        heads = table.iter("thead")[0].iter("th")
        assert heads and all(th.attrs.get("scope") == "col" for th in heads)
        for row in table.iter("tbody")[0].iter("tr"):
            cells = [c for c in row.children if not isinstance(c, str)]
            assert len(cells) == len(heads)
            row_heads = [c for c in cells if c.tag == "th"]
            assert len(row_heads) == 1 and row_heads[0].attrs.get("scope") == "row"


def test_self_contained_and_printable_on_a4(history_plan: Plan) -> None:
    text = _html(history_plan)
    doc = parse_html(text)
    assert doc.root.iter("script") == [] and doc.root.iter("link") == [] and doc.root.iter("img") == []
    for element in doc.root.iter():
        for name, value in element.attrs.items():
            assert name not in ("src", "href"), (element.tag, value)
    css = doc.root.iter("style")[0].text()
    assert "@page" in css and "size: A4" in css
    assert "break-inside: avoid" in css and "table-header-group" in css
    assert "url(" not in css and "@import" not in css


def test_every_activity_is_present_with_its_facts(history_plan: Plan) -> None:
    doc = parse_html(_html(history_plan))
    row_heads = {th.text() for th in doc.root.iter("th") if th.attrs.get("scope") == "row"}
    for a in history_plan.activities:
        assert any(head.startswith(f"{a.id} ") for head in row_heads), a.id
    havn_table = next(t for t in doc.root.iter("table")
                      if t.iter("caption")[0].text() == "Aktiviteter: Havne- og erhvervsudvikling")
    havn2 = next(tr for tr in havn_table.iter("tr")
                 if tr.iter("th") and tr.iter("th")[0].text().startswith("HAVN-2 "))
    cells = [c.text() for c in havn2.iter("td")]
    assert "◐ I gang" in cells
    assert any(c.startswith("◆ Gul") and NASTY in c for c in cells)
    assert any(NASTY in c and "jkr" in c for c in cells)  # the latest note, who wrote it


def test_user_text_is_escaped_not_interpreted(history_plan: Plan) -> None:
    text = _html(history_plan)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    doc = parse_html(text)
    assert doc.root.iter("script") == []
    # the whole hostile text comes back intact as text: the KLIMA-3 title, the note, the milestone
    body = doc.root.iter("body")[0].text()
    assert body.count(NASTY) >= 4


def test_flags_changes_milestones_and_budget(history_plan: Plan) -> None:
    doc = parse_html(_html(history_plan, since=None))
    body = doc.root.iter("body")[0].text()
    attention = next(t for t in doc.root.iter("table")
                     if t.iter("caption")[0].text() == "Kræver opmærksomhed")
    flagged = {tr.iter("th")[0].text().split()[0]: tr.text() for tr in attention.iter("tbody")[0].iter("tr")}
    assert "Overskredet frist" in flagged["KLIMA-3"] and "I risiko" in flagged["HAVN-2"]
    assert "Ikke opdateret i 90 dage" in flagged["HAVN-1"]  # seeded in February, never touched
    assert "PART-1" not in flagged  # done
    assert "Status: Planlagt → I gang" in body and "Vurdering: Ikke vurderet → Gul" in body
    assert "Note: Underskrevet 6. februar" in body
    assert "M-10" in body and "M-12" in body  # in the period, and just after it
    assert "52.000 kr." in body and "Rest i puljen" in body and "Afvigelse" in body


def test_language_follows_the_reader(history_plan: Plan) -> None:
    for lang, heading in (("sv", "Statusrapport – Kattegatalliansen"),
                          ("en", "Status report – Kattegat Alliance")):
        doc = parse_html(_html(history_plan, lang))
        assert doc.root.iter("html")[0].attrs["lang"] == lang
        assert doc.root.iter("h1")[0].text() == heading
