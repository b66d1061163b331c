"""What the activity dialogs (form, assessment, note) share on top of the form framework: how an
activity's fields read, the store call that writes them, and how another session's save is said."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, ClassVar

from ..domain import Activity, Plan, ValidationError
from ..domain.text import clean_text
from ..i18n import Translator
from .conflict import Row, differences
from .form import FormDialog

COMPARED = ("title", "focus", "committee", "owner", "side", "start", "due", "status", "assessment",
            "assessment_comment", "description")


def show_value(name: str, value: Any, tr: Translator) -> str:
    """A stored activity field as the reader says it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, date):
        return tr.date_short(value)
    text = getattr(value, "value", value)
    if name == "status":
        return tr.status(text)
    if name == "assessment":
        return tr.assessment(text)
    if name == "side":
        return tr.t(f"side.{text}")
    if name in ("start", "due") and isinstance(text, str):
        try:
            return tr.date_short(date.fromisoformat(text))
        except ValueError:
            return text
    return clean_text(str(text))


def conflict_rows(mine: dict[str, Any], base: Activity, theirs: dict[str, Any],
                  tr: Translator) -> list[Row]:
    """The rows of the conflict dialog for an activity (``mine``: only the fields I changed)."""
    return differences(COMPARED, mine, base.to_dict(), theirs, lambda n: tr.t(f"field.{n}"),
                       partial(show_value, tr=tr))


def what_line(activity_id: str, text: str) -> str:
    """An edit of an activity in the "saved" message."""
    return f"{activity_id} · {clean_text(text)}"


class ActivityDialog(FormDialog[str]):
    """A form over one activity; saving writes only the fields that changed."""

    RECORD_KIND: ClassVar[str] = "activity"
    COMPARED: ClassVar[tuple[str, ...]] = COMPARED

    @property
    def activity(self) -> Activity | None:
        """The activity as the form last took it (its version in the file after "keep editing")."""
        return self.record  # type: ignore[no-any-return]

    def write(self, fields: dict[str, Any]) -> Callable[[], Any]:
        assert self.activity is not None
        return partial(self.session.store.update_activity, self.activity.id, fields,
                       expected_revision=self.revision)

    def what(self, fields: dict[str, Any]) -> str:
        assert self.activity is not None
        return what_line(self.activity.id, str(fields.get("title") or self.activity.title))

    def find_record(self, plan: Plan) -> Activity | None:
        assert self.activity is not None
        return plan.activity(self.activity.id)

    def changed_text(self, current: Activity) -> str:
        return self.tr.t("form.changed_elsewhere", who=current.updated_by or "?")

    def deleted_text(self) -> str:
        assert self.activity is not None
        return self.tr.t("form.deleted_elsewhere", id=self.activity.id)

    def record_values(self, data: dict[str, Any]) -> dict[str, Any]:
        return data  # stored strings: show_value reads them as they are

    def show_value(self, name: str, value: Any) -> str:
        return show_value(name, value, self.tr)

    def message(self, exc: Exception) -> str:
        # a missing comment is said as what to do, next to where it is done
        if isinstance(exc, ValidationError) and exc.code == "err.comment_required":
            return self.tr.t("form.comment_required",
                             value=self.tr.assessment(exc.params.get("value")))
        return super().message(exc)
