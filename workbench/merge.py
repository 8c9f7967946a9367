"""Building a compromise from proposals: the hunks still pending, their conflicts, applying one.

Every proposal's changes are measured against the CURRENT compromise, and recomputed after each
step, so a hunk always applies cleanly to the text the negotiator sees. Two proposals whose
hunks touch the same stretch of the compromise with different words conflict; the same change
made by two proposals is agreement, not a conflict. A rejected hunk is recognised again by its
signature (see `hunk_signature`) and is not offered unless asked for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from workbench.diff import Hunk, apply_hunks, tokenize, word_diff

# How much of the surrounding compromise identifies a hunk: a few tokens either side, so a
# change elsewhere in the paragraph does not bring a rejected hunk back.
_CONTEXT_TOKENS = 3
_CONTEXT_CHARS = 40


class ProposalText(NamedTuple):
    """A proposal for one paragraph, as the merge engine needs it."""

    variant_id: int
    stakeholder_id: int
    stakeholder: str  # the stakeholder's name, shown with each hunk
    text: str


@dataclass(frozen=True)
class PendingHunk:
    """A hunk a proposal still makes to the current compromise.

    `number` is its place within the proposal (1-based, as the command line numbers them).
    `conflict_with` holds the other proposals' pending hunks touching the same stretch with
    different words; they are shallow copies whose own `conflict_with` is empty (a frozen value
    cannot point back at itself). `agreed_by` names other stakeholders making the same change.
    """

    hunk: Hunk
    variant_id: int
    stakeholder_id: int
    stakeholder: str
    number: int
    signature: str
    rejected: bool = False
    conflict_with: tuple[PendingHunk, ...] = field(default=(), compare=False)
    agreed_by: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[int, int]:
        """(variant_id, number): which hunk of which proposal."""
        return (self.variant_id, self.number)


def hunk_signature(variant_id: int, compromise: str, hunk: Hunk) -> str:
    """A stable identity for a hunk: proposal, deleted words, new words, a little context.

    It is computed from the compromise the hunk applies to, so a REJECT edit (whose
    start/end/inserted record the hunk and whose text_after is that unchanged compromise)
    yields the same signature when read back from the log.
    """
    before = tokenize(compromise[max(0, hunk.base_start - _CONTEXT_CHARS) : hunk.base_start])
    after = tokenize(compromise[hunk.base_end : hunk.base_end + _CONTEXT_CHARS])
    payload = json.dumps(
        [
            variant_id,
            "".join(before[-_CONTEXT_TOKENS:]),
            compromise[hunk.base_start : hunk.base_end],
            hunk.text,
            "".join(after[:_CONTEXT_TOKENS]),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def proposal_hunks(compromise: str, proposal: ProposalText) -> list[Hunk]:
    """Every hunk that turns the compromise into the proposal, in text order."""
    return word_diff(compromise, proposal.text, source=proposal.stakeholder)


def overlaps(first: Hunk, second: Hunk) -> bool:
    """True when two hunks touch the same stretch of the base (so order would matter)."""
    if first.base_start == first.base_end and second.base_start == second.base_end:
        return first.base_start == second.base_start  # two insertions at one spot
    if first.base_start == first.base_end:
        return second.base_start < first.base_start < second.base_end
    if second.base_start == second.base_end:
        return first.base_start < second.base_start < first.base_end
    return first.base_start < second.base_end and second.base_start < first.base_end


def _same_change(first: Hunk, second: Hunk) -> bool:
    return (first.base_start, first.base_end, first.text) == (
        second.base_start,
        second.base_end,
        second.text,
    )


def pending_hunks(
    compromise: str,
    proposals: Sequence[ProposalText],
    rejected: Collection[str] = frozenset(),
    *,
    include_rejected: bool = False,
) -> list[PendingHunk]:
    """The hunks every proposal still makes to the compromise, proposal by proposal.

    Numbers count every hunk of a proposal, rejected ones included, so "hunk 2" means the same
    change whether or not rejected hunks are shown.
    """
    found: list[PendingHunk] = []
    for proposal in proposals:
        for number, hunk in enumerate(proposal_hunks(compromise, proposal), start=1):
            signature = hunk_signature(proposal.variant_id, compromise, hunk)
            is_rejected = signature in rejected
            if is_rejected and not include_rejected:
                continue
            found.append(
                PendingHunk(
                    hunk=hunk,
                    variant_id=proposal.variant_id,
                    stakeholder_id=proposal.stakeholder_id,
                    stakeholder=proposal.stakeholder,
                    number=number,
                    signature=signature,
                    rejected=is_rejected,
                )
            )
    result: list[PendingHunk] = []
    for pending in found:
        others = [other for other in found if other.variant_id != pending.variant_id]
        conflicts = tuple(
            other
            for other in others
            if overlaps(pending.hunk, other.hunk) and not _same_change(pending.hunk, other.hunk)
        )
        agreed = tuple(
            other.stakeholder for other in others if _same_change(pending.hunk, other.hunk)
        )
        result.append(replace(pending, conflict_with=conflicts, agreed_by=agreed))
    return result


def apply_hunk(compromise: str, hunk: Hunk) -> str:
    """The compromise with one hunk taken in."""
    return compromise[: hunk.base_start] + hunk.text + compromise[hunk.base_end :]


def shift_hunk(hunk: Hunk, applied: Hunk) -> Hunk:
    """Re-measure `hunk` after `applied` (which does not overlap it) went into the base."""
    if applied.base_end <= hunk.base_start:
        delta = len(applied.text) - (applied.base_end - applied.base_start)
        return hunk._replace(base_start=hunk.base_start + delta, base_end=hunk.base_end + delta)
    return hunk


def apply_all(compromise: str, hunks: Iterable[Hunk]) -> str:
    """Take in several hunks measured against the same compromise (none may overlap)."""
    return apply_hunks(compromise, hunks)


def splice_for(compromise: str, hunks: Sequence[Hunk]) -> Hunk:
    """One splice covering several hunks of the same compromise (for an "accept all" edit)."""
    start = min(hunk.base_start for hunk in hunks)
    end = max(hunk.base_end for hunk in hunks)
    result = apply_hunks(compromise, hunks)
    tail = len(compromise) - end
    inserted = result[start : len(result) - tail]
    op = "replace" if inserted and end > start else ("delete" if end > start else "insert")
    return Hunk(op, start, end, inserted, hunks[0].source)
