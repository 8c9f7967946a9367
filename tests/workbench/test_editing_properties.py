"""Hypothesis properties of editing in a real workbench file: ids and states against a model,
undo and redo in any order, replay and shares."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_engine_properties import base_and_proposals, texts
from test_three_way_properties import _apply, _new_words, edited, texts_and_words

from workbench import editing, history, provenance
from workbench.changes import ProposedChange, clash, proposal_changes
from workbench.model import ChangeState, Role, StakeholderKind, Status
from workbench.storage import WorkbenchFile

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["accept", "accept_all", "reject", "restore", "type", "undo", "redo", "status"]
        ),
        st.integers(0, 10),
    ),
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(base_and_proposals(), ACTIONS, st.lists(texts(), min_size=1, max_size=3))
def test_any_sequence_of_actions_keeps_history_exact(
    case: tuple[str, str, str], actions: list[tuple[str, int]], typed: list[str]
) -> None:
    base, first, second = case
    with (
        tempfile.TemporaryDirectory() as folder,
        WorkbenchFile.create(Path(folder) / "p.nwb") as wb,
    ):
        paragraph_id, variant_ids, names = _setup(wb, base, [first, second])
        texts_seen = [base]
        for action, pick in actions:
            state = editing.state(wb, paragraph_id)
            open_ids = [c.id for c in state.open_changes]
            rejected = [c.id for c in state.changes if c.state is ChangeState.REJECTED]
            if action == "accept" and open_ids:
                editing.accept(wb, paragraph_id, open_ids[pick % len(open_ids)], "ana", force=True)
            elif action == "accept_all":
                editing.accept_all(wb, paragraph_id, variant_ids[pick % 2], "ana", force=True)
            elif action == "reject" and open_ids:
                editing.reject(wb, paragraph_id, open_ids[pick % len(open_ids)], "ana")
            elif action == "restore" and rejected:
                editing.restore(wb, paragraph_id, rejected[pick % len(rejected)], "ana")
            elif action == "type":
                editing.type_text(wb, paragraph_id, typed[pick % len(typed)], "bo", force=True)
            elif action == "undo":
                editing.undo(wb, paragraph_id, "ana", force=True)
            elif action == "redo":
                editing.redo(wb, paragraph_id, "ana", force=True)
            elif action == "status":
                editing.set_status(wb, paragraph_id, list(Status)[pick % 3], "ana")
            texts_seen.append(wb.compromise(paragraph_id))
            # Ids never change, whatever is done.
            after = editing.state(wb, paragraph_id)
            assert sorted(c.id for c in after.changes) == sorted(c.id for c in state.changes)

        edits = wb.edits(paragraph_id)
        current = wb.compromise(paragraph_id)
        assert history.replay(edits) == current
        assert history.current_text(edits) == current
        owned = provenance.spans(edits)
        assert "".join(span.text for span in owned) == current
        shares = provenance.shares(owned, names)
        if current.strip():
            assert sum(shares.values()) == pytest.approx(100)
        # Undoing everything walks back through earlier texts to the start and the status open.
        while editing.undo(wb, paragraph_id, "ana", force=True) is not None:
            assert wb.compromise(paragraph_id) in texts_seen
        assert wb.compromise(paragraph_id) == base
        assert wb.paragraph(paragraph_id).status is Status.OPEN
        assert all(c.state is ChangeState.PENDING for c in editing.state(wb, paragraph_id).changes)


class Model:
    """What the negotiator did, as sets: accepted and rejected changes, one snapshot per
    action, undo and redo walking the snapshots."""

    def __init__(self, changes: dict[str, ProposedChange], base: str) -> None:
        self.changes = changes
        self.base = base
        self.snapshots: list[tuple[frozenset[str], frozenset[str]]] = [(frozenset(), frozenset())]
        self.at = 0

    @property
    def accepted(self) -> frozenset[str]:
        return self.snapshots[self.at][0]

    @property
    def rejected(self) -> frozenset[str]:
        return self.snapshots[self.at][1]

    def state(self, change_id: str) -> ChangeState:
        if change_id in self.accepted:
            return ChangeState.ACCEPTED
        if change_id in self.rejected:
            return ChangeState.REJECTED
        change = self.changes[change_id]
        if any(clash(change, self.changes[a], self.base) for a in self.accepted):
            return ChangeState.CONFLICT
        return ChangeState.PENDING

    def text(self) -> str:
        return _apply(self.base, [(self.changes[a], self.changes[a].text) for a in self.accepted])

    def act(self, accepted: frozenset[str], rejected: frozenset[str]) -> None:
        del self.snapshots[self.at + 1 :]  # a new action forgets what was undone
        self.snapshots.append((accepted, rejected))
        self.at += 1

    def accept(self, change_id: str) -> None:
        change = self.changes[change_id]
        kept = {a for a in self.accepted if not clash(change, self.changes[a], self.base)}
        self.act(frozenset({*kept, change_id}), self.rejected)

    def reject(self, change_id: str) -> None:
        self.act(self.accepted, self.rejected | {change_id})

    def restore(self, change_id: str) -> None:
        self.act(self.accepted, self.rejected - {change_id})


MODEL_ACTIONS = st.lists(
    st.tuples(st.sampled_from(["accept", "reject", "restore", "undo", "redo"]), st.integers(0, 20)),
    min_size=1,
    max_size=16,
)


@settings(max_examples=150, deadline=None)
@given(st.data(), MODEL_ACTIONS)
def test_accept_reject_undo_redo_in_any_order_keep_ids_and_states(
    data: st.DataObject, actions: list[tuple[str, int]]
) -> None:
    """Two delegations' proposals on one draft (Latin, Arabic, Chinese... mixed); any order of
    accepts, rejects, restores, undos and redos: every change keeps its id, and its state and
    the compromise are what the model says."""
    base, spare = data.draw(texts_and_words())
    proposals = [data.draw(edited(base, spare)) for _ in range(2)]
    every = [c for text in proposals for c in proposal_changes(base, text)]
    assume(every)
    assume(_new_words(base, every))
    # Changes of different proposals either overlap or keep a word between them: right beside
    # each other (touching, or with only a space between), whether one still applies after the
    # other is taken has two fair answers (see test_three_way_properties).
    for one in every:
        for other in every:
            overlap = one.base_start < other.base_end and other.base_start < one.base_end
            if one is not other and not overlap:
                low, high = sorted(
                    [(one.base_start, one.base_end), (other.base_start, other.base_end)]
                )
                assume(base[low[1] : high[0]].strip() or one == other)
    with (
        tempfile.TemporaryDirectory() as folder,
        WorkbenchFile.create(Path(folder) / "p.nwb") as wb,
    ):
        paragraph_id, _variants, _names = _setup(wb, base, proposals)
        first = editing.state(wb, paragraph_id)
        ids = [c.id for c in first.changes]
        by_id = {}
        for change in first.changes:
            by_id[change.id] = next(
                c
                for c in every
                if (c.base_start, c.base_end, c.text)
                == (change.base_start, change.base_end, change.text)
            )
        model = Model(by_id, base)
        for action, pick in actions:
            state = editing.state(wb, paragraph_id)
            chosen = ids[pick % len(ids)]
            if action in ("accept", "reject"):
                if model.state(chosen) in (ChangeState.PENDING, ChangeState.CONFLICT):
                    if action == "accept":
                        editing.accept(wb, paragraph_id, chosen, "ana")
                        model.accept(chosen)
                    else:
                        editing.reject(wb, paragraph_id, chosen, "ana")
                        model.reject(chosen)
                else:
                    with pytest.raises(editing.NotOpen):
                        (editing.accept if action == "accept" else editing.reject)(
                            wb, paragraph_id, chosen, "ana"
                        )
            elif action == "restore" and model.state(chosen) is ChangeState.REJECTED:
                editing.restore(wb, paragraph_id, chosen, "ana")
                model.restore(chosen)
            elif action == "undo":
                done = editing.undo(wb, paragraph_id, "ana")
                assert (done is None) == (model.at == 0)
                model.at = max(0, model.at - 1)
            elif action == "redo":
                done = editing.redo(wb, paragraph_id, "ana")
                assert (done is None) == (model.at == len(model.snapshots) - 1)
                model.at = min(len(model.snapshots) - 1, model.at + 1)
            state = editing.state(wb, paragraph_id)
            assert sorted(c.id for c in state.changes) == sorted(ids)
            assert state.compromise == model.text()
            assert {c.id: c.state for c in state.changes} == {i: model.state(i) for i in ids}


def _setup(
    wb: WorkbenchFile, base: str, proposals: list[str]
) -> tuple[int, list[int], dict[int, str]]:
    """One paragraph: the chair's draft and the delegations' proposals amending it."""
    with wb.transaction():  # the paragraph starts from its draft (storage's INITIAL edit)
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        paragraph = wb.add_paragraph("1", None)
        wb.add_variant(paragraph.id, chair.id, Role.DRAFT, base)
        variant_ids = []
        names = {chair.id: chair.name}
        for index, text in enumerate(proposals):
            stakeholder = wb.add_stakeholder(f"Delegation {index + 1}")
            names[stakeholder.id] = stakeholder.name
            variant_ids.append(wb.add_variant(paragraph.id, stakeholder.id, Role.PROPOSAL, text).id)
    return paragraph.id, variant_ids, names
