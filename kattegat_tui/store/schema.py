"""The plan file's shape and version: validation on every read, migrations from older versions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import NewerSchema, UnreadableFile

SCHEMA_VERSION = 1
TABLES = ("meta", "focus_areas", "committees", "activities", "milestones", "decisions",
          "expenses", "changes")
META_ID = "1"

Document = dict[str, dict[str, dict[str, Any]]]

# version -> function upgrading a document from that version to the next one
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _migrate_0_to_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 0 had no schema number and no expenses or changes tables."""
    for table in TABLES:
        doc.setdefault(table, {})
    doc["meta"].setdefault(META_ID, {})["schema_version"] = 1
    return doc


MIGRATIONS[0] = _migrate_0_to_1


def check_shape(path: Path, doc: Any) -> Document:
    """Refuse anything that is not a plan document; migrate an older one in memory.

    Raises ``UnreadableFile`` or ``NewerSchema`` with a one-line reason.
    """
    if doc is None:
        raise UnreadableFile(path, "store.null")
    if not isinstance(doc, dict):
        raise UnreadableFile(path, "store.not_object", found=type(doc).__name__)
    for name, table in doc.items():
        if not isinstance(table, dict):
            raise UnreadableFile(path, "store.table_not_object", table=name,
                                 found=type(table).__name__)
    meta = doc.get("meta", {}).get(META_ID)
    if not isinstance(meta, dict):
        raise UnreadableFile(path, "store.no_meta")
    version = meta.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise UnreadableFile(path, "store.version_not_number", version=version)
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, "store.newer_schema", version=version, supported=SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["meta"][META_ID]["schema_version"]
    missing = [t for t in TABLES if t not in doc]
    if missing:
        raise UnreadableFile(path, "store.missing_tables", tables=", ".join(missing))
    for name in TABLES:
        for doc_id, record in doc[name].items():
            if not isinstance(record, dict) or not doc_id.isdigit():
                raise UnreadableFile(path, "store.malformed_record", table=name, record=doc_id)
    checked: Document = doc
    return checked
