"""What can go wrong with a plan file, as exceptions with one-line messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# What each store error code says, in English, for ``str()`` and logs. The catalogs in
# kattegat_tui/i18n/ carry the same keys in da, sv and en for what people read.
MESSAGES: dict[str, str] = {
    "store.empty": "the file is empty",
    "store.not_json": "not valid JSON ({detail})",
    "store.no_such_file": "no such file",
    "store.is_directory": "is a directory, not a plan file",
    "store.read_denied": "permission denied (cannot read)",
    "store.cannot_read": "cannot read ({reason})",
    "store.keeps_changing": "the file keeps changing while it is read; try again",
    "store.cannot_create_folder": "cannot create its folder ({reason})",
    "store.already_exists": "already exists; not overwritten",
    "store.cannot_store_text": "cannot store the text: {detail}; nothing was written",
    "store.locked": "locked by another process for over {seconds:g} s",
    "store.lock_create": "cannot create lock file {name}: {reason}",
    "store.lock_open": "cannot open lock file {name}: {reason}",
    "store.lock_denied": "cannot open lock file {name}: permission denied",
    "store.disk_full": "disk full: nothing was written, the file is unchanged",
    "store.cannot_write": "cannot write ({reason}): nothing was written, the file is unchanged",
    "store.null": "the file holds null, not a plan",
    "store.not_object": "expected a JSON object, found {found}",
    "store.table_not_object": "table {table!r} is {found}, not an object",
    "store.no_meta": "no plan metadata (table 'meta'): not a kattegat plan file",
    "store.version_not_number": "schema version {version!r} is not a number",
    "store.newer_schema": "schema version {version} is newer than this program understands "
                          "({supported}); upgrade kattegat",
    "store.missing_tables": "missing table(s): {tables}",
    "store.malformed_record": "table {table!r} has a malformed record {record!r}",
    "store.bad_record": "malformed record in table {table!r}: {detail}",
    "store.bad_document": "{detail}",
    "store.journal_unreadable": "cannot read the journal ({reason})",
    "store.journal_damaged": "journal line {line} is damaged ({detail})",
    "store.journal_not_record": "journal line {line} is not a record",
    "store.journal_unknown_table": "the journal writes to an unknown table {table!r}",
    "store.link_loop": "too many levels of symbolic links",
    "store.foreign_owner": "belongs to another user (uid {uid}) outside the plan's group; refused",
    "store.not_regular": "is {kind}, not a regular file; refused",
    "store.hard_links": "has {links} hard links (another name points at the same file); refused",
    "store.symlink": "is a symbolic link; refused (kattegat never follows links beside a plan)",
    "store.folder_unreadable": ("the plan's folder cannot be read; "
                                "kattegat saves only in a folder its group may read"
                                " (mode 2770, docs/ssh.md)"),
    "store.no_such_folder": "no such folder",
    "store.too_large": "is {size} bytes, more than a plan can be ({limit}); refused unread",
    "store.folder_swapped": "a new folder was replaced by someone else's before it could be used; refused",
    "store.out_of_memory": ("cannot be read: parsing its {size} bytes needs more memory than "
                            "there is; refused"),
    "store.fifo": "is a FIFO or socket, not a regular file; refused",
    "store.cannot_create_dir": "cannot create the folder ({reason})",
    "store.not_folder": "is {kind}, not a folder; refused",
    "store.kind.folder": "a folder",
    "store.kind.link": "a symbolic link",
    "store.kind.fifo": "a FIFO",
    "store.kind.socket": "a socket",
    "store.kind.device": "a device",
    "store.kind.not_file": "not a regular file",
    "store.kind.not_folder": "not a folder",
}


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
