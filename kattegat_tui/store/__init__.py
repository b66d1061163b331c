"""The plan file: the only package that imports tinydb."""

from __future__ import annotations

from .activity_edits import ActivityEdits
from .errors import (
    AccessDenied,
    ConflictError,
    LockTimeout,
    NewerSchema,
    NotFound,
    StoreError,
    UndoConflict,
    UnreadableFile,
)
from .other_edits import OtherEdits
from .plan_store import PlanStore, dump_document, parse_bytes
from .schema import SCHEMA_VERSION
from .undo import UndoEdits


class Store(ActivityEdits, OtherEdits, UndoEdits):
    """A plan file with every edit the app and the CLI make."""


__all__ = [
    "SCHEMA_VERSION", "AccessDenied", "ConflictError", "LockTimeout", "NewerSchema", "NotFound",
    "PlanStore", "Store", "StoreError", "UndoConflict", "UnreadableFile", "dump_document",
    "parse_bytes",
]
