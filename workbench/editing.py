"""Building a paragraph's compromise in the workbench file: accept, reject, type, undo, redo.

Every operation is exactly one `wb.transaction()` and returns the edit(s) it appended, so the
caller (the merge pane, the command line) learns what changed from the return value.

Design notes
- Rejections: a REJECT edit records the hunk turned down in its own fields: `variant_id` is the
  proposal, `start`/`end`/`inserted` the hunk against the compromise as it stood, and
  `text_after` that (unchanged) compromise. `merge.hunk_signature` recomputes the signature from
  exactly these fields, so nothing extra is stored; `note` only says, for people, what was
  rejected.
- Accept all: ONE ACCEPT edit whose splice covers every pending hunk of the proposal (from the
  first hunk's start to the last one's end) and whose note says "all N changes from X", so a
  single undo takes the whole command back. Hunks rejected earlier stay out (they are not
  shown, so "all" means all that are shown). Provenance still credits only the words that
  changed inside the splice.
- A paragraph with no INITIAL edit gets one (compromise variant, else draft, else "") in the
  same transaction as its first change, as the team brief describes.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.diff import Hunk, apply_hunks
from workbench.errors import WorkbenchError
from workbench.history import current_text, stacks, text_before
from workbench.merge import (
    PendingHunk,
    ProposalText,
    apply_hunk,
    hunk_signature,
    pending_hunks,
    splice_for,
)
from workbench.model import (
    TEXT_CHANGING_KINDS,
    Edit,
    EditKind,
    NewEdit,
    Role,
    Status,
    Variant,
)

if TYPE_CHECKING:  # only for types: callers hand us an open file
    from workbench.storage import WorkbenchStore


def default_author() -> str:
    """Who is editing: $WORKBENCH_USER, else the login name (the UI may pass its own)."""
    name = os.environ.get("WORKBENCH_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): still record something
        return "unknown"


def proposals(
    wb: WorkbenchStore, paragraph_id: int, roles: Sequence[Role] = (Role.PROPOSAL,)
) -> list[ProposalText]:
    """The paragraph's variants of the given roles, as the merge engine reads them."""
    names = {stakeholder.id: stakeholder.name for stakeholder in wb.stakeholders()}
    return [
        _proposal_text(variant, names)
        for variant in wb.variants(paragraph_id)
        if variant.role in roles
    ]


def _proposal_text(variant: Variant, names: dict[int, str]) -> ProposalText:
    return ProposalText(
        variant.id,
        variant.stakeholder_id,
        names.get(variant.stakeholder_id, f"stakeholder {variant.stakeholder_id}"),
        variant.text,
    )


def rejected_signatures(edits: Sequence[Edit]) -> set[str]:
    """Signatures of every hunk turned down in this paragraph's log."""
    return {
        hunk_signature(
            edit.variant_id, edit.text_after, Hunk("", edit.start, edit.end, edit.inserted)
        )
        for edit in edits
        if edit.kind is EditKind.REJECT and edit.variant_id is not None
    }


def pending(
    wb: WorkbenchStore,
    paragraph_id: int,
    *,
    include_rejected: bool = False,
    sources: Sequence[ProposalText] | None = None,
) -> list[PendingHunk]:
    """Every proposal's hunks against the current compromise (rejected ones hidden)."""
    edits = wb.edits(paragraph_id)
    return pending_hunks(
        _current(wb, paragraph_id, edits),
        proposals(wb, paragraph_id) if sources is None else sources,
        rejected_signatures(edits),
        include_rejected=include_rejected,
    )


def _append(wb: WorkbenchStore, new_edit: NewEdit) -> Edit:
    edit: Edit = wb.append_edit(new_edit)
    return edit


def _edits(wb: WorkbenchStore, paragraph_id: int) -> list[Edit]:
    edits: list[Edit] = wb.edits(paragraph_id)
    return edits


def _current(wb: WorkbenchStore, paragraph_id: int, edits: Sequence[Edit]) -> str:
    if any(edit.kind in TEXT_CHANGING_KINDS for edit in edits):
        return current_text(edits)
    return _initial_text(wb, paragraph_id)[0]


