"""One paragraph's state, computed in one place: what every view of a paragraph shows.

`compute` takes what storage returns for one paragraph (its row, variants and edit log) and
gives a `ParagraphState`: the proposals with their tags, the current compromise, every change
every proposal makes with its stable id and its state, the status set by hand beside the
bracket count, what undo and redo would do, and the history. The window's controller emits it
after every switch and every edit; the command line prints it; nobody re-derives any of it.

Ids. A proposal's changes are numbered 1..n against its base (`changes.proposal_changes`), and
a change is named by the proposal's tag and its number: "GC 2". The tag is the proposal's own
reference if it has one (an amendment number), else its stakeholder's name, with " (2)", " (3)"
for a second and third proposal of the same name on the paragraph, in variant order. Variants
are append-only, so an id means the same words for ever. Identical changes (the same splice of
the same base) from several proposals are ONE change with several proposers; it goes by its
first proposer's id and answers to every proposer's.

State. Read from the texts three ways (`three_way`: pending, accepted, conflict), except that a
change turned down by a REJECT still in force in the log (not undone, not followed by a
RESTORE) is rejected, unless the compromise has its words anyway.

Colleagues' versions. Where a colleague changed the paragraph on another laptop while this one
did too, the edit graph forks (`edit_graph`): the colleague's version is one more proposal,
"Ana's compromise", whose base is the last version both shared, so its changes are read three
ways like any proposal's: accepted, rejected, typed over. It has no variant row: its proposal
goes by the negative of its head edit's id, and decisions on its changes name that head
(`target_edit_id`). A MERGE edit naming the head (`editing.resolve`) takes it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from workbench import edit_graph
from workbench.base_trace import traced_alignment
from workbench.brackets import effective_status, open_brackets
from workbench.changes import ChangeCache, ProposedChange, proposal_changes, touches
from workbench.history import (
    TEXT_STEPS,
    Entry,
    current_text,
    describe,
    entries,
    stacks,
    undone,
)
from workbench.history import status_in_force as _status_in_force
from workbench.model import (
    PROTECTED_STATUSES,
    ChangeState,
    Edit,
    EditKind,
    Paragraph,
    Role,
    Status,
    Variant,
)
from workbench.three_way import BaseMap

if TYPE_CHECKING:  # only for types: callers hand us an open file
    from workbench.storage import WorkbenchStore

_ID_RE = re.compile(r"^\s*(.*?)\s*(\d+)\s*$")


@dataclass(frozen=True)
class Proposal:
    """A proposal of the paragraph, as it is named and what it amends."""

    variant: Variant
    tag: str  # "GC", "GC (2)", or its own reference ("AM 1829")
    stakeholder: str
    base_text: str  # the text it amends ("" for a proposed new paragraph)
    fork: edit_graph.Fork | None = None  # a colleague's version of the paragraph

    @property
    def variant_id(self) -> int:
        return self.variant.id


class Proposer(NamedTuple):
    """One proposal making a change, and the change's number in that proposal."""

    variant_id: int
    stakeholder_id: int
    stakeholder: str
    tag: str
    number: int

    @property
    def id(self) -> str:
        return f"{self.tag} {self.number}"


class Change(NamedTuple):
    """A change proposed to the paragraph, where it stands, and where it sits in the compromise.

    `start:end` is the stretch of the compromise the change is about: for a pending change the
    words of the base it replaces (empty for an insertion), for an accepted one its own words,
    for a conflict the compromise's own words for that stretch. `taken` is what that stretch
    reads once the change is taken (for a conflict: the base's words there with the change).
    """

    id: str
    proposers: tuple[Proposer, ...]
    base_id: int | None
    kind: str  # "insert" | "delete" | "replace"
    base_start: int
    base_end: int
    base_text: str
    text: str
    state: ChangeState
    start: int
    end: int
    compromise_text: str
    taken: str
    rivals: tuple[str, ...] = ()  # pending changes of other proposals on the same words

    @property
    def first(self) -> Proposer:
        return self.proposers[0]

    @property
    def variant_id(self) -> int:
        return self.first.variant_id

    @property
    def number(self) -> int:
        return self.first.number

    @property
    def stakeholder_id(self) -> int:
        return self.first.stakeholder_id

    @property
    def stakeholders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.stakeholder for p in self.proposers))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.proposers)

    @property
    def is_open(self) -> bool:
        """Waiting for a decision: pending, or in conflict with the compromise."""
        return self.state in (ChangeState.PENDING, ChangeState.CONFLICT)

    def proposed_by(self, variant_id: int) -> Proposer | None:
        return next((p for p in self.proposers if p.variant_id == variant_id), None)


