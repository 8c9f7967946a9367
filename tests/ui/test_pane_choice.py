"""Which variant each pane shows, as a rule on its own (no widgets)."""

from __future__ import annotations

from ui.pane_choice import Pick, choose, pick_of
from workbench.model import Role, Variant


def _v(variant_id: int, stakeholder_id: int, role: Role) -> Variant:
    return Variant(variant_id, 1, stakeholder_id, role, f"text {variant_id}")


DRAFT = _v(1, 1, Role.DRAFT)
GC = _v(2, 2, Role.PROPOSAL)
EU = _v(3, 3, Role.PROPOSAL)
US = _v(4, 4, Role.PROPOSAL)
GC_AGAIN = _v(5, 2, Role.PROPOSAL)


def ids(shown: list[Variant | None]) -> list[int | None]:
    return [v.id if v else None for v in shown]


def test_the_draft_first_then_distinct_proposals_then_nothing() -> None:
    assert ids(choose([GC, DRAFT, EU, US], [None] * 3)[0]) == [1, 2, 3]
    assert ids(choose([DRAFT, GC], [None] * 3)[0]) == [1, 2, None]
    # No draft (a proposed new paragraph): pane 1 says so, the proposal is in pane 2 only.
    assert ids(choose([GC], [None] * 3)[0]) == [None, 2, None]


def test_a_pick_holds_where_it_makes_sense_and_is_forgotten_where_not() -> None:
    pick = pick_of(US, [DRAFT, GC, EU, US])
    shown, kept = choose([DRAFT, GC, EU, US], [None, pick, None])
    assert ids(shown) == [1, 4, 2]
    assert kept == [None, pick, None]
    shown, kept = choose([DRAFT, GC, EU], [None, pick, None])  # no US here
    assert ids(shown) == [1, 2, 3]
    assert kept == [None, None, None]


def test_never_one_variant_twice_even_when_two_panes_pick_it() -> None:
    pick = Pick(2, Role.PROPOSAL, 0)
    shown, kept = choose([DRAFT, GC, EU], [pick, pick, None])
    assert ids(shown) == [2, 1, 3]
    assert kept == [pick, None, None]


def test_a_second_proposal_of_one_stakeholder_is_its_own_pick() -> None:
    variants = [DRAFT, GC, EU, GC_AGAIN]
    pick = pick_of(GC_AGAIN, variants)
    assert pick == Pick(2, Role.PROPOSAL, 1)
    assert ids(choose(variants, [None, None, pick])[0]) == [1, 2, 5]
