"""The CSV: what Danish Excel opens correctly, one row per activity, text exactly as typed."""

from __future__ import annotations

import csv
import io

from report_helpers import FORMULA, NASTY, REPORT_DAY

from kattegat_tui.domain import Plan
from kattegat_tui.i18n import translator
from kattegat_tui.reports import build_report, render


def _rows(plan: Plan, lang: str = "da", **kwargs: object) -> tuple[bytes, list[list[str]]]:
    tr = translator(lang)
    data = render(build_report(plan, tr, today=REPORT_DAY, **kwargs), tr, "csv")  # type: ignore[arg-type]
    text = data.decode("utf-8-sig")
    return data, list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_bom_semicolons_and_one_row_per_activity(history_plan: Plan) -> None:
    data, rows = _rows(history_plan)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    header, body = rows[0], rows[1:]
    assert header[:4] == ["ID", "Indsatsområde", "Titel", "Fagudvalg"]
    assert all(len(row) == len(header) for row in body)
    assert sorted(row[0] for row in body) == sorted(a.id for a in history_plan.activities)


def test_fields_and_flags(history_plan: Plan) -> None:
    _data, rows = _rows(history_plan)
    header = rows[0]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    havn2 = by_id["HAVN-2"]
    assert havn2["Status"] == "I gang" and havn2["Vurdering"] == "Gul"
    assert havn2["Kommentar til vurdering"] == NASTY
    assert havn2["Seneste note"] == NASTY and havn2["Seneste note, af"] == "jkr"
    assert havn2["Seneste note, dato"] == "2025-03-03 10:00"  # 09:00 UTC in Copenhagen
    assert havn2["I risiko"] == "ja" and havn2["Overskredet frist"] == ""
    assert by_id["KLIMA-3"]["Titel"] == NASTY and by_id["KLIMA-3"]["Overskredet frist"] == "ja"
    assert by_id["KLIMA-3"]["Ansvarlig"] == "Teknik; Miljø"
    assert by_id["KLIMA-1"]["Seneste note"] == "Første workshop holdt\nmed Halmstad"
    assert by_id["HAVN-1"]["Ikke opdateret i 90 dage"] == "ja"
    assert by_id["PART-1"]["Frist"] == "2025-02-18" and by_id["PART-1"]["Status"] == "Afsluttet"


def test_a_formula_is_never_a_formula(history_plan: Plan) -> None:
    _data, rows = _rows(history_plan)
    owner = rows[0].index("Ansvarlig")
    udd1 = next(row for row in rows if row[0] == "UDD-1")
    assert udd1[owner] == "'" + FORMULA


def test_scope_and_language(history_plan: Plan) -> None:
    _data, rows = _rows(history_plan, "en", focus="Education")
    assert rows[0][:3] == ["ID", "Focus area", "Title"]
    assert sorted(row[0] for row in rows[1:]) == ["UDD-1", "UDD-2", "UDD-3"]
