"""History read from a hand-built log: replay, undo/redo stacks, versions."""

from __future__ import annotations

import pytest
from engine_samples import edit_record as _edit

from workbench.history import (
    current_text,
    redo_stack,
    replay,
    text_at,
    text_before,
    undo_stack,
    undone,
    versions,
)
from workbench.model import EditKind

LOG = [
    _edit(1, EditKind.INITIAL, "helps up implement", stakeholder_id=1),
    _edit(
        2, EditKind.ACCEPT, "helps us implement", start=6, end=8, inserted="us", stakeholder_id=2
    ),
    _edit(3, EditKind.REJECT, "helps us implement", start=0, end=5, inserted="aids"),
    _edit(4, EditKind.TYPED, "helps us fully implement", start=8, end=8, inserted=" fully"),
    _edit(5, EditKind.UNDO, "helps us implement", target=104),
    _edit(6, EditKind.STATUS, "helps us implement"),
]


def test_current_text_and_replay_agree() -> None:
    assert current_text(LOG) == "helps us implement"
    assert replay(LOG) == "helps us implement"
    assert current_text([]) == replay([]) == ""


def test_one_undo_history_over_every_kind_of_action() -> None:
    # The status set after the undo is an action too: it empties the redo stack.
    assert [e.seq for e in undo_stack(LOG)] == [2, 3, 6]
    assert redo_stack(LOG) == []
    before_status = LOG[:5]
    assert [e.seq for e in undo_stack(before_status)] == [2, 3]
    assert [e.seq for e in redo_stack(before_status)] == [4]
    assert undone(LOG) == {104}


def test_redo_then_a_new_edit_clears_redo() -> None:
    log = [*LOG[:5], _edit(6, EditKind.REDO, "helps us fully implement", target=104)]
    assert [e.seq for e in undo_stack(log)] == [2, 3, 4]
    assert redo_stack(log) == []
    assert undone(log) == set()
    assert replay(log) == "helps us fully implement"

    log = [
        *LOG[:5],
        _edit(6, EditKind.TYPED, "helps us to implement", start=8, end=8, inserted=" to"),
    ]
    assert redo_stack(log) == []
    assert [e.seq for e in undo_stack(log)] == [2, 3, 6]


def test_undoing_a_rejection_keeps_the_text() -> None:
    log = [*LOG[:3], _edit(4, EditKind.UNDO, "helps us implement", target=103)]
    assert replay(log) == "helps us implement"
    assert undone(log) == {103}
    assert [e.seq for e in redo_stack(log)] == [3]


def test_versions_number_each_text_change() -> None:
    found = versions(LOG, {1: "Chair", 2: "Gender Caucus"})

    assert [(v.number, v.seq, v.source, v.text) for v in found] == [
        (1, 1, "Chair", "helps up implement"),
        (2, 2, "Gender Caucus", "helps us implement"),
        (3, 4, "typed", "helps us fully implement"),
        (4, 5, "undo", "helps us implement"),
    ]
    assert text_at(LOG, 3) == "helps us fully implement"
    assert text_at(LOG, 0) == ""
    with pytest.raises(IndexError):
        text_at(LOG, 9)


def test_text_before_an_edit() -> None:
    assert text_before(LOG, 104) == "helps us implement"
    assert text_before(LOG, 101) == ""
