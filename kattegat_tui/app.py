"""The dashboard: a Textual app over a plan store. Small on purpose: tabs live in ``screens/``."""

from __future__ import annotations

import signal
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, TabbedContent, TabPane

from .domain import Plan, ValidationError
from .i18n import Translator, translator
from .screens.base import PlanTab
from .screens.budget import BudgetTab
from .screens.history import HistoryTab
from .screens.overview import OverviewTab
from .screens.plan import PlanView
from .screens.timeline import TimelineTab
from .store import AccessDenied, ConflictError, NotFound, Store, StoreError

T = TypeVar("T")

TABS: tuple[tuple[str, str, type[PlanTab]], ...] = (
    ("overview", "tab.overview", OverviewTab),
    ("plan", "tab.plan", PlanView),
    ("timeline", "tab.timeline", TimelineTab),
    ("budget", "tab.budget", BudgetTab),
    ("history", "tab.history", HistoryTab),
)


class KattegatApp(App[int]):
    """Review and update the Kattegatalliancen action plan."""

    CSS_PATH = "app.tcss"
    TITLE = "Kattegatalliancen"
    BINDINGS = [
        Binding("1", "show_tab('overview')", "Overblik", show=False),
        Binding("2", "show_tab('plan')", "Handleplan", show=False),
        Binding("3", "show_tab('timeline')", "Tidslinje", show=False),
        Binding("4", "show_tab('budget')", "Budget", show=False),
        Binding("5", "show_tab('history')", "Historik", show=False),
        Binding("ctrl+z", "undo", "Fortryd", show=False),
        Binding("q", "quit_app", "Afslut"),
    ]

    def __init__(self, store: Store, *, lang: str = "da", today: date | None = None,
                 read_only: bool = False, poll_interval: float = 1.0) -> None:
        super().__init__()
        self.store = store
        self.tr: Translator = translator(lang)
        self._today = today
        self.poll_interval = poll_interval
        self.plan: Plan = store.load()
        self._stamp = store.stamp()
        self.forced_read_only = read_only
        self._stale_tabs: set[str] = set()

    # -- facts every tab reads -----------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def read_only_reason(self) -> str | None:
        """Why editing is off, in the user's language, or None when it is allowed."""
        if self.forced_read_only:
            return self.tr.t("err.read_only_flag")
        if not self.store.writable():
            return self.tr.t("err.not_writable", user=self.store.user)
        if self.plan.editors and self.store.user not in self.plan.editors:
            return self.tr.t("err.access_denied", user=self.store.user)
        return None

    @property
    def can_edit(self) -> bool:
        return self.read_only_reason is None

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="⚓")
        with TabbedContent(id="tabs"):
            for key, label, cls in TABS:
                with TabPane(f"{TABS.index((key, label, cls)) + 1} {self.tr.t(label)}", id=key):
                    yield cls(id=f"{key}-tab")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.tr.t("app.title")
        self.sub_title = self.tr.t("app.subtitle") + (
            f" · {self.tr.t('app.view_only')}" if not self.can_edit else "")
        self._show_active()
        self.set_interval(self.poll_interval, self.poll_for_changes)

    def tab(self, key: str) -> PlanTab:
        return self.query_one(f"#{key}-tab", PlanTab)

    def _show_active(self) -> None:
        active = self.query_one(TabbedContent).active or "overview"
        self._stale_tabs = {key for key, _, _ in TABS}
        self._refresh_tab(active)

    def _refresh_tab(self, key: str) -> None:
        if key in self._stale_tabs:
            self._stale_tabs.discard(key)
            self.tab(key).show_plan(self.plan)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._refresh_tab(event.pane.id)

    def action_show_tab(self, key: str) -> None:
        self.query_one(TabbedContent).active = key
        self._refresh_tab(key)

    # -- the plan on disk --------------------------------------------------------------------------

    def set_plan(self, plan: Plan) -> None:
        """Show a newly loaded plan: the active tab now, the others when they are opened."""
        self.plan = plan
        self._show_active()

    def reload(self) -> None:
        """Read the file now (after our own write, or when another session changed it)."""
        stamp = self.store.stamp()
        try:
            plan = self.store.load()
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self._stamp = stamp
        self.set_plan(plan)

    def poll_for_changes(self) -> None:
        """Pick up changes made by other sessions or the CLI (the file is replaced atomically)."""
        if self.store.stamp() != self._stamp:
            self.reload()

    def save(self, op: Callable[[], T], what: str, *,
             on_conflict: Callable[[ConflictError], None] | None = None) -> T | None:
        """Run one store edit; it is on disk before "saved" is shown. Errors become messages."""
        reason = self.read_only_reason
        if reason:
            self.notify(reason, severity="warning")
            return None
        try:
            result = op()
        except ConflictError as exc:
            if on_conflict is None:
                self.notify(self.tr.t("err.conflict", key=exc.key,
                                      who=exc.current.get("updated_by", "?")), severity="error")
            else:
                on_conflict(exc)
            self.reload()
            return None
        except (ValidationError, StoreError, NotFound, AccessDenied) as exc:
            self.notify(self.describe(exc), severity="error", timeout=8)
            return None
        self.reload()
        self.notify(self.tr.t("msg.saved", what=what), timeout=3)
        return result

    def describe(self, exc: Exception) -> str:
        from .commands import describe_error

        return describe_error(exc, self.tr) or str(exc)

    def set_language(self, lang: str) -> None:
        self.tr = translator(lang)
        self.title = self.tr.t("app.title")
        self.sub_title = self.tr.t("app.subtitle")
        tabs = self.query_one(TabbedContent)
        for index, (key, label, _) in enumerate(TABS, start=1):
            tabs.get_tab(key).label = f"{index} {self.tr.t(label)}"
        self._show_active()

    # -- actions ------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        undone = self.save(self.store.undo_last, self.tr.t("msg.undo_done"))
        if undone == []:
            self.notify(self.tr.t("msg.nothing_to_undo"))

    def action_quit_app(self) -> None:
        self.exit(0)


def install_hangup_handler(app: KattegatApp) -> None:
    """A dropped SSH connection sends SIGHUP: leave through the normal exit path.

    Every confirmed change is already on disk (writes are synchronous and atomic), so exiting
    loses nothing; this only makes sure the terminal is restored and no worker is left running.
    """

    def on_hangup(signum: int, frame: Any) -> None:
        app.call_later(app.exit, 129)

    signal.signal(signal.SIGHUP, on_hangup)


def run_dashboard(store: Store, *, lang: str, today: date | None, read_only: bool) -> int:
    app = KattegatApp(store, lang=lang, today=today, read_only=read_only)
    install_hangup_handler(app)
    result = app.run()
    return int(result or 0)
