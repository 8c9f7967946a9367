"""Merging paragraph 46 in a real workbench file: what a negotiator does and sees.

Changes go by their stable ids ("Gender Caucus 2"): accepting, rejecting, typing and undoing
around them never renumbers them, and each reads pending, accepted, rejected or conflict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_samples import DRAFT_46, GC_46, Sample46, make_file_46

from workbench import editing, history, paragraph_state, provenance
from workbench.editing import NotOpen, ProtectedParagraph
from workbench.model import ChangeState, EditKind, Role, StakeholderKind, Status
from workbench.storage import WorkbenchFile

AFTER_FIRST = DRAFT_46.replace("helps up implement", "helps us implement")
GC1, GC2 = "Gender Caucus 1", "Gender Caucus 2"
ADDITION = " and fulfil international development agreements"


@pytest.fixture
def sample(tmp_path: Path) -> Sample46:
    return make_file_46(tmp_path / "tunis.nwb")


def _open(sample: Sample46) -> WorkbenchFile:
    return WorkbenchFile.open(sample.path)


def _names(sample: Sample46) -> dict[int, str]:
    return {sample.chair_id: "Chair", sample.gc_id: "Gender Caucus"}


def _states(wb: WorkbenchFile, paragraph_id: int) -> dict[str, str]:
    return {c.id: str(c.state) for c in editing.state(wb, paragraph_id).changes}


def test_gc_offers_two_changes_against_its_base(sample: Sample46) -> None:
    with _open(sample) as wb:
        state = editing.state(wb, sample.paragraph_id)

    assert [(c.id, c.kind, c.base_text, c.text, c.state) for c in state.changes] == [
        (GC1, "replace", "up", "us", ChangeState.PENDING),
        (GC2, "insert", "", ADDITION, ChangeState.PENDING),
    ]
    assert state.proposals[0].tag == "Gender Caucus"
    assert state.proposals[0].base_text == DRAFT_46


def test_accepting_one_at_a_time_keeps_the_ids(sample: Sample46) -> None:
    with _open(sample) as wb:
        edit = editing.accept(wb, sample.paragraph_id, GC1, "ana")
        assert (edit.kind, edit.stakeholder_id, edit.changes) == (
            EditKind.ACCEPT,
            sample.gc_id,
            (1,),
        )
        assert wb.compromise(sample.paragraph_id) == AFTER_FIRST
        # "Gender Caucus 2" is still change 2, not renumbered to 1.
        assert _states(wb, sample.paragraph_id) == {GC2: "pending", GC1: "accepted"}
        editing.accept(wb, sample.paragraph_id, "gender caucus 2", "ana")  # any case, spacing
        assert wb.compromise(sample.paragraph_id) == GC_46
        assert _states(wb, sample.paragraph_id) == {GC1: "accepted", GC2: "accepted"}
        edits = wb.edits(sample.paragraph_id)

    assert history.replay(edits) == GC_46
    owned = provenance.spans(edits)
    assert [s.text for s in owned if s.stakeholder_id == sample.gc_id] == ["us", ADDITION]
    assert provenance.shares(owned, _names(sample))["Gender Caucus"] == pytest.approx(100 * 6 / 70)


def test_a_change_taken_is_not_taken_twice(sample: Sample46) -> None:
    """Two negotiators (or two command lines) asking for the same change: the second is told."""
    with _open(sample) as wb:
        editing.accept(wb, sample.paragraph_id, GC1, "ana")
        with pytest.raises(NotOpen, match="already in the compromise"):
            editing.accept(wb, sample.paragraph_id, GC1, "bo")
        with pytest.raises(NotOpen, match="no change 'GC 9'"):
            editing.accept(wb, sample.paragraph_id, "GC 9", "bo")
        assert wb.compromise(sample.paragraph_id) == AFTER_FIRST


def test_accept_all_is_one_step_of_undo(sample: Sample46) -> None:
    with _open(sample) as wb:
        edit = editing.accept_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana")
        assert edit is not None
        assert edit.changes == (1, 2)
        assert wb.compromise(sample.paragraph_id) == GC_46
        assert editing.accept_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana") is None

        undone = editing.undo(wb, sample.paragraph_id, "ana")
        assert undone is not None
        assert undone.target_edit_id == edit.id
        assert wb.compromise(sample.paragraph_id) == DRAFT_46
        assert editing.undo(wb, sample.paragraph_id, "ana") is None  # the draft is the start
        assert editing.redo(wb, sample.paragraph_id, "ana") is not None
        assert wb.compromise(sample.paragraph_id) == GC_46


def test_a_hand_edit_creates_no_change_and_leaves_the_counts(sample: Sample46) -> None:
    """Issue 19: " Hand edit by EU." typed at the end is nobody's proposal to delete."""
    with _open(sample) as wb:
        before = editing.state(wb, sample.paragraph_id)
        editing.type_text(wb, sample.paragraph_id, DRAFT_46 + " Hand edit by EU.", "eu")
        after = editing.state(wb, sample.paragraph_id)

    assert [c.id for c in after.changes] == [c.id for c in before.changes]
    assert after.open_count == before.open_count == 2
    assert all("Hand edit" not in c.base_text + c.text for c in after.changes)


