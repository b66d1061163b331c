"""Meeting-ready reports (Markdown, HTML, CSV) and the milestones as an iCalendar file.

No terminal UI here: the CLI and the dashboard both call ``write_report``.
"""

from .files import FORMATS, default_filename, format_for, render, write_report
from .ics import CalendarFile, render_calendar
from .model import Period, Report, build_report, parse_period

__all__ = [
    "FORMATS", "CalendarFile", "Period", "Report", "build_report", "default_filename", "format_for",
    "parse_period", "render", "render_calendar", "write_report",
]
