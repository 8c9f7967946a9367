"""The history panel: versions with who and from whom, a diff of any two, who wrote what."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

DRAFT = "Member states will consider the proposal."
GC = "Member states will carefully consider the gender proposal."


def owner_colours(edit: QTextEdit) -> set[str]:
    """The text colours set on pieces of the text (the overlay colours words by owner)."""
    colours = set()
    block = edit.document().begin()
    while block.isValid():
        pieces = block.begin()
        while not pieces.atEnd():
            brush = pieces.fragment().charFormat().foreground()
            if brush.style() != Qt.BrushStyle.NoBrush:
                colours.add(brush.color().name())
            pieces += 1
        block = block.next()
    return colours


def test_two_versions_show_their_diff_and_provenance_overlay(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = small_workbench(tmp_path / "history.nwb", [("12", DRAFT, [("GC", GC)])])
    window = open_window(qtbot, qsettings, path)
    merge = window.merge_pane
    for _ in range(2):
        with qtbot.waitSignal(window.controller.paragraph_changed):
            merge.accept_current()
    panel = window.history_panel
    assert panel.versions_view.topLevelItemCount() == 3
    assert panel.versions_view.topLevelItem(1).text(1) == "accepted GC 1"
    assert panel.versions_view.topLevelItem(1).text(2) == "Test Delegate"

    panel.select_versions(1, 3)
    assert "From #1 to #3" in panel.compare_label.text()
    shown = panel.diff_view.toPlainText()
    assert "carefully" in shown
    assert "gender" in shown

    panel.overlay_box.setChecked(True)
    assert window.overlay_action.isChecked()
    legend = panel.legend.text()
    assert "Chair" in legend
    assert "GC" in legend
    assert "%" in legend
    assert merge.text_edit.toPlainText() == GC  # the plain compromise, coloured by owner
    assert len(owner_colours(merge.text_edit)) == 2  # Chair's words and GC's
    panel.overlay_box.setChecked(False)
    assert not window.overlay_action.isChecked()
    assert panel.legend.text() == ""
    # Back to the review: nothing open is left, so it reads as the compromise again.
    assert merge.open_changes() == []
    assert merge.text_edit.toPlainText() == GC
    assert owner_colours(merge.text_edit) == set()  # and no longer coloured by owner


def test_undone_actions_are_listed_and_marked(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = small_workbench(tmp_path / "history.nwb", [("12", DRAFT, [("GC", GC)])])
    window = open_window(qtbot, qsettings, path)
    with qtbot.waitSignal(window.controller.paragraph_changed):
        window.merge_pane.reject_current()
    with qtbot.waitSignal(window.controller.paragraph_changed):
        window.undo()
    rows = window.history_panel.versions_view
    assert [rows.topLevelItem(i).text(1) for i in range(rows.topLevelItemCount())] == [
        "starting text (Chair)",
        "rejected GC 1",
        "undo: rejected GC 1",
    ]
    assert rows.topLevelItem(1).font(1).strikeOut()
    assert not rows.topLevelItem(2).font(1).strikeOut()
