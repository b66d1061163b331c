"""The command palette (ctrl+p): jump to an activity by ID or title, switch tab, language or act.

Activity titles are user text: they are shown through ``Content`` built here (never through the
palette's markup path), and matched by plain substring so 10,000 activities stay quick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .domain.text import clean_text
from .i18n import LANGUAGES

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
    def kapp(self) -> KattegatApp:
        return cast("KattegatApp", self.app)

    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app = self.kapp
        tr = app.tr
        from .app import TABS

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
            yield tr.t("palette.report", format=name), partial(app.action_write_report, fmt), ""
        for change in self._deleted():
            title = ""
            if isinstance(change.old, dict):
                title = str(change.old.get("title", ""))
            yield (tr.t("palette.restore", id=change.entity_id, title=clean_text(title)),
                   partial(self._restore, change.entity_id), "")

    def _deleted(self) -> list:  # type: ignore[type-arg]
        """Deleted activities that are not back (restored or undone) yet."""
        plan = self.kapp.plan
        present = {a.id.upper() for a in plan.activities}
        latest: dict[str, object] = {}
        for change in plan.changes:
            if change.entity == "activity" and change.action == "delete":
                latest[change.entity_id.upper()] = change
        return [c for k, c in latest.items() if k not in present]

    def _restore(self, activity_id: str) -> None:
        app = self.kapp
        restored = app.save(partial(app.store.restore_activity, activity_id),
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
        app = self.kapp
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
