"""The Import dialog: its column mapping decides what lands in the workbench file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ui.file_actions import FileActions
from ui.import_dialog import ImportDialog
from workbench.importing import ColumnRole
from workbench.model import Role

GC_COLUMN = 1  # the sample's "GC Proposed Text"
STATEMENT = Path(__file__).resolve().parents[2] / "resources/samples/caucus-statement-wgig.txt"
TIMEOUT_MS = 30_000


def _open_dialog(actions: FileActions, source: Path) -> ImportDialog:
    dialog = actions.show_import_dialog(source)
    assert dialog is not None
    return dialog


def _click_import(qtbot: QtBot, actions: FileActions, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(actions.import_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_dialog_shows_each_column_with_its_guessed_role_and_stakeholder(
    file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(actions, sample_copy)
    assert [dialog.role(i) for i in range(3)] == [
        ColumnRole.DRAFT,
        ColumnRole.PROPOSAL,
        ColumnRole.COMPROMISE,
    ]
    assert dialog.stakeholder_edit(GC_COLUMN).text() == "GC"
    assert dialog.table is not None
    assert "GC Proposed Text" in dialog.table.horizontalHeaderItem(GC_COLUMN).text()
    assert dialog.table.item(2, 0).text().startswith("39.")


def test_renamed_stakeholder_is_the_one_imported(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(actions, sample_copy)
    edit = dialog.stakeholder_edit(GC_COLUMN)
    edit.clear()
    qtbot.keyClicks(edit, "Gender Caucus")
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == sample_copy.with_suffix(".nwb")
    names = [s.name for s in wb.stakeholders()]
    assert "Gender Caucus" in names
    assert "GC" not in names


def test_ignored_column_is_not_imported(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(actions, sample_copy)
    combo = dialog.role_combo(GC_COLUMN)
    combo.setCurrentIndex(combo.findData(ColumnRole.IGNORE))
    assert not dialog.stakeholder_edit(GC_COLUMN).isEnabled()
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert [s.name for s in wb.stakeholders()] == ["Chair"]
    roles = {v.role for variants in wb.variants_by_paragraph().values() for v in variants}
    assert Role.PROPOSAL not in roles
    assert wb.paragraph_by_label("39") is not None


def test_import_needs_a_column_of_text(
    file_window: tuple[QMainWindow, FileActions], sample_copy: Path
) -> None:
    _window, actions = file_window
    dialog = _open_dialog(actions, sample_copy)
    for index in range(3):
        combo = dialog.role_combo(index)
        combo.setCurrentIndex(combo.findData(ColumnRole.IGNORE))
    assert not dialog.import_button.isEnabled()


def test_statement_is_imported_under_the_name_given(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions], tmp_path: Path
) -> None:
    _window, actions = file_window
    assert actions.new_file(tmp_path / "talks.nwb")
    dialog = _open_dialog(actions, STATEMENT)
    assert dialog.table is None
    qtbot.keyClicks(dialog.statement_stakeholder, "Women's Caucus")
    _click_import(qtbot, actions, dialog)

    wb = actions.controller.wb
    assert wb is not None
    assert wb.path == tmp_path / "talks.nwb"
    assert [s.name for s in wb.stakeholders()] == ["Women's Caucus"]
    assert len(wb.paragraphs()) > 3