def test_a_hand_edit_over_a_change_is_a_conflict_and_either_side_resolves_it(
    sample: Sample46,
) -> None:
    with _open(sample) as wb:
        pid = sample.paragraph_id
        typed = DRAFT_46.replace("helps up implement", "helps to implement")
        editing.type_text(wb, pid, typed, "bo")
        conflict = editing.state(wb, pid).change(GC1)
        assert conflict is not None
        assert conflict.state is ChangeState.CONFLICT
        assert (conflict.compromise_text, conflict.taken) == ("to", "us")
        assert editing.state(wb, pid).change(GC2).state is ChangeState.PENDING  # type: ignore[union-attr]

        # The proposal's side: its words over the compromise's.
        editing.accept(wb, pid, GC1, "ana")
        assert wb.compromise(pid) == AFTER_FIRST
        assert _states(wb, pid)[GC1] == "accepted"
        # The compromise's side: keep "to", turn GC 1 down.
        editing.undo(wb, pid, "ana")
        editing.reject(wb, pid, GC1, "ana")
        assert wb.compromise(pid) == typed
        assert _states(wb, pid)[GC1] == "rejected"


def test_undo_takes_back_the_last_action_whatever_it_was(sample: Sample46) -> None:
    """Issue 19: accept, reject, Ctrl+Z: the reject is undone, not the accept."""
    with _open(sample) as wb:
        pid = sample.paragraph_id
        editing.accept(wb, pid, GC1, "ana")
        editing.reject(wb, pid, GC2, "ana")
        assert _states(wb, pid) == {GC1: "accepted", GC2: "rejected"}
        assert editing.state(wb, pid).undo_label == f"rejected {GC2}"

        editing.undo(wb, pid, "ana")
        assert _states(wb, pid) == {GC2: "pending", GC1: "accepted"}
        assert wb.compromise(pid) == AFTER_FIRST
        editing.redo(wb, pid, "ana")
        assert _states(wb, pid)[GC2] == "rejected"
        # ...and a rejected change can be offered again directly.
        editing.restore(wb, pid, GC2, "ana")
        assert _states(wb, pid)[GC2] == "pending"
        with pytest.raises(NotOpen, match="not rejected"):
            editing.restore(wb, pid, GC2, "ana")
        edits = wb.edits(pid)

    assert [e.kind for e in edits] == [
        EditKind.INITIAL,
        EditKind.ACCEPT,
        EditKind.REJECT,
        EditKind.UNDO,
        EditKind.REDO,
        EditKind.RESTORE,
    ]
    assert history.replay(edits) == AFTER_FIRST


