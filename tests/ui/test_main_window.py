"""The real window on the shared sample: review paragraph 46, accept by key and by mouse, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

from ui.main_window import MainWindow
from ui.panes_sync import top_base_offset
from ui.paragraph_tree_model import BRACKETS_COLUMN, PENDING_COLUMN, STATUS_COLUMN
from workbench.model import EditKind
from workbench.storage import WorkbenchFile

GC_ADDITION = " and fulfil international development agreements"


def tree_text(window: MainWindow, paragraph_id: int, column: int) -> str:
    model = window.tree_panel.model
    index = model.index_of_paragraph(paragraph_id)
    return str(model.index(index.row(), column, index.parent()).data())


def test_paragraph_46_shows_both_gender_caucus_changes(window: MainWindow) -> None:
    assert window.select_label("46")
    shown = window.merge_pane.shown_changes()
    assert [change_id for change_id, _ in shown] == ["GC 1", "GC 2"]
    assert "us" in shown[0][1]
    assert GC_ADDITION.strip() in shown[1][1]
    # Pane 2 shows the caucus's proposal as its changes to the draft, with the same ids.
    gc_pane = window.panes[1]
    assert gc_pane.current_variant() is not None
    assert [change_id for change_id, _ in gc_pane.changes()] == ["GC 1", "GC 2"]
    assert gc_pane.changes()[0][1].startswith("upus")  # "up" struck, "us" added, then the tag
    # The change in focus is marked in the draft pane too (the draft has "up").
    draft_pane = window.panes[0]
    marked = draft_pane.text_edit.extraSelections()
    assert [s.cursor.selectedText() for s in marked] == ["up"]


def test_accept_by_key_and_by_mouse_then_undo(qtbot: QtBot, window: MainWindow, nwb: Path) -> None:
    assert window.select_label("46")
    paragraph_id = window.controller.current_paragraph
    assert tree_text(window, paragraph_id, PENDING_COLUMN) == "● 2"
    editor = window.merge_pane.text_edit
    editor.setFocus()

    # Keyboard: move to the second change, take it from pane 2 (the Gender Caucus).
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.merge_pane.current_id == "GC 2"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert tree_text(window, paragraph_id, PENDING_COLUMN) == "● 1"

    # Mouse: the remaining open change is current, still called GC 1; click Accept.
    assert window.merge_pane.current_id == "GC 1"
    assert window.merge_pane.accept_button.text() == "Accept GC 1"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.mouseClick(window.merge_pane.accept_button, Qt.MouseButton.LeftButton)
    assert window.merge_pane.open_changes() == []
    assert tree_text(window, paragraph_id, PENDING_COLUMN) == "–"
    assert [c.state for c in window.merge_pane.changes] == ["accepted", "accepted"]

    # Both edits are on disk, seen through another connection.
    with WorkbenchFile.open(nwb, read_only=True) as reader:
        accepts = [e for e in reader.edits(paragraph_id) if e.kind is EditKind.ACCEPT]
        assert [e.author for e in accepts] == ["Test Delegate", "Test Delegate"]
        assert [e.changes for e in accepts] == [(2,), (1,)]
        compromise = reader.compromise(paragraph_id)
    assert "helps us implement" in compromise
    assert GC_ADDITION in compromise

    # ...and in the history panel: every action, by change id.
    rows = window.history_panel.versions_view
    what = [rows.topLevelItem(i).text(1) for i in range(rows.topLevelItemCount())]
    assert what == ["starting text (Chair)", "accepted GC 2", "accepted GC 1"]
    assert rows.topLevelItem(2).text(2) == "Test Delegate"
    assert window.undo_action.text() == "&Undo accepted GC 1"

    # Undo with the keyboard: the last change is pending again, with its id; the tree follows.
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tree_text(window, paragraph_id, PENDING_COLUMN) == "● 1"
    assert [c.id for c in window.merge_pane.open_changes()] == ["GC 1"]
    assert rows.topLevelItemCount() == 4

    # Status by key, shown at once, with the brackets beside it, not instead of it.
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(
            editor,
            Qt.Key.Key_4,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    assert tree_text(window, paragraph_id, STATUS_COLUMN) == "✓✓ agreed"
    assert tree_text(window, paragraph_id, PENDING_COLUMN) == "⚠ 1"  # agreed, still open
    assert window.status_actions[3].isChecked()
    assert "⚠ 1 still open" in window.merge_pane.title.text()


def test_bracketed_by_key_is_visible_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """Issue 19: Ctrl+Alt+2 visibly did nothing on a paragraph without brackets."""
    assert window.select_label("47")
    paragraph_id = window.controller.current_paragraph
    assert tree_text(window, paragraph_id, STATUS_COLUMN) == "○ open"
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(
            window.merge_pane.text_edit,
            Qt.Key.Key_2,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    assert tree_text(window, paragraph_id, STATUS_COLUMN) == "[ ] bracketed"
    assert tree_text(window, paragraph_id, BRACKETS_COLUMN) == ""  # no brackets in the text
    assert window.status_actions[1].isChecked()
    assert "bracketed" in window.merge_pane.title.text()
    # Typing brackets shows the count beside the status.
    window.controller.type_text(paragraph_id, "[" + window.merge_pane.compromise + "]")
    assert tree_text(window, paragraph_id, BRACKETS_COLUMN) == "[1]"
    assert tree_text(window, paragraph_id, STATUS_COLUMN) == "[ ] bracketed"


def test_reject_by_key_then_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    assert window.select_label("46")
    editor = window.merge_pane.text_edit
    editor.setFocus()
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in window.merge_pane.open_changes()] == ["GC 2"]
    assert {c.id: str(c.state) for c in window.merge_pane.changes}["GC 1"] == "rejected"
    with WorkbenchFile.open(nwb, read_only=True) as reader:
        kinds = [e.kind for e in reader.edits(window.controller.current_paragraph)]
    assert EditKind.REJECT in kinds
    with qtbot.waitSignal(window.controller.paragraph_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [c.id for c in window.merge_pane.open_changes()] == ["GC 1", "GC 2"]


def test_next_paragraph_key_walks_the_tree(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_label("46")
    qtbot.keyClick(window.tree_view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    wb = window.controller.wb
    assert wb is not None
    assert wb.paragraph(window.controller.current_paragraph).label == "47"
    assert "47" in window.merge_pane.title.text()


def test_typing_in_the_compromise_is_recorded_as_a_hand_edit(
    qtbot: QtBot, window: MainWindow, nwb: Path
) -> None:
    assert window.select_label("47")
    editor = window.merge_pane.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed")
    assert window.merge_pane.typing
    with qtbot.waitSignal(window.controller.paragraph_changed, timeout=5000):
        pass  # the pause timer records it
    with WorkbenchFile.open(nwb, read_only=True) as reader:
        edits = reader.edits(window.controller.current_paragraph)
    assert edits[-1].kind is EditKind.TYPED
    assert edits[-1].text_after.endswith(" Typed")


def test_panes_stay_level_when_one_scrolls(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    sentences = [
        f"Sentence {n} of the long draft says something about item {n}." for n in range(120)
    ]
    draft = " ".join(sentences)
    inserted = " ".join(
        f"An added passage, line {n}, that only the proposal has." for n in range(40)
    )
    proposal = " ".join(sentences[:10]) + " " + inserted + " " + " ".join(sentences[10:])
    path = small_workbench(tmp_path / "long.nwb", [("1", draft, [("EU", proposal)])])
    window = open_window(qtbot, qsettings, path)
    left, right = window.panes[0], window.panes[1]
    qtbot.waitUntil(lambda: left.scroll_bar().maximum() > 0)
    bar = left.scroll_bar()
    bar.setValue(bar.maximum() // 2)
    left_offset, _ = top_base_offset(left)
    right_offset, _ = top_base_offset(right)
    assert left_offset > len(" ".join(sentences[:10]))  # below the added passage
    # The same sentence of the draft is at the top of both (within one line of text).
    assert abs(left_offset - right_offset) < 80
    # Proportional scrolling would not have done this: the proposal is much longer.
    assert right.scroll_bar().value() != bar.value()


def test_arabic_paragraph_is_shown_right_to_left(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    arabic = "نحن نسعى إلى إقامة نموذج تعاون جديد يساعد على تنفيذ مبادئ جنيف"
    proposal = arabic + " وتحقيق اتفاقات التنمية الدولية"
    path = small_workbench(tmp_path / "rtl.nwb", [("1", arabic, [("GC", proposal)])])
    window = open_window(qtbot, qsettings, path)
    for edit in (window.panes[0].text_edit, window.panes[1].text_edit, window.merge_pane.text_edit):
        option = edit.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
        assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert [change_id for change_id, _ in window.merge_pane.shown_changes()] == ["GC 1"]
    # The Latin sample stays left to right.
    path2 = small_workbench(tmp_path / "ltr.nwb", [("1", "Plain English text", [])])
    window.open_workbench(path2)
    option = window.panes[0].text_edit.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.LeftToRight


def test_read_only_file_disables_every_write(qtbot: QtBot, qsettings: QSettings, nwb: Path) -> None:
    window = open_window(qtbot, qsettings, nwb)  # holds the writer's lock
    second = MainWindow(qsettings)
    qtbot.addWidget(second)
    second.show()
    second.open_workbench(nwb)
    assert second.controller.read_only
    assert second.banner.isVisible()
    assert "Read-only" in second.banner.text()
    assert second.select_label("46")
    assert not second.merge_pane.accept_button.isEnabled()
    assert not second.undo_action.isEnabled()
    assert not any(action.isEnabled() for action in second.status_actions)
    assert not window.banner.isVisible()


def test_layout_persists_in_settings(qtbot: QtBot, qsettings: QSettings, nwb: Path) -> None:
    window = open_window(qtbot, qsettings, nwb)
    window.main_splitter.setSizes([500, 940])
    wanted = window.main_splitter.sizes()
    window.close()
    again = MainWindow(qsettings)
    qtbot.addWidget(again)
    again.resize(1440, 900)
    again.show()
    QApplication.processEvents()
    assert again.main_splitter.sizes() == wanted
    assert Path(qsettings.fileName()).parent == Path(nwb).parent  # never the real home
