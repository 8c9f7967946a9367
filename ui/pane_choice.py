"""Which variant each pane shows: the draft first, distinct proposals next, the user's pick kept.

Plain Python (no widgets), so the rule is tested on its own:
- pane 1 shows the draft, panes 2 and 3 the proposals in file order, then any other variant
  (an imported compromise); a pane with nothing left to show shows nothing (and says so);
- no variant is ever in two panes;
- a variant the user picked for a pane is remembered as "this stakeholder's Nth text of this
  role" and shown in that pane on every paragraph that has it (unless an earlier pane already
  shows it); on a paragraph without it the pick is forgotten and the pane takes its default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from workbench.model import Role, Variant
from workbench.paragraph_state import ParagraphState

_ROLE_ORDER = {Role.DRAFT: 0, Role.PROPOSAL: 1, Role.COMPROMISE: 2}


class Pick(NamedTuple):
    """A variant as the user picked it, recognisable on another paragraph."""

    stakeholder_id: int
    role: Role
    rank: int  # 0 for the stakeholder's first text of this role on the paragraph, 1, 2...


def pick_of(variant: Variant, variants: Sequence[Variant]) -> Pick:
    same = [
        v
        for v in sorted(variants, key=lambda v: v.id)
        if (v.stakeholder_id, v.role) == (variant.stakeholder_id, variant.role)
    ]
    return Pick(variant.stakeholder_id, variant.role, same.index(variant))


def _find(pick: Pick, variants: Sequence[Variant]) -> Variant | None:
    same = [
        v
        for v in sorted(variants, key=lambda v: v.id)
        if (v.stakeholder_id, v.role) == (pick.stakeholder_id, pick.role)
    ]
    return same[pick.rank] if pick.rank < len(same) else None


def default_order(variants: Sequence[Variant]) -> list[Variant]:
    """The draft first, then the proposals in file order, then any imported compromise."""
    return sorted(variants, key=lambda variant: (_ROLE_ORDER[variant.role], variant.id))


def choose(
    variants: Sequence[Variant], picks: Sequence[Pick | None]
) -> tuple[list[Variant | None], list[Pick | None]]:
    """The variant for each pane (None: nothing to show) and the picks still in force."""
    shown: list[Variant | None] = [None] * len(picks)
    kept: list[Pick | None] = [None] * len(picks)
    used: set[int] = set()
    for pane, pick in enumerate(picks):
        found = _find(pick, variants) if pick is not None else None
        if found is not None and found.id not in used:
            shown[pane] = found
            kept[pane] = pick
            used.add(found.id)
    defaults = [v for v in default_order(variants) if v.id not in used]
    drafts = [v for v in defaults if v.role is Role.DRAFT]
    for pane in range(len(picks)):
        if shown[pane] is not None:
            continue
        if pane == 0:  # the draft, unless the user picked otherwise (or there is none)
            if drafts:
                shown[0] = drafts[0]
                used.add(drafts[0].id)
            continue
        following = next((v for v in defaults if v.id not in used), None)
        if following is not None:
            shown[pane] = following
            used.add(following.id)
    return shown, kept


class PaneArrangement:
    """What the panes show from one paragraph to the next: the user's picks, and the panes as
    the user arranged them on one paragraph (kept through its edits)."""

    def __init__(self, count: int) -> None:
        self.picks: list[Pick | None] = [None] * count
        self._pinned: tuple[int, list[int | None]] | None = None  # panes as arranged here

    def shown(self, state: ParagraphState) -> list[Variant | None]:
        """The variant for each pane on this paragraph (None: nothing to show)."""
        pinned = self._pinned
        if pinned is not None and pinned[0] == state.paragraph_id:
            # The panes as the user arranged them on this paragraph, kept through its edits.
            return [state.variant(i) if i is not None else None for i in pinned[1]]
        self._pinned = None
        shown, self.picks = choose(state.variants, self.picks)
        return shown

    def pick(
        self, state: ParagraphState, index: int, chosen: Variant, shown: list[Variant | None]
    ) -> None:
        """The user chose `chosen` for pane `index` over the panes `shown`: it stays there
        while it makes sense; a pane that showed it takes this pane's former variant."""
        shown = list(shown)
        for other, variant in enumerate(shown):
            if other != index and variant is chosen:
                # The pane showing it takes this pane's former variant, here only: the user
                # picked this pane, not that one.
                shown[other] = shown[index]
                self.picks[other] = None
        shown[index] = chosen
        self.picks[index] = pick_of(chosen, state.variants)
        self._pinned = (state.paragraph_id, [v.id if v else None for v in shown])
