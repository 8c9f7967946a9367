"""A paragraph's history read from its edit log: current text, undo/redo stacks, versions.

Pure functions over the list of `model.Edit` that storage returns in seq order; nothing here
writes. The log is append-only: undo appends an UNDO edit naming the undone edit, redo appends
a REDO edit, and a new accept or typed edit empties the redo stack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from workbench.model import TEXT_CHANGING_KINDS, TYPED_SOURCE, Edit, EditKind

# Edits the negotiator can undo (the initial text is where the paragraph starts, not a step).
UNDOABLE_KINDS = frozenset({EditKind.ACCEPT, EditKind.TYPED})


class Version(NamedTuple):
    """One state of the compromise: each text-changing edit makes a version."""

    number: int  # 1, 2, 3 ... within the paragraph
    edit_id: int
    seq: int
    kind: EditKind
    stakeholder_id: int | None
    author: str
    at: str
    source: str  # the stakeholder's name, "typed", or "undo"/"redo"
    text: str


class Stacks(NamedTuple):
    """The edits that undo and redo would act on next (last element first in line)."""

    undo: list[Edit]
    redo: list[Edit]


def current_text(edits: Sequence[Edit]) -> str:
    """The compromise now: text_after of the last text-changing edit, "" if there is none."""
    for edit in reversed(edits):
        if edit.kind in TEXT_CHANGING_KINDS:
            return edit.text_after
    return ""


def text_before(edits: Sequence[Edit], edit_id: int) -> str:
    """The compromise just before the edit `edit_id` was made."""
    text = ""
    for edit in edits:
        if edit.id == edit_id:
            return text
        if edit.kind in TEXT_CHANGING_KINDS:
            text = edit.text_after
    raise KeyError(edit_id)


def replay(edits: Sequence[Edit]) -> str:
    """Rebuild the compromise from the splices alone (a check on every stored text_after)."""
    text = ""
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for edit in edits:
        if edit.kind not in TEXT_CHANGING_KINDS:
            continue
        before[edit.id] = text
        if edit.kind is EditKind.INITIAL:
            text = edit.inserted or edit.text_after
        elif edit.kind is EditKind.UNDO:
            text = before[_target(edit)]
        elif edit.kind is EditKind.REDO:
            text = after[_target(edit)]
        else:
            text = text[: edit.start] + edit.inserted + text[edit.end :]
        after[edit.id] = text
    return text


def _target(edit: Edit) -> int:
    if edit.target_edit_id is None:
        raise ValueError(f"{edit.kind} edit {edit.id} names no target edit")
    return edit.target_edit_id


def stacks(edits: Sequence[Edit]) -> Stacks:
    """Walk the log: accept/typed push (and clear redo), UNDO pops to redo, REDO pops back."""
    by_id = {edit.id: edit for edit in edits}
    undo: list[Edit] = []
    redo: list[Edit] = []
    for edit in edits:
        if edit.kind in UNDOABLE_KINDS:
            undo.append(edit)
            redo.clear()
        elif edit.kind is EditKind.INITIAL:
            undo.clear()
            redo.clear()
        elif edit.kind is EditKind.UNDO:
            target = by_id[_target(edit)]
            if undo and undo[-1].id == target.id:
                undo.pop()
            redo.append(target)
        elif edit.kind is EditKind.REDO:
            target = by_id[_target(edit)]
            if redo and redo[-1].id == target.id:
                redo.pop()
            undo.append(target)
    return Stacks(undo, redo)


def undo_stack(edits: Sequence[Edit]) -> list[Edit]:
    """Edits undo would take back, most recent last."""
    return stacks(edits).undo


def redo_stack(edits: Sequence[Edit]) -> list[Edit]:
    """Undone edits redo would re-apply, next one last."""
    return stacks(edits).redo


def versions(edits: Sequence[Edit], names: Mapping[int, str] | None = None) -> list[Version]:
    """Every state of the compromise, oldest first; `names` maps stakeholder ids to names."""
    names = names or {}
    result: list[Version] = []
    for edit in edits:
        if edit.kind not in TEXT_CHANGING_KINDS:
            continue
        if edit.kind in (EditKind.UNDO, EditKind.REDO):
            source = str(edit.kind)
        elif edit.kind is EditKind.TYPED or edit.stakeholder_id is None:
            source = TYPED_SOURCE
        else:
            source = names.get(edit.stakeholder_id, f"stakeholder {edit.stakeholder_id}")
        result.append(
            Version(
                number=len(result) + 1,
                edit_id=edit.id,
                seq=edit.seq,
                kind=edit.kind,
                stakeholder_id=edit.stakeholder_id,
                author=edit.author,
                at=edit.at,
                source=source,
                text=edit.text_after,
            )
        )
    return result


def text_at(edits: Sequence[Edit], version: int) -> str:
    """The compromise as it read at `version` (0: before anything, "")."""
    if version == 0:
        return ""
    found = versions(edits)
    if not 1 <= version <= len(found):
        raise IndexError(f"no version {version}; there are {len(found)}")
    return found[version - 1].text
