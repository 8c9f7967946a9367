"""Building a paragraph's compromise in the workbench file: accept, reject, type, undo, status.

Every operation is exactly one `wb.transaction()`, reads the paragraph's state inside it (so it
decides on the file as it is, not as a window last showed it) and returns the edit it appended,
so the caller (the window's controller, the command line) learns what changed from the return
value.

Design notes
- Changes are addressed by their stable ids ("GC 2", see `paragraph_state`). Taking a pending
  change splices its words in where the base's words it replaces stand in the compromise;
  taking a change in conflict puts the proposal's version of that stretch (the base's words
  there with the change) over the compromise's. An accepted or rejected change is not taken
  again: that is refused with one line.
- Edits name the changes they concern (`variant_id` + `changes`, in that proposal's own
  numbering), so the history says "accepted GC 2" and a rejection stays with its change
  whatever happens to the text around it.
- Accept all / reject all: ONE edit for all of a proposal's pending (open) changes, so one
  undo takes the whole command back.
- One undo history a paragraph, over accepts, rejects, restores, typing and status changes
  (`history.stacks`). Undoing a rejection offers the change again; so does `restore`.
- Agreed and agreed ad ref paragraphs are protected: what would change their text raises
  `ProtectedParagraph` unless `force` (the window asks first; the command line has --force).
- A colleague's version (a fork, see `paragraph_state`) is taken change by change like any
  proposal (its decisions name its head edit, as it has no variant); `resolve` then takes it
  in with a MERGE edit naming both heads, keeping the compromise as it stands (or taking the
  colleague's text), and the status it has, so every laptop ends with the same.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING, Any, TypedDict

from workbench import paragraph_state
from workbench.diff import only_white_space
from workbench.errors import WorkbenchError
from workbench.history import TEXT_STEPS, stacks, status_before, text_before
from workbench.model import ChangeState, Edit, EditKind, NewEdit, Status
from workbench.paragraph_state import Change, ParagraphState
from workbench.wording import counted

if TYPE_CHECKING:  # only for types: callers hand us an open file
    from workbench.storage import WorkbenchStore


class ProtectedParagraph(WorkbenchError):
    """The paragraph is agreed (or agreed ad ref): its text is not changed without asking."""


class NotOpen(WorkbenchError):
    """The change asked for is not waiting for a decision (accepted, rejected, or unknown)."""


def default_author() -> str:
    """Who is editing: $WORKBENCH_USER, else the login name (the UI may pass its own)."""
    name = os.environ.get("WORKBENCH_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): still record something
        return "unknown"


def state(wb: WorkbenchStore, paragraph_id: int) -> ParagraphState:
    """The paragraph's state as the file has it now."""
    return paragraph_state.read(wb, paragraph_id)


def _guard(wb: WorkbenchStore, current: ParagraphState, force: bool) -> None:
    if current.protected and not force:
        raise ProtectedParagraph(
            wb.path,
            f"paragraph {current.label} is {current.hand_status}: its text is protected",
        )


def _find(wb: WorkbenchStore, current: ParagraphState, change_id: str) -> Change:
    change = current.change(change_id)
    if change is None:
        known = ", ".join(c.id for c in current.changes) or "none"
        raise NotOpen(
            wb.path, f"paragraph {current.label} has no change {change_id!r} (changes: {known})"
        )
    return change


def _refuse(wb: WorkbenchStore, current: ParagraphState, change: Change, wanted: str) -> None:
    why = {
        ChangeState.ACCEPTED: "is already in the compromise (undo it, or edit the text)",
        ChangeState.REJECTED: "was rejected (restore it first)",
        ChangeState.PENDING: "is pending",
        ChangeState.CONFLICT: "is in conflict with the compromise",
    }[change.state]
    raise NotOpen(wb.path, f"cannot {wanted} {change.id} in paragraph {current.label}: it {why}")


class _ProposedBy(TypedDict, total=False):
    variant_id: int | None
    stakeholder_id: int | None
    target_edit_id: int | None


def _proposed_by(variant_id: int, stakeholder_id: int | None) -> _ProposedBy:
    """The NewEdit fields naming a proposal: its variant, or for a colleague's version (a
    negative id, see `paragraph_state.fork_proposal`) its head edit."""
    if variant_id < 0:
        return {"variant_id": None, "stakeholder_id": None, "target_edit_id": -variant_id}
    return {"variant_id": variant_id, "stakeholder_id": stakeholder_id}


