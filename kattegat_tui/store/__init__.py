"""The plan file: the only package that imports tinydb."""

from __future__ import annotations

from .access_edits import AccessEdits
from .activity_edits import ActivityEdits
from .budget_edits import BudgetEdits
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
from .milestone_edits import MilestoneEdits
from .plan_store import PlanStore, dump_document, parse_bytes
from .schema import SCHEMA_VERSION
from .undo import UndoEdits


class Store(ActivityEdits, MilestoneEdits, BudgetEdits, AccessEdits, UndoEdits):
    """A plan file with every edit the app and the CLI make."""


__all__ = [
    "SCHEMA_VERSION", "AccessDenied", "ConflictError", "LockTimeout", "NewerSchema", "NotFound",
    "PlanStore", "Store", "StoreError", "UndoConflict", "UnreadableFile", "dump_document",
    "parse_bytes",
]