@dataclass(frozen=True)
class ParagraphState:
    """Everything about one paragraph that a view shows, computed once."""

    paragraph: Paragraph
    variants: tuple[Variant, ...]
    proposals: tuple[Proposal, ...]
    compromise: str
    changes: tuple[Change, ...]  # open ones in text order, then accepted, then rejected
    hand_status: Status  # as set by hand (in force in the log)
    status: Status  # what the document shows: brackets make an open paragraph bracketed
    brackets: int  # bracketed passages left in the compromise
    edits: tuple[Edit, ...]
    undo_label: str  # what undo would take back ("accepted GC 2"); "" when nothing
    redo_label: str
    names: Mapping[int, str] = field(default_factory=dict)  # stakeholder id -> name
    undo_changes_text: bool = False  # undo would change the text (not only a decision)
    redo_changes_text: bool = False
    forks: tuple[edit_graph.Fork, ...] = ()  # colleagues' versions not taken in yet

    @property
    def paragraph_id(self) -> int:
        return self.paragraph.id

    @property
    def label(self) -> str:
        return self.paragraph.label

    @property
    def protected(self) -> bool:
        """Agreed or agreed ad ref: its text is not changed without asking."""
        return self.hand_status in PROTECTED_STATUSES

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_label)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_label)

    @property
    def open_changes(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.is_open)

    @property
    def open_count(self) -> int:
        return sum(1 for change in self.changes if change.is_open)

    @property
    def flagged(self) -> bool:
        """Agreed (or ad ref) while changes are still open: worth a look."""
        return self.protected and self.open_count > 0

    @property
    def tags(self) -> dict[int, str]:
        return {proposal.variant_id: proposal.tag for proposal in self.proposals}

    def proposal(self, variant_id: int) -> Proposal | None:
        return next((p for p in self.proposals if p.variant_id == variant_id), None)

    def variant(self, variant_id: int) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)

    def change(self, change_id: str) -> Change | None:
        """The change going by this id, or by any of its proposers' ids ("gc 2", "GC2")."""
        wanted = _normalise_id(change_id)
        for change in self.changes:
            if any(_normalise_id(alias) == wanted for alias in change.ids):
                return change
        return None

    def changes_of(self, variant_id: int) -> list[Change]:
        """Every change the proposal makes, in its own numbering."""
        found = [c for c in self.changes if c.proposed_by(variant_id) is not None]
        return sorted(found, key=lambda c: c.proposed_by(variant_id).number)  # type: ignore[union-attr]

    def entries(self) -> list[Entry]:
        """The history: every edit described, changes named by their ids."""
        return entries(self.edits, self.tags, self.names)


def _normalise_id(change_id: str) -> str:
    match = _ID_RE.match(change_id)
    if match is None:
        return " ".join(change_id.casefold().split())
    return f"{' '.join(match.group(1).casefold().split())} {int(match.group(2))}"


def proposal_tags(proposals: Sequence[Variant], names: Mapping[int, str]) -> dict[int, str]:
    """Each proposal's tag: its own reference, else its stakeholder's name; " (2)" onwards for
    later proposals of the same name on the paragraph, in variant order (so a tag, once given,
    never changes)."""
    seen: dict[str, int] = {}
    tags: dict[int, str] = {}
    for variant in sorted(proposals, key=lambda v: v.id):
        name = variant.tag.strip() or _name(names, variant.stakeholder_id)
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        tags[variant.id] = name if seen[key] == 1 else f"{name} ({seen[key]})"
    return tags


def _name(names: Mapping[int, str], stakeholder_id: int) -> str:
    return names.get(stakeholder_id, f"stakeholder {stakeholder_id}")


def read(
    wb: WorkbenchStore,
    paragraph_id: int,
    names: Mapping[int, str] | None = None,
    cache: ChangeCache | None = None,
) -> ParagraphState:
    """The paragraph's state from the open file (three reads: paragraph, variants, log)."""
    if names is None:
        names = {s.id: s.name for s in wb.stakeholders()}
    graph, head = wb.edit_graph(paragraph_id)
    return compute(
        wb.paragraph(paragraph_id),
        wb.variants(paragraph_id),
        edit_graph.chain(graph, head),
        names,
        cache,
        edit_graph.forks(graph, head),
    )