def accept(
    wb: WorkbenchStore, paragraph_id: int, change_id: str, author: str, *, force: bool = False
) -> Edit:
    """Take one change into the compromise (for a conflict: the proposal's version of it)."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        change = _find(wb, current, change_id)
        if not change.is_open:
            _refuse(wb, current, change, "accept")
        _guard(wb, current, force)
        text = current.compromise
        conflict = change.state is ChangeState.CONFLICT
        verb = "took" if conflict else "accepted"
        return wb.append_edit(
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.ACCEPT,
                author=author,
                text_after=text[: change.start] + change.taken + text[change.end :],
                start=change.start,
                end=change.end,
                inserted=change.taken,
                **_proposed_by(change.variant_id, change.stakeholder_id),
                changes=(change.number,),
                note=f"{verb} {change.id}" + (" over the compromise's text" if conflict else ""),
            )
        )


def accept_all(
    wb: WorkbenchStore, paragraph_id: int, variant_id: int, author: str, *, force: bool = False
) -> Edit | None:
    """Take every pending change of one proposal, as ONE edit (one undo step); None if none.

    Changes in conflict with the compromise are left for the negotiator to look at.
    """
    with wb.transaction():
        current = state(wb, paragraph_id)
        proposal = current.proposal(variant_id)
        if proposal is None:
            raise WorkbenchError(wb.path, f"paragraph {current.label} has no proposal {variant_id}")
        taken = [c for c in current.changes_of(variant_id) if c.state is ChangeState.PENDING]
        text = current.compromise
        wanted = proposal.variant.text
        if not taken and (text == wanted or not only_white_space(text, wanted)):
            return None
        _guard(wb, current, force)
        start = min((c.start for c in taken), default=0)
        end = max((c.end for c in taken), default=0)
        pieces = []
        position = start
        for change in sorted(taken, key=lambda c: (c.start, c.end)):
            pieces.append(text[position : change.start])
            pieces.append(change.taken)
            position = change.end
        pieces.append(text[position:end])
        start, end, inserted = _with_white_space(text, start, end, "".join(pieces), wanted)
        after = text[:start] + inserted + text[end:]
        numbers = tuple(c.proposed_by(variant_id).number for c in taken)  # type: ignore[union-attr]
        count = f"all {len(taken)} changes" if len(taken) > 1 else "the only change"
        note = f"accepted {count} pending from {proposal.tag}"
        if not taken:
            note = f"took {proposal.tag}'s white space (line breaks, spaces)"
        return wb.append_edit(
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.ACCEPT,
                author=author,
                text_after=after,
                start=start,
                end=end,
                inserted=inserted,
                **_proposed_by(variant_id, proposal.variant.stakeholder_id),
                changes=numbers,
                note=note,
            )
        )


def _with_white_space(
    text: str, start: int, end: int, inserted: str, wanted: str
) -> tuple[int, int, str]:
    """The splice of an "accept all": text[start:end] becomes `inserted`, widened to bring the
    proposal's white space along where that leaves the proposal's very text (`wanted`).

    White space alone (a line break, a split paragraph) is no change of anyone's to decide on
    its own, but it is part of the text the proposer wrote and asked for with "all". The
    changes keep their places inside the wider splice; only its edges move out.
    """
    after = text[:start] + inserted + text[end:]
    if after == wanted or not only_white_space(after, wanted):
        return start, end, inserted
    first, last, _ = _splice_between(after, wanted)  # in `after`'s offsets
    shift = len(inserted) - (end - start)
    new_start = min(start, first if first <= start else start)
    tail = last - shift if last >= start + len(inserted) else end
    new_end = max(end, tail)
    return new_start, new_end, wanted[new_start : len(wanted) - (len(text) - new_end)]


def _decision(
    paragraph_id: int,
    kind: EditKind,
    current: ParagraphState,
    variant_id: int,
    changes: list[Change],
    author: str,
    note: str,
) -> NewEdit:
    """A REJECT or RESTORE: the text stays; the splice fields record what was turned down."""
    first = changes[0]
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=kind,
        author=author,
        text_after=current.compromise,
        start=first.start,
        end=first.end,
        inserted=first.taken,
        **_proposed_by(variant_id, first.stakeholder_id),
        changes=tuple(c.proposed_by(variant_id).number for c in changes),  # type: ignore[union-attr]
        note=note,
    )


def reject(wb: WorkbenchStore, paragraph_id: int, change_id: str, author: str) -> Edit:
    """Turn one change down (for a conflict: keep the compromise's text); the text stays."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        change = _find(wb, current, change_id)
        if not change.is_open:
            _refuse(wb, current, change, "reject")
        return wb.append_edit(
            _decision(
                paragraph_id,
                EditKind.REJECT,
                current,
                change.variant_id,
                [change],
                author,
                f"rejected {change.id}",
            )
        )


def reject_all(wb: WorkbenchStore, paragraph_id: int, variant_id: int, author: str) -> Edit | None:
    """Turn down every open change of one proposal, as ONE edit; None if none is open."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        proposal = current.proposal(variant_id)
        if proposal is None:
            raise WorkbenchError(wb.path, f"paragraph {current.label} has no proposal {variant_id}")
        found = [c for c in current.changes_of(variant_id) if c.is_open]
        if not found:
            return None
        note = f"rejected {counted(len(found), 'open change')} of {proposal.tag}"
        return wb.append_edit(
            _decision(paragraph_id, EditKind.REJECT, current, variant_id, found, author, note)
        )


def restore(wb: WorkbenchStore, paragraph_id: int, change_id: str, author: str) -> Edit:
    """Offer a rejected change again (it is pending, or in conflict, once more)."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        change = _find(wb, current, change_id)
        if change.state is not ChangeState.REJECTED:
            raise NotOpen(
                wb.path,
                f"cannot restore {change.id} in paragraph {current.label}: "
                f"it is {change.state}, not rejected",
            )
        return wb.append_edit(
            _decision(
                paragraph_id,
                EditKind.RESTORE,
                current,
                change.variant_id,
                [change],
                author,
                f"offered {change.id} again",
            )
        )


def _edit_to(
    paragraph_id: int, kind: EditKind, author: str, before: str, after: str, **fields: Any
) -> NewEdit:
    """An edit of `kind` making the compromise read `after` instead of `before`, recorded as
    the one splice between them; `fields` are the rest of the edit (whose, what, why)."""
    start, end, inserted = _splice_between(before, after)
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=kind,
        author=author,
        text_after=after,
        start=start,
        end=end,
        inserted=inserted,
        **fields,
    )


