"""The File menu behind the window: new, open, recent files, drops, broken files, snapshots."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ui import settings
from ui.file_actions import FileActions
from ui.import_dialog import ImportDialog
from ui.workbench_controller import WorkbenchController
from workbench import snapshots
from workbench.storage import WorkbenchFile

STATEMENT = Path(__file__).resolve().parents[2] / "resources/samples/caucus-statement-wgig.txt"
TIMEOUT_MS = 30_000


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drop(window: QMainWindow, path: Path) -> bool:
    """Drags `path` over the window and drops it; True if the window accepted the drag."""
    mime = _mime(path)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def _imported_file(qtbot: QtBot, actions: FileActions, source: Path) -> WorkbenchFile:
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(source, into_new_file=True)
    assert actions.controller.wb is not None
    return actions.controller.wb


def test_dropping_a_docx_imports_it_into_a_new_file_beside_it(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    window, actions = file_window
    with qtbot.waitSignal(actions.import_dialog_shown, timeout=TIMEOUT_MS):
        assert _drop(window, sample_copy)  # the file is read in the background first
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == sample_copy.with_suffix(".nwb")
    assert wb.paragraph_by_label("46") is not None
    assert actions.recent_files() == [wb.path]
    # Indexed for search by the import job, off the UI thread: nothing left for a first search.
    assert wb.update_search_index() == 0
    assert wb.search("continue the priority") == {wb.paragraph_by_label("45").id}


def test_dropping_a_docx_on_an_open_file_adds_to_it(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path, tmp_path: Path
) -> None:
    window, actions = file_window
    assert actions.new_file(tmp_path / "talks.nwb")
    with qtbot.waitSignal(actions.import_dialog_shown, timeout=TIMEOUT_MS):
        assert _drop(window, sample_copy)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    with qtbot.waitSignal(actions.controller.document_changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == tmp_path / "talks.nwb"
    assert wb.paragraph_by_label("46") is not None


def test_dropping_a_workbench_file_opens_it_and_other_files_are_refused(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    window, actions = file_window
    WorkbenchFile.create(tmp_path / "a.nwb").close()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert not _drop(window, tmp_path / "notes.pdf")
    assert _drop(window, tmp_path / "a.nwb")
    assert actions.controller.wb is not None
    assert actions.controller.wb.path == tmp_path / "a.nwb"


def test_recent_files_persist_most_recent_first_without_missing_ones(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    paths = [tmp_path / f"{name}.nwb" for name in ("a", "b", "c")]
    for path in paths:
        WorkbenchFile.create(path).close()

    first_window = QMainWindow()
    qtbot.addWidget(first_window)
    first_controller = WorkbenchController("Test Delegate")
    first = FileActions(first_window, first_controller, qsettings)
    for path in [*paths, paths[0]]:
        assert first.open_workbench(path)
    first_controller.close()
    paths[1].unlink()

    window = QMainWindow()
    qtbot.addWidget(window)
    again = FileActions(window, WorkbenchController("Test Delegate"), qsettings)
    assert again.recent_files() == [paths[0], paths[2]]
    again.recent_menu.refresh()
    entries = [a.text() for a in again.recent_menu.actions() if a.data()]
    assert [entry.split()[1] for entry in entries] == ["a.nwb", "c.nwb"]

    again.clear_recent_files()
    assert FileActions(window, WorkbenchController("T"), qsettings).recent_files() == []


def test_recent_files_keep_the_ten_latest(qsettings: QSettings, tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.nwb" for n in range(12)]
    for path in paths:
        path.touch()
        settings.add_recent_file(qsettings, path)
    assert settings.recent_files(qsettings) == paths[::-1][: settings.MAX_RECENT_FILES]


def test_broken_docx_shows_a_message_naming_the_file_and_changes_nothing(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    broken = tmp_path / "minutes.docx"
    broken.write_text("These are minutes, not a Word file.\n", encoding="utf-8")

    with qtbot.waitSignal(actions.message_shown, timeout=TIMEOUT_MS) as shown:
        actions.show_import_dialog(broken)
    assert "minutes.docx" in shown.args[0]
    assert any("minutes.docx" in box.text() for box in _message_boxes())

    with qtbot.waitSignal(actions.message_shown, timeout=TIMEOUT_MS) as shown:
        actions.open_path(broken)
    assert "minutes.docx" in shown.args[0]
    assert actions.controller.wb is None
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".ini"] == ["minutes.docx"]


def test_file_another_program_writes_opens_read_only_with_a_message(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    path = tmp_path / "shared.nwb"
    with WorkbenchFile.create(path), qtbot.waitSignal(actions.message_shown) as shown:
        actions.open_path(path)
    assert "read-only" in shown.args[0]
    assert actions.controller.wb is not None
    assert actions.controller.wb.read_only
    assert not actions.import_action.isEnabled()
    assert actions.export_action.isEnabled()


def test_new_file_never_overwrites(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    assert actions.new_file(tmp_path / "talks")
    assert actions.controller.wb is not None
    assert actions.controller.wb.path == tmp_path / "talks.nwb"
    with qtbot.waitSignal(actions.message_shown) as shown:
        assert not actions.new_file(tmp_path / "talks.nwb")
    assert "already exists" in shown.args[0]


def test_restoring_the_snapshot_undoes_an_import(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path, tmp_path: Path
) -> None:
    _window, actions = file_window
    statement = tmp_path / "statement.txt"
    shutil.copy(STATEMENT, statement)
    wb = _imported_file(qtbot, actions, statement)
    before = len(wb.paragraphs())
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(sample_copy)
    assert len(wb.paragraphs()) > before

    dialog = actions.show_snapshot_dialog()
    assert dialog is not None
    chosen = dialog.chosen()
    assert chosen is not None
    assert "before_import_of" in chosen.name
    dialog.reject()
    with qtbot.waitSignal(actions.snapshot_restored, timeout=TIMEOUT_MS):
        actions.restore_snapshot(chosen.name)
    assert actions.controller.wb is wb
    assert len(wb.paragraphs()) == before
    assert len(snapshots.list_snapshots(wb.path)) == 2  # the state before the restore is kept


def test_quit_closes_the_window(file_window: tuple[QMainWindow, FileActions]) -> None:
    window, actions = file_window
    window.show()
    actions.quit_action.trigger()
    assert not window.isVisible()
