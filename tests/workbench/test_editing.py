"""Merging paragraph 46 in a real workbench file: what a negotiator does and sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_samples import DRAFT_46, GC_46, Sample46, make_file_46

from workbench import (
    editing,
    history,
    provenance,
    storage,
)
from workbench.brackets import effective_status
from workbench.errors import WorkbenchError
from workbench.model import EditKind, Status

AFTER_FIRST = DRAFT_46.replace("helps up implement", "helps us implement")


@pytest.fixture
def sample(tmp_path: Path) -> Sample46:
    return make_file_46(tmp_path / "tunis.nwb")


def _open(sample: Sample46) -> storage.WorkbenchFile:
    return storage.WorkbenchFile.open(sample.path)


def _names(sample: Sample46) -> dict[int, str]:
    return {sample.chair_id: "Chair", sample.gc_id: "Gender Caucus"}


def test_gc_offers_two_changes(sample: Sample46) -> None:
    with _open(sample) as wb:
        found = editing.pending(wb, sample.paragraph_id)

    assert [(p.number, p.stakeholder, p.hunk.op, p.hunk.text) for p in found] == [
        (1, "Gender Caucus", "replace", "us"),
        (2, "Gender Caucus", "insert", " and fulfil international development agreements"),
    ]


def test_accepting_gc_changes_one_at_a_time(sample: Sample46) -> None:
    with _open(sample) as wb:
        first = editing.pending(wb, sample.paragraph_id)[0]
        edit = editing.accept(wb, sample.paragraph_id, first, "ana")
        assert edit.kind is EditKind.ACCEPT
        assert edit.stakeholder_id == sample.gc_id
        assert wb.compromise(sample.paragraph_id) == AFTER_FIRST

        remaining = editing.pending(wb, sample.paragraph_id)
        assert [(p.number, p.hunk.op) for p in remaining] == [(1, "insert")]
        editing.accept(wb, sample.paragraph_id, remaining[0], "ana")

        assert wb.compromise(sample.paragraph_id) == GC_46
        assert editing.pending(wb, sample.paragraph_id) == []
        edits = wb.edits(sample.paragraph_id)

    assert history.replay(edits) == GC_46
    assert [v.source for v in history.versions(edits, _names(sample))] == [
        "Chair",
        "Gender Caucus",
        "Gender Caucus",
    ]
    owned = provenance.spans(edits)
    gc_words = [s.text for s in owned if s.stakeholder_id == sample.gc_id]
    assert gc_words == ["us", " and fulfil international development agreements"]
    shares = provenance.shares(owned, _names(sample))
    assert sum(shares.values()) == pytest.approx(100)
    # 6 of the 70 words come from the Gender Caucus.
    assert shares["Gender Caucus"] == pytest.approx(100 * 6 / 70)


def test_accept_all_then_undo_twice(sample: Sample46) -> None:
    with _open(sample) as wb:
        edit = editing.accept_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana")
        assert edit is not None
        assert edit.note == "all 2 changes from Gender Caucus"
        assert wb.compromise(sample.paragraph_id) == GC_46
        # Untouched words between the two hunks still belong to the chair's draft.
        owned = provenance.spans(wb.edits(sample.paragraph_id))
        assert [s.text for s in owned if s.stakeholder_id == sample.gc_id] == [
            "us",
            " and fulfil international development agreements",
        ]

        undone = editing.undo(wb, sample.paragraph_id, "ana")
        assert undone is not None
        assert undone.target_edit_id == edit.id
        assert wb.compromise(sample.paragraph_id) == DRAFT_46
        assert editing.undo(wb, sample.paragraph_id, "ana") is None  # the draft is the start
        assert wb.compromise(sample.paragraph_id) == DRAFT_46

        redone = editing.redo(wb, sample.paragraph_id, "ana")
        assert redone is not None
        assert wb.compromise(sample.paragraph_id) == GC_46
        edits = wb.edits(sample.paragraph_id)

    assert [e.kind for e in edits] == [
        EditKind.INITIAL,
        EditKind.ACCEPT,
        EditKind.UNDO,
        EditKind.REDO,
    ]
    assert history.replay(edits) == GC_46
    assert provenance.shares(provenance.spans(edits), _names(sample))["Gender Caucus"] > 0


def test_undo_twice_after_two_accepts_walks_back_to_the_draft(sample: Sample46) -> None:
    with _open(sample) as wb:
        for _ in range(2):
            editing.accept(
                wb, sample.paragraph_id, editing.pending(wb, sample.paragraph_id)[0], "ana"
            )
        editing.undo(wb, sample.paragraph_id, "ana")
        assert wb.compromise(sample.paragraph_id) == AFTER_FIRST
        editing.undo(wb, sample.paragraph_id, "ana")
        assert wb.compromise(sample.paragraph_id) == DRAFT_46
        assert len(editing.pending(wb, sample.paragraph_id)) == 2
        owned = provenance.spans(wb.edits(sample.paragraph_id))
        assert [(s.text, s.stakeholder_id) for s in owned] == [(DRAFT_46, sample.chair_id)]

        editing.redo(wb, sample.paragraph_id, "ana")
        assert wb.compromise(sample.paragraph_id) == AFTER_FIRST
        editing.type_text(wb, sample.paragraph_id, AFTER_FIRST + " [Fully.]", "bo")
        assert editing.redo(wb, sample.paragraph_id, "ana") is None  # typing cleared redo
        edits = wb.edits(sample.paragraph_id)

    assert history.replay(edits) == AFTER_FIRST + " [Fully.]"
    assert history.redo_stack(edits) == []
    shares = provenance.shares(provenance.spans(edits), _names(sample))
    assert set(shares) == {"Chair", "Gender Caucus", "typed by bo"}


def test_rejected_change_is_not_offered_again(sample: Sample46) -> None:
    with _open(sample) as wb:
        first = editing.pending(wb, sample.paragraph_id)[0]
        edit = editing.reject(wb, sample.paragraph_id, first, "ana")
        assert edit.kind is EditKind.REJECT
        assert wb.compromise(sample.paragraph_id) == DRAFT_46
        assert [p.number for p in editing.pending(wb, sample.paragraph_id)] == [2]

        # Still hidden after the other change goes in elsewhere in the paragraph.
        editing.accept(wb, sample.paragraph_id, editing.pending(wb, sample.paragraph_id)[0], "ana")
        assert editing.pending(wb, sample.paragraph_id) == []
        shown = editing.pending(wb, sample.paragraph_id, include_rejected=True)
        assert [(p.number, p.rejected) for p in shown] == [(1, True)]


def test_reject_all_then_accept_all_does_nothing(sample: Sample46) -> None:
    with _open(sample) as wb:
        rejected = editing.reject_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana")
        assert len(rejected) == 2
        assert editing.accept_all(wb, sample.paragraph_id, sample.gc_variant_id, "ana") is None
        assert wb.compromise(sample.paragraph_id) == DRAFT_46


def test_conflicting_proposals(tmp_path: Path) -> None:
    other = DRAFT_46.replace("helps up implement", "helps them implement")
    sample = make_file_46(tmp_path / "conflict.nwb", extra=[("Brazil", other)])
    with _open(sample) as wb:
        found = editing.pending(wb, sample.paragraph_id)
        gc_first = next(p for p in found if p.stakeholder == "Gender Caucus" and p.number == 1)
        assert [c.stakeholder for c in gc_first.conflict_with] == ["Brazil"]

        editing.accept(wb, sample.paragraph_id, gc_first, "ana")
        brazil = [p for p in editing.pending(wb, sample.paragraph_id) if p.stakeholder == "Brazil"]

    # Brazil's change is now measured against "us": still offered, no longer a conflict.
    assert [(p.hunk.text, p.conflict_with) for p in brazil] == [("them", ())]


def test_a_stale_hunk_is_refused(sample: Sample46) -> None:
    with _open(sample) as wb:
        first = editing.pending(wb, sample.paragraph_id)[0]
        editing.accept(wb, sample.paragraph_id, first, "ana")
        with pytest.raises(WorkbenchError, match="no longer applies"):
            editing.accept(wb, sample.paragraph_id, first, "ana")


def test_typing_the_same_text_records_nothing(sample: Sample46) -> None:
    with _open(sample) as wb:
        assert editing.type_text(wb, sample.paragraph_id, DRAFT_46, "ana") is None
        edit = editing.type_text(wb, sample.paragraph_id, "[" + DRAFT_46 + "]", "ana")
        assert edit is not None
        assert (edit.kind, edit.stakeholder_id, edit.author) == (EditKind.TYPED, None, "ana")
        assert len(wb.edits(sample.paragraph_id)) == 2


def test_set_status_is_recorded_and_stored(sample: Sample46) -> None:
    with _open(sample) as wb:
        editing.type_text(wb, sample.paragraph_id, "[" + DRAFT_46 + "]", "ana")
        paragraph = wb.paragraph(sample.paragraph_id)
        assert effective_status(paragraph.status, wb.compromise(paragraph.id)) is Status.BRACKETED

        edit = editing.set_status(wb, sample.paragraph_id, Status.AGREED_AD_REF, "ana")

        assert (edit.kind, edit.note) == (EditKind.STATUS, "agreed ad ref")
        assert wb.paragraph(sample.paragraph_id).status is Status.AGREED_AD_REF
        assert wb.compromise(sample.paragraph_id) == "[" + DRAFT_46 + "]"


def test_default_author(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "Delegate of Brazil")
    assert editing.default_author() == "Delegate of Brazil"
    monkeypatch.delenv("WORKBENCH_USER")
    assert editing.default_author()
