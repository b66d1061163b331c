"""Message catalogs (da, sv, en) and each language's way of writing dates and amounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..domain import Assessment, FuzzyDate, MilestoneStatus, Precision, Status
from . import da, en, sv

LANGUAGES = ("da", "sv", "en")
_CATALOGS = {"da": da, "sv": sv, "en": en}

STATUS_SYMBOLS = {
    Status.PLANNED: "○", Status.IN_PROGRESS: "◐", Status.DONE: "●",
    Status.ON_HOLD: "‖", Status.CANCELLED: "✕",
}
ASSESSMENT_SYMBOLS = {Assessment.GREEN: "▲", Assessment.YELLOW: "◆", Assessment.RED: "▼"}
MILESTONE_SYMBOLS = {MilestoneStatus.PLANNED: "○", MilestoneStatus.DONE: "●",
                     MilestoneStatus.CANCELLED: "✕"}


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

    def assessment_cell(self, assessment: Assessment | str | None, *, none: str | None = None) -> str:
        """Symbol and word; no assessment is "· " and ``none`` (default: the catalog's word)."""
        if assessment is None or assessment == "":
            return "· " + (self.t("assessment.none") if none is None else none)
        a = Assessment(assessment)
        return f"{ASSESSMENT_SYMBOLS[a]} {self.assessment(a)}"

    def milestone_status_cell(self, status: MilestoneStatus | str) -> str:
        """Symbol and word for a milestone's status."""
        s = MilestoneStatus(status)
        return f"{MILESTONE_SYMBOLS[s]} {self.t(f'mstatus.{s.value}')}"

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

    def error(self, exc: BaseException) -> str:
        """A domain or store exception as one line in this language."""
        code = getattr(exc, "code", None)
        cause = exc.__cause__
        if code == "err.bad_date" and cause is not None and getattr(cause, "code", None):
            # A store wrapping a DateParseError: say why, in this language, after the field.
            field = getattr(exc, "params", {}).get("field")
            reason = self.error(cause)
            return f"{self.t(f'field.{field}')}: {reason}" if field else reason
        if code:
            params = dict(getattr(exc, "params", {}))
            if "field" in params:
                params["field"] = self.t(f"field.{params['field']}")
            if code == "err.comment_required" and params.get("value") in _ASSESSMENT_KEYS:
                params["value"] = self.assessment(params["value"])
            return self.t(code, **params)
        kind, key = getattr(exc, "kind", None), getattr(exc, "key", None)
        if isinstance(exc, LookupError) and isinstance(kind, str) and key is not None:
            return self.t("err.not_found", kind=self.entity(kind), key=key)
        return str(exc)

    def entity(self, kind: str) -> str:
        """"activity" -> "Aktivitet"; unknown kinds are returned as they are."""
        key = "entity." + kind.strip().lower().replace(" ", "_")
        return self.t(key) if key in _CATALOGS[self.lang].MESSAGES else kind


_ASSESSMENT_KEYS = {a.value for a in Assessment}


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def parse_status(text: str) -> Status | None:
    """A status from its key or its label in any language ("in_progress", "I gang", "Pågår")."""
    wanted = _fold(text)
    for status in Status:
        names = {_fold(status.value)} | {
            _fold(str(c.MESSAGES[f"status.{status.value}"])) for c in _CATALOGS.values()}
        if wanted in names:
            return status
    return None


def parse_assessment(text: str) -> Assessment | None:
    """An assessment from its key or label in any language ("yellow", "gul", "amber")."""
    wanted = _fold(text)
    for assessment in Assessment:
        names = {_fold(assessment.value)} | {
            _fold(str(c.MESSAGES[f"assessment.{assessment.value}"])) for c in _CATALOGS.values()}
        if wanted in names:
            return assessment
    return None


def translator(lang: str | None) -> Translator:
    return Translator(normalise_lang(lang))