def fork_proposal(paragraph_id: int, fork: edit_graph.Fork) -> Variant:
    """A colleague's version as a proposal (no variant row: the id is its head's, negated)."""
    return Variant(
        id=-fork.head.id,
        paragraph_id=paragraph_id,
        stakeholder_id=-fork.head.id,
        role=Role.PROPOSAL,
        text=fork.text,
        source="a colleague's laptop",
        tag=f"{fork.author}'s compromise",
        note=f"{fork.author}'s version of the compromise (status {fork.status})",
    )


def _trace_edits(edits: Sequence[Edit], fork: edit_graph.Fork) -> list[Edit]:
    """The log from the version both shared on (a fork's base is that version's text)."""
    index = next((i for i, e in enumerate(edits) if e.id == fork.ancestor.id), None)
    if index is None:
        return list(edits)
    start = Edit(
        id=fork.ancestor.id,
        paragraph_id=fork.ancestor.paragraph_id,
        seq=0,
        kind=EditKind.INITIAL,
        stakeholder_id=None,
        variant_id=None,
        author="",
        at="",
        start=0,
        end=0,
        inserted=fork.base_text,
        text_after=fork.base_text,
    )
    return [start, *edits[index + 1 :]]


class _Group:
    """The proposers of one change (the same splice of the same base), first one first."""

    def __init__(self, base_id: int | None, base_text: str, change: ProposedChange) -> None:
        self.base_id = base_id
        self.base_text = base_text
        self.change = change
        self.proposers: list[Proposer] = []


def compute(
    paragraph: Paragraph,
    variants: Sequence[Variant],
    edits: Sequence[Edit],
    names: Mapping[int, str],
    cache: ChangeCache | None = None,
    forks: Sequence[edit_graph.Fork] = (),
) -> ParagraphState:
    """The state of one paragraph from its row, its variants and its edit log (`cache`: the
    proposals' changes kept from earlier, for the file these come from; `forks`: colleagues'
    versions of it, shown as proposals)."""
    by_id = {variant.id: variant for variant in variants}
    compromise = current_text(edits)
    by_fork = {-fork.head.id: fork for fork in forks}
    names = {**names, **{-fork.head.id: fork.author for fork in forks}}
    variants = [*variants, *(fork_proposal(paragraph.id, fork) for fork in forks)]
    proposal_variants = sorted(
        (v for v in variants if v.role is Role.PROPOSAL), key=lambda v: (v.id < 0, abs(v.id))
    )
    tags = proposal_tags(proposal_variants, names)
    proposals: list[Proposal] = []
    groups: dict[tuple[int, int, int, str], _Group] = {}
    traces: dict[int | None, Sequence[Edit]] = {}
    for variant in proposal_variants:
        fork = by_fork.get(variant.id)
        base = by_id.get(variant.base_id) if variant.base_id is not None else None
        base_id = base.id if base is not None else None
        base_text = base.text if base is not None else ""
        if fork is not None:
            # Its own base, apart from every variant's: the version both laptops shared.
            base_id, base_text = variant.id, fork.base_text
            traces[base_id] = _trace_edits(edits, fork)
        stakeholder = _name(names, variant.stakeholder_id)
        proposal = Proposal(variant, tags[variant.id], stakeholder, base_text, fork)
        proposals.append(proposal)
        found = (
            cache.changes(variant.id, base_text, variant.text)
            if cache is not None and fork is None
            else proposal_changes(base_text, variant.text)
        )
        for change in found:
            key = (base_id or -1, change.base_start, change.base_end, change.text)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(base_id, base_text, change)
            group.proposers.append(
                Proposer(
                    variant.id, variant.stakeholder_id, stakeholder, proposal.tag, change.number
                )
            )
    rejected = _rejected(edits, list(groups.values()))
    maps: dict[int | None, BaseMap] = {}
    by_base: dict[int | None, list[ProposedChange]] = {}
    for group in groups.values():
        by_base.setdefault(group.base_id, []).append(group.change)
    changes: list[Change] = []
    for group in groups.values():
        base_map = maps.get(group.base_id)
        if base_map is None:
            traced = traced_alignment(group.base_text, traces.get(group.base_id, edits))
            base_map = maps[group.base_id] = BaseMap(group.base_text, compromise, traced)
        # The other changes to the same base (place() leaves the change itself out).
        placement = base_map.place(group.change, by_base[group.base_id])
        state = placement.state
        if state is not ChangeState.ACCEPTED and rejected.get(id(group), False):
            state = ChangeState.REJECTED
        first = group.proposers[0]
        changes.append(
            Change(
                id=first.id,
                proposers=tuple(group.proposers),
                base_id=group.base_id,
                kind=group.change.kind,
                base_start=group.change.base_start,
                base_end=group.change.base_end,
                base_text=group.change.base_text,
                text=group.change.text,
                state=state,
                start=placement.start,
                end=placement.end,
                compromise_text=compromise[placement.start : placement.end],
                taken=placement.taken,
            )
        )
    hand_status = _status_in_force(edits)
    undo, redo = stacks(edits)
    edits_by_id = {edit.id: edit for edit in edits}
    return ParagraphState(
        paragraph=paragraph,
        variants=tuple(variants),
        proposals=tuple(proposals),
        compromise=compromise,
        changes=tuple(_ordered(_with_rivals(changes))),
        hand_status=hand_status,
        status=effective_status(hand_status, compromise),
        brackets=open_brackets(compromise),
        edits=tuple(edits),
        undo_label=describe(undo[-1], tags, names, edits_by_id) if undo else "",
        redo_label=describe(redo[-1], tags, names, edits_by_id) if redo else "",
        names=dict(names),
        undo_changes_text=bool(undo) and undo[-1].kind in TEXT_STEPS,
        redo_changes_text=bool(redo) and redo[-1].kind in TEXT_STEPS,
        forks=tuple(forks),
    )


