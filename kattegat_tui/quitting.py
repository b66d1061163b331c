"""How the dashboard ends: ``q`` waits for changes still being written, a dropped connection
(SIGHUP) leaves through the normal exit, and a change that was not saved is named on stderr with
an exit status that is not 0."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from textual.notifications import Notification, Notify

from .app_access import HoldsInput
from .session import PendingWrite

if TYPE_CHECKING:
    from textual.timer import Timer

    from .app import KattegatApp
    from .dialogs.confirm import ConfirmDialog

# Quitting waits this long for changes still being written: longer than the store waits for
# another process's lock (15 s), so a held-up write has landed or failed with its own error first.
QUIT_WAIT_S = 20.0
# The exit status when the dashboard closed with a change that was not saved (named on stderr).
EXIT_UNSAVED = 1
EXIT_HANGUP = 129
HANGUP_GRACE_S = 2.0
_ENDING = threading.Lock()  # one thread reports unsaved changes and ends the process


class QuitFlow:
    """``q``: leave once every change shown is on disk. While one is still being written this
    waits (up to the app's ``quit_wait_s``) and says so; a second ``q`` offers to quit without it.
    Open forms with typed input are asked about first."""

    def __init__(self, app: KattegatApp) -> None:
        self.app = app
        self.waiting = False
        self.hangup_at: float | None = None
        self._timer: Timer | None = None
        self._note: Notification | None = None
        self._dialog: ConfirmDialog | None = None
        app.session.write_ended = self._write_ended

    def request(self) -> None:
        """The user asked to quit."""
        if self.waiting:
            self._ask_quit_anyway(keep_waiting=True)
            return
        app = self.app
        if not any(isinstance(screen, HoldsInput) and screen.has_unsaved_input()
                   for screen in app.screen_stack):
            self._quit_when_saved()
            return
        from .dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._quit_when_saved()

        tr = app.tr
        app.push_screen(ConfirmDialog(tr.t("dialog.quit_unsaved"), tr.t("dialog.quit"),
                                      tr.t("dialog.stay")), answered)

    def _pending_what(self) -> str:
        return "; ".join(write.what for write in self.app.session.pending_writes())

    def _quit_when_saved(self) -> None:
        app = self.app
        if not app.session.pending_writes():
            app.exit(0)
            return
        if self.waiting:
            return
        self.waiting = True
        self._note = Notification(app.tr.t("msg.quit_waiting", what=self._pending_what()),
                                  timeout=app.quit_wait_s + 1, markup=False)
        app.post_message(Notify(self._note))
        self._timer = app.set_timer(app.quit_wait_s, self._wait_over)

    def _wait_over(self) -> None:
        """The limit passed with a change still being written: ask, do not leave without it."""
        self._timer = None
        if self.waiting and self.app.session.pending_writes():
            self._ask_quit_anyway(keep_waiting=False)

    def _ask_quit_anyway(self, *, keep_waiting: bool) -> None:
        """Offer to quit without the change still being written, naming it. ``keep_waiting``:
        declining goes on waiting; otherwise declining stays in the dashboard."""
        app, session = self.app, self.app.session
        if self._dialog is not None or not session.pending_writes():
            return
        from .dialogs.confirm import ConfirmDialog

        tr = app.tr
        dialog = ConfirmDialog(tr.t("dialog.quit_pending", what=self._pending_what()),
                               tr.t("dialog.quit_anyway"),
                               tr.t("dialog.wait" if keep_waiting else "dialog.stay"))

        def answered(quit_anyway: bool | None) -> None:
            if self._dialog is not dialog:
                return  # closed because the write ended meanwhile
            self._dialog = None
            if quit_anyway and session.pending_writes():
                session.abandoned = True  # a write still queued is not started
                app.exit(EXIT_UNSAVED, return_code=EXIT_UNSAVED)
            elif quit_anyway:
                app.exit(0)  # it landed while the question was open
            elif not keep_waiting:
                self._stop_waiting()

        self._dialog = dialog
        app.push_screen(dialog, answered)

    def _stop_waiting(self) -> None:
        self.waiting = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._note is not None:
            self.app._unnotify(self._note)  # the "waiting for ..." note goes with the wait
            self._note = None
        dialog, self._dialog = self._dialog, None
        if dialog is not None and self.app.screen is dialog:
            dialog.dismiss(None)  # its answer is ignored: it is no longer the quit dialog

    def _write_ended(self, write: PendingWrite) -> None:
        """A background write ended. While quitting: leave once all are on disk; if one was not
        saved, stay open (its row already shows the file again) and say so."""
        if not self.waiting:
            return
        if not write.saved:
            self._stop_waiting()
            self.app.say(self.app.tr.t("msg.quit_not_saved", what=write.what), severity="warning",
                         timeout=20)
        elif not self.app.session.pending_writes():
            self.app.exit(0)


def install_hangup_handler(app: KattegatApp) -> None:
    """A dropped SSH connection sends SIGHUP: leave through the normal exit path.

    Every confirmed change is on disk; a status change still being written gets the grace
    period to land, else it is named on stderr (see ``finish_pending_writes``). This also makes
    sure the terminal is restored and no worker is left running.
    """

    def on_hangup(signum: int, frame: Any) -> None:
        app.quitting.hangup_at = time.monotonic()
        app.call_later(app.exit, EXIT_HANGUP)
        # With the terminal gone Textual can block for ever flushing its output; every confirmed
        # change is on disk and the kernel frees the plan's lock, so a stuck exit is cut short.
        threading.Thread(target=_exit_soon, args=(HANGUP_GRACE_S, app), daemon=True).start()

    signal.signal(signal.SIGHUP, on_hangup)


def _exit_soon(grace: float, app: KattegatApp) -> None:
    time.sleep(grace)
    _end_process(app, EXIT_HANGUP)


def _end_process(app: KattegatApp, code: int) -> None:
    """Name the changes that were not saved on stderr (one line) and end the process now, so a
    write still waiting for the lock cannot land after being reported as lost."""
    if _ENDING.acquire(timeout=1.0):
        unsaved = [w for w in app.session.pending_writes() if not w.saved]
        if unsaved:
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
    pending = app.session.pending_writes()
    if not pending:
        return code
    if code == EXIT_HANGUP:
        deadline = (app.quitting.hangup_at or time.monotonic()) + HANGUP_GRACE_S - 0.2
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
