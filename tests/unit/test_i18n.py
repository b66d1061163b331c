"""Catalogs and each language's way of writing amounts, dates and relative time."""

from __future__ import annotations

import string
from datetime import date, timedelta

import pytest

from kattegat_tui.domain import Assessment, FuzzyDate, Status, ValidationError
from kattegat_tui.domain.dates import DateParseError
from kattegat_tui.i18n import (
    LANGUAGES,
    Translator,
    da,
    en,
    parse_assessment,
    parse_status,
    sv,
    translator,
)
from kattegat_tui.store import NotFound

CATALOGS = {"da": da, "sv": sv, "en": en}
NBSP = "\u00a0"
TODAY = date(2026, 11, 30)


def test_all_catalogs_have_the_same_keys() -> None:
    keys = {lang: set(c.MESSAGES) for lang, c in CATALOGS.items()}
    assert keys["sv"] == keys["da"], keys["sv"] ^ keys["da"]
    assert keys["en"] == keys["da"], keys["en"] ^ keys["da"]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_placeholders_agree_across_languages() -> None:
    for key, template in da.MESSAGES.items():
        for lang in ("sv", "en"):
            other = CATALOGS[lang].MESSAGES[key]
            assert _fields(other) == _fields(template), (lang, key)


def test_no_message_is_empty_and_months_are_complete() -> None:
    for lang, catalog in CATALOGS.items():
        assert all(isinstance(v, str) and v.strip() for v in catalog.MESSAGES.values()), lang
        assert len(catalog.MONTHS) == 12


@pytest.mark.parametrize(("lang", "labels"), [
    ("da", ["Planlagt", "I gang", "Afsluttet", "Sat i bero", "Udgået", "Grøn", "Gul", "Rød"]),
    ("sv", ["Planerad", "Pågår", "Avslutad", "Vilande", "Struken", "Grön", "Gul", "Röd"]),
    ("en", ["Planned", "In progress", "Done", "On hold", "Cancelled", "Green", "Amber", "Red"]),
])
def test_vocabulary_of_the_domain_brief(lang: str, labels: list[str]) -> None:
    tr = Translator(lang)
    words = [tr.status(s) for s in Status] + [tr.assessment(a) for a in Assessment]
    assert words == labels


def test_status_and_assessment_cells_never_rely_on_colour() -> None:
    tr = Translator("da")
    cells = [tr.status_cell(s) for s in Status]
    assert cells == ["○ Planlagt", "◐ I gang", "● Afsluttet", "‖ Sat i bero", "✕ Udgået"]
    assert [tr.assessment_cell(a) for a in Assessment] == ["▲ Grøn", "◆ Gul", "▼ Rød"]
    assert tr.assessment_cell(None) == "· Ikke vurderet"


@pytest.mark.parametrize(("lang", "amount", "text"), [
    ("da", 102_000, "102.000 kr."),
    ("da", 1_200_000, "1.200.000 kr."),
    ("da", 2_550, "2.550 kr."),
    ("da", 0, "0 kr."),
    ("da", -1_250, "-1.250 kr."),
    ("sv", 102_000, f"102{NBSP}000 kr"),
    ("sv", 1_200_000, f"1{NBSP}200{NBSP}000 kr"),
    ("en", 102_000, "DKK 102,000"),
    ("en", 127_000, "DKK 127,000"),
    ("en", 999, "DKK 999"),
])
def test_money(lang: str, amount: int, text: str) -> None:
    assert Translator(lang).money(amount) == text


@pytest.mark.parametrize(("lang", "long", "short"), [
    ("da", "6. februar 2025", "06-02-2025"),
    ("sv", "6 februari 2025", "2025-02-06"),
    ("en", "6 February 2025", "2025-02-06"),
])
def test_dates(lang: str, long: str, short: str) -> None:
    tr = Translator(lang)
    assert tr.date(date(2025, 2, 6)) == long
    assert tr.date_short(date(2025, 2, 6)) == short
    assert tr.date(None) == "–"