def test_reject_all_is_one_step_and_leaves_nothing_open(sample: Sample46) -> None:
    with _open(sample) as wb:
        edit = editing.reject_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana")
        assert edit is not None
        assert edit.changes == (1, 2)
        assert editing.accept_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana") is None
        assert wb.compromise(sample.paragraph_id) == DRAFT_46
        editing.undo(wb, sample.paragraph_id, "ana")
        assert editing.state(wb, sample.paragraph_id).open_count == 2


def test_rival_proposals_and_taking_either(tmp_path: Path) -> None:
    other = DRAFT_46.replace("helps up implement", "helps them implement")
    sample = make_file_46(tmp_path / "rivals.nwb", extra=[("Brazil", other)])
    with _open(sample) as wb:
        pid = sample.paragraph_id
        state = editing.state(wb, pid)
        assert state.change(GC1).rivals == ("Brazil 1",)  # type: ignore[union-attr]
        assert state.change("Brazil 1").rivals == (GC1,)  # type: ignore[union-attr]

        editing.accept(wb, pid, GC1, "ana")
        # Brazil wanted other words there: once GC's are in, that is a conflict, not a
        # fresh change against "us".
        brazil = editing.state(wb, pid).change("Brazil 1")
        assert brazil is not None
        assert (brazil.state, brazil.compromise_text, brazil.taken) == (
            ChangeState.CONFLICT,
            "us",
            "them",
        )
        editing.accept(wb, pid, "Brazil 1", "ana")
        assert "helps them implement" in wb.compromise(pid)
        assert _states(wb, pid)[GC1] == "conflict"


def test_the_same_change_from_two_proposals_is_one_change(tmp_path: Path) -> None:
    sample = make_file_46(tmp_path / "agree.nwb", extra=[("Brazil", AFTER_FIRST)])
    with _open(sample) as wb:
        state = editing.state(wb, sample.paragraph_id)
        first = state.change(GC1)
        assert first is not None
        assert first.stakeholders == ("Gender Caucus", "Brazil")
        assert first.ids == (GC1, "Brazil 1")
        assert state.change("Brazil 1") is first
        assert [c.id for c in state.changes] == [GC1, GC2]
        editing.accept(wb, sample.paragraph_id, "Brazil 1", "ana")
        assert _states(wb, sample.paragraph_id)[GC1] == "accepted"


def test_an_agreed_paragraph_is_protected(sample: Sample46) -> None:
    with _open(sample) as wb:
        pid = sample.paragraph_id
        edit = editing.set_status(wb, pid, Status.AGREED, "chair")
        assert edit is not None
        assert (edit.kind, edit.status) == (EditKind.STATUS, Status.AGREED)
        assert wb.paragraph(pid).status is Status.AGREED
        assert editing.set_status(wb, pid, Status.AGREED, "chair") is None  # already so
        state = editing.state(wb, pid)
        assert state.protected
        assert state.flagged  # agreed with changes still open

        for attempt in (
            lambda: editing.accept(wb, pid, GC1, "ana"),
            lambda: editing.accept_all(wb, pid, sample.gc_variant_id, "ana"),
            lambda: editing.type_text(wb, pid, "Other words.", "ana"),
        ):
            with pytest.raises(ProtectedParagraph, match="is agreed"):
                attempt()
        assert wb.compromise(pid) == DRAFT_46
        editing.reject(wb, pid, GC2, "ana")  # turning a change down changes no text
        editing.accept(wb, pid, GC1, "ana", force=True)
        assert wb.compromise(pid) == AFTER_FIRST


