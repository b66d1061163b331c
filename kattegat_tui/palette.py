"""The command palette (ctrl+p): jump to an activity by ID or title, switch tab, language or act,
write a report.

Activity titles are user text: they are shown through ``Content`` built here (never through the
palette's markup path), and matched by plain substring so 10,000 activities stay quick.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .domain import ValidationError
from .domain.text import clean_text
from .errors import describe
from .i18n import LANGUAGES
from .store import StoreError
from .tabs import TABS

if TYPE_CHECKING:
    from .app import KattegatApp

MAX_ACTIVITY_HITS = 40
LANGUAGE_NAMES = {"da": "Dansk", "sv": "Svenska", "en": "English"}


def plain(text: str) -> Content:
    """User text as content: no markup, no control characters."""
    return Content(clean_text(text))


def highlight(text: str, query: str) -> Content:
    """``text`` with each query word's first occurrence underlined (works in monochrome)."""
    content = plain(text)
    folded = content.plain.casefold()
    for word in query.casefold().split():
        start = folded.find(word)
        if start >= 0:
            content = content.stylize("bold underline", start, start + len(word))
    return content


class KattegatCommands(Provider):
    """Tabs, languages, actions and every activity of the plan."""

    @property
    def dashboard(self) -> KattegatApp:
        return cast("KattegatApp", self.app)

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.dashboard
        tr = app.tr
        for index, (key, label, _) in enumerate(TABS, start=1):
            yield (tr.t("palette.go_to", tab=tr.t(label)), partial(app.action_show_tab, key),
                   tr.t("palette.key", key=str(index)))
        for lang in LANGUAGES:
            yield (tr.t("palette.language", language=LANGUAGE_NAMES[lang]),
                   partial(app.set_language, lang), "")
        yield tr.t("palette.new"), app.action_new_activity, "ctrl+n"
        yield tr.t("palette.undo"), app.action_undo, "ctrl+z"
        yield tr.t("palette.help"), app.action_help, "?"
        for fmt, name in (("md", "Markdown"), ("html", "HTML"), ("csv", "CSV")):
            yield tr.t("palette.report", format=name), partial(write_report, app, fmt), ""
        for change in self._deleted():
            title = ""
            if isinstance(change.old, dict):
                title = str(change.old.get("title", ""))
            yield (tr.t("palette.restore", id=change.entity_id, title=clean_text(title)),
                   partial(self._restore, change.entity_id), "")

    def _deleted(self) -> list:  # type: ignore[type-arg]
        """Deleted activities that are not back (restored or undone) yet."""
        plan = self.dashboard.plan
        present = {a.id.upper() for a in plan.activities}
        latest: dict[str, object] = {}
        for change in plan.changes:
            if change.entity == "activity" and change.action == "delete":
                latest[change.entity_id.upper()] = change
        return [c for k, c in latest.items() if k not in present]

    def _restore(self, activity_id: str) -> None:
        app = self.dashboard
        session = app.session
        restored = session.save(partial(session.store.restore_activity, activity_id),
                                app.tr.t("msg.restored", id=activity_id))
        if restored is not None:
            app.select_activity(restored.id)

    async def discover(self) -> Hits:
        for text, command, help_text in self._commands():
            yield DiscoveryHit(plain(text), command, text=text, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(text, query), command, text=text,
                          help=help_text or None)
        for hit in self._activity_hits(query):
            yield hit

    def _activity_hits(self, query: str) -> Iterator[Hit]:
        words = query.casefold().split()
        if not words:
            return
        app = self.dashboard
        hits = 0
        wanted = query.strip().upper()
        for activity in app.plan.activities:
            text = f"{activity.id}  {clean_text(activity.title)}"
            folded = text.casefold()
            if not all(w in folded for w in words):
                continue
            if activity.id.upper() == wanted:
                score = 1.0
            elif activity.id.upper().startswith(wanted):
                score = 0.9
            else:
                score = 0.6
            yield Hit(score, highlight(text, query), partial(app.select_activity, activity.id),
                      text=text, help=app.tr.t("palette.open_activity"))
            hits += 1
            if hits >= MAX_ACTIVITY_HITS:
                return


def write_report(app: KattegatApp, fmt: str) -> None:
    """Write the report for the plan tab's committee filter (or the whole plan) to the report
    folder and say where it went."""
    from .reports import write_report as write
    from .tabs.plan import PlanTab

    plan_tab = next(iter(app.screen_stack[0].query(PlanTab)), None)  # if it was built
    committee = plan_tab.filter.committee if plan_tab is not None else None
    try:
        path = write(app.plan, fmt=fmt, lang=app.tr.lang, today=app.today,
                     committee=committee, path=report_folder())
    except (ValidationError, StoreError, OSError) as exc:
        app.say(describe(exc, app.tr) or str(exc), severity="error", timeout=10)
        return
    app.say(app.tr.t("msg.report_written", path=str(path)), timeout=15)


def report_folder() -> Path:
    """Where the dashboard writes reports: $KATTEGAT_REPORTS, else ~/kattegat-rapporter."""
    folder = Path(os.environ.get("KATTEGAT_REPORTS") or Path.home() / "kattegat-rapporter")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
