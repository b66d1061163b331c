"""The dashboard: a Textual app over a plan store. Small on purpose: tabs live in ``tabs/``,
dialogs in ``dialogs/``."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import Footer, Header, TabbedContent, TabPane

from .app_access import localise_bindings
from .domain import Activity, Plan, ValidationError
from .errors import describe
from .i18n import Translator, translator
from .store import AccessDenied, ConflictError, NotFound, Store, StoreError, UndoConflict
from .tabs.base import DashboardTab

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.timer import Timer

    from .dialogs.confirm import ConfirmDialog
    from .tabs.plan import PlanTab

T = TypeVar("T")
Stamp = tuple[int, ...] | None

# key, label in the catalogs, "module:class" under kattegat_tui.screens; a tab's module is imported
# only when the tab is first shown, so the first screen does not pay for the others.
TABS: tuple[tuple[str, str, str], ...] = (
    ("overview", "tab.overview", "overview:OverviewTab"),
    ("plan", "tab.plan", "plan:PlanTab"),
    ("timeline", "tab.timeline", "timeline:TimelineTab"),
    ("budget", "tab.budget", "budget:BudgetTab"),
    ("history", "tab.history", "history:HistoryTab"),
)
TAB_KEYS = tuple(key for key, _, _ in TABS)


def tab_class(key: str) -> type[DashboardTab]:
    """The DashboardTab class of a tab, imported on first use."""
    where = next(w for k, _, w in TABS if k == key)
    module, name = where.split(":")
    cls: type[DashboardTab] = getattr(import_module(f"{__package__}.tabs.{module}"), name)
    return cls


# Quitting waits this long for changes still being written: longer than the store waits for
# another process's lock (15 s), so a held-up write has landed or failed with its own error first.
QUIT_WAIT_S = 20.0
# The exit status when the dashboard closed with a change that was not saved (named on stderr).
EXIT_UNSAVED = 1
EXIT_HANGUP = 129


@dataclass(eq=False)
class PendingWrite:
    """A change being written in the background: what it is (for messages) and how it ended.
    ``done`` and ``saved`` are set by the writing thread, so they are known even after the app
    has stopped handling messages."""

    what: str
    done: threading.Event = field(default_factory=threading.Event)
    saved: bool = False


class ThreadDone(Message):
    """A background read or write ended; ``finish`` shows the outcome. Posted from the thread,
    which never waits for the app (it may be closing)."""

    def __init__(self, finish: Callable[[], None]) -> None:
        super().__init__()
        self.finish = finish


def in_background(work: Callable[[], None], name: str) -> None:
    """Run ``work`` in a daemon thread: closing the dashboard never waits for it (a write held
    up by another process's lock is accounted for by ``finish_pending_writes``)."""
    threading.Thread(target=work, name=name, daemon=True).start()


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
        self.quit_wait_s = quit_wait_s
        self._pending: list[PendingWrite] = []
        self._quitting = False
        self._quit_timer: Timer | None = None
        self._quit_note: Notification | None = None
        self._quit_dialog: ConfirmDialog | None = None
        self._abandoned = False
        self.hangup_at: float | None = None
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

    def tab(self, key: str) -> DashboardTab:
        """The tab's widget, built now if it was not shown yet (it shows the plan once mounted)."""
        pane = self.query_one(f"#{key}", TabPane)
        for widget in pane.query(DashboardTab):
            return widget
        widget = tab_class(key)(id=f"{key}-tab")
        pane.mount(widget)
        return widget

    def plan_tab(self) -> PlanTab:
        return cast("PlanTab", self.tab("plan"))

    def built_tabs(self) -> list[DashboardTab]:
        return list(self.query(DashboardTab))

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    def tab_ready(self, widget: DashboardTab) -> None:
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
        in_background(partial(self._load_in_thread, stamp), "kattegat-poll")

    def _load_in_thread(self, stamp: Stamp) -> None:
        try:
            plan: Plan | None = self.store.load()
            error: StoreError | None = None
        except StoreError as exc:
            plan, error = None, exc
        self.from_thread(partial(self._polled, stamp, plan, error))

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
        write = PendingWrite(what)
        self._pending.append(write)  # from now on quitting waits for it

        def work() -> None:
            with self._save_lock:
                try:
                    if self._abandoned:  # the user quit without waiting: write nothing more
                        outcome: tuple[str, Any] = ("abandoned", None)
                    else:
                        outcome = ("saved", op())
                except ConflictError as exc:
                    outcome = ("conflict", exc)
                except (ValidationError, StoreError, NotFound, AccessDenied, UndoConflict, OSError) as exc:
                    outcome = ("failed", exc)
            write.saved = outcome[0] == "saved"
            write.done.set()
            self.from_thread(partial(finish, outcome))

        def finish(outcome: tuple[str, Any]) -> None:
            if self.return_code is not None:
                return  # closing: finish_pending_writes reports what was not saved
            kind, value = outcome
            if write in self._pending:
                self._pending.remove(write)
            if kind == "saved":
                self.poll_for_changes()
                self.say(self.tr.t("msg.saved", what=what), timeout=3)
                on_saved(value)
                self._write_ended(write)
                return
            self._write_ended(write)  # a quit waiting for it stops, before any dialog opens
            on_failed()  # the row goes back to the plan as read from the file
            if kind == "conflict":
                self.reload()
                if on_conflict is not None:
                    on_conflict(value)
                else:
                    self.say(self.tr.t("err.conflict", key=value.key,
                                       who=value.current.get("updated_by", "?")), severity="error")
            elif kind == "failed":
                self.poll_for_changes()  # in case the file changed meanwhile
                self.say(self.describe(value), severity="error", timeout=15)

        # start once the screen has been drawn: the writer holds the interpreter while it encodes
        # a large file, which would otherwise hold up the frame that shows the edit
        self.call_after_refresh(in_background, work, "kattegat-save")

    def from_thread(self, finish: Callable[[], None]) -> None:
        """Run ``finish`` on the app's thread soon; a background thread never waits for it."""
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.post_message(ThreadDone(finish))

    def on_thread_done(self, message: ThreadDone) -> None:
        message.finish()

    def pending_writes(self) -> list[PendingWrite]:
        """Changes shown on screen whose write has not been reported yet, oldest first."""
        return list(self._pending)

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
        return describe(exc, self.tr) or str(exc)

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
        self.when_tab_ready("plan", lambda: self.plan_tab().action_create())

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
            committee = self.plan_tab().filter.committee
        try:
            folder = report_folder()
            path = write_report(self.plan, fmt=fmt, lang=self.tr.lang, today=self.today,
                                committee=committee, path=folder)
        except (ValidationError, StoreError, OSError) as exc:
            self.say(self.describe(exc), severity="error", timeout=10)
            return
        self.say(self.tr.t("msg.report_written", path=str(path)), timeout=15)

    def action_help(self) -> None:
        from .dialogs.help import HelpScreen

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
        """Quit once every change is on disk. While one is still being written this waits (up to
        ``quit_wait_s``) and says so; a second ``q`` offers to quit without it."""
        if self._quitting:
            self._ask_quit_anyway(keep_waiting=True)
            return
        if not self.unsaved_forms():
            self._quit_when_saved()
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit_when_saved()

        self.push_screen(ConfirmDialog(self.tr.t("dialog.quit_unsaved"), self.tr.t("dialog.quit"),
                                       self.tr.t("dialog.stay")), answered)

    def _pending_what(self) -> str:
        return "; ".join(write.what for write in self._pending)

    def _quit_when_saved(self) -> None:
        if not self._pending:
            self.exit(0)
            return
        if self._quitting:
            return
        self._quitting = True
        self._quit_note = Notification(self.tr.t("msg.quit_waiting", what=self._pending_what()),
                                       timeout=self.quit_wait_s + 1, markup=False)
        self.post_message(Notify(self._quit_note))
        self._quit_timer = self.set_timer(self.quit_wait_s, self._quit_wait_over)

    def _quit_wait_over(self) -> None:
        """The limit passed with a change still being written: ask, do not leave without it."""
        self._quit_timer = None
        if self._quitting and self._pending:
            self._ask_quit_anyway(keep_waiting=False)

    def _ask_quit_anyway(self, *, keep_waiting: bool) -> None:
        """Offer to quit without the change still being written, naming it. ``keep_waiting``:
        declining goes on waiting; otherwise declining stays in the dashboard."""
        if self._quit_dialog is not None or not self._pending:
            return
        from .dialogs.confirm import ConfirmDialog

        dialog = ConfirmDialog(self.tr.t("dialog.quit_pending", what=self._pending_what()),
                               self.tr.t("dialog.quit_anyway"),
                               self.tr.t("dialog.wait" if keep_waiting else "dialog.stay"))

        def answered(quit_anyway: bool | None) -> None:
            if self._quit_dialog is not dialog:
                return  # closed because the write ended meanwhile
            self._quit_dialog = None
            if quit_anyway and self._pending:
                self._abandoned = True  # a write still queued is not started
                self.exit(EXIT_UNSAVED, return_code=EXIT_UNSAVED)
            elif quit_anyway:
                self.exit(0)  # it landed while the question was open
            elif not keep_waiting:
                self._stop_quitting()

        self._quit_dialog = dialog
        self.push_screen(dialog, answered)

    def _stop_quitting(self) -> None:
        self._quitting = False
        if self._quit_timer is not None:
            self._quit_timer.stop()
            self._quit_timer = None
        if self._quit_note is not None:
            self._unnotify(self._quit_note)
            self._quit_note = None
        dialog, self._quit_dialog = self._quit_dialog, None
        if dialog is not None and self.screen is dialog:
            dialog.dismiss(None)  # its answer is ignored: it is no longer the quit dialog

    def _write_ended(self, write: PendingWrite) -> None:
        """A background write ended. While quitting: leave once all are on disk; if one was not
        saved, stay open (its row already shows the file again) and say so."""
        if not self._quitting:
            return
        if not write.saved:
            self._stop_quitting()
            self.say(self.tr.t("msg.quit_not_saved", what=write.what), severity="warning",
                     timeout=20)
        elif not self._pending:
            self.exit(0)

    async def action_quit(self) -> None:
        self.action_quit_app()

    def select_activity(self, activity_id: str) -> None:
        """Show the plan tab with the cursor on ``activity_id`` (filters are cleared if they hide it)."""
        self.action_show_tab("plan")
        self.when_tab_ready("plan", lambda: self.plan_tab().select_activity(activity_id))


def report_folder() -> Path:
    """Where the dashboard writes reports: $KATTEGAT_REPORTS, else ~/kattegat-rapporter."""
    folder = Path(os.environ.get("KATTEGAT_REPORTS") or Path.home() / "kattegat-rapporter")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def install_hangup_handler(app: KattegatApp) -> None:
    """A dropped SSH connection sends SIGHUP: leave through the normal exit path.

    Every confirmed change is on disk; a status change still being written gets the grace
    period to land, else it is named on stderr (see ``finish_pending_writes``). This also makes
    sure the terminal is restored and no worker is left running.
    """

    def on_hangup(signum: int, frame: Any) -> None:
        app.hangup_at = time.monotonic()
        app.call_later(app.exit, EXIT_HANGUP)
        # With the terminal gone Textual can block for ever flushing its output; every confirmed
        # change is on disk and the kernel frees the plan's lock, so a stuck exit is cut short.
        threading.Thread(target=_exit_soon, args=(HANGUP_GRACE_S, app), daemon=True).start()

    signal.signal(signal.SIGHUP, on_hangup)


HANGUP_GRACE_S = 2.0
PREBUILD_DELAY_S = 1.0
_ENDING = threading.Lock()  # one thread reports unsaved changes and ends the process


def _exit_soon(grace: float, app: KattegatApp | None = None) -> None:
    time.sleep(grace)
    _end_process(app, EXIT_HANGUP)


def _unsaved(app: KattegatApp | None) -> list[PendingWrite]:
    return [w for w in (app.pending_writes() if app else []) if not w.saved]


def _end_process(app: KattegatApp | None, code: int) -> None:
    """Name the changes that were not saved on stderr (one line) and end the process now, so a
    write still waiting for the lock cannot land after being reported as lost."""
    if _ENDING.acquire(timeout=1.0):
        unsaved = _unsaved(app)
        if unsaved and app is not None:
            line = app.tr.t("err.unsaved_on_exit", what="; ".join(w.what for w in unsaved))
            with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
                print(f"kattegat: {line}", file=sys.stderr, flush=True)
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    os._exit(code)


def finish_pending_writes(app: KattegatApp, code: int) -> int:
    """After the dashboard closed and the terminal is restored: the exit status, once no change
    is left being written. Normally nothing is pending (quitting waits for it). After a hangup a
    pending write gets what is left of the grace period; after "quit anyway" none. A change that
    is not on disk then is named on stderr and the status is not 0."""
    pending = app.pending_writes()
    if not pending:
        return code
    if code == EXIT_HANGUP:
        deadline = (app.hangup_at or time.monotonic()) + HANGUP_GRACE_S - 0.2
    elif code == EXIT_UNSAVED:
        deadline = time.monotonic()
    else:
        deadline = time.monotonic() + app.quit_wait_s
    for write in pending:
        write.done.wait(max(0.0, deadline - time.monotonic()))
    if all(w.done.is_set() and w.saved for w in pending):
        return 0 if code == EXIT_UNSAVED else code  # it landed after all
    _end_process(app, code or EXIT_UNSAVED)
    return code  # not reached


def run_dashboard(store: Store, *, lang: str, today: date | None, read_only: bool,
                  plan: Plan | None = None) -> int:
    app = KattegatApp(store, lang=lang, today=today, read_only=read_only, plan=plan)
    install_hangup_handler(app)
    result = app.run()
    return finish_pending_writes(app, int(result or 0))
