"""Delete in the compromise deletes what is selected; it rejects the change only otherwise.

And comparing two versions in the History is offered where the versions are listed: a hint
and a right-click menu, not only Ctrl+click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from workbench.model import EditKind
from workbench.storage import WorkbenchFile

WORDS = "Institutional arrangements "  # in paragraph 46's compromise, no change near them


def states(window: MainWindow) -> dict[str, str]:
    return {c.id: str(c.state) for c in window.merge_pane.changes}


def select_shown(window: MainWindow, words: str) -> None:
    """Select `words` in the compromise as the review shows it (mouse or Shift+arrows)."""
    editor = window.merge_pane.text_edit
    start = editor.toPlainText().index(words)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_delete_on_words_selected_in_the_review_deletes_them_and_rejects_nothing(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    assert window.select_label("46")
    merge = window.merge_pane
    editor = merge.text_edit
    editor.setFocus()
    select_shown(window, WORDS)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert merge.typing  # the deletion is typing, recorded when you pause
    assert WORDS not in editor.toPlainText()
    assert states(window) == {"GC 1": "pending", "GC 2": "pending"}
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert WORDS not in merge.compromise
    with WorkbenchFile.open(nwb, read_only=True) as reader:
        kinds = [e.kind for e in reader.edits(window.controller.current_paragraph)]
    assert EditKind.TYPED in kinds
    assert EditKind.REJECT not in kinds
    assert states(window) == {"GC 1": "pending", "GC 2": "pending"}


def test_delete_while_typing_edits_the_text_with_or_without_a_selection(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.select_label("46")
    merge = window.merge_pane
    editor = merge.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F2)
    assert merge.typing
    text = editor.toPlainText()
    start = text.index(WORDS)
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(WORDS), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == text[:start] + text[start + len(WORDS) :]
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # nothing selected: the next letter
    assert editor.toPlainText() == text[:start] + text[start + len(WORDS) + 1 :]
    assert states(window) == {"GC 1": "pending", "GC 2": "pending"}


def test_delete_with_nothing_selected_in_the_review_rejects_the_current_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.select_label("46")
    editor = window.merge_pane.text_edit
    editor.setFocus()
    assert not editor.textCursor().hasSelection()
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert states(window)["GC 1"] == "rejected"
    assert not window.merge_pane.typing


def test_delete_on_a_proposals_words_only_says_what_to_do(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_label("46")
    editor = window.merge_pane.text_edit
    editor.setFocus()
    select_shown(window, "and fulfil international")  # GC 2's words, laid in, not the text's
    with qtbot.waitSignal(window.merge_pane.message) as said:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert "proposal's words" in said.args[0]
    assert states(window) == {"GC 1": "pending", "GC 2": "pending"}
    assert not window.merge_pane.typing


def test_comparing_two_versions_is_offered_in_the_history(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_label("46")
    panel = window.history_panel
    assert "right-click" in panel.hint.full_text().casefold()
    assert panel.hint.isVisible()
    for change in ("GC 1", "GC 2"):
        with qtbot.waitSignal(window.controller.paragraph_changed):
            window.controller.accept(change)
    assert panel.versions_view.topLevelItemCount() == 3
    # Right-click on the first version: the usual comparisons, then any other.
    menu = panel.compare_menu(0)
    words = [action.text() for action in menu.actions()]
    assert words[0] == "Compare #1 with the latest"
    assert words[1] == "Compare #1 with…"
    menu.actions()[0].trigger()
    selected = sorted(
        panel.versions_view.indexOfTopLevelItem(item)
        for item in panel.versions_view.selectedItems()
    )
    assert selected == [0, 2]
    assert "From #1 to #3" in panel.compare_label.text()
    # "Compare #2 with…" lists the others; choosing #1 compares them.
    others = panel.compare_menu(1).actions()[-1].menu()
    assert [a.text().split(" ")[0] for a in others.actions()] == ["#1", "#3"]
    others.actions()[0].trigger()
    assert "From #1 to #2" in panel.compare_label.text()
