"""The merge pane on made-up conflicts: marked in place, settled with Ctrl+N, hover matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

from ui.main_window import MainWindow

DRAFT = "States shall cooperate on the security of networks."
GC = "States shall cooperate closely on the security and stability of networks."
EU = "States shall cooperate actively on the security of networks."


@pytest.fixture
def window(qtbot: QtBot, qsettings: QSettings, tmp_path: Path) -> MainWindow:
    path = small_workbench(tmp_path / "conflict.nwb", [("7", DRAFT, [("GC", GC), ("EU", EU)])])
    return open_window(qtbot, qsettings, path)


def test_conflicting_changes_are_marked_in_place(window: MainWindow) -> None:
    merge = window.merge_pane
    tags = [f"{name} {number}" for name, number, _ in merge.shown_changes()]
    assert tags == ["GC 1", "GC 2", "EU 1"]
    text = merge.text_edit.toPlainText()
    assert "⚠GC 1" in text
    assert "⚠EU 1" in text
    assert "GC 2" in text
    assert "⚠GC 2" not in text
    conflicted = [h for h in merge.hunks if h.conflict_with]
    assert {h.stakeholder for h in conflicted} == {"GC", "EU"}
    assert "conflicts with" in merge.change_list.item(0).text()


def test_ctrl_3_settles_a_conflict_for_pane_three(qtbot: QtBot, window: MainWindow) -> None:
    assert [pane.current_variant().role for pane in window.panes] == [
        "draft",
        "proposal",
        "proposal",
    ]
    merge = window.merge_pane
    assert merge.current_hunk().stakeholder == "GC"  # GC 1, in conflict with EU 1
    merge.text_edit.setFocus()
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(merge.text_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert "cooperate actively on" in merge.compromise
    # GC's rival wording no longer applies cleanly as an insertion of its own: it is still offered.
    assert all(not h.conflict_with for h in merge.hunks)


def test_accept_all_and_read_only_buttons(qtbot: QtBot, window: MainWindow) -> None:
    merge = window.merge_pane
    assert merge.accept_all_button.text() == "Accept all from GC"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.mouseClick(merge.accept_all_button, Qt.MouseButton.LeftButton)
    assert merge.compromise == GC
    with qtbot.waitSignal(window.controller.paragraph_changed):
        window.undo()
    assert merge.compromise == DRAFT  # one undo takes the whole "accept all" back


def test_clicking_a_change_in_a_pane_makes_it_current(window: MainWindow) -> None:
    merge = window.merge_pane
    eu_pane = window.panes[2]
    run = eu_pane.runs[-1]
    eu_pane.change_clicked.emit(run.base_start, run.base_end, eu_pane.current_variant().id)
    assert merge.current_hunk().stakeholder == "EU"
    # ...and the matching place is marked in the GC pane.
    assert window.panes[1].text_edit.extraSelections()


def test_hovering_a_change_marks_the_merge_text(window: MainWindow) -> None:
    merge = window.merge_pane
    gc_pane = window.panes[1]
    before = len(merge.text_edit.extraSelections())
    run = gc_pane.runs[-1]
    gc_pane.change_hovered.emit(run.base_start, run.base_end, gc_pane.current_variant().id)
    assert len(merge.text_edit.extraSelections()) == before + 1
    gc_pane.change_hovered.emit(-1, -1, -1)
    assert len(merge.text_edit.extraSelections()) == before


def test_a_long_stakeholder_name_is_cut_with_an_ellipsis_and_kept_whole_in_the_tooltip(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    name = "Group of 77 and China, speaking also for the Least Developed Countries"
    path = small_workbench(tmp_path / "long.nwb", [("7", DRAFT, [(name, GC)])])
    window = open_window(qtbot, qsettings, path)
    button = window.merge_pane.accept_all_button
    assert button.full_text() == f"Accept all from {name}"
    shown = button.text()
    assert shown.startswith("Accept all from G")
    assert "…" in shown
    assert shown.endswith("s")
    assert button.fontMetrics().horizontalAdvance(shown) < button.width()
    assert name in button.toolTip()
    accept = window.merge_pane.accept_button
    # Only the name is shortened: "Accept" and the change's number stay.
    assert accept.text().startswith("Accept G")
    assert "…" in accept.text()
    assert accept.text().endswith("s 1")
    assert "Take the current change into the compromise" in accept.toolTip()
    # In the text, the tag after each change is cut short too; the list names them in full.
    review = window.merge_pane.text_edit.toPlainText()
    assert "Group of 77 and… 1" in review
    assert name not in review
    assert window.merge_pane.change_list.item(0).toolTip().startswith(name)
    # Room enough again: the whole text, and no name repeated in the tooltip.
    button.resize(button.fontMetrics().horizontalAdvance(button.full_text()) + 60, 30)
    assert button.text() == f"Accept all from {name}"
    assert name not in button.toolTip()
