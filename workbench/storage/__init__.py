"""The workbench file: one SQLite file a negotiation, and the only package that touches SQLite.

Split along its seams:
- the file: `workbench_file` (opening, creating, pragmas, transactions, whole-file copies, the
  file checked to be still itself before each write), `handles` (descriptors by file
  identity), `lock` (the writer lock on the file itself), `connection` (connecting,
  recognising our files, side files, errors in words), `commit_pause` (a test hook);
- the repository of records: `records`, one class a kind of record (`stakeholder_records`,
  `paragraph_records`, `variant_records`, `edit_log`, `comment_records`, `search_index`) on
  `record_access` and `record_rows`, every value read checked by `values`;
- integrity: `integrity` (SQLite's checks, orphans, raw rows), `schema_objects` (the schema the
  migrations make, and how a file differs), `repair` (`workbench check --repair`).
`protocol` declares what the domain uses; domain modules depend on it, not on SQLite.
"""

from __future__ import annotations

from workbench.storage.connection import SQLITE_MAGIC
from workbench.storage.edit_log import initial_edit
from workbench.storage.paragraph_records import normalise_label
from workbench.storage.protocol import SnapshotSource, WorkbenchStore
from workbench.storage.record_access import utc_now
from workbench.storage.variant_records import NewVariant
from workbench.storage.workbench_file import WorkbenchFile

__all__ = [
    "SQLITE_MAGIC",
    "NewVariant",
    "SnapshotSource",
    "WorkbenchFile",
    "WorkbenchStore",
    "initial_edit",
    "normalise_label",
    "utc_now",
]
