"""The milestones as iCalendar: parsed with a real iCalendar parser."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
from report_helpers import NASTY

from kattegat_tui.domain import Plan
from kattegat_tui.i18n import translator
from kattegat_tui.reports import render_calendar

NOW = datetime(2025, 6, 15, 8, 0, tzinfo=UTC)


def _calendar(plan: Plan, lang: str = "da", now: datetime = NOW) -> tuple[str, icalendar.Calendar]:
    text = render_calendar(plan, translator(lang), now=now).text
    return text, icalendar.Calendar.from_ical(text.encode("utf-8"))


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_all_day_events_with_exclusive_ends(history_plan: Plan) -> None:
    _text, cal = _calendar(history_plan)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    events = list(cal.walk("VEVENT"))
    # every milestone but the one known only to the year (M-13, 2027)
    assert len(events) == len(history_plan.milestones) - 1
    for e in events:
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is date and type(end) is date, e["SUMMARY"]
        assert e["DTSTART"].params.get("VALUE") == "DATE"
        assert end > start
    by_title = _events(cal)
    signing = by_title["Besøg fra Halmstad; aftale og handleplan underskrives den 6."]
    assert (signing.decoded("DTSTART"), signing.decoded("DTEND")) == (date(2025, 2, 5), date(2025, 2, 7))
    council = by_title["Kommunalbestyrelsen behandler sagen"]
    assert (council.decoded("DTSTART"), council.decoded("DTEND")) == (date(2025, 2, 18), date(2025, 2, 19))
    trip = by_title["Økonomiudvalgets studietur til Halmstad (dato ikke fastsat)"]
    assert (trip.decoded("DTSTART"), trip.decoded("DTEND")) == (date(2023, 6, 1), date(2023, 7, 1))
    assert not any("Evaluering" in title for title in by_title)


def test_left_out_are_named(history_plan: Plan) -> None:
    result = render_calendar(history_plan, translator("da"), now=NOW)
    assert [m.id for m in result.left_out] == ["M-13"]
    assert len(result.events) == len(history_plan.milestones) - 1


def test_uids_are_stable_and_unique(history_plan: Plan) -> None:
    _t1, first = _calendar(history_plan)
    _t2, again = _calendar(history_plan, "en", now=datetime(2026, 1, 1, tzinfo=UTC))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert "m-7.kattegatalliancen-handleplan-2025-2028@kattegat-tui" in uids
    stamps = {e.decoded("DTSTAMP") for e in again.walk("VEVENT")}
    assert stamps == {datetime(2026, 1, 1, tzinfo=UTC)}


def test_description_has_the_case_and_the_activities(history_plan: Plan) -> None:
    _text, cal = _calendar(history_plan)
    visit = _events(cal)["Genbesøg fra Halmstad (25-30 deltagere); fællesmiddag den 8."]
    description = str(visit["DESCRIPTION"])
    assert "Sagsnr.: 25/555" in description
    assert "- PART-3 Genbesøg fra Halmstads kommunstyrelse 8.-9. maj 2025" in description
    assert str(visit["STATUS"]) == "CONFIRMED" and str(visit["CATEGORIES"].cats[0]) == "Besøg"


def test_user_text_comes_back_exactly(history_plan: Plan) -> None:
    _text, cal = _calendar(history_plan)
    event = _events(cal)[NASTY]
    assert str(event["DESCRIPTION"]).startswith(NASTY + "\nLinje 2\n")
    assert f"- KLIMA-3 {NASTY}" in str(event["DESCRIPTION"])


def test_crlf_and_folding(history_plan: Plan) -> None:
    text, _cal = _calendar(history_plan)
    raw = text.encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    for line in lines:
        line.decode("utf-8")  # no multi-byte character split across lines


def test_cancelled_milestones_cancel_on_reimport(history_plan: Plan) -> None:
    from kattegat_tui.domain import MilestoneStatus

    m = history_plan.milestone("M-9")
    assert m is not None
    m.status = MilestoneStatus.CANCELLED
    m.revision = 3
    _text, cal = _calendar(history_plan)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("m-9."))
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2
