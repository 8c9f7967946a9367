"""A paragraph's edits as a graph: the chain this laptop follows, and the forks beside it.

Each edit names the edit it follows (`parent_id`) and, when it takes a colleague's version in,
that version's last edit (`merged_id`). On one laptop the edits form a chain. When two laptops
edit one paragraph offline and exchange their edits, the paragraph has two heads (edits no
other edit follows): a fork, never a corrupt log. This laptop follows its own head (kept by
storage, `local_heads`): its chain, from the INITIAL edit to that head, is the log that
history, undo and the paragraph state read, exactly as before there were several laptops.
Every other head is a colleague's version, shown as a proposal against the last version both
share (their lowest common ancestor) until a MERGE edit naming both heads resolves it.

Pure functions over `model.Edit`; nothing here reads or writes the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from workbench.history import current_text, status_in_force
from workbench.model import TEXT_CHANGING_KINDS, Edit, Status


class Fork(NamedTuple):
    """A colleague's version of the paragraph: another head, and what both versions share."""

    head: Edit  # the last edit of the colleague's version
    ancestor: Edit  # the last edit both versions share
    text: str  # the compromise as the colleague's version has it
    status: Status  # the status in force there
    base_text: str  # the compromise both shared (the ancestor's)
    base_status: Status
    branch: tuple[Edit, ...]  # the colleague's edits since the ancestor, oldest first

    @property
    def author(self) -> str:
        return self.head.author


def parents(edit: Edit) -> tuple[int, ...]:
    return tuple(p for p in (edit.parent_id, edit.merged_id) if p is not None)


def leaves(edits: Iterable[Edit]) -> list[Edit]:
    """The heads: edits no other edit follows, oldest id first."""
    listed = list(edits)
    followed = {p for edit in listed for p in parents(edit)}
    return sorted((e for e in listed if e.id not in followed), key=lambda e: e.id)


def chain(edits: Iterable[Edit], head_id: int | None) -> list[Edit]:
    """The edits from the first to `head_id`, following each edit's parent (oldest first).

    Without a head (a file written before heads were kept, or a damaged one), the head with
    the highest number is followed.
    """
    by_id = {edit.id: edit for edit in edits}
    if not by_id:
        return []
    head = by_id.get(head_id) if head_id is not None else None
    if head is None:
        head = max(by_id.values(), key=lambda e: (e.seq, -e.id))
    walked: list[Edit] = []
    seen: set[int] = set()
    current: Edit | None = head
    while current is not None and current.id not in seen:
        seen.add(current.id)
        walked.append(current)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    walked.reverse()
    return walked


def ancestors(by_id: Mapping[int, Edit], start: int) -> set[int]:
    """`start` and every edit it follows, through parents and merged heads."""
    found: set[int] = set()
    stack = [start]
    while stack:
        edit_id = stack.pop()
        if edit_id in found or edit_id not in by_id:
            continue
        found.add(edit_id)
        stack.extend(parents(by_id[edit_id]))
    return found


def forks(edits: Sequence[Edit], head_id: int | None) -> list[Fork]:
    """Every other head that brings something this laptop's version does not have.

    A head is left out when its text and status are those of a version on this laptop's
    chain since the two parted (two laptops that resolved a fork the same way, say): nothing
    in it is new here.
    """
    if not edits:
        return []
    by_id = {edit.id: edit for edit in edits}
    mine = chain(edits, head_id)
    if not mine:
        return []
    my_head = mine[-1]
    mine_all = ancestors(by_id, my_head.id)
    found = []
    for head in leaves(edits):
        if head.id in mine_all:
            continue
        theirs_all = ancestors(by_id, head.id)
        common = mine_all & theirs_all
        if not common:
            continue  # a log that shares nothing: not a version of the same paragraph
        ancestor = by_id[max(common, key=lambda i: (by_id[i].seq, i))]
        theirs = chain(edits, head.id)
        index = next((i for i, e in enumerate(theirs) if e.id == ancestor.id), -1)
        branch = tuple(theirs[index + 1 :]) if index >= 0 else tuple(theirs)
        text = current_text(theirs)
        status = status_in_force(theirs)
        shared = chain(edits, ancestor.id)
        if (text, status) in _states_since(mine, ancestor.id):
            continue
        found.append(
            Fork(
                head,
                ancestor,
                text,
                status,
                current_text(shared),
                status_in_force(shared),
                branch,
            )
        )
    return found


def _states_since(mine: Sequence[Edit], ancestor_id: int) -> set[tuple[str, Status]]:
    """(text, status) at each edit of this laptop's chain from the ancestor on (all of it
    when the ancestor is not on the chain)."""
    start = next((i for i, e in enumerate(mine) if e.id == ancestor_id), 0)
    text = current_text(mine[:start])
    status = status_in_force(mine[:start])
    states = set()
    for edit in mine[start:]:
        if edit.kind in TEXT_CHANGING_KINDS:
            text = edit.text_after
        if edit.status is not None:
            status = edit.status
        states.add((text, status))
    return states


def next_head(edits: Sequence[Edit], head_id: int | None) -> Edit | None:
    """Where this laptop's head goes once a colleague's edits are in.

    It stays where it is while nothing follows it. When colleagues built on it, it moves to
    the head that follows it (of several, the furthest along, then the oldest), so edits made
    on top of this laptop's version simply continue it. A paragraph this laptop has no head
    for (new from a colleague) follows the furthest head.
    """
    heads = leaves(edits)
    if not heads:
        return None
    by_id = {edit.id: edit for edit in edits}
    if head_id is None or head_id not in by_id:
        return max(heads, key=lambda e: (e.seq, -e.id))
    if any(h.id == head_id for h in heads):
        return by_id[head_id]
    following = [h for h in heads if head_id in ancestors(by_id, h.id)]
    if not following:
        return by_id[head_id]
    return max(following, key=lambda e: (e.seq, -e.id))
