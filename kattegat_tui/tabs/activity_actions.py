"""Every edit on an activity, shared by the tabs that show activities (plan and overview).

Each form is a dialog that writes through ``session.save`` (on disk, locked and atomic, before the
screen says "saved") and closes with the activity's ID; the tab then puts its cursor there. A
status is picked in a small menu drawn on the activity's row, shown at once and written right
after; if the write is refused the row goes back to what the file holds.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from ..domain import Activity, Status
from ..domain.text import clean_text
from ..store import ConflictError
from ..widgets.row_list import RowList
from ..widgets.status_menu import StatusMenu
from .base import DashboardTab

# The dialogs (forms with inputs, selects and text areas) are imported when first opened, so the
# first screen does not pay for them.

EDIT_BINDINGS: list[BindingType] = [
    Binding("s", "set_status", "key.status"),
    Binding("a", "assess", "key.assess"),
    Binding("n", "add_note", "key.note"),
    Binding("e", "edit", "key.edit"),
    Binding("d", "delete", "key.delete", show=False),
    Binding("ctrl+n", "create", "key.new", show=False),
]


class ActivityEditing(DashboardTab):
    """A tab with a current activity and the keys that edit it."""

    # the status menu's looks (it is drawn on the tab's list, so its styles live on the tab)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-menu", "status-menu--cursor"}

    _menu: StatusMenu | None = None

    def current_activity(self) -> Activity | None:
        """The activity under the cursor."""
        return None

    def preview_activity(self, activity: Activity) -> None:
        """Show an edit before it is written (used for the status)."""

    def after_edit(self, activity_id: str | None) -> None:
        """An edit was saved (or a new activity created): put the cursor on it."""

    def default_focus(self) -> str | None:
        """The focus area a new activity starts in."""
        current = self.current_activity()
        return current.focus if current else None

    # -- guards -----------------------------------------------------------------------------------

    def _editable(self, *, need_activity: bool = True) -> Activity | bool | None:
        reason = self.session.read_only_reason()
        if reason:
            self.dashboard.say(self.tr.t("msg.edit_off", reason=reason), severity="warning", timeout=6)
            return False
        activity = self.current_activity()
        if need_activity and activity is None:
            self.dashboard.say(self.tr.t("msg.no_selection"), severity="warning")
            return False
        return activity

    def _what(self, activity_id: str, text: str) -> str:
        return f"{activity_id} · {clean_text(text)}"

    # -- status: a menu drawn on the activity's row ------------------------------------------------

    def status_host(self) -> RowList | None:
        """The list the status menu is drawn on (the one with the current activity)."""
        return None

    def status_menu_left(self, host: RowList) -> tuple[int, int]:
        """Where the menu's left edge goes: beside the row, or (on a short list, where it covers
        the row's neighbours) after the row's ID and status."""
        return 1, 1

    def action_set_status(self) -> None:
        """Open the status menu next to the activity's row, drawn on the list itself."""
        activity = self._editable()
        host = self.status_host()
        if not isinstance(activity, Activity) or host is None:
            return
        index = host.index_of(activity.id) or 0
        menu = StatusMenu(activity, self.tr)
        visible = host.visible_rows
        menu.left, narrow_left = self.status_menu_left(host)
        if index + 1 + menu.height <= visible.stop:
            menu.top = index + 1  # below the row
        elif index - menu.height >= visible.start:
            menu.top = index - menu.height  # above it
        else:  # a short list: over the titles, leaving the row's ID and status in view
            menu.top = max(visible.start, min(index - 1, visible.stop - menu.height))
            menu.left = narrow_left
        self._menu = menu
        self._draw_menu()

    def _draw_menu(self) -> None:
        host = self.status_host()
        if host is None:
            return
        menu = self._menu
        if menu is None:
            host.set_overlay(None)
            return
        host.set_overlay(menu.lines(self.get_component_rich_style("status-menu"),
                                    self.get_component_rich_style("status-menu--cursor")),
                         menu.top, menu.left)

    @property
    def status_menu(self) -> StatusMenu | None:
        return self._menu

    def on_key(self, event: events.Key) -> None:
        """While the status menu is open it gets the keys (the list keeps the focus)."""
        menu = self._menu
        if menu is None:
            return
        result = menu.handle(event.key)
        if result.used:
            event.stop()
            event.prevent_default()
        if not result.closed:
            self._draw_menu()
            return
        self._menu = None
        self._draw_menu()
        if result.status is not None and result.status is not menu.activity.status:
            self.write_status(menu.activity, result.status)

    def write_status(self, activity: Activity, status: Status, revision: int | None = None) -> None:
        """Show the new status now, write it right after the screen is drawn."""
        self.preview_activity(replace(activity, status=status))
        session = self.session
        what = self._what(activity.id, f"{self.tr.t('field.status')} {self.tr.status(status)}")

        def conflict(exc: ConflictError) -> None:
            from ..dialogs.activity_dialog import conflict_rows
            from ..dialogs.conflict import ConflictDialog

            def chosen(choice: str | None) -> None:
                if choice == "mine":
                    current = Activity.from_dict(exc.current)
                    self.write_status(current, status, revision=current.revision)

            rows = conflict_rows({"status": status}, activity, exc.current, self.tr)
            self.app.push_screen(ConflictDialog(exc.key, str(exc.current.get("updated_by") or "?"),
                                                rows, can_edit_further=False), chosen)

        base = revision or session.known_revision(activity.id, activity.revision)

        def saved(result: Activity) -> None:
            session.patch_activity(result)  # its new revision, so the next edit is not a conflict
            self.preview_activity(result)

        # the row already shows the new status; the write runs in a thread (on disk before
        # "saved" is said), and a refused write puts back what the file holds
        session.save_soon(partial(session.store.set_status, activity.id, status,
                                  expected_revision=base),
                          what, on_saved=saved, on_failed=lambda: self.show_plan(session.plan),
                          on_conflict=conflict)

    # -- dialogs that write fields: each saves itself and closes with the activity's ID ----------

    def _open(self, dialog: ModalScreen[str | None]) -> None:
        def done(activity_id: str | None) -> None:
            if activity_id:
                self.after_edit(activity_id)

        self.app.push_screen(dialog, done)

    def action_assess(self) -> None:
        activity = self._editable()
        if isinstance(activity, Activity):
            from ..dialogs.activity_assess import AssessDialog

            self._open(AssessDialog(activity))

    def action_add_note(self) -> None:
        activity = self._editable()
        if isinstance(activity, Activity):
            from ..dialogs.activity_note import NoteDialog

            self._open(NoteDialog(activity))

    def action_edit(self) -> None:
        activity = self._editable()
        if isinstance(activity, Activity):
            from ..dialogs.activity_form import ActivityForm

            self._open(ActivityForm(activity))

    def action_create(self) -> None:
        if self._editable(need_activity=False) is False:
            return
        from ..dialogs.activity_form import ActivityForm

        self._open(ActivityForm(None, focus=self.default_focus()))

    # -- delete -----------------------------------------------------------------------------------

    def action_delete(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return
        session = self.session

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            session.save(partial(session.store.delete_activity, activity.id,
                                 expected_revision=activity.revision),
                         self.tr.t("msg.deleted", id=activity.id))

        from ..dialogs.confirm import ConfirmDialog

        question = self.tr.t("dialog.delete", id=activity.id, title=clean_text(activity.title))
        self.app.push_screen(ConfirmDialog(question, self.tr.t("dialog.delete_yes"),
                                           self.tr.t("dialog.no")), answered)
