"""The Export dialog: what it is set to is what the Word file holds."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ui.export_dialog import ExportDialog
from ui.file_actions import FileActions

TIMEOUT_MS = 30_000


@pytest.fixture
def sample_open(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> FileActions:
    _window, actions = file_window
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        actions.import_source(sample_copy, into_new_file=True)
    return actions


def _export(qtbot: QtBot, actions: FileActions, dialog: ExportDialog) -> Path:
    with qtbot.waitSignal(actions.export_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    out: Path = finished.args[0].out_path
    return out


def _open_dialog(actions: FileActions) -> ExportDialog:
    dialog = actions.show_export_dialog()
    assert dialog is not None
    return dialog


def test_table_export_from_the_dialog_is_a_word_table_with_the_chosen_columns(
    qtbot: QtBot, sample_open: FileActions, tmp_path: Path
) -> None:
    dialog = _open_dialog(sample_open)
    assert dialog.chosen_stakeholders() == ("GC",)
    dialog.path_edit.setText(str(tmp_path / "out" / "for the caucus.docx"))
    (tmp_path / "out").mkdir()
    out = _export(qtbot, sample_open, dialog)

    assert out == tmp_path / "out" / "for the caucus.docx"
    table = docx.Document(str(out)).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert any("GC" in text for text in header)
    assert any("39." in cell.text or "We reaffirm" in cell.text for cell in table.columns[1].cells)


def test_unchecked_stakeholder_has_no_column(
    qtbot: QtBot, sample_open: FileActions, tmp_path: Path
) -> None:
    dialog = _open_dialog(sample_open)
    dialog.stakeholder_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.path_edit.setText(str(tmp_path / "no-gc.docx"))
    out = _export(qtbot, sample_open, dialog)
    header = [cell.text for cell in docx.Document(str(out)).tables[0].rows[0].cells]
    assert not any("GC" in text for text in header)


def test_clean_layout_follows_the_combo_and_names_the_file_after_it(
    qtbot: QtBot, sample_open: FileActions
) -> None:
    dialog = _open_dialog(sample_open)
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("clean"))
    assert not dialog.columns_box.isEnabled()
    wb = sample_open.controller.wb
    assert wb is not None
    assert dialog.path_edit.text() == str(wb.path.with_name(f"{wb.path.stem} - clean.docx"))
    out = _export(qtbot, sample_open, dialog)

    document = docx.Document(str(out))
    assert not document.tables
    assert any("We reaffirm the principles" in p.text for p in document.paragraphs)


def test_export_needs_an_open_file(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions]
) -> None:
    _window, actions = file_window
    assert not actions.export_action.isEnabled()
    with qtbot.waitSignal(actions.message_shown):
        assert actions.show_export_dialog() is None
