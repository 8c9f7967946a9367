"""The edit log: every paragraph's edits, the graph they make across laptops, this laptop's head.

Every paragraph has an INITIAL edit from the transaction that creates it: a paragraph created
without one gets it as that transaction commits (`start_new_paragraphs`), from the variants it
then has (`model.starting_variant`), so the current compromise is always the log's last text.

Several laptops write one negotiation (`workbench.sync`): each edit names the edit it follows.
This laptop's head in each paragraph (and the edits holding the text and the status in force
there) is kept in `local_heads`, in the transaction that appends the edit: the log a paragraph
shows is the chain to that head (`edit_graph`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import NamedTuple

from workbench import edit_graph
from workbench.model import (
    TEXT_CHANGING_KINDS,
    Edit,
    EditKind,
    NewEdit,
    Variant,
    starting_variant,
)
from workbench.storage import values
from workbench.storage.record_access import RecordAccess, utc_now
from workbench.storage.record_rows import (
    edit_from,
    edit_row,
    read_edit,
    read_paragraph_and_number,
    read_text_after,
    read_variant,
)
from workbench.storage.variant_records import VARIANT_COLUMNS

_TEXT_KINDS_SQL = ", ".join(f"'{kind.value}'" for kind in TEXT_CHANGING_KINDS)
_EDIT_COLUMNS = values.EDITS.select
# Who is named on an INITIAL edit that storage writes itself (no user asked for it).
STARTING_AUTHOR = "workbench"


class EditLog(RecordAccess):
    """Reads and writes of the edits and this laptop's heads (`local_heads`)."""

    def edits(self, paragraph_id: int) -> list[Edit]:
        """The paragraph's log as this laptop follows it: the chain to its head."""
        graph, head = self.edit_graph(paragraph_id)
        return edit_graph.chain(graph, head)

    def edit_graph(self, paragraph_id: int) -> tuple[list[Edit], int | None]:
        """Every edit of the paragraph, from every laptop, and this laptop's head among them."""
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits WHERE paragraph_id = ? ORDER BY seq, id",
            [paragraph_id],
        )
        head = self._rows("SELECT edit_id FROM local_heads WHERE paragraph_id = ?", [paragraph_id])
        return self._read(read_edit, rows), (head[0][0] if head else None)

    def forked_paragraphs(self) -> set[int]:
        """Paragraphs whose edits have more than one head (a colleague's version beside
        this laptop's: `edit_graph.forks` says which bring anything new)."""
        rows = self._rows(
            "SELECT e.paragraph_id FROM edits e WHERE NOT EXISTS "
            "(SELECT 1 FROM edits c WHERE c.parent_id = e.id) AND NOT EXISTS "
            "(SELECT 1 FROM edits m WHERE m.merged_id = e.id) "
            "GROUP BY e.paragraph_id HAVING count(*) > 1"
        )
        return {int(row[0]) for row in rows}

    def edit_counts(self) -> dict[int, int]:
        rows = self._rows("SELECT paragraph_id, count(*) FROM edits GROUP BY paragraph_id")
        return dict(self._read(read_paragraph_and_number, rows))

    def compromise(self, paragraph_id: int) -> str:
        rows = self._rows(
            "SELECT h.paragraph_id, e.text_after, e.id FROM local_heads h "
            "JOIN edits e ON e.id = h.text_edit_id WHERE h.paragraph_id = ?",
            [paragraph_id],
        )
        return self._read(read_text_after, rows)[0][1] if rows else ""

    def compromises(self) -> dict[int, str]:
        rows = self._rows(
            "SELECT h.paragraph_id, e.text_after, e.id FROM local_heads h "
            "JOIN edits e ON e.id = h.text_edit_id"
        )
        return dict(self._read(read_text_after, rows))

    def append_edit(self, new_edit: NewEdit) -> Edit:
        return self.append_edits([new_edit])[0]

    def start_new_paragraphs(self) -> None:
        """INITIAL edits for the paragraphs created in this transaction that have none yet
        (the file's `transaction()` calls it just before it commits)."""
        created = sorted(self._new_paragraphs)
        self._new_paragraphs.clear()
        if not created:
            return
        started = {
            pid
            for pid, _ in self._read(
                read_paragraph_and_number,
                self._rows(
                    f"SELECT paragraph_id, count(*) FROM edits WHERE kind IN ({_TEXT_KINDS_SQL}) "
                    "AND paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
                    [json.dumps(created)],
                ),
            )
        }
        missing = [paragraph_id for paragraph_id in created if paragraph_id not in started]
        if not missing:
            return
        grouped: dict[int, list[Variant]] = {}
        rows = self._rows(
            f"SELECT {VARIANT_COLUMNS} FROM variants WHERE role IN ('compromise', 'draft') "
            "AND paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(missing)],
        )
        for variant in self._read(read_variant, rows):
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        self.append_edits([initial_edit(pid, grouped.get(pid, ())) for pid in missing])

    def append_edits(self, new_edits: Sequence[NewEdit]) -> list[Edit]:
        """Appends edits to their paragraphs' logs, in order (what `append_edit` does, in bulk).

        Each follows this laptop's head of its paragraph (a MERGE also names the colleague's
        head it takes in) and becomes the head; `local_heads` moves in the same transaction.
        """
        if not new_edits:
            return []
        edits = []
        with self.transaction():
            heads = self._heads({new.paragraph_id for new in new_edits})
            merged = self._seqs({new.merged_id for new in new_edits if new.merged_id is not None})
            first_id = self._next_id("edits")
            origin = self._writing_origin()
            now = utc_now()
            for index, new in enumerate(new_edits):
                head = heads.get(new.paragraph_id)
                parent_id, parent_seq = (head.edit_id, head.seq) if head else (None, 0)
                seq = max(parent_seq, merged.get(new.merged_id or 0, 0)) + 1
                edit = edit_from(new, first_id + index, seq, new.at or now)
                edit = dataclasses.replace(edit, origin=origin, parent_id=parent_id)
                edits.append(edit)
                heads[new.paragraph_id] = _Head(
                    edit.id,
                    seq,
                    edit.id if edit.kind in TEXT_CHANGING_KINDS else (head and head.text_edit_id),
                    edit.id if edit.status is not None else (head and head.status_edit_id),
                )
            self._conn.executemany(
                f"INSERT INTO edits ({_EDIT_COLUMNS}) VALUES ({', '.join('?' * 19)})",
                [edit_row(e) for e in edits],
            )
            self._set_heads({e.paragraph_id: heads[e.paragraph_id] for e in edits})
        return edits

    def _heads(self, paragraph_ids: set[int]) -> dict[int, _Head]:
        """This laptop's head of each paragraph (with its seq, and its text and status edits)."""
        rows = self._rows(
            "SELECT h.paragraph_id, h.edit_id, e.seq, h.text_edit_id, h.status_edit_id "
            "FROM local_heads h JOIN edits e ON e.id = h.edit_id "
            "WHERE h.paragraph_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(paragraph_ids))],
        )
        return {int(row[0]): _Head(*row[1:]) for row in rows}

    def _seqs(self, edit_ids: set[int]) -> dict[int, int]:
        if not edit_ids:
            return {}
        rows = self._rows(
            "SELECT id, seq FROM edits WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(edit_ids))],
        )
        return {int(row[0]): int(row[1]) for row in rows}

    def _set_heads(self, heads: dict[int, _Head]) -> None:
        self._conn.executemany(
            "INSERT INTO local_heads (paragraph_id, edit_id, text_edit_id, status_edit_id) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(paragraph_id) DO UPDATE SET "
            "edit_id = excluded.edit_id, text_edit_id = excluded.text_edit_id, "
            "status_edit_id = excluded.status_edit_id",
            [(pid, h.edit_id, h.text_edit_id, h.status_edit_id) for pid, h in heads.items()],
        )

    def move_heads(self, paragraph_ids: set[int]) -> None:
        """After a colleague's edits came in: each paragraph's head follows what was built on
        it (`edit_graph.next_head`), and its text and status edits are found again."""
        if not paragraph_ids:
            return
        wanted = json.dumps(sorted(paragraph_ids))
        graphs: dict[int, list[Edit]] = {}
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits "
            "WHERE paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY seq, id",
            [wanted],
        )
        for edit in self._read(read_edit, rows):
            graphs.setdefault(edit.paragraph_id, []).append(edit)
        heads = {
            int(row[0]): int(row[1])
            for row in self._rows(
                "SELECT paragraph_id, edit_id FROM local_heads "
                "WHERE paragraph_id IN (SELECT value FROM json_each(?))",
                [wanted],
            )
        }
        chosen: dict[int, _Head] = {}
        for paragraph_id, graph in graphs.items():
            head = edit_graph.next_head(graph, heads.get(paragraph_id))
            if head is None:
                continue
            walked = edit_graph.chain(graph, head.id)
            text_edit = next((e for e in reversed(walked) if e.kind in TEXT_CHANGING_KINDS), None)
            status_edit = next((e for e in reversed(walked) if e.status is not None), None)
            chosen[paragraph_id] = _Head(
                head.id,
                head.seq,
                text_edit.id if text_edit else None,
                status_edit.id if status_edit else None,
            )
        with self.transaction():
            self._set_heads(chosen)


class _Head(NamedTuple):
    edit_id: int
    seq: int
    text_edit_id: int | None
    status_edit_id: int | None


def initial_edit(paragraph_id: int, variants: Sequence[Variant], author: str = "") -> NewEdit:
    """The INITIAL edit a paragraph starts with, from its variants (`model.starting_variant`)."""
    start = starting_variant(variants)
    text = start.text if start is not None else ""
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=EditKind.INITIAL,
        author=author or STARTING_AUTHOR,
        text_after=text,
        inserted=text,
        stakeholder_id=start.stakeholder_id if start is not None else None,
        variant_id=start.id if start is not None else None,
        note="starting text",
    )
