"""Pending hunks against the current compromise: numbering, conflicts, agreement, rejection."""

from __future__ import annotations

from engine_samples import DRAFT_46, GC_46

from workbench.diff import Hunk
from workbench.merge import (
    ProposalText,
    apply_all,
    apply_hunk,
    hunk_signature,
    overlaps,
    pending_hunks,
    shift_hunk,
    splice_for,
)

GC = ProposalText(variant_id=2, stakeholder_id=2, stakeholder="Gender Caucus", text=GC_46)


def test_each_hunk_is_numbered_within_its_proposal() -> None:
    pending = pending_hunks(DRAFT_46, [GC])

    assert [(p.number, p.stakeholder, p.hunk.text) for p in pending] == [
        (1, "Gender Caucus", "us"),
        (2, "Gender Caucus", " and fulfil international development agreements"),
    ]
    assert all(not p.conflict_with for p in pending)


def test_accepting_one_hunk_leaves_the_other_pending() -> None:
    first = pending_hunks(DRAFT_46, [GC])[0]
    compromise = apply_hunk(DRAFT_46, first.hunk)

    assert "helps us implement" in compromise
    remaining = pending_hunks(compromise, [GC])
    assert [(p.number, p.hunk.text) for p in remaining] == [
        (1, " and fulfil international development agreements")
    ]
    assert apply_hunk(compromise, remaining[0].hunk) == GC_46


def test_different_words_for_the_same_stretch_conflict() -> None:
    base = "We support a stable Internet."
    a = ProposalText(1, 1, "Brazil", "We support a secure Internet.")
    b = ProposalText(2, 2, "Canada", "We support a resilient Internet.")

    pending = pending_hunks(base, [a, b])

    assert [p.stakeholder for p in pending[0].conflict_with] == ["Canada"]
    assert [p.stakeholder for p in pending[1].conflict_with] == ["Brazil"]


def test_the_same_change_from_two_proposals_is_agreement() -> None:
    base = "We support a stable Internet."
    a = ProposalText(1, 1, "Brazil", "We support a secure Internet.")
    b = ProposalText(2, 2, "Canada", "We support a secure Internet.")

    pending = pending_hunks(base, [a, b])

    assert all(not p.conflict_with for p in pending)
    assert [p.agreed_by for p in pending] == [("Canada",), ("Brazil",)]


def test_accepting_one_side_of_a_conflict_settles_it() -> None:
    base = "We support a stable Internet."
    a = ProposalText(1, 1, "Brazil", "We support a secure Internet.")
    b = ProposalText(2, 2, "Canada", "We support a resilient Internet.")
    compromise = apply_hunk(base, pending_hunks(base, [a, b])[0].hunk)

    pending = pending_hunks(compromise, [a, b])

    assert [(p.stakeholder, p.hunk.text) for p in pending] == [("Canada", "resilient")]
    assert pending[0].conflict_with == ()


def test_rejected_hunks_are_hidden_unless_asked_for() -> None:
    first = pending_hunks(DRAFT_46, [GC])[0]

    shown = pending_hunks(DRAFT_46, [GC], {first.signature})
    assert [p.number for p in shown] == [2]
    everything = pending_hunks(DRAFT_46, [GC], {first.signature}, include_rejected=True)
    assert [(p.number, p.rejected) for p in everything] == [(1, True), (2, False)]


def test_a_rejection_survives_changes_elsewhere_in_the_paragraph() -> None:
    first, second = pending_hunks(DRAFT_46, [GC])
    compromise = apply_hunk(DRAFT_46, second.hunk)

    again = pending_hunks(compromise, [GC], {first.signature})

    assert again == []


def test_signature_depends_on_variant_and_words() -> None:
    hunk = Hunk("replace", 6, 8, "us")
    text = "helps up implement"

    assert hunk_signature(1, text, hunk) == hunk_signature(1, text, hunk)
    assert hunk_signature(1, text, hunk) != hunk_signature(2, text, hunk)
    assert hunk_signature(1, text, hunk) != hunk_signature(1, text, hunk._replace(text="them"))


def test_insertions_at_the_edges_of_a_replacement_do_not_overlap() -> None:
    replace_hunk = Hunk("replace", 4, 8, "X")
    assert not overlaps(replace_hunk, Hunk("insert", 4, 4, "a"))
    assert not overlaps(replace_hunk, Hunk("insert", 8, 8, "a"))
    assert overlaps(replace_hunk, Hunk("insert", 6, 6, "a"))
    assert overlaps(Hunk("insert", 3, 3, "a"), Hunk("insert", 3, 3, "b"))


def test_shifted_hunks_apply_in_either_order() -> None:
    base = "one two three four"
    first = Hunk("replace", 0, 3, "ONE")
    second = Hunk("insert", 13, 13, " and a half")

    one_way = apply_hunk(apply_hunk(base, first), shift_hunk(second, first))
    other_way = apply_hunk(apply_hunk(base, second), shift_hunk(first, second))

    assert one_way == other_way == apply_all(base, [first, second])
    assert one_way == "ONE two three and a half four"


def test_one_splice_covers_all_hunks() -> None:
    hunks = [p.hunk for p in pending_hunks(DRAFT_46, [GC])]
    splice = splice_for(DRAFT_46, hunks)

    assert apply_hunk(DRAFT_46, splice) == GC_46
    assert splice.base_start == hunks[0].base_start
    assert splice.base_end == hunks[-1].base_end
