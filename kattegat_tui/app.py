"""The dashboard: a Textual app over a plan store. It composes the tabs, binds the keys and routes
between tabs. Reading and writing the plan is the session's (``session.py``), each tab draws
itself (``tabs/``), quitting is ``quitting.py``, dialogs are in ``dialogs/``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Footer, Header, TabbedContent

from .app_access import PlanAware, localise_bindings, relocalise_bindings
from .domain import Plan
from .i18n import Translator, translator
from .quitting import QUIT_WAIT_S, QuitFlow, finish_pending_writes, install_hangup_handler
from .session import PlanSession
from .store import Store
from .tabs import TABS, TabPage
from .tabs.base import DashboardTab

if TYPE_CHECKING:
    from textual.command import Provider

    from .tabs.plan import PlanTab
    from .tabs.timeline import TimelineTab

# The plan tab is where most keys go: it is built this long after the first screen is up, so the
# first "2" finds it ready and a key typed right after lands in it instead of being dropped.
PREBUILD_DELAY_S = 1.0


class ThreadDone(Message):
    """A background read or write ended; ``finish`` shows the outcome. Posted from the thread,
    which never waits for the app (it may be closing)."""

    def __init__(self, finish: Callable[[], None]) -> None:
        super().__init__()
        self.finish = finish


def command_provider() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from .palette import KattegatCommands

    return KattegatCommands


class KattegatApp(App[int]):
    """Review and update the Kattegatalliancen action plan."""

    CSS_PATH = "app.tcss"
    TITLE = "Kattegatalliancen"
    COMMANDS: ClassVar = {command_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_tab('overview')", "key.tab_overview", show=False),
        Binding("2", "show_tab('plan')", "key.tab_plan", show=False),
        Binding("3", "show_tab('timeline')", "key.tab_timeline", show=False),
        Binding("4", "show_tab('budget')", "key.tab_budget", show=False),
        Binding("5", "show_tab('history')", "key.tab_history", show=False),
        Binding("ctrl+z", "undo", "key.undo", show=False),
        Binding("ctrl+n", "new_activity", "key.new", show=False),
        Binding("question_mark", "help", "key.help"),
        Binding("q", "quit_app", "key.quit"),
    ]

    def __init__(self, store: Store, *, lang: str = "da", today: date | None = None,
                 read_only: bool = False, poll_interval: float = 1.0,
                 plan: Plan | None = None, quit_wait_s: float = QUIT_WAIT_S) -> None:
        super().__init__()
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (112, "-medium"), (150, "-wide")]  # app.tcss
        self.tr: Translator = translator(lang)
        self._today = today
        self.poll_interval = poll_interval
        self.quit_wait_s = quit_wait_s
        self.session = PlanSession(store, self, plan=plan, read_only=read_only)
        self.quitting = QuitFlow(self)
        localise_bindings(self, self.tr)

    @property
    def plan(self) -> Plan:
        """The plan shown (the session's)."""
        return self.session.plan

    @property
    def today(self) -> date:
        return self._today or date.today()

    # -- what the session needs from the app (``SessionHost``) ----------------------------------

    def say(self, message: str, *, severity: Any = "information", timeout: float | None = None) -> None:
        """A notification; the text is shown as it is (never read as markup)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def from_thread(self, finish: Callable[[], None]) -> None:
        """Run ``finish`` on the app's thread soon; a background thread never waits for it."""
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.post_message(ThreadDone(finish))

    def on_thread_done(self, message: ThreadDone) -> None:
        message.finish()

    def after_refresh(self, work: Callable[[], None]) -> None:
        self.call_after_refresh(work)

    @property
    def closing(self) -> bool:
        return self.return_code is not None

    def plan_loaded(self, plan: Plan) -> None:
        """A newly read plan: the tab shown draws it now, the others when shown; open forms
        are told (they stay open)."""
        self._update_titles()  # who may edit can change with the plan ("kun visning")
        for node in [*self.screen_stack[0].query(DashboardTab), *self.screen_stack[1:]]:
            if isinstance(node, PlanAware):
                node.plan_changed(plan)

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="⚓")
        with TabbedContent(id="tabs", initial="overview"):
            for index, (key, label, _) in enumerate(TABS, start=1):
                # only the first tab is built now; the others when first shown
                yield TabPage(key, f"{index} {self.tr.t(label)}", build_now=key == "overview")
        yield Footer()

    def on_mount(self) -> None:
        self._update_titles()
        self.set_interval(self.poll_interval, self.session.poll)
        self.set_timer(PREBUILD_DELAY_S, self._prebuild_plan_tab)

    def _prebuild_plan_tab(self) -> None:
        if self.is_running:
            self.tab("plan")

    def _update_titles(self) -> None:
        self.title = self.tr.t("app.title")
        self.sub_title = self.tr.t("app.subtitle") + (
            f" · {self.tr.t('app.view_only')}" if not self.session.can_edit else "")

    # -- tabs --------------------------------------------------------------------------------------

    def tab(self, key: str) -> DashboardTab:
        """The tab's widget, built now if it was not shown yet (it shows the plan once mounted)."""
        return self.screen_stack[0].query_one(f"#{key}", TabPage).build()

    @property
    def active_tab(self) -> str:
        return self.screen_stack[0].query_one(TabbedContent).active or "overview"

    def action_show_tab(self, key: str) -> None:
        tabs = self.screen_stack[0].query_one(TabbedContent)
        if tabs.active != key:
            tabs.active = key
        tab = self.tab(key)
        if tab.is_mounted:
            tab.catch_up()
            if self.screen is self.screen_stack[0]:
                tab.focus_content()
        elif self.screen is self.screen_stack[0]:
            # keys must not reach the tab just left while this one is being built (it takes the
            # keyboard once mounted)
            self.screen.set_focus(None)

    def select_activity(self, activity_id: str) -> None:
        """Show the plan tab with the cursor on ``activity_id`` (filters are cleared if they hide it)."""
        self.action_show_tab("plan")
        tab = cast("PlanTab", self.tab("plan"))
        tab.when_ready(lambda: tab.select_activity(activity_id))

    def select_milestone(self, milestone_id: str) -> None:
        """Show the timeline with the cursor on ``milestone_id``."""
        self.action_show_tab("timeline")
        tab = cast("TimelineTab", self.tab("timeline"))
        tab.when_ready(lambda: tab.timeline.select_id(milestone_id))

    def set_language(self, lang: str) -> None:
        self.tr = translator(lang)
        self._update_titles()
        tabs = self.screen_stack[0].query_one(TabbedContent)
        for index, (key, label, _) in enumerate(TABS, start=1):
            tabs.get_tab(key).label = f"{index} {self.tr.t(label)}"
        localise_bindings(self, self.tr)
        relocalise_bindings(self.query("*"), self.tr)
        for tab in self.screen_stack[0].query(DashboardTab):
            tab.plan_changed(self.plan)  # the tab shown draws in the new language now
        self.refresh_bindings()

    # -- actions -----------------------------------------------------------------------------------

    def action_undo(self) -> None:
        undone = self.session.save(self.session.store.undo_last, self.tr.t("msg.undo_done"))
        if undone == []:
            self.say(self.tr.t("msg.nothing_to_undo"))

    def action_new_activity(self) -> None:
        self.action_show_tab("plan")
        tab = cast("PlanTab", self.tab("plan"))
        tab.when_ready(tab.action_create)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=self.tr.t("palette.placeholder")))

    def action_help(self) -> None:
        from .dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit_app(self) -> None:
        """Quit once every change is on disk (see ``QuitFlow``)."""
        self.quitting.request()

    async def action_quit(self) -> None:
        self.quitting.request()


def run_dashboard(store: Store, *, lang: str, today: date | None, read_only: bool,
                  plan: Plan | None = None) -> int:
    app = KattegatApp(store, lang=lang, today=today, read_only=read_only, plan=plan)
    install_hangup_handler(app)
    result = app.run()
    return finish_pending_writes(app, int(result or 0))
