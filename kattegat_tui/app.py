"""The dashboard: a Textual app over a plan store. Small on purpose: tabs live in ``screens/``."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, TabbedContent, TabPane

from .domain import Activity, Plan, ValidationError
from .i18n import Translator, translator
from .screens.base import PlanTab, localise_bindings
from .store import AccessDenied, ConflictError, NotFound, Store, StoreError, UndoConflict

if TYPE_CHECKING:
    from textual.command import Provider

    from .screens.plan import PlanView

T = TypeVar("T")
Stamp = tuple[int, ...] | None

# key, label in the catalogs, "module:class" under kattegat_tui.screens; a tab's module is imported
# only when the tab is first shown, so the first screen does not pay for the others.
TABS: tuple[tuple[str, str, str], ...] = (
    ("overview", "tab.overview", "overview:OverviewTab"),
    ("plan", "tab.plan", "plan:PlanView"),
    ("timeline", "tab.timeline", "timeline:TimelineTab"),
    ("budget", "tab.budget", "budget:BudgetTab"),
    ("history", "tab.history", "history:HistoryTab"),
)
TAB_KEYS = tuple(key for key, _, _ in TABS)


def tab_class(key: str) -> type[PlanTab]:
    """The PlanTab class of a tab, imported on first use."""
    where = next(w for k, _, w in TABS if k == key)
    module, name = where.split(":")
    cls: type[PlanTab] = getattr(import_module(f"{__package__}.screens.{module}"), name)
    return cls


def command_provider() -> type[Provider]:
    """The command palette's provider, imported when the palette first opens."""
    from .screens.palette import KattegatCommands

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
                 plan: Plan | None = None) -> None:
        super().__init__()
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
        self.store = store
        self.tr: Translator = translator(lang)
        self._today = today
        self.poll_interval = poll_interval
        self._stamp = store.stamp()
        self.plan: Plan = plan if plan is not None else store.load()
        self.forced_read_only = read_only
        self._polling = False
        self._failed_stamp: Stamp = None
        self._save_lock = threading.Lock()
        self._revisions: dict[str, int] = {}
        self._stale_tabs: set[str] = set(TAB_KEYS)
        self._ready_tabs: set[str] = set()
        self._waiting: dict[str, list[Callable[[], object]]] = {}
        self._writable: bool | None = None
        localise_bindings(self, self.tr)

    # -- facts every tab reads -----------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def read_only_reason(self) -> str | None:
        """Why editing is off, in the user's language, or None when it is allowed."""
        if self.forced_read_only:
            return self.tr.t("err.read_only_flag")
        if self._writable is None:
            self._writable = self.store.writable()
        if not self._writable:
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
        with TabbedContent(id="tabs", initial="overview"):
            for index, (key, label, _) in enumerate(TABS, start=1):
                with TabPane(f"{index} {self.tr.t(label)}", id=key):
                    if key == "overview":  # the others are built when first shown
                        yield tab_class(key)(id=f"{key}-tab")
        yield Footer()

    def on_mount(self) -> None:
        self._update_titles()
        self._refresh_tab(self.active_tab)
        self.set_interval(self.poll_interval, self.poll_for_changes)
        # The plan tab is where most keys go: build it once the first screen is up, so the first
        # "2" finds it ready and a key typed right after lands in it instead of being dropped.
        self.set_timer(PREBUILD_DELAY_S, self._prebuild_plan_tab)

    def _prebuild_plan_tab(self) -> None:
        if self.is_running:
            self.tab("plan")

    def _update_titles(self) -> None:
        self.title = self.tr.t("app.title")
        self.sub_title = self.tr.t("app.subtitle") + (
            f" · {self.tr.t('app.view_only')}" if not self.can_edit else "")

    def tab(self, key: str) -> PlanTab:
        """The tab's widget, built now if it was not shown yet (it shows the plan once mounted)."""
        pane = self.query_one(f"#{key}", TabPane)
        for widget in pane.query(PlanTab):
            return widget
        widget = tab_class(key)(id=f"{key}-tab")
        pane.mount(widget)
        return widget

    def plan_view(self) -> PlanView:
        return cast("PlanView", self.tab("plan"))

    def built_tabs(self) -> list[PlanTab]:
        return list(self.query(PlanTab))

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    def tab_ready(self, widget: PlanTab) -> None:
        """A tab finished mounting: show the plan and run what waited for it."""
        key = (widget.id or "").removesuffix("-tab")
        self._ready_tabs.add(key)
        self._stale_tabs.discard(key)
        widget.show_plan(self.plan)
        for callback in self._waiting.pop(key, []):
            callback()
        if key == self.active_tab and len(self.screen_stack) == 1:
            widget.focus_content()

    def when_tab_ready(self, key: str, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if the tab is built, else as soon as it is."""
        if key in self._ready_tabs:
            callback()
        else:
            self._waiting.setdefault(key, []).append(callback)
            self.tab(key)

    def _show_active(self) -> None:
        self._stale_tabs = set(TAB_KEYS)
        self._refresh_tab(self.active_tab)

    def _refresh_tab(self, key: str) -> None:
        if key not in self._stale_tabs:
            return
        widget = self.tab(key)
        if key in self._ready_tabs:
            self._stale_tabs.discard(key)
            widget.show_plan(self.plan)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._refresh_tab(event.pane.id)

    def action_show_tab(self, key: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != key:
            tabs.active = key
        self._refresh_tab(key)
        if key in self._ready_tabs and self.screen is self.screen_stack[0]:
            self.tab(key).focus_content()
        elif self.screen is self.screen_stack[0]:
            # keys must not reach the tab just left while the new one is being built
            self.screen.set_focus(None)

    # -- the plan on disk --------------------------------------------------------------------------

    def set_plan(self, plan: Plan) -> None:
        """Show a newly loaded plan: the active tab now, the others when they are opened.

        Open dialogs and forms stay open; those with a ``plan_changed`` method are told."""
        self.plan = plan
        self._revisions = {}
        self._update_titles()  # who may edit can change with the plan ("kun visning")
        self._show_active()
        for screen in self.screen_stack[1:]:
            changed = getattr(screen, "plan_changed", None)
            if callable(changed):
                changed(plan)

    def reload(self) -> None:
        """Read the file now (after our own write, or when another session changed it)."""
        stamp = self.store.stamp()
        try:
            plan = self.store.load()
        except StoreError as exc:
            self.say(str(exc), severity="error", timeout=10)
            return
        self._stamp = stamp
        self._writable = None
        self.set_plan(plan)

    def poll_for_changes(self) -> None:
        """Pick up changes made by other sessions or the CLI (the file is replaced atomically).

        The file is read in a thread, so a large plan does not freeze the keyboard meanwhile."""
        stamp = self.store.stamp()
        if stamp == self._stamp or stamp == self._failed_stamp or self._polling:
            return
        self._polling = True
        self.run_worker(partial(self._load_in_thread, stamp), thread=True, group="poll",
                        exit_on_error=False)

    def _load_in_thread(self, stamp: Stamp) -> None:
        try:
            plan: Plan | None = self.store.load()
            error: StoreError | None = None
        except StoreError as exc:
            plan, error = None, exc
        self.call_from_thread(self._polled, stamp, plan, error)

    def _polled(self, stamp: Stamp, plan: Plan | None, error: StoreError | None) -> None:
        self._polling = False
        if error is not None or plan is None:
            self._failed_stamp = stamp  # say it once, not every second
            self.say(str(error), severity="error", timeout=10)
            return
        if self._stamp is not None and stamp is not None and stamp[1] < self._stamp[1]:
            return  # our own save meanwhile showed a newer file
        self._stamp = stamp
        self._writable = None
        self.set_plan(plan)

    def save(self, op: Callable[[], T], what: str, *,
             on_conflict: Callable[[ConflictError], None] | None = None,
             on_error: Callable[[Exception], None] | None = None,
             reload_later: bool = False) -> T | None:
        """Run one store edit; it is on disk before "saved" is shown. Errors become messages.

        ``on_conflict`` gets a ConflictError (the record changed since it was read);
        ``on_error`` gets any other refusal (validation, access, file) instead of a message.
        ``reload_later``: the caller shows the result itself (see ``patch_activity``); the file
        is read again in a thread instead of before returning (a large plan takes a while).
        """
        reason = self.read_only_reason
        if reason:
            self.say(reason, severity="warning")
            return None
        try:
            with self._save_lock:  # after any edit still being written in the background
                result = op()
        except ConflictError as exc:
            self.reload()
            if on_conflict is None:
                self.say(self.tr.t("err.conflict", key=exc.key,
                                   who=exc.current.get("updated_by", "?")), severity="error")
            else:
                on_conflict(exc)
            return None
        except (ValidationError, StoreError, NotFound, AccessDenied, UndoConflict, OSError) as exc:
            if on_error is not None:
                on_error(exc)
            else:
                self.say(self.describe(exc), severity="error", timeout=8)
            return None
        if reload_later:
            self.poll_for_changes()
        else:
            self.reload()
        self.say(self.tr.t("msg.saved", what=what), timeout=3)
        return result

    def save_soon(self, op: Callable[[], T], what: str, *, on_saved: Callable[[T], None],
                  on_failed: Callable[[], None],
                  on_conflict: Callable[[ConflictError], None] | None = None) -> None:
        """Run one store edit in a thread, so the screen that already shows it is drawn first
        and keys keep working while a large file is written. Edits run one after the other;
        "saved" is said (and ``on_saved`` called) once the edit is on disk."""
        reason = self.read_only_reason
        if reason:
            self.say(reason, severity="warning")
            on_failed()
            return

        def work() -> None:
            with self._save_lock:
                try:
                    outcome: tuple[str, Any] = ("saved", op())
                except ConflictError as exc:
                    outcome = ("conflict", exc)
                except (ValidationError, StoreError, NotFound, AccessDenied, UndoConflict, OSError) as exc:
                    outcome = ("failed", exc)
            self.call_from_thread(finish, outcome)

        def finish(outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "saved":
                self.poll_for_changes()
                self.say(self.tr.t("msg.saved", what=what), timeout=3)
                on_saved(value)
                return
            on_failed()
            if kind == "conflict":
                self.reload()
                if on_conflict is not None:
                    on_conflict(value)
                else:
                    self.say(self.tr.t("err.conflict", key=value.key,
                                       who=value.current.get("updated_by", "?")), severity="error")
            else:
                self.say(self.describe(value), severity="error", timeout=8)

        # start once the screen has been drawn: the writer holds the interpreter while it encodes
        # a large file, which would otherwise hold up the frame that shows the edit
        self.call_after_refresh(self.run_worker, work, thread=True, group="save",
                                exit_on_error=False)

    def known_revision(self, activity_id: str, default: int) -> int:
        """The revision of an activity as this session last saw or saved it."""
        return self._revisions.get(activity_id, default)

    def patch_activity(self, activity: Activity) -> None:
        """Put a just-saved activity into the plan in memory (until the file is read again)."""
        self._revisions[activity.id] = activity.revision
        for index, current in enumerate(self.plan.activities):
            if current.id == activity.id:
                self.plan.activities[index] = activity
                return

    def say(self, message: str, *, severity: Any = "information", timeout: float | None = None) -> None:
        """A notification; the text is shown as it is (never read as markup)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    def describe(self, exc: Exception) -> str:
        from .commands import describe_error

        return describe_error(exc, self.tr) or str(exc)

    def set_language(self, lang: str) -> None:
        self.tr = translator(lang)
        self._update_titles()
        tabs = self.query_one(TabbedContent)
        for index, (key, label, _) in enumerate(TABS, start=1):
            tabs.get_tab(key).label = f"{index} {self.tr.t(label)}"
        localise_bindings(self, self.tr)
        for node in self.query("*"):
            if hasattr(node, "_catalog_bindings"):
                localise_bindings(node, self.tr)
        self._show_active()
        self.refresh_bindings()

    # -- actions ------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        undone = self.save(self.store.undo_last, self.tr.t("msg.undo_done"))
        if undone == []:
            self.say(self.tr.t("msg.nothing_to_undo"))

    def action_new_activity(self) -> None:
        self.action_show_tab("plan")
        self.when_tab_ready("plan", lambda: self.plan_view().action_create())

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=self.tr.t("palette.placeholder")))

    def action_write_report(self, fmt: str) -> None:
        """Write the report for the plan tab's committee filter (or the whole plan) to the
        report folder and say where it went."""
        from .reports import write_report

        committee = None
        if any(tab.id == "plan-tab" for tab in self.built_tabs()):
            committee = self.plan_view().filter.committee
        try:
            folder = report_folder()
            path = write_report(self.plan, fmt=fmt, lang=self.tr.lang, today=self.today,
                                committee=committee, path=folder)
        except (ValidationError, StoreError, OSError) as exc:
            self.say(self.describe(exc), severity="error", timeout=10)
            return
        self.say(self.tr.t("msg.report_written", path=str(path)), timeout=15)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def unsaved_forms(self) -> list[Any]:
        """Open forms holding typed input that is not saved yet."""
        out = []
        for screen in self.screen_stack:
            unsaved = getattr(screen, "has_unsaved_input", None)
            if callable(unsaved) and unsaved():
                out.append(screen)
        return out

    def action_quit_app(self) -> None:
        if not self.unsaved_forms():
            self.exit(0)
            return
        from .screens.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)

        self.push_screen(ConfirmDialog(self.tr.t("dialog.quit_unsaved"), self.tr.t("dialog.quit"),
                                       self.tr.t("dialog.stay")), answered)

    async def action_quit(self) -> None:
        self.action_quit_app()

    def select_activity(self, activity_id: str) -> None:
        """Show the plan tab with the cursor on ``activity_id`` (filters are cleared if they hide it)."""
        self.action_show_tab("plan")
        self.when_tab_ready("plan", lambda: self.plan_view().select_activity(activity_id))


