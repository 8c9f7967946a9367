"""Which cell of a table row each comment thread goes on, and on which of its words.

A thread is anchored in a text that never changes (`workbench.comments`): a variant's, or the
compromise as an edit left it. In the table the draft and the proposals are printed as they
were imported, so a thread anchored in one of them goes on the same words of its cell. A
thread anchored in the compromise goes where its words are in today's compromise; one whose
words are gone goes on the start of the compromise, its text saying what it was on.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.comments import Thread
from workbench.exporting.rows import ExportComment, ExportReply
from workbench.model import Role, Variant

COMPROMISE_COLUMN = -1


def _offset_in(variants: Sequence[Variant], wanted: Variant) -> int | None:
    """Where `wanted`'s text starts in a cell that joins `variants`' texts with newlines."""
    offset = 0
    for variant in variants:
        if variant.id == wanted.id:
            return offset
        offset += len(variant.text) + 1
    return None


def row_comments(
    threads: Sequence[Thread],
    variants: Sequence[Variant],
    proposal_columns: Sequence[int],
) -> tuple[ExportComment, ...]:
    """The row's threads, each on its cell's words. `proposal_columns` are the stakeholder
    ids of the proposal columns, in order."""
    by_id = {variant.id: variant for variant in variants}
    drafts = [v for v in variants if v.role is Role.DRAFT]
    placed = []
    for thread in threads:
        root = thread.comment
        where: tuple[int, int, int] | None = None
        anchor = by_id.get(root.variant_id) if root.variant_id is not None else None
        if anchor is not None and anchor.role is Role.DRAFT:
            offset = _offset_in(drafts, anchor)
            if offset is not None:
                where = (0, offset + root.start, offset + root.end)
        elif (
            anchor is not None
            and anchor.role is Role.PROPOSAL
            and anchor.stakeholder_id in proposal_columns
        ):
            column = proposal_columns.index(anchor.stakeholder_id)
            mine = [
                v
                for v in variants
                if v.role is Role.PROPOSAL and v.stakeholder_id == anchor.stakeholder_id
            ]
            offset = _offset_in(mine, anchor)
            if offset is not None:
                where = (column + 1, offset + root.start, offset + root.end)
        text = root.text
        if where is None and thread.placed is not None:
            where = (COMPROMISE_COLUMN, *thread.placed)
        if where is None:
            text = (
                f"[on “{root.quote}”, no longer in the compromise] {text}" if root.quote else text
            )
            where = (COMPROMISE_COLUMN, 0, 0)
        placed.append(
            ExportComment(
                where[0],
                where[1],
                where[2],
                root.author,
                root.at,
                text,
                tuple(ExportReply(r.author, r.at, r.text) for r in thread.replies),
                thread.resolved,
            )
        )
    return tuple(placed)
