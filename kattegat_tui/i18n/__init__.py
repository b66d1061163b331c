"""Message catalogs (da, sv, en) and each language's way of writing dates and amounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain import Assessment, FuzzyDate, Precision, Status
from . import da, en, sv

LANGUAGES = ("da", "sv", "en")
_CATALOGS = {"da": da, "sv": sv, "en": en}

STATUS_SYMBOLS = {
    Status.PLANNED: "○", Status.IN_PROGRESS: "◐", Status.DONE: "●",
    Status.ON_HOLD: "‖", Status.CANCELLED: "✕",
}
ASSESSMENT_SYMBOLS = {Assessment.GREEN: "▲", Assessment.YELLOW: "◆", Assessment.RED: "▼"}


def normalise_lang(lang: str | None) -> str:
    lang = (lang or "da").strip().lower()[:2]
    return lang if lang in LANGUAGES else "da"


def _group(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


@dataclass(frozen=True)
class Translator:
    """Messages and formats for one language."""

    lang: str = "da"

    def t(self, key: str, /, **params: Any) -> str:
        catalog = _CATALOGS[self.lang].MESSAGES
        template = catalog.get(key) or da.MESSAGES.get(key) or key
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    def status(self, status: Status | str) -> str:
        return self.t(f"status.{Status(status).value}")

    def status_cell(self, status: Status | str) -> str:
        """Symbol and word, so status never depends on colour alone."""
        s = Status(status)
        return f"{STATUS_SYMBOLS[s]} {self.status(s)}"

    def assessment(self, assessment: Assessment | str | None) -> str:
        if assessment is None or assessment == "":
            return self.t("assessment.none")
        return self.t(f"assessment.{Assessment(assessment).value}")

    def assessment_cell(self, assessment: Assessment | str | None) -> str:
        if assessment is None or assessment == "":
            return "· " + self.t("assessment.none")
        a = Assessment(assessment)
        return f"{ASSESSMENT_SYMBOLS[a]} {self.assessment(a)}"

    def money(self, amount: int) -> str:
        """da "102.000 kr.", sv "102 000 kr", en "DKK 102,000"."""
        sign = "-" if amount < 0 else ""
        n = abs(amount)
        if self.lang == "sv":
            return f"{sign}{_group(n, chr(0xA0))} kr"
        if self.lang == "en":
            return f"{sign}DKK {_group(n, ',')}"
        return f"{sign}{_group(n, '.')} kr."

    def number(self, n: int) -> str:
        return _group(n, {"da": ".", "sv": "\u00a0", "en": ","}[self.lang])

    def month_name(self, month: int) -> str:
        return str(_CATALOGS[self.lang].MONTHS[month - 1])

    def date(self, d: dt.date | None) -> str:
        """da "6. februar 2025", sv "6 februari 2025", en "6 February 2025"."""
        if d is None:
            return "–"
        dot = "." if self.lang == "da" else ""
        return f"{d.day}{dot} {self.month_name(d.month)} {d.year}"

    def date_short(self, d: dt.date | None) -> str:
        if d is None:
            return "–"
        if self.lang == "da":
            return f"{d.day:02d}-{d.month:02d}-{d.year}"
        return d.isoformat()

    def fuzzy(self, fd: FuzzyDate) -> str:
        """A date in its precision: "juni 2023", "2019", "5.-6. februar 2025"."""
        if fd.precision is Precision.YEAR:
            return str(fd.start.year)
        if fd.precision is Precision.MONTH:
            return f"{self.month_name(fd.start.month)} {fd.start.year}"
        if fd.end is None or fd.end == fd.start:
            return self.date(fd.start)
        dot = "." if self.lang == "da" else ""
        a, b = fd.start, fd.end
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}{dot}-{b.day}{dot} {self.month_name(b.month)} {b.year}"
        if a.year == b.year:
            return (f"{a.day}{dot} {self.month_name(a.month)}-{b.day}{dot} "
                    f"{self.month_name(b.month)} {b.year}")
        return f"{self.date(a)}-{self.date(b)}"

    def relative(self, target: dt.date, today: dt.date) -> str:
        """"om 12 dage", "for 2 år siden"."""
        days = (target - today).days
        if days == 0:
            return self.t("rel.today")
        if days == 1:
            return self.t("rel.tomorrow")
        if days == -1:
            return self.t("rel.yesterday")
        future = days > 0
        n = abs(days)
        if n < 60:
            return self.t("rel.in_days" if future else "rel.days_ago", n=n)
        if n < 365:
            months = round(n / 30.44)
            if months == 1:
                return self.t("rel.in_month" if future else "rel.month_ago")
            return self.t("rel.in_months" if future else "rel.months_ago", n=months)
        years = n // 365
        if years == 1:
            return self.t("rel.in_year" if future else "rel.year_ago")
        return self.t("rel.in_years" if future else "rel.years_ago", n=years)

    def relative_fuzzy(self, fd: FuzzyDate, today: dt.date) -> str:
        if fd.contains(today):
            return self.t("rel.today")
        return self.relative(fd.first_day if fd.first_day > today else fd.last_day, today)

    def error(self, exc: Exception) -> str:
        """A domain or store exception as one line in this language."""
        code = getattr(exc, "code", None)
        if code:
            params = {k: (self.t(f"field.{v}") if k == "field" else v)
                      for k, v in getattr(exc, "params", {}).items()}
            return self.t(code, **params)
        return str(exc)


def translator(lang: str | None) -> Translator:
    return Translator(normalise_lang(lang))
