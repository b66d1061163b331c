"""Every edit on an activity, shared by the tabs that show activities (plan and overview).

Each flow asks in a dialog, writes through ``app.save`` (on disk, locked and atomic, before the
screen says "saved") and lets the tab repaint. A status change is shown at once and written right
after; if the write is refused the row goes back to what the file holds.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType

from ..domain import Activity, Status
from ..domain.text import clean_text
from ..store import ConflictError
from .base import DashboardTab

if TYPE_CHECKING:
    from ..dialogs.activity_dialog import ActivityDialog

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

    # -- status ------------------------------------------------------------------------------------

    def action_set_status(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return

        def chosen(status: Status | None) -> None:
            if status is not None and status is not activity.status:
                self.write_status(activity, status)

        from ..dialogs.activity_status import StatusPicker

        self.app.push_screen(StatusPicker(activity), chosen)

    def write_status(self, activity: Activity, status: Status, revision: int | None = None) -> None:
        """Show the new status now, write it right after the screen is drawn."""
        self.preview_activity(replace(activity, status=status))
        session = self.session
        what = self._what(activity.id, f"{self.tr.t('field.status')} {self.tr.status(status)}")

        def conflict(exc: ConflictError) -> None:
            from ..dialogs.activity_conflict import ConflictDialog

            def chosen(choice: str | None) -> None:
                if choice == "mine":
                    current = Activity.from_dict(exc.current)
                    self.write_status(current, status, revision=current.revision)

            self.app.push_screen(ConflictDialog(exc.key, str(exc.current.get("updated_by") or "?"),
                                                {"status": status.value}, activity.to_dict(),
                                                exc.current, can_edit_further=False), chosen)

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

    # -- dialogs that write fields ------------------------------------------------------------------

    def _submit_fields(self, dialog: ActivityDialog, fields: dict[str, Any], what: str) -> None:
        from ..dialogs.activity_dialog import field_errors

        app = self.kapp
        activity = dialog.activity
        assert activity is not None
        if not fields:
            app.say(self.tr.t("msg.no_changes"))
            dialog.saved()
            return

        def conflict(exc: ConflictError) -> None:
            from ..dialogs.activity_conflict import ConflictDialog

            def chosen(choice: str | None) -> None:
                if choice == "mine":
                    dialog.revision = int(exc.current.get("revision", dialog.revision))
                    dialog.action_save()
                elif choice == "theirs":
                    dialog.dismiss(False)
                elif choice == "edit":
                    dialog.rebase(exc.current)

            app.push_screen(ConflictDialog(exc.key, str(exc.current.get("updated_by") or "?"),
                                           fields, activity.to_dict(), exc.current), chosen)

        op = partial(app.store.update_activity, activity.id, fields,
                     expected_revision=dialog.revision)
        result = app.save(op, what, on_conflict=conflict,
                          on_error=lambda exc: dialog.show_errors(field_errors(exc, self.tr,
                                                                               app.describe)))
        if result is not None:
            dialog.saved()

    def _edited(self, activity_id: str | None) -> Any:
        def done(saved: bool | None) -> None:
            if saved:
                self.after_edit(activity_id)
        return done

    def action_assess(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return

        def submit(dialog: ActivityDialog) -> None:
            values = dialog.values()
            what = self._what(activity.id, f"{self.tr.t('field.assessment')} "
                                           f"{self.tr.assessment(values['assessment'])}")
            fields: dict[str, Any] = {}
            if values["assessment"] is not activity.assessment:
                fields["assessment"] = values["assessment"]
            if values["assessment_comment"] != activity.assessment_comment:
                fields["assessment_comment"] = values["assessment_comment"]
            self._submit_fields(dialog, fields, what)

        from ..dialogs.activity_assess import AssessDialog

        self.app.push_screen(AssessDialog(activity, submit), self._edited(activity.id))

    def action_add_note(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return
        app = self.kapp
        from ..dialogs.activity_dialog import field_errors
        from ..dialogs.activity_note import NoteDialog

        def submit(dialog: ActivityDialog) -> None:
            text = dialog.values()["note"]
            result = app.save(partial(app.store.add_note, activity.id, text),
                              self._what(activity.id, self.tr.t("field.note")),
                              on_error=lambda exc: dialog.show_errors(
                                  {"note": field_errors(exc, self.tr, app.describe).popitem()[1]}))
            if result is not None:
                dialog.saved()

        self.app.push_screen(NoteDialog(activity, submit), self._edited(activity.id))

    def action_edit(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return

        def submit(dialog: ActivityDialog) -> None:
            values = dialog.values()
            title = str(values.get("title") or activity.title)
            self._submit_fields(dialog, values, self._what(activity.id, title))

        from ..dialogs.activity_form import ActivityForm

        self.app.push_screen(ActivityForm(activity, submit), self._edited(activity.id))

    def action_create(self) -> None:
        if self._editable(need_activity=False) is False:
            return
        app = self.kapp
        created: list[str] = []
        from ..dialogs.activity_dialog import field_errors
        from ..dialogs.activity_form import ActivityForm

        def submit(dialog: ActivityDialog) -> None:
            values = dict(dialog.values())
            activity_id = values.pop("activity_id", None)
            values = {k: v for k, v in values.items() if v not in (None, "")}
            result = app.save(partial(app.store.create_activity, activity_id=activity_id, **values),
                              self.tr.t("msg.created"),
                              on_error=lambda exc: dialog.show_errors(
                                  field_errors(exc, self.tr, app.describe)))
            if result is not None:
                created.append(result.id)
                dialog.saved()

        def done(saved: bool | None) -> None:
            if saved and created:
                self.after_edit(created[-1])

        self.app.push_screen(ActivityForm(None, submit, focus=self.default_focus()), done)

    # -- delete -----------------------------------------------------------------------------------

    def action_delete(self) -> None:
        activity = self._editable()
        if not isinstance(activity, Activity):
            return
        app = self.kapp

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            app.save(partial(app.store.delete_activity, activity.id,
                             expected_revision=activity.revision),
                     self.tr.t("msg.deleted", id=activity.id))

        from ..dialogs.confirm import ConfirmDialog

        question = self.tr.t("dialog.delete", id=activity.id, title=clean_text(activity.title))
        app.push_screen(ConfirmDialog(question, self.tr.t("dialog.delete_yes"),
                                      self.tr.t("dialog.no")), answered)