@pytest.mark.parametrize(("lang", "fd", "text"), [
    ("da", FuzzyDate.month(2023, 6), "juni 2023"),
    ("sv", FuzzyDate.month(2023, 6), "juni 2023"),
    ("en", FuzzyDate.month(2023, 6), "June 2023"),
    ("da", FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)), "5.-6. februar 2025"),
    ("sv", FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)), "5-6 februari 2025"),
    ("en", FuzzyDate.day(date(2025, 2, 5), date(2025, 2, 6)), "5-6 February 2025"),
    ("da", FuzzyDate.day(date(2019, 10, 10)), "10. oktober 2019"),
    ("da", FuzzyDate.year(2019), "2019"),
    ("da", FuzzyDate.day(date(2025, 4, 30), date(2025, 5, 2)), "30. april-2. maj 2025"),
    ("en", FuzzyDate.day(date(2025, 12, 30), date(2026, 1, 2)),
     "30 December 2025-2 January 2026"),
    ("da", FuzzyDate.day(date(2025, 2, 6), date(2025, 2, 6)), "6. februar 2025"),
])
def test_fuzzy_dates(lang: str, fd: FuzzyDate, text: str) -> None:
    assert Translator(lang).fuzzy(fd) == text


@pytest.mark.parametrize(("lang", "days", "text"), [
    ("da", 12, "om 12 dage"),
    ("da", -2 * 365, "for 2 år siden"),
    ("da", 0, "i dag"),
    ("da", 1, "i morgen"),
    ("da", -1, "i går"),
    ("da", -5, "for 5 dage siden"),
    ("da", 90, "om 3 mdr."),
    ("da", 400, "om 1 år"),
    ("sv", 12, "om 12 dagar"),
    ("sv", -2 * 365, "för 2 år sedan"),
    ("sv", 0, "i dag"),
    ("en", 12, "in 12 days"),
    ("en", -2 * 365, "2 years ago"),
    ("en", -45, "45 days ago"),
    ("en", 0, "today"),
])
def test_relative(lang: str, days: int, text: str) -> None:
    assert Translator(lang).relative(TODAY + timedelta(days=days), TODAY) == text


def test_relative_fuzzy_counts_from_the_near_edge() -> None:
    tr = Translator("da")
    june = FuzzyDate.month(2023, 6)
    assert tr.relative_fuzzy(june, date(2023, 6, 15)) == "i dag"
    assert tr.relative_fuzzy(june, date(2023, 5, 20)) == "om 12 dage"
    assert tr.relative_fuzzy(june, date(2023, 7, 3)) == "for 3 dage siden"


def test_language_choice_falls_back_to_danish() -> None:
    assert [translator(x).lang for x in (None, "", "sv", "EN", "en_GB.UTF-8", "de")] == [
        "da", "da", "sv", "en", "en", "da"]
    assert LANGUAGES == ("da", "sv", "en")


def test_labels_typed_in_any_language() -> None:
    assert parse_status("I gang") is Status.IN_PROGRESS
    assert parse_status("pågår") is Status.IN_PROGRESS
    assert parse_status("in-progress") is Status.IN_PROGRESS
    assert parse_status("ON_HOLD") is Status.ON_HOLD
    assert parse_status("Udgået") is Status.CANCELLED
    assert parse_status("soon") is None
    assert parse_assessment("amber") is Assessment.YELLOW
    assert parse_assessment("Rød") is Assessment.RED
    assert parse_assessment("grön") is Assessment.GREEN
    assert parse_assessment("blue") is None


def test_errors_in_the_chosen_language() -> None:
    err = ValidationError("err.comment_required", value="yellow")
    assert Translator("da").error(err) == "En kommentar er påkrævet ved vurderingen Gul"
    assert Translator("en").error(err) == "A comment is required for the assessment Amber"
    too_long = ValidationError("err.too_long", field="title", limit=200, length=201)
    assert Translator("sv").error(too_long).startswith("Titel ")
    missing = NotFound("activity", "UDD-9")
    assert Translator("da").error(missing) == "Aktivitet 'UDD-9' findes ikke"
    assert Translator("en").error(missing) == "Activity 'UDD-9' does not exist"


def test_a_wrapped_date_error_says_why_in_the_language() -> None:
    try:
        try:
            raise DateParseError("err.date_partial", value="5")
        except DateParseError as exc:
            raise ValidationError("err.bad_date", field="due", value="5", reason=str(exc)) from exc
    except ValidationError as wrapped:
        assert Translator("da").error(wrapped) == (
            "Frist: '5' er ikke en hel dato (dag, måned og år skal med)")
