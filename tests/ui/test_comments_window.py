"""Comments in the real window: the dock shows the paragraph's threads, a comment is written on
the words selected in the compromise, answered and resolved, and a picked thread's words are
highlighted in the compromise; a proposal's note is shown under its pane."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot
from window_support import open_window

from ui.merge_marks import COMMENT_COLOUR
from workbench import comments
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

sys.path.append(str(Path(__file__).resolve().parents[1] / "workbench" / "importing"))

from tracked_builders import commented_decision


def _commented_file(folder: Path) -> Path:
    path = folder / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        import_file(commented_decision(folder / "decision.docx"), wb)
    return path


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(50)  # the dock shows the threads right after the paint


def test_comments_dock_writes_answers_and_resolves(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    window = open_window(qtbot, qsettings, _commented_file(tmp_path))
    assert window.select_label("1")
    _settle(qtbot)
    dock = window.comments_dock
    panel = dock.panel
    assert dock.isVisible()
    assert dock.windowTitle() == "Comments (3)"
    assert panel.thread_lines()[0].startswith("Bo, ")
    # A proposal's note is shown with it, under its pane.
    notes = [pane.note.text() for pane in window.panes]
    assert any(note.startswith("Note: Word tracked changes by Ana") for note in notes)
    assert any("Ana: The annex matters." in pane.note.toolTip() for pane in window.panes)

    # Picking Cy's thread highlights its words in the compromise.
    cy = next(t for t in panel._threads if t.comment.author == "Cy")
    panel.view.anchorClicked.emit(QUrl(f"thread:{cy.comment.id}"))
    merge = window.merge_pane
    marked = [
        merge.text_edit.toPlainText()[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in merge.text_edit.extraSelections()
        if s.format.background().color() == COMMENT_COLOUR
    ]
    assert marked == ["report of the secretariat"]

    # A new comment on words selected in the compromise (Ctrl+Alt+M puts the cursor in the box).
    assert window.select_label("2")
    _settle(qtbot)
    text = merge.text_edit.toPlainText()
    cursor = merge.text_edit.textCursor()
    cursor.setPosition(text.index("the next session"))
    cursor.setPosition(
        text.index("the next session") + len("the next session"), QTextCursor.MoveMode.KeepAnchor
    )
    merge.text_edit.setTextCursor(cursor)
    qtbot.keyClick(
        window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert panel.editor.hasFocus()
    qtbot.keyClicks(panel.editor, "Which session?")
    qtbot.mouseClick(panel.comment_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    wb = window.controller.wb
    assert wb is not None
    two = wb.paragraph_by_label("2")
    assert two is not None
    [thread] = comments.threads(wb, two.id)
    assert (thread.comment.quote, thread.comment.text) == ("the next session", "Which session?")
    assert thread.comment.author == window.controller.author
    assert dock.windowTitle() == "Comments (1)"

    panel.view.anchorClicked.emit(QUrl(f"thread:{thread.comment.id}"))
    qtbot.keyClicks(panel.editor, "The one in June.")
    qtbot.mouseClick(panel.reply_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    [thread] = comments.threads(wb, two.id)
    assert [r.text for r in thread.replies] == ["The one in June."]
    assert thread.resolved
    assert panel.thread_lines()[0].endswith("(resolved): Which session?")