def _splice_between(before: str, after: str) -> tuple[int, int, str]:
    """The one splice turning `before` into `after` (common prefix and suffix kept)."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix, after[prefix : len(after) - suffix]


def type_text(
    wb: WorkbenchStore, paragraph_id: int, text: str, author: str, *, force: bool = False
) -> Edit | None:
    """Record a hand edit that makes the compromise read `text`; None when nothing changed."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        if text == current.compromise:
            return None
        _guard(wb, current, force)
        return wb.append_edit(
            _edit_to(paragraph_id, EditKind.TYPED, author, current.compromise, text)
        )


def undo(wb: WorkbenchStore, paragraph_id: int, author: str, *, force: bool = False) -> Edit | None:
    """Take back the last action still in force (accept, reject, restore, typing or status);
    None if there is nothing to undo."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        edits = list(current.edits)
        undoable = stacks(edits).undo
        if not undoable:
            return None
        target = undoable[-1]
        text = current.compromise
        if target.kind in TEXT_STEPS:
            _guard(wb, current, force)
            text = text_before(edits, target.id)
        return wb.append_edit(
            _edit_to(
                paragraph_id,
                EditKind.UNDO,
                author,
                current.compromise,
                text,
                stakeholder_id=target.stakeholder_id,
                variant_id=target.variant_id,
                note=f"undo edit {target.seq}",
                target_edit_id=target.id,
                status=status_before(edits, target.id) if target.status is not None else None,
            )
        )


def redo(wb: WorkbenchStore, paragraph_id: int, author: str, *, force: bool = False) -> Edit | None:
    """Re-apply the last undone action; None if there is nothing to redo."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        redoable = stacks(list(current.edits)).redo
        if not redoable:
            return None
        target = redoable[-1]
        text_steps = target.kind in TEXT_STEPS
        if text_steps:
            _guard(wb, current, force)
        return wb.append_edit(
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.REDO,
                author=author,
                text_after=target.text_after if text_steps else current.compromise,
                start=target.start if text_steps else 0,
                end=target.end if text_steps else 0,
                inserted=target.inserted if text_steps else "",
                stakeholder_id=target.stakeholder_id,
                variant_id=target.variant_id,
                note=f"redo edit {target.seq}",
                target_edit_id=target.id,
                status=target.status,
            )
        )


def set_status(wb: WorkbenchStore, paragraph_id: int, status: Status, author: str) -> Edit | None:
    """Set the paragraph's status by hand, as an edit of its log (one undo step); None when
    it already has that status."""
    with wb.transaction():
        current = state(wb, paragraph_id)
        if current.hand_status is Status(status):
            return None
        return wb.append_edit(
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.STATUS,
                author=author,
                text_after=current.compromise,
                note=str(status),
                status=Status(status),
            )
        )


def resolve(
    wb: WorkbenchStore,
    paragraph_id: int,
    head_id: int,
    author: str,
    *,
    take_theirs: bool = False,
    force: bool = False,
) -> Edit:
    """Takes a colleague's version in: a MERGE edit naming this laptop's head and theirs.

    The compromise stays as it stands here (decide their changes first), or becomes theirs
    with `take_theirs` (then their status too); either way the status is written in the
    edit, so every laptop that receives it reads the same text and status.
    """
    with wb.transaction():
        current = state(wb, paragraph_id)
        fork = next((f for f in current.forks if f.head.id == head_id), None)
        if fork is None:
            known = ", ".join(f"{f.author} ({f.head.id})" for f in current.forks) or "none"
            raise NotOpen(
                wb.path,
                f"paragraph {current.label} has no colleague's version {head_id} to take in "
                f"(versions: {known})",
            )
        text = fork.text if take_theirs else current.compromise
        status = fork.status if take_theirs else current.hand_status
        if text != current.compromise:
            _guard(wb, current, force)
        how = "took" if take_theirs else "resolved, keeping this compromise, with"
        return wb.append_edit(
            _edit_to(
                paragraph_id,
                EditKind.MERGE,
                author,
                current.compromise,
                text,
                note=f"{how} {fork.author}'s version",
                status=Status(status),
                merged_id=fork.head.id,
            )
        )
