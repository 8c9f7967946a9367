"""The window keeps work in the file it belongs to: a typed edit before another file opens, a
snapshot before a file is replaced by an import, a file moved from under it saved as a copy,
and an export never written over the workbench file or to a non-.docx name unasked."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

from ui.file_actions import FileActions
from workbench import checks, snapshots
from workbench.model import EditKind
from workbench.storage import WorkbenchFile

TIMEOUT_MS = 30_000
PARAGRAPHS = [
    ("39", "The first paragraph of the draft.", [("GC", "The first paragraph, amended.")]),
    ("40", "States shall cooperate on security.", [("GC", "States shall cooperate closely.")]),
]


def answer_next_question(qtbot: QtBot, button: QMessageBox.StandardButton) -> Callable[[], bool]:
    """Clicks `button` on the next question box as soon as it shows (a user answering it)."""
    answered = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.button(button) is not None:
            answered.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return lambda: bool(answered)


def typed_edits(path: Path, label: str) -> list[str]:
    with WorkbenchFile.open(path, read_only=True) as wb:
        paragraph = wb.paragraph_by_label(label)
        assert paragraph is not None
        return [e.text_after for e in wb.edits(paragraph.id) if e.kind is EditKind.TYPED]


def test_a_typed_edit_is_recorded_in_its_own_file_before_another_opens(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    first = small_workbench(tmp_path / "first.nwb", PARAGRAPHS)
    second = small_workbench(tmp_path / "second.nwb", PARAGRAPHS)
    window = open_window(qtbot, qsettings, first)
    assert window.select_label("40")
    editor = window.merge_pane.text_edit
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed in the first file.")
    assert window.merge_pane.typing
    # Straight to File > Open, before the pause records it and without leaving the pane.
    assert window.file_actions.open_workbench(second)
    assert window.controller.wb is not None
    assert window.controller.wb.path == second
    assert [t.endswith(" Typed in the first file.") for t in typed_edits(first, "40")] == [True]
    assert typed_edits(second, "40") == []
    assert checks.check_file(first) == checks.check_file(second) == []


def test_replacing_a_workbench_file_by_an_import_keeps_a_snapshot_to_restore(
    qtbot: QtBot,
    file_window: tuple[QMainWindow, FileActions],
    sample_copy: Path,
) -> None:
    _window, actions = file_window
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(sample_copy, into_new_file=True)
    wb = actions.controller.wb
    assert wb is not None
    target = wb.path
    paragraph = wb.paragraph_by_label("39")
    assert paragraph is not None
    actions.controller.select_paragraph(paragraph.id)
    assert actions.controller.type_text(paragraph.id, "Hours of work on 39.") is not None

    answered = answer_next_question(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(sample_copy, into_new_file=True)  # "Replace workbench file?"
    assert answered()
    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == target
    assert wb.compromise(paragraph.id) != "Hours of work on 39."  # replaced, as asked
    kept = [s for s in snapshots.list_snapshots(target) if "replacing" in s.description]
    assert [s.description for s in kept] == [f"before replacing by {sample_copy.name}"]
    with qtbot.waitSignal(actions.snapshot_restored, timeout=TIMEOUT_MS):
        actions.restore_snapshot(kept[0].name)
    assert wb.compromise(paragraph.id) == "Hours of work on 39."  # as the question promised


def test_a_file_moved_from_under_the_window_is_read_only_and_saved_as_a_copy(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = small_workbench(tmp_path / "tunis.nwb", PARAGRAPHS)
    window = open_window(qtbot, qsettings, path)
    assert window.select_label("39")
    controller = window.controller
    pid = controller.current_paragraph
    assert controller.type_text(pid, "Typed before the move.") is not None
    moved = tmp_path / "elsewhere.nwb"
    os.rename(path, moved)
    with qtbot.waitSignal(controller.file_lost) as lost:
        assert controller.type_text(pid, "Typed after the move.") is None
    assert str(moved) in lost.args[0]
    box = window.file_actions.lost_box
    assert box is not None
    assert box.isVisible()
    assert box.button(QMessageBox.StandardButton.Save) is not None
    assert window.banner.isVisible()
    assert "renamed or moved" in window.banner.text()
    assert window.merge_pane.read_only
    box.close()

    copy = tmp_path / "kept"
    assert window.file_actions.save_as(copy)
    wb = controller.wb
    assert wb is not None
    assert wb.path == tmp_path / "kept.nwb"
    assert not wb.read_only
    assert wb.compromise(pid) == "Typed before the move."
    assert controller.type_text(pid, "Going on in the copy.") is not None
    assert checks.check_file(moved) == []


def test_export_asks_before_a_non_docx_name_and_never_writes_over_the_workbench_file(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    path = small_workbench(tmp_path / "tunis.nwb", PARAGRAPHS)
    assert actions.open_workbench(path)
    before = path.read_bytes()

    with qtbot.waitSignal(actions.message_shown) as shown:
        assert actions.export_to(path) is None
    assert "workbench file itself" in shown.args[0]
    assert path.read_bytes() == before

    notes = tmp_path / "notes.txt"
    answered = answer_next_question(qtbot, QMessageBox.StandardButton.No)
    assert actions.export_to(notes) is None
    assert answered()
    assert not notes.exists()

    answered = answer_next_question(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(actions.export_finished, timeout=TIMEOUT_MS):
        assert actions.export_to(notes) is not None
    assert answered()
    assert notes.read_bytes().startswith(b"PK")
    shutil.rmtree(snapshots.folder(path), ignore_errors=True)
