"""The repository of records: every table of the negotiation, one class a kind of record.

Reads and writes rows of the workbench file through the connection its file (`WorkbenchFile`)
holds, and nothing else: opening, locking, pragmas and copies are the file's job
(`workbench_file.py`). Every write runs in the file's `transaction()`, so a failure leaves the
file exactly as it was.

Split along the kinds of record, each on `record_access` (checked reads, meta, new ids) and
`record_rows` (rows into value objects and back): `stakeholder_records`, `paragraph_records`
(sections and paragraphs), `variant_records`, `edit_log` (the edits, their graph across
laptops and this laptop's heads), `comment_records` and `search_index`.

Several laptops write one negotiation (`workbench.sync`): ids are allocated in this file's
origin's range (`ids`), paragraphs and sections are ordered by keys that never need rewriting
(`order_keys`), and each edit names the edit it follows (`edit_log`).
"""

from __future__ import annotations

from workbench.storage.comment_records import CommentRecords
from workbench.storage.edit_log import EditLog
from workbench.storage.paragraph_records import ParagraphRecords
from workbench.storage.search_index import SearchIndex
from workbench.storage.stakeholder_records import StakeholderRecords
from workbench.storage.variant_records import VariantRecords


class Records(
    StakeholderRecords, ParagraphRecords, VariantRecords, EditLog, CommentRecords, SearchIndex
):
    """Reads and writes of the workbench's records; the file class provides the connection.

    `WorkbenchFile` is the one subclass: it opens the connection, holds the writer lock and
    runs `transaction()`; this class only knows the tables.
    """