def _rejected(edits: Sequence[Edit], groups: Sequence[_Group]) -> dict[int, bool]:
    """For each change group (by id()), whether a REJECT in force turns it down now."""
    by_key = {(p.variant_id, p.number): group for group in groups for p in group.proposers}
    out_of_force = undone(edits)
    decided: dict[int, bool] = {}
    for edit in edits:
        if edit.kind not in (EditKind.REJECT, EditKind.RESTORE) or edit.id in out_of_force:
            continue
        # A colleague's version has no variant: its decisions name its head.
        variant_id = edit.variant_id
        if variant_id is None and edit.target_edit_id is not None:
            variant_id = -edit.target_edit_id
        if variant_id is None:
            continue
        found = [by_key.get((variant_id, number)) for number in edit.changes]
        if not edit.changes:  # a file from before schema 4: the change is known by its words
            found = [_legacy_match(edit, groups)]
        for group in found:
            if group is not None:
                decided[id(group)] = edit.kind is EditKind.REJECT
    return decided


def _legacy_match(edit: Edit, groups: Sequence[_Group]) -> _Group | None:
    """The change an old REJECT (which recorded words, not a number) turned down."""
    removed = edit.text_after[edit.start : edit.end]
    for group in groups:
        proposed = any(p.variant_id == edit.variant_id for p in group.proposers)
        if proposed and group.change.text == edit.inserted and group.change.base_text == removed:
            return group
    return None


def _with_rivals(changes: list[Change]) -> list[Change]:
    """Pending changes of different proposals on the same words of the same base: rivals."""
    pending = sorted(
        (c for c in changes if c.state is ChangeState.PENDING),
        key=lambda c: (c.base_id or -1, c.base_start, c.base_end),
    )
    rivals: dict[str, list[str]] = {}
    for index, change in enumerate(pending):
        for other in pending[index + 1 :]:
            if other.base_id != change.base_id or other.base_start > change.base_end:
                break
            if touches(change.base_start, change.base_end, other.base_start, other.base_end):
                rivals.setdefault(change.id, []).append(other.id)
                rivals.setdefault(other.id, []).append(change.id)
    if not rivals:
        return changes
    return [c._replace(rivals=tuple(rivals[c.id])) if c.id in rivals else c for c in changes]


def _ordered(changes: list[Change]) -> list[Change]:
    """Open changes first, in text order; then accepted ones in text order; then rejected."""
    order = {ChangeState.PENDING: 0, ChangeState.CONFLICT: 0, ChangeState.ACCEPTED: 1}

    def key(change: Change) -> tuple[int, int, int, int, int]:
        rank = order.get(change.state, 2)
        where = (change.start, change.end) if rank < 2 else (0, 0)
        return (rank, *where, change.variant_id, change.number)

    return sorted(changes, key=key)
