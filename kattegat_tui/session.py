"""The plan as one dashboard sees it: the store, the plan it shows, who may edit it, the revisions it
saved, and every read and write of the file, with one place that turns a refused write into a
sentence. No Textual here: the app hands itself in as the ``SessionHost`` that shows messages and
runs callbacks on its own thread.

Reads and writes in the background run in daemon threads, not in Textual workers, on purpose: an
app that closes waits for its workers, and a write held up by another process's lock on the plan
would hold the exit up with it. Quitting waits for pending writes itself (``pending_writes``), with
a limit, and says which change was not saved (see ``quitting.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, Protocol, TypeVar, cast

from .domain import Activity, Plan, ValidationError
from .errors import describe
from .i18n import Translator
from .store import AccessDenied, ConflictError, NotFound, Store, StoreError, UndoConflict

T = TypeVar("T")
Stamp = tuple[int, ...] | None

# What a store edit may refuse with; anything else is a bug and is not caught.
REFUSALS = (ConflictError, ValidationError, StoreError, NotFound, AccessDenied, UndoConflict, OSError)


class SessionHost(Protocol):
    """What the session needs from the screen it serves."""

    tr: Translator

    def say(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None:
        """Show a notification; ``message`` is plain text."""

    def from_thread(self, finish: Callable[[], None]) -> None:
        """Run ``finish`` on the host's thread soon; the calling thread never waits for it."""

    def after_refresh(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the screen has been drawn."""

    def plan_loaded(self, plan: Plan) -> None:
        """Show a newly read plan."""

    @property
    def closing(self) -> bool:
        """True once the host has begun to close (no more messages are handled)."""


@dataclass(eq=False)
class PendingWrite:
    """A change being written in the background: what it is (for messages) and how it ended.
    ``done`` and ``saved`` are set by the writing thread, so they are known even after the app
    has stopped handling messages."""

    what: str
    done: threading.Event = field(default_factory=threading.Event)
    saved: bool = False


@dataclass
class Outcome(Generic[T]):
    """How one store edit ended: its result, the store's refusal, or not tried (quit without it)."""

    result: T | None = None
    error: Exception | None = None
    abandoned: bool = False

    @property
    def saved(self) -> bool:
        return self.error is None and not self.abandoned


def in_background(work: Callable[[], None], name: str) -> None:
    """Run ``work`` in a daemon thread: closing the dashboard never waits for it."""
    threading.Thread(target=work, name=name, daemon=True).start()


class PlanSession:
    """The store, the plan shown, and every read and write of the plan's file."""

    def __init__(self, store: Store, host: SessionHost, *, plan: Plan | None = None,
                 read_only: bool = False) -> None:
        self.store = store
        self.host = host
        self.forced_read_only = read_only
        self._stamp: Stamp = store.stamp()
        self.plan: Plan = plan if plan is not None else store.load()
        self._polling = False
        self._failed_stamp: Stamp = None
        self._writable: bool | None = None
        self._revisions: dict[str, int] = {}
        self._save_lock = threading.Lock()
        self._pending: list[PendingWrite] = []
        self.abandoned = False
        self.write_ended: Callable[[PendingWrite], None] = lambda write: None

    # -- who may edit -------------------------------------------------------------------------------

    def read_only_reason(self) -> str | None:
        """Why editing is off, in the user's language, or None when it is allowed."""
        tr = self.host.tr
        if self.forced_read_only:
            return tr.t("err.read_only_flag")
        if self._writable is None:
            self._writable = self.store.writable()
        if not self._writable:
            return tr.t("err.not_writable", user=self.store.user)
        if self.plan.editors and self.store.user not in self.plan.editors:
            return tr.t("err.access_denied", user=self.store.user)
        return None

    @property
    def can_edit(self) -> bool:
        return self.read_only_reason() is None

    # -- reading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file now (after our own write, or after a conflict)."""
        stamp = self.store.stamp()
        try:
            plan = self.store.load()
        except StoreError as exc:
            self.host.say(self.describe(exc), severity="error", timeout=10)
            return
        self._adopt(stamp, plan)

    def poll(self) -> None:
        """Pick up changes made by other sessions or the CLI (the file is replaced atomically).

        Only when the file's stamp changed, one read at a time, in a thread: a large plan does
        not freeze the keyboard meanwhile."""
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
        except Exception as exc:  # a poll that died here would stop every later poll
            plan = None
            error = StoreError(self.store.path, "store.cannot_read",
                               reason=f"{type(exc).__name__}: {exc}")
        self.host.from_thread(partial(self._polled, stamp, plan, error))

    def _polled(self, stamp: Stamp, plan: Plan | None, error: StoreError | None) -> None:
        self._polling = False
        if error is not None or plan is None:
            self._failed_stamp = stamp  # say it once, not every second
            self.host.say(self.describe(error), severity="error", timeout=10)
            return
        if self._stamp is not None and stamp is not None and stamp[1] < self._stamp[1]:
            return  # our own save meanwhile showed a newer file
        self._adopt(stamp, plan)

    def _adopt(self, stamp: Stamp, plan: Plan) -> None:
        self._stamp = stamp
        self._writable = None
        self.plan = plan
        self._revisions = {}
        self.host.plan_loaded(plan)

    # -- revisions saved since the file was last read -----------------------------------------------

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

    # -- writing ------------------------------------------------------------------------------------

    def describe(self, exc: BaseException | None) -> str:
        """A refusal as one sentence in the user's language."""
        return (describe(exc, self.host.tr) if exc is not None else None) or str(exc)

    def _attempt(self, op: Callable[[], T]) -> Outcome[T]:
        """The one place a store edit runs: one after the other, its refusal kept, not raised."""
        with self._save_lock:  # after any edit still being written in the background
            if self.abandoned:  # the user quit without waiting: write nothing more
                return Outcome(abandoned=True)
            try:
                return Outcome(result=op())
            except REFUSALS as exc:
                return Outcome(error=exc)

    def _refused(self, exc: Exception, *, timeout: float,
                 on_conflict: Callable[[ConflictError], None] | None,
                 on_error: Callable[[Exception], None] | None) -> None:
        """Hand a refusal to the form that asked, or say it."""
        if isinstance(exc, ConflictError):
            self.reload()  # what the other session saved
            if on_conflict is not None:
                on_conflict(exc)
                return
            self.host.say(self.describe(exc), severity="error")
            return
        self.poll()  # in case the file changed meanwhile
        if on_error is not None:
            on_error(exc)
        else:
            self.host.say(self.describe(exc), severity="error", timeout=timeout)

    def _editing_off(self) -> bool:
        reason = self.read_only_reason()
        if reason:
            self.host.say(reason, severity="warning")
        return reason is not None

    def save(self, op: Callable[[], T], what: str, *,
             on_conflict: Callable[[ConflictError], None] | None = None,
             on_error: Callable[[Exception], None] | None = None,
             reload_later: bool = False) -> T | None:
        """Run one store edit; it is on disk before "saved" is shown. Errors become messages.

        ``on_conflict`` gets a ConflictError (the record changed since it was read);
        ``on_error`` gets any other refusal (validation, access, file) instead of a message.
        ``reload_later``: the caller shows the result itself; the file is read again in a thread
        instead of before returning (a large plan takes a while).
        """
        if self._editing_off():
            return None
        outcome = self._attempt(op)
        if outcome.error is not None:
            self._refused(outcome.error, timeout=8, on_conflict=on_conflict, on_error=on_error)
            return None
        if reload_later:
            self.poll()
        else:
            self.reload()
        self.host.say(self.host.tr.t("msg.saved", what=what), timeout=3)
        return outcome.result

    def save_soon(self, op: Callable[[], T], what: str, *, on_saved: Callable[[T], None],
                  on_failed: Callable[[], None],
                  on_conflict: Callable[[ConflictError], None] | None = None) -> None:
        """Run one store edit in a thread, so the screen that already shows it is drawn first
        and keys keep working while a large file is written. Edits run one after the other;
        "saved" is said (and ``on_saved`` called) once the edit is on disk; ``on_failed`` puts
        back what the file holds when it is not."""
        if self._editing_off():
            on_failed()
            return
        write = PendingWrite(what)
        self._pending.append(write)  # from now on quitting waits for it

        def work() -> None:
            outcome = self._attempt(op)
            write.saved = outcome.saved
            write.done.set()
            self.host.from_thread(partial(self._written, write, outcome, on_saved, on_failed,
                                          on_conflict))

        # start once the screen has been drawn: the writer holds the interpreter while it encodes
        # a large file, which would otherwise hold up the frame that shows the edit
        self.host.after_refresh(partial(in_background, work, "kattegat-save"))

    def _written(self, write: PendingWrite, outcome: Outcome[T], on_saved: Callable[[T], None],
                 on_failed: Callable[[], None],
                 on_conflict: Callable[[ConflictError], None] | None) -> None:
        if self.host.closing:
            return  # finish_pending_writes reports what was not saved
        if write in self._pending:
            self._pending.remove(write)
        if write.saved:
            self.poll()
            self.host.say(self.host.tr.t("msg.saved", what=write.what), timeout=3)
            on_saved(cast(T, outcome.result))
            self.write_ended(write)
            return
        self.write_ended(write)  # a quit waiting for it stops, before any dialog opens
        on_failed()  # the row goes back to the plan as read from the file
        if outcome.error is not None:
            self._refused(outcome.error, timeout=15, on_conflict=on_conflict, on_error=None)

    def pending_writes(self) -> list[PendingWrite]:
        """Changes shown on screen whose write has not been reported yet, oldest first."""
        return list(self._pending)
