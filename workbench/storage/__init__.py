"""The workbench file: one SQLite file a negotiation, and the only package that touches SQLite.

Split along its seams: `workbench_file` (the file: opening, the writer lock, pragmas,
transactions, whole-file copies), `records` (the repository of paragraphs, variants, edits...),
`integrity` (what SQLite says about the file's soundness), `connection` (connecting, side files,
errors). `protocol` declares what the domain uses; domain modules depend on it, not on SQLite.
"""

from __future__ import annotations

from workbench.storage.connection import SQLITE_MAGIC
from workbench.storage.protocol import SnapshotSource, WorkbenchStore
from workbench.storage.records import NewVariant, normalise_label, utc_now
from workbench.storage.workbench_file import WorkbenchFile

__all__ = [
    "SQLITE_MAGIC",
    "NewVariant",
    "SnapshotSource",
    "WorkbenchFile",
    "WorkbenchStore",
    "normalise_label",
    "utc_now",
]