def _initial_text(wb: WorkbenchStore, paragraph_id: int) -> tuple[str, Variant | None]:
    variants = wb.variants(paragraph_id)
    for role in (Role.COMPROMISE, Role.DRAFT):
        for variant in variants:
            if variant.role is role:
                return variant.text, variant
    return "", None


def _ensure_initial(wb: WorkbenchStore, paragraph_id: int, author: str) -> list[Edit]:
    """The log, with an INITIAL edit appended first if the paragraph has none (in a transaction)."""
    edits = _edits(wb, paragraph_id)
    if any(edit.kind in TEXT_CHANGING_KINDS for edit in edits):
        return edits
    text, variant = _initial_text(wb, paragraph_id)
    _append(
        wb,
        NewEdit(
            paragraph_id=paragraph_id,
            kind=EditKind.INITIAL,
            author=author,
            text_after=text,
            start=0,
            end=0,
            inserted=text,
            stakeholder_id=variant.stakeholder_id if variant else None,
            variant_id=variant.id if variant else None,
        ),
    )
    return _edits(wb, paragraph_id)


def _still_pending(
    wb: WorkbenchStore, paragraph_id: int, chosen: PendingHunk, edits: Sequence[Edit]
) -> tuple[str, PendingHunk]:
    """The chosen hunk as it stands now; an error if the compromise moved on under it."""
    compromise = current_text(edits)
    source = _source(wb, paragraph_id, chosen.variant_id)
    for candidate in pending_hunks(compromise, [source], include_rejected=True):
        if candidate.signature == chosen.signature:
            return compromise, candidate
    raise WorkbenchError(
        wb.path,
        f"change {chosen.number} from {chosen.stakeholder} no longer applies to paragraph "
        f"{wb.paragraph(paragraph_id).label}; list the changes again",
    )


def accept(wb: WorkbenchStore, paragraph_id: int, chosen: PendingHunk, author: str) -> Edit:
    """Take one hunk into the compromise."""
    with wb.transaction():
        edits = _ensure_initial(wb, paragraph_id, author)
        compromise, current = _still_pending(wb, paragraph_id, chosen, edits)
        hunk = current.hunk
        return _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.ACCEPT,
                author=author,
                text_after=apply_hunk(compromise, hunk),
                start=hunk.base_start,
                end=hunk.base_end,
                inserted=hunk.text,
                stakeholder_id=current.stakeholder_id,
                variant_id=current.variant_id,
                note=f"change {current.number} from {current.stakeholder}",
            ),
        )


def _source(wb: WorkbenchStore, paragraph_id: int, variant_id: int) -> ProposalText:
    for variant in wb.variants(paragraph_id):
        if variant.id == variant_id:
            names = {variant.stakeholder_id: wb.stakeholder(variant.stakeholder_id).name}
            return _proposal_text(variant, names)
    raise WorkbenchError(
        wb.path, f"paragraph {wb.paragraph(paragraph_id).label} has no variant {variant_id}"
    )


def accept_all(wb: WorkbenchStore, paragraph_id: int, variant_id: int, author: str) -> Edit | None:
    """Take every shown hunk of one proposal in, as ONE edit (one undo step); None if none."""
    with wb.transaction():
        edits = _ensure_initial(wb, paragraph_id, author)
        source = _source(wb, paragraph_id, variant_id)
        compromise = current_text(edits)
        found = pending_hunks(compromise, [source], rejected_signatures(edits))
        if not found:
            return None
        hunks = [item.hunk for item in found]
        splice = splice_for(compromise, hunks)
        count = f"all {len(hunks)} changes" if len(hunks) > 1 else "the only change"
        return _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.ACCEPT,
                author=author,
                text_after=apply_hunks(compromise, hunks),
                start=splice.base_start,
                end=splice.base_end,
                inserted=splice.text,
                stakeholder_id=source.stakeholder_id,
                variant_id=source.variant_id,
                note=f"{count} from {source.stakeholder}",
            ),
        )


