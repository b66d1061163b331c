"""What can go wrong with a plan file, as exceptions with one-line messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n.en import MESSAGES as _EN

# What each store error code says, in English, for ``str()`` and logs: the English catalog's
# ``store.*`` keys, the same text people read (da and sv carry the same keys).
MESSAGES: dict[str, str] = {k: v for k, v in _EN.items() if k.startswith("store.")}


class StoreError(Exception):
    """A plan file problem the user can act on; ``str()`` is one English line naming the file.

    ``code`` names the message in the i18n catalogs (``store.*``) and ``params`` fill it in, as
    for ``ValidationError``; a ``kind`` parameter is itself a code (``store.kind.*``).
    """

    def __init__(self, path: Path | str, code: str, /, **params: Any) -> None:
        self.path = Path(path)
        self.code = code
        self.params = params
        self.problem = english(code, params)
        super().__init__(f"{self.path}: {self.problem}")


def english(code: str, params: dict[str, Any]) -> str:
    """The English text of a store error code (the ``kind`` parameter spelt out too)."""
    if "kind" in params:
        params = {**params, "kind": MESSAGES.get(f"store.kind.{params['kind']}", params["kind"])}
    template = MESSAGES.get(code, code)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class UnreadableFile(StoreError):
    """The file cannot be parsed or has the wrong shape; it is never overwritten."""


class NewerSchema(StoreError):
    """The file was written by a newer version of kattegat."""


class LockTimeout(StoreError):
    """Another process held the plan's lock for too long."""


class UnsafePath(StoreError):
    """A file or folder beside the plan is not what the store expects (a symbolic link, a hard
    link, a FIFO, a stranger's file): it is refused, never followed, opened or written."""


class NotFound(LookupError):
    """No record with that id."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key!r} not found")


class AccessDenied(PermissionError):
    """The user is not on the plan's list of editors (or the file is not writable)."""

    def __init__(self, user: str, reason: str = "not an editor") -> None:
        self.user = user
        self.reason = reason
        super().__init__(f"{user}: {reason}")


class ConflictError(Exception):
    """The record changed since the caller read it; both versions are attached."""

    def __init__(self, kind: str, key: str, expected: int, current: dict[str, Any]) -> None:
        self.kind = kind
        self.key = key
        self.expected_revision = expected
        self.current = current
        super().__init__(f"{kind} {key} was changed by {current.get('updated_by') or 'someone'} "
                         f"(revision {current.get('revision')}, you had {expected})")


class UndoConflict(Exception):
    """An undo (``op="undo"``) or redo (``op="redo"``) was refused because a value it would
    revert no longer holds what it is reverting: someone changed it since. Nothing was written.

    ``entity``/``key``/``field`` name the value (``field`` is ``"*"`` for a whole record);
    ``who`` and ``at`` (ISO time) are the newest change to it in the audit log, if there is one.
    """

    def __init__(self, op: str, entity: str, key: str, field: str, who: str | None,
                 at: str | None) -> None:
        self.op = op
        self.entity = entity
        self.key = key
        self.field = field
        self.who = who
        self.at = at
        since = f" by {who} at {at}" if who else ""
        super().__init__(f"cannot {op}: {entity} {key} ({field}) was changed since{since}; "
                         f"nothing was saved")
