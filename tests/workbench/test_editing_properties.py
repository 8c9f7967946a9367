"""Hypothesis properties of editing in a real workbench file: undo, replay and shares."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engine_properties import base_and_proposals, texts

from workbench import (
    editing,
    history,
    provenance,
    storage,
)
from workbench.model import EditKind, NewEdit, Role, StakeholderKind

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["accept", "accept_all", "reject", "type", "undo", "redo"]),
        st.integers(0, 10),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(base_and_proposals(), ACTIONS, st.lists(texts(), min_size=1, max_size=3))
def test_any_sequence_of_edits_keeps_history_exact(
    case: tuple[str, str, str], actions: list[tuple[str, int]], typed: list[str]
) -> None:
    base, first, second = case
    with tempfile.TemporaryDirectory() as folder:
        wb = storage.WorkbenchFile.create(Path(folder) / "p.nwb")
        with wb:
            paragraph_id, variant_ids, names = _setup(wb, base, [first, second])
            undo_model: list[str] = []
            redo_model: list[str] = []
            seen = [base]
            for action, pick in actions:
                before = wb.compromise(paragraph_id)
                found = editing.pending(wb, paragraph_id)
                changed = True
                if action == "accept" and found:
                    editing.accept(wb, paragraph_id, found[pick % len(found)], "ana")
                elif action == "accept_all":
                    variant = variant_ids[pick % 2]
                    changed = editing.accept_all(wb, paragraph_id, variant, "ana") is not None
                elif action == "reject" and found:
                    editing.reject(wb, paragraph_id, found[pick % len(found)], "ana")
                    changed = False
                elif action == "type":
                    changed = editing.type_text(wb, paragraph_id, typed[pick % len(typed)], "bo")
                    changed = changed is not None
                elif action == "undo":
                    if editing.undo(wb, paragraph_id, "ana") is None:
                        assert not undo_model
                    else:
                        redo_model.append(before)
                        assert wb.compromise(paragraph_id) == undo_model.pop()
                    continue
                elif action == "redo":
                    if editing.redo(wb, paragraph_id, "ana") is None:
                        assert not redo_model
                    else:
                        undo_model.append(before)
                        assert wb.compromise(paragraph_id) == redo_model.pop()
                    continue
                else:
                    changed = False
                if changed:
                    undo_model.append(before)
                    redo_model.clear()
                    seen.append(wb.compromise(paragraph_id))
                else:
                    assert wb.compromise(paragraph_id) == before

            edits = wb.edits(paragraph_id)
            current = wb.compromise(paragraph_id)
            assert history.replay(edits) == current
            assert history.current_text(edits) == current
            owned = provenance.spans(edits)
            assert "".join(span.text for span in owned) == current
            shares = provenance.shares(owned, names)
            if current.strip():
                assert sum(shares.values()) == pytest.approx(100)
            # Undoing everything walks back through every earlier text to the start.
            while editing.undo(wb, paragraph_id, "ana") is not None:
                assert wb.compromise(paragraph_id) in seen
            assert wb.compromise(paragraph_id) == base


def _setup(
    wb: storage.WorkbenchFile, base: str, proposals: list[str]
) -> tuple[int, list[int], dict[int, str]]:
    with wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        paragraph = wb.add_paragraph("1", None)
        draft = wb.add_variant(paragraph.id, chair.id, Role.DRAFT, base)
        variant_ids = []
        names = {chair.id: chair.name}
        for index, text in enumerate(proposals):
            stakeholder = wb.add_stakeholder(f"Delegation {index + 1}")
            names[stakeholder.id] = stakeholder.name
            variant_ids.append(wb.add_variant(paragraph.id, stakeholder.id, Role.PROPOSAL, text).id)
        wb.append_edit(
            NewEdit(
                paragraph_id=paragraph.id,
                kind=EditKind.INITIAL,
                author="secretariat",
                text_after=base,
                inserted=base,
                stakeholder_id=chair.id,
                variant_id=draft.id,
            )
        )
    return paragraph.id, variant_ids, names