def _reject_edit(paragraph_id: int, compromise: str, item: PendingHunk, author: str) -> NewEdit:
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=EditKind.REJECT,
        author=author,
        text_after=compromise,
        start=item.hunk.base_start,
        end=item.hunk.base_end,
        inserted=item.hunk.text,
        stakeholder_id=item.stakeholder_id,
        variant_id=item.variant_id,
        note=f"rejected change {item.number} from {item.stakeholder}",
    )


def reject(wb: WorkbenchStore, paragraph_id: int, chosen: PendingHunk, author: str) -> Edit:
    """Turn one hunk down: the text stays, the hunk is no longer offered."""
    with wb.transaction():
        edits = _ensure_initial(wb, paragraph_id, author)
        compromise, current = _still_pending(wb, paragraph_id, chosen, edits)
        return _append(wb, _reject_edit(paragraph_id, compromise, current, author))


def reject_all(wb: WorkbenchStore, paragraph_id: int, variant_id: int, author: str) -> list[Edit]:
    """Turn down every shown hunk of one proposal: one REJECT edit each, one transaction."""
    with wb.transaction():
        edits = _ensure_initial(wb, paragraph_id, author)
        compromise = current_text(edits)
        source = _source(wb, paragraph_id, variant_id)
        found = pending_hunks(compromise, [source], rejected_signatures(edits))
        return [_append(wb, _reject_edit(paragraph_id, compromise, item, author)) for item in found]


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


def type_text(wb: WorkbenchStore, paragraph_id: int, text: str, author: str) -> Edit | None:
    """Record a hand edit that makes the compromise read `text`; None when nothing changed."""
    with wb.transaction():
        edits = _ensure_initial(wb, paragraph_id, author)
        compromise = current_text(edits)
        if text == compromise:
            return None
        start, end, inserted = _splice_between(compromise, text)
        return _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.TYPED,
                author=author,
                text_after=text,
                start=start,
                end=end,
                inserted=inserted,
            ),
        )


def undo(wb: WorkbenchStore, paragraph_id: int, author: str) -> Edit | None:
    """Take back the last accept or typed edit still in force; None if there is nothing to undo."""
    with wb.transaction():
        edits = wb.edits(paragraph_id)
        undoable = stacks(edits).undo
        if not undoable:
            return None
        target = undoable[-1]
        restored = text_before(edits, target.id)
        start, end, inserted = _splice_between(current_text(edits), restored)
        return _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.UNDO,
                author=author,
                text_after=restored,
                start=start,
                end=end,
                inserted=inserted,
                stakeholder_id=target.stakeholder_id,
                variant_id=target.variant_id,
                note=f"undo edit {target.seq}",
                target_edit_id=target.id,
            ),
        )


def redo(wb: WorkbenchStore, paragraph_id: int, author: str) -> Edit | None:
    """Re-apply the last undone edit; None if there is nothing to redo."""
    with wb.transaction():
        edits = wb.edits(paragraph_id)
        redoable = stacks(edits).redo
        if not redoable:
            return None
        target = redoable[-1]
        return _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.REDO,
                author=author,
                text_after=target.text_after,
                start=target.start,
                end=target.end,
                inserted=target.inserted,
                stakeholder_id=target.stakeholder_id,
                variant_id=target.variant_id,
                note=f"redo edit {target.seq}",
                target_edit_id=target.id,
            ),
        )


def set_status(wb: WorkbenchStore, paragraph_id: int, status: Status, author: str) -> Edit:
    """Set the paragraph's status by hand and record it in the log, in one transaction."""
    with wb.transaction():
        edits = wb.edits(paragraph_id)
        edit = _append(
            wb,
            NewEdit(
                paragraph_id=paragraph_id,
                kind=EditKind.STATUS,
                author=author,
                text_after=_current(wb, paragraph_id, edits),
                note=str(status),
            ),
        )
        wb.set_status(paragraph_id, status)
        return edit
