"""Rows of the record tables into value objects and back, every value read through `values`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.model import (
    Comment,
    Edit,
    EditKind,
    Mark,
    NewEdit,
    Paragraph,
    Section,
    Stakeholder,
    Status,
    Variant,
)
from workbench.storage import values

# Rows into value objects: every value through its checker in `values` (a BadValue otherwise).


def read_stakeholder(row: Sequence[Any]) -> Stakeholder:
    return Stakeholder(*values.STAKEHOLDERS.read(row))


def read_section(row: Sequence[Any]) -> Section:
    return Section(*values.SECTIONS.read(row))


def read_paragraph(row: Sequence[Any]) -> Paragraph:
    return Paragraph(*values.PARAGRAPHS.read(row))


def read_variant(row: Sequence[Any]) -> Variant:
    return Variant(*values.VARIANTS.read(row))


def read_edit(row: Sequence[Any]) -> Edit:
    return Edit(*values.EDITS.read(row))


def read_comment(row: Sequence[Any]) -> Comment:
    return Comment(*values.COMMENTS.read(row))


def read_paragraph_and_number(row: Sequence[Any]) -> tuple[int, int]:
    """(paragraph id, a count or number) from the edits, both checked."""
    if type(row[0]) is not int:
        raise values.BadValue(
            "edits", "?", "paragraph_id", values.problem_of(values.integer, row[0])
        )
    if type(row[1]) is not int:
        raise values.BadValue("edits", f"of paragraph {row[0]}", "seq", "is not a whole number")
    return row[0], row[1]


def read_text_after(row: Sequence[Any]) -> tuple[int, str]:
    """(paragraph id, text) from (paragraph_id, text_after, edit id, ...)."""
    if type(row[1]) is not str:
        raise values.BadValue("edits", row[2], "text_after", values.problem_of(values.text, row[1]))
    return row[0], row[1]


def marks_json(marks: Sequence[Mark]) -> str:
    if not marks:
        return "[]"
    return json.dumps(
        [_mark_to_json(mark) for mark in marks], ensure_ascii=False, separators=(",", ":")
    )


def _mark_to_json(mark: Mark) -> dict[str, Any]:
    return {"kind": mark.kind, "start": mark.start, "end": mark.end, "text": mark.text}


def edit_row(e: Edit) -> tuple[Any, ...]:
    return (
        e.id,
        e.paragraph_id,
        e.seq,
        e.kind.value,
        e.stakeholder_id,
        e.variant_id,
        e.author,
        e.at,
        e.start,
        e.end,
        e.inserted,
        e.text_after,
        e.note,
        e.target_edit_id,
        _changes_text(e.changes),
        _status_text(e.status),
        e.origin,
        e.parent_id,
        e.merged_id,
    )


def edit_from(new_edit: NewEdit, edit_id: int, seq: int, at: str) -> Edit:
    """The Edit a NewEdit becomes once written with its id, place in the log and time."""
    return Edit(
        id=edit_id,
        paragraph_id=new_edit.paragraph_id,
        seq=seq,
        kind=EditKind(new_edit.kind),
        stakeholder_id=new_edit.stakeholder_id,
        variant_id=new_edit.variant_id,
        author=new_edit.author,
        at=at,
        start=new_edit.start,
        end=new_edit.end,
        inserted=new_edit.inserted,
        text_after=new_edit.text_after,
        note=new_edit.note,
        target_edit_id=new_edit.target_edit_id,
        changes=tuple(new_edit.changes),
        status=Status(new_edit.status) if new_edit.status is not None else None,
        merged_id=new_edit.merged_id,
    )


def _changes_text(changes: Sequence[int]) -> str:
    return ",".join(str(number) for number in changes)


def _status_text(status: Status | None) -> str | None:
    return Status(status).value if status is not None else None
