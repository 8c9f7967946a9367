"""The merge pane on made-up rivals: marked in place, settled with Ctrl+N, panes and list agree."""

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
    path = small_workbench(tmp_path / "rivals.nwb", [("7", DRAFT, [("GC", GC), ("EU", EU)])])
    return open_window(qtbot, qsettings, path)


def states(window: MainWindow) -> dict[str, str]:
    return {c.id: str(c.state) for c in window.merge_pane.changes}


def test_rival_changes_are_marked_in_place(qtbot: QtBot, window: MainWindow) -> None:
    merge = window.merge_pane
    qtbot.waitUntil(lambda: merge.change_list.count() > 0)  # the list follows the paint
    assert [change_id for change_id, _ in merge.shown_changes()] == ["GC 1", "EU 1", "GC 2"]
    rivals = {c.id: c.rivals for c in merge.changes}
    assert rivals == {"GC 1": ("EU 1",), "EU 1": ("GC 1",), "GC 2": ()}
    assert "rival of EU 1" in merge.change_list.text(0)


def test_ctrl_3_takes_the_rival_of_pane_three_and_the_other_is_a_conflict(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert [pane.current_variant().role for pane in window.panes] == [  # type: ignore[union-attr]
        "draft",
        "proposal",
        "proposal",
    ]
    merge = window.merge_pane
    assert merge.current_id == "GC 1"  # GC 1, rival of EU 1
    merge.text_edit.setFocus()
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(merge.text_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert "cooperate actively on" in merge.compromise
    # GC wanted other words there: a conflict now, shown with both texts.
    assert states(window) == {"GC 1": "conflict", "GC 2": "pending", "EU 1": "accepted"}
    text = merge.text_edit.toPlainText()
    assert "⚠GC 1" in text
    assert "closely" in text  # GC's words, offered beside the compromise's "actively"
    merge.set_current("GC 1")
    assert merge.accept_button.text() == "Take GC 1"
    assert merge.reject_button.text() == "Keep as is"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        merge.reject_current()  # keep the compromise's words
    assert states(window)["GC 1"] == "rejected"
    assert "cooperate actively on" in merge.compromise


def test_accept_all_and_one_undo(qtbot: QtBot, window: MainWindow) -> None:
    merge = window.merge_pane
    assert merge.accept_all_button.text() == "Accept all from GC"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.mouseClick(merge.accept_all_button, Qt.MouseButton.LeftButton)
    assert merge.compromise == GC
    assert states(window) == {"EU 1": "conflict", "GC 1": "accepted", "GC 2": "accepted"}
    with qtbot.waitSignal(window.controller.paragraph_changed):
        window.undo()
    assert merge.compromise == DRAFT  # one undo takes the whole "accept all" back


def test_a_proposal_pane_shows_its_changes_with_their_ids_and_states(
    qtbot: QtBot, window: MainWindow
) -> None:
    gc_pane = window.panes[1]
    assert [change_id for change_id, _ in gc_pane.changes()] == ["GC 1", "GC 2"]
    assert gc_pane.summary.text() == "GC: 2 changes (2 pending)"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        window.controller.accept("GC 2")
    shown = dict(gc_pane.changes())
    assert shown["GC 2"].endswith("GC 2 ✓")  # accepted ones are marked, not dropped
    assert gc_pane.summary.text() == "GC: 2 changes (1 accepted, 1 pending)"


def test_clicking_a_change_in_a_pane_makes_it_current(window: MainWindow) -> None:
    merge = window.merge_pane
    eu_pane = window.panes[2]
    eu_pane.change_clicked.emit("EU 1")
    assert merge.current_id == "EU 1"
    # ...marked in its own pane, words and tag, and at its place in the draft ("cooperate|").
    own = eu_pane.text_edit.extraSelections()
    assert [s.cursor.selectedText() for s in own] == [" actively\u2009EU 1"]
    marked = window.panes[0].text_edit.extraSelections()
    assert [(s.cursor.selectionStart(), s.cursor.selectedText()) for s in marked] == [(22, " ")]


def test_hovering_a_change_marks_the_merge_text(window: MainWindow) -> None:
    merge = window.merge_pane
    gc_pane = window.panes[1]
    before = len(merge.text_edit.extraSelections())
    gc_pane.change_hovered.emit("GC 2")
    assert len(merge.text_edit.extraSelections()) == before + 1
    gc_pane.change_hovered.emit("")
    assert len(merge.text_edit.extraSelections()) == before


def test_a_long_stakeholder_name_never_cuts_a_button_and_is_named_whole_beside_them(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    name = "Group of 77 and China, speaking also for the Least Developed Countries"
    path = small_workbench(tmp_path / "long.nwb", [("7", DRAFT, [(name, GC)])])
    window = open_window(qtbot, qsettings, path)
    merge = window.merge_pane
    button = merge.accept_all_button
    assert button.full_text() == f"Accept all from {name}"
    # No room for the name: the shorter wording, whole, never "Accept all from Gr…".
    assert button.text() == "Accept all"
    assert name in button.toolTip()
    accept = merge.accept_button
    assert accept.text() == "Accept"
    assert "Take the current change into the compromise" in accept.toolTip()
    # The change is named whole in the line over the list.
    assert f"Current: {name} 1 (pending)" in merge.change_label.text()
    # In the text, the tag after each change is cut short; the list names them in full.
    review = merge.text_edit.toPlainText()
    assert "Group of 77 and… 1" in review
    assert name not in review
    qtbot.waitUntil(lambda: merge.change_list.count() > 0)  # after the paint
    assert merge.change_list.tooltip(0).startswith(name)
    # The pane's selector names the group without its qualifiers rather than cut it.
    assert window.panes[1].combo.shown_text() == "Group of 77 and China"
    # Room enough again: the whole text, and no name repeated in the tooltip.
    button.resize(button.width_for(button.full_text()) + 10, 30)
    assert button.text() == f"Accept all from {name}"
    assert name not in button.toolTip()


def test_a_change_with_many_rivals_reads_whole_in_its_row(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    """Four amendments rewrite one phrase: each row names what it does and its first rival,
    counts the others, and the tooltip names them all."""
    amendments = [
        (f"AM {n}", DRAFT.replace("cooperate", words))
        for n, words in [
            (1830, "work together"),
            (1831, "coordinate"),
            (1832, "consult each other"),
            (1833, "collaborate"),
        ]
    ]
    path = small_workbench(tmp_path / "amendments.nwb", [("7", DRAFT, amendments)])
    window = open_window(qtbot, qsettings, path)
    merge = window.merge_pane
    qtbot.waitUntil(lambda: merge.change_list.count() == 4)
    first = merge.change_list.text(0)
    assert first == (
        "AM 1830 1 · pending · replace “cooperate” with “work together” "
        "(rival of AM 1831 1 and 2 more)"
    )
    tooltip = merge.change_list.tooltip(0)
    assert "rival of AM 1831 1, AM 1832 1, AM 1833 1" in tooltip