def report_folder() -> Path:
    """Where the dashboard writes reports: $KATTEGAT_REPORTS, else ~/kattegat-rapporter."""
    folder = Path(os.environ.get("KATTEGAT_REPORTS") or Path.home() / "kattegat-rapporter")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def install_hangup_handler(app: KattegatApp) -> None:
    """A dropped SSH connection sends SIGHUP: leave through the normal exit path.

    Every confirmed change is already on disk (writes are synchronous and atomic), so exiting
    loses nothing; this only makes sure the terminal is restored and no worker is left running.
    """

    def on_hangup(signum: int, frame: Any) -> None:
        app.call_later(app.exit, 129)
        # With the terminal gone Textual can block for ever flushing its output; every confirmed
        # change is on disk and the kernel frees the plan's lock, so a stuck exit is cut short.
        threading.Thread(target=_exit_soon, args=(HANGUP_GRACE_S,), daemon=True).start()

    signal.signal(signal.SIGHUP, on_hangup)


HANGUP_GRACE_S = 2.0
PREBUILD_DELAY_S = 1.0


def _exit_soon(grace: float) -> None:
    time.sleep(grace)
    os._exit(129)


def run_dashboard(store: Store, *, lang: str, today: date | None, read_only: bool,
                  plan: Plan | None = None) -> int:
    app = KattegatApp(store, lang=lang, today=today, read_only=read_only, plan=plan)
    install_hangup_handler(app)
    result = app.run()
    return int(result or 0)
