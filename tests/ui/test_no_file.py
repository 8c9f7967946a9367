"""With no file open, nothing in the window talks of changes: it says how to open or drop one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QLabel, QListView, QTextEdit
from pytestqt.qtbot import QtBot

from ui.fitting import FittedCombo
from ui.main_window import MainWindow
from workbench.storage import WorkbenchFile

# What only makes sense about a paragraph of an open file.
ABOUT_A_PARAGRAPH = ("pending", "no proposal", "changes this paragraph", "no further variant")


def every_text(window: MainWindow) -> list[str]:
    """Every caption, placeholder and list row the window shows."""
    texts: list[str] = []
    for widget in window.findChildren(QLabel):
        if widget.isVisibleTo(window):
            texts.append(widget.text())
    for widget in window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window):
            texts.append(widget.text())
    for combo in window.findChildren(FittedCombo):
        texts.append(combo.shown_text())
    for edit in window.findChildren(QTextEdit):
        if edit.isVisibleTo(window):
            texts.append(edit.toPlainText() or edit.placeholderText())
    for view in window.findChildren(QListView):
        if view.window() is not window:
            continue  # a selector's list (a filter's "Changes pending"), not a message
        model = view.model()
        texts += [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    return [text for text in texts if text]


def about_a_paragraph(texts: list[str]) -> list[str]:
    return [t for t in texts if any(words in t.casefold() for words in ABOUT_A_PARAGRAPH)]


def test_a_window_without_a_file_invites_to_open_or_drop_one(
    qtbot: QtBot, qsettings: QSettings
) -> None:
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    texts = every_text(window)
    assert about_a_paragraph(texts) == []
    compromise = window.merge_pane.empty_note.text()
    assert "No file open" in compromise
    assert "File ▸ Open" in compromise
    assert "drop" in compromise
    assert "No file open" in window.panes[0].empty_note.text()
    assert window.panes[1].combo.shown_text() == "(no file open)"


def test_closing_the_file_leaves_no_paragraph_talk_behind(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_label("46")
    assert about_a_paragraph(every_text(window))  # a paragraph shown: it talks of its changes
    window.controller.close()
    assert about_a_paragraph(every_text(window)) == []
    assert "No file open" in window.merge_pane.empty_note.text()


def test_a_file_without_paragraphs_says_how_to_fill_it(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = tmp_path / "empty.nwb"
    WorkbenchFile.create(path).close()
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    window.show()
    window.open_workbench(path)
    assert about_a_paragraph(every_text(window)) == []
    assert "no paragraphs yet" in window.merge_pane.empty_note.text()
