"""The milestones as an iCalendar file (RFC 5545) for Outlook and other calendars.

- Every milestone is an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the day after the last day,
  as the standard wants); a range such as 5.-6. februar 2025 is one multi-day event.
- A milestone known only to the month spans that month, with "(dato ikke fastsat)" in its title.
  One known only to the year is left out (a year-long event says nothing useful in a calendar);
  ``CalendarFile.left_out`` names them.
- The UID is the milestone id plus the plan's identity, so importing the file again updates the
  events instead of duplicating them; ``SEQUENCE`` follows the milestone's revision. A cancelled
  milestone stays in the file as ``STATUS:CANCELLED``, so a re-import cancels it.
- Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..domain import Milestone, MilestoneStatus, Plan, Precision
from ..domain.rules import timeline
from ..domain.text import clean_text
from ..i18n import Translator

PRODUCT = "kattegat-tui"
MAX_OCTETS = 75


@dataclass(slots=True)
class CalendarFile:
    text: str
    events: list[Milestone] = field(default_factory=list)
    left_out: list[Milestone] = field(default_factory=list)


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newlines escaped."""
    value = clean_text(value, multiline=True)
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continued with a leading space."""
    if len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > MAX_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += ch
        size += n
    pieces.append(current)
    return "\r\n".join(pieces)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.replace("ø", "oe").replace("Ø", "Oe")
                                       .replace("æ", "ae").replace("Æ", "Ae"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "plan"


def plan_identity(plan: Plan) -> str:
    """Names the plan in every UID: "kattegatalliancen-handleplan-2025-2028"."""
    return slug(f"{plan.info.title} {plan.info.plan_name}")


def uid(plan: Plan, milestone: Milestone) -> str:
    return f"{slug(milestone.id)}.{plan_identity(plan)}@{PRODUCT}"


def _date(d: date) -> str:
    return d.strftime("%Y%m%d")


def _description(plan: Plan, m: Milestone, tr: Translator) -> str:
    lines = []
    if m.description:
        lines += [m.description, ""]
    lines.append(f"{tr.t('field.kind')}: {tr.t(f'kind.{m.kind.value}')}")
    lines.append(f"{tr.t('field.status')}: {tr.t(f'mstatus.{m.status.value}')}")
    lines.append(f"{tr.t('field.case_ref')}: {m.case_ref or plan.info.case_ref}")
    if m.activities:
        lines.append(f"{tr.t('field.activities')}:")
        for key in m.activities:
            activity = plan.activity(key)
            lines.append(f"- {key} {activity.title}" if activity else f"- {key}")
    lines += ["", f"{tr.t('app.title')} · {plan.info.plan_name}"]
    return "\n".join(lines)


def _event(plan: Plan, m: Milestone, tr: Translator, dtstamp: str) -> list[str]:
    title = m.title
    if m.when.precision is Precision.MONTH:
        title = f"{title} {tr.t('cal.not_fixed')}"
    first, last = m.when.first_day, m.when.last_day
    status = "CANCELLED" if m.status is MilestoneStatus.CANCELLED else "CONFIRMED"
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(plan, m)}",
        f"DTSTAMP:{dtstamp}",
        f"DTSTART;VALUE=DATE:{_date(first)}",
        f"DTEND;VALUE=DATE:{_date(last + timedelta(days=1))}",
        f"SUMMARY:{escape_text(title)}",
        f"DESCRIPTION:{escape_text(_description(plan, m, tr))}",
        f"CATEGORIES:{escape_text(tr.t(f'kind.{m.kind.value}'))}",
        f"STATUS:{status}",
        f"SEQUENCE:{max(0, m.revision - 1)}",
        "TRANSP:TRANSPARENT",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        "END:VEVENT",
    ]


def render_calendar(plan: Plan, tr: Translator, *, now: datetime) -> CalendarFile:
    """The plan's milestones as an iCalendar document; ``now`` becomes every event's DTSTAMP."""
    stamp = (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UTC)
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    result = CalendarFile("")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{plan_identity(plan)}//{PRODUCT}//{tr.lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(tr.t('cal.name', alliance=tr.t('app.title')))}",
    ]
    for m in timeline(plan):
        if m.when.precision is Precision.YEAR:
            result.left_out.append(m)
            continue
        result.events.append(m)
        lines += _event(plan, m, tr, dtstamp)
    lines.append("END:VCALENDAR")
    result.text = "".join(fold(line) + "\r\n" for line in lines)
    return result