def test_status_is_read_from_the_log_and_undone_like_any_action(sample: Sample46) -> None:
    with _open(sample) as wb:
        pid = sample.paragraph_id
        editing.set_status(wb, pid, Status.BRACKETED, "chair")
        editing.set_status(wb, pid, Status.AGREED_AD_REF, "chair")
        assert wb.paragraph(pid).status is Status.AGREED_AD_REF
        assert editing.state(wb, pid).undo_label == "status set to agreed ad ref"
        editing.undo(wb, pid, "chair")
        assert wb.paragraph(pid).status is Status.BRACKETED
        state = editing.state(wb, pid)
        assert (state.hand_status, state.brackets, state.status) == (
            Status.BRACKETED,
            0,
            Status.BRACKETED,  # bracketed by hand shows, even with no brackets in the text
        )
        editing.redo(wb, pid, "chair")
        assert wb.paragraph(pid).status is Status.AGREED_AD_REF
        assert [p.status for p in wb.paragraphs()] == [Status.AGREED_AD_REF]
        assert wb.compromise(pid) == DRAFT_46


def test_typing_the_same_text_records_nothing(sample: Sample46) -> None:
    with _open(sample) as wb:
        assert editing.type_text(wb, sample.paragraph_id, DRAFT_46, "ana") is None
        edit = editing.type_text(wb, sample.paragraph_id, "[" + DRAFT_46 + "]", "ana")
        assert edit is not None
        assert (edit.kind, edit.stakeholder_id, edit.author) == (EditKind.TYPED, None, "ana")
        assert len(wb.edits(sample.paragraph_id)) == 2
        assert editing.state(wb, sample.paragraph_id).brackets == 1


def test_history_names_every_action(sample: Sample46) -> None:
    with _open(sample) as wb:
        pid = sample.paragraph_id
        editing.accept(wb, pid, GC1, "ana")
        editing.reject(wb, pid, GC2, "ana")
        editing.undo(wb, pid, "ana")
        editing.set_status(wb, pid, Status.AGREED, "ana")
        entries = editing.state(wb, pid).entries()

    assert [(e.what, e.in_force) for e in entries] == [
        ("starting text (Chair)", True),
        (f"accepted {GC1}", True),
        (f"rejected {GC2}", False),
        (f"undo: rejected {GC2}", True),
        ("status set to agreed", True),
    ]


def test_default_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "Delegate of Brazil")
    assert editing.default_author() == "Delegate of Brazil"
    monkeypatch.delenv("WORKBENCH_USER")
    assert editing.default_author()


def test_accept_all_brings_the_proposals_white_space_along(tmp_path: Path) -> None:
    """White space alone is no change to list, but "all" gives the proposer's very text."""
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        gc = wb.add_stakeholder("GC", StakeholderKind.CIVIL_SOCIETY)
        with wb.transaction():  # the paragraph starts as its draft
            paragraph = wb.add_paragraph("51", None)
            draft = wb.add_variant(
                paragraph.id, chair.id, Role.DRAFT, "We resolve to act:\n\na) now"
            )
        split = wb.add_variant(
            paragraph.id, gc.id, Role.PROPOSAL, "We resolve to act:\na) today", base_id=draft.id
        )
        edit = editing.accept_all(wb, paragraph.id, split.id, "Ana")
        assert edit is not None
        assert wb.compromise(paragraph.id) == "We resolve to act:\na) today"
        state = paragraph_state.read(wb, paragraph.id)
        assert [(c.id, c.state) for c in state.changes] == [("GC 1", ChangeState.ACCEPTED)]
        # A proposal differing from its draft by white space alone lists nothing; "all" takes
        # it all the same.
        with wb.transaction():
            other = wb.add_paragraph("52", None)
            base = wb.add_variant(other.id, chair.id, Role.DRAFT, "We note:\n\nthe report")
        spaced = wb.add_variant(
            other.id, gc.id, Role.PROPOSAL, "We note: the report", base_id=base.id
        )
        assert not paragraph_state.read(wb, other.id).changes_of(spaced.id)
        taken = editing.accept_all(wb, other.id, spaced.id, "Ana")
        assert taken is not None
        assert "white space" in taken.note
        assert wb.compromise(other.id) == "We note: the report"
        assert editing.accept_all(wb, other.id, spaced.id, "Ana") is None
