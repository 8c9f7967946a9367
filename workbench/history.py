"""A paragraph's history read from its edit log: current text, undo/redo, status, entries.

Pure functions over the list of `model.Edit` that storage returns in seq order; nothing here
writes. The log is append-only: undo appends an UNDO edit naming the undone edit, redo appends
a REDO edit, and any new action empties the redo stack. There is one undo history a paragraph,
over everything the negotiator decides in the order it was done: accepts, rejects, restores,
typing and status changes. An edit is "in force" unless its last UNDO/REDO is an UNDO.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from workbench.model import TEXT_CHANGING_KINDS, TYPED_SOURCE, Edit, EditKind, Status

# Edits the negotiator can undo (the initial text is where the paragraph starts, not a step).
UNDOABLE_KINDS = frozenset(
    {EditKind.ACCEPT, EditKind.TYPED, EditKind.REJECT, EditKind.RESTORE, EditKind.STATUS}
)
# Of those, the ones that change the text (undoing or redoing them changes it back).
TEXT_STEPS = frozenset({EditKind.ACCEPT, EditKind.TYPED})


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
        before[edit.id] = text
        if edit.kind not in TEXT_CHANGING_KINDS:
            after[edit.id] = text  # a decision that leaves the text as it is
            continue
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
        elif edit.kind in (EditKind.INITIAL, EditKind.MERGE):
            # Where the paragraph starts, or where two versions became one: undo stops here
            # (undoing across a merge would quietly drop what the merge took in).
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


def undone(edits: Sequence[Edit]) -> set[int]:
    """Ids of the edits out of force: undone, and not redone since."""
    last: dict[int, EditKind] = {}
    for edit in edits:
        if edit.kind in (EditKind.UNDO, EditKind.REDO) and edit.target_edit_id is not None:
            last[edit.target_edit_id] = edit.kind
    return {edit_id for edit_id, kind in last.items() if kind is EditKind.UNDO}


def status_in_force(edits: Sequence[Edit]) -> Status:
    """The status set by hand and in force: the last edit carrying one (open if none does)."""
    for edit in reversed(edits):
        if edit.status is not None:
            return edit.status
    return Status.OPEN


def status_before(edits: Sequence[Edit], edit_id: int) -> Status:
    """The status in force just before the edit `edit_id`."""
    status = Status.OPEN
    for edit in edits:
        if edit.id == edit_id:
            return status
        if edit.status is not None:
            status = edit.status
    raise KeyError(edit_id)


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
        if edit.kind in (EditKind.UNDO, EditKind.REDO, EditKind.MERGE):
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


class Entry(NamedTuple):
    """One line of a paragraph's history as the negotiator reads it: every edit, every kind."""

    seq: int
    edit_id: int
    kind: EditKind
    what: str  # "accepted GC 2", "rejected EU 1", "typed by hand", "status set to agreed"
    author: str
    at: str
    text: str  # the compromise once this edit was made
    stakeholder_id: int | None
    in_force: bool  # False once undone (and not redone)


_VERBS = {
    EditKind.ACCEPT: "accepted",
    EditKind.REJECT: "rejected",
    EditKind.RESTORE: "restored",
}


def describe(
    edit: Edit,
    tags: Mapping[int, str],
    names: Mapping[int, str],
    by_id: Mapping[int, Edit] | None = None,
) -> str:
    """What an edit did, naming changes by their ids ("accepted GC 2, GC 3").

    `tags` maps proposal variant ids to their tags ("GC", "GC (2)"), `names` stakeholder ids
    to names; `by_id` lets UNDO and REDO say what they undid or redid.
    """
    stakeholder = names.get(edit.stakeholder_id or -1, "")
    if edit.kind is EditKind.INITIAL:
        return f"starting text ({stakeholder})" if stakeholder else "starting text"
    if edit.kind is EditKind.MERGE:
        return edit.note or "took in a colleague's version"
    if edit.kind in _VERBS:
        # A colleague's version (a fork) has no variant: its decisions name its head instead.
        proposal = edit.variant_id if edit.variant_id is not None else -(edit.target_edit_id or 1)
        tag = tags.get(proposal, stakeholder)
        if not tag and edit.note:
            return edit.note  # a colleague's version taken in since: the note names it
        if edit.changes and tag:
            return f"{_VERBS[edit.kind]} " + ", ".join(f"{tag} {n}" for n in edit.changes)
        return f"{_VERBS[edit.kind]} {edit.note or tag}".strip()
    if edit.kind is EditKind.TYPED:
        return "typed by hand"
    if edit.kind is EditKind.STATUS:
        return f"status set to {edit.status or edit.note}"
    if edit.kind in (EditKind.UNDO, EditKind.REDO):
        target = (by_id or {}).get(edit.target_edit_id or -1)
        verb = "undo" if edit.kind is EditKind.UNDO else "redo"
        return f"{verb}: {describe(target, tags, names)}" if target is not None else verb
    if edit.kind is EditKind.TRACKED:
        return f"Word tracked change: {edit.note}"
    return str(edit.kind)


def entries(
    edits: Sequence[Edit], tags: Mapping[int, str], names: Mapping[int, str]
) -> list[Entry]:
    """Every edit of the log, oldest first, described and marked in force or undone."""
    by_id = {edit.id: edit for edit in edits}
    out_of_force = undone(edits)
    text = ""
    result = []
    for edit in edits:
        if edit.kind in TEXT_CHANGING_KINDS:
            text = edit.text_after
        result.append(
            Entry(
                seq=edit.seq,
                edit_id=edit.id,
                kind=edit.kind,
                what=describe(edit, tags, names, by_id),
                author=edit.author,
                at=edit.at,
                text=text,
                stakeholder_id=edit.stakeholder_id,
                in_force=edit.id not in out_of_force,
            )
        )
    return result
