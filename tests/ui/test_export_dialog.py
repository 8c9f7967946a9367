"""The Export dialog: what it is set to is what the Word file holds; where it proposes to save."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ui import settings as stored
from ui.export_dialog import ExportDialog
from ui.file_actions import FileActions
from workbench.exporting import Paper

TIMEOUT_MS = 30_000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of this test's own, with a Documents folder (Qt reads $HOME at each call)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


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
    assert header[:3] == ["Paragraph", "Status", "Draft (Chair)"]
    assert any("We reaffirm" in cell.text for cell in table.columns[2].cells)
    paragraph_rows = [row.cells for row in table.rows[1:] if row.cells[0].text != row.cells[1].text]
    assert {cells[1].text for cells in paragraph_rows} == {"open"}  # as the sample stands


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
    qtbot: QtBot, sample_open: FileActions, home: Path
) -> None:
    dialog = _open_dialog(sample_open)
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("clean"))
    assert not dialog.columns_box.isEnabled()
    wb = sample_open.controller.wb
    assert wb is not None
    assert dialog.path_edit.text() == str(home / "Documents" / f"{wb.path.stem} - clean.docx")
    with qtbot.waitSignal(sample_open.message_shown, timeout=TIMEOUT_MS) as shown:
        out = _export(qtbot, sample_open, dialog)

    document = docx.Document(str(out))
    assert not document.tables
    assert any("We reaffirm the principles" in p.text for p in document.paragraphs)
    # Paragraphs only proposed so far are not in a clean text: the user is told which.
    assert "left out 2 paragraphs with no compromise text yet" in shown.args[0]
    assert "New43bis, New 56bis" in shown.args[0]
    assert any("New43bis" in box.text() for box in _message_boxes())


def _message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_export_proposes_documents_and_remembers_the_last_folder_across_runs(
    qtbot: QtBot, sample_open: FileActions, home: Path, tmp_path: Path, qsettings: QSettings
) -> None:
    wb = sample_open.controller.wb
    assert wb is not None
    first = _open_dialog(sample_open)
    proposed = Path(first.path_edit.text())
    assert proposed == home / "Documents" / f"{wb.path.stem} - table.docx"
    assert not any(part.startswith(".") for part in proposed.parts)

    chosen = tmp_path / "for the caucus"
    chosen.mkdir()
    first.path_edit.setText(str(chosen / "compilation.docx"))
    _export(qtbot, sample_open, first)

    again = _open_dialog(sample_open)
    assert Path(again.path_edit.text()).parent == chosen
    again.reject()
    # Another run: settings read afresh from the same file.
    settings = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert stored.export_folder(settings) == chosen
    (chosen / "compilation.docx").unlink()
    chosen.rmdir()
    assert stored.export_folder(settings) == home / "Documents"  # gone: back to Documents


def test_paper_starts_at_the_preference_and_the_choice_is_what_prints(
    qtbot: QtBot, sample_open: FileActions, tmp_path: Path
) -> None:
    assert _open_dialog(sample_open).chosen_paper() is stored.locale_paper()
    stored.set_chosen_paper(sample_open.settings, Paper.LETTER)
    dialog = _open_dialog(sample_open)
    assert dialog.paper_combo.currentText() == "US Letter"
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("history"))
    dialog.path_edit.setText(str(tmp_path / "letter.docx"))
    _export(qtbot, sample_open, dialog)
    section = docx.Document(str(tmp_path / "letter.docx")).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (12240, 15840)

    dialog = _open_dialog(sample_open)
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("a4"))
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("history"))
    dialog.path_edit.setText(str(tmp_path / "a4.docx"))
    _export(qtbot, sample_open, dialog)
    section = docx.Document(str(tmp_path / "a4.docx")).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)


def test_export_needs_an_open_file(
    qtbot: QtBot, file_window: tuple[QMainWindow, FileActions]
) -> None:
    _window, actions = file_window
    assert not actions.export_action.isEnabled()
    with qtbot.waitSignal(actions.message_shown):
        assert actions.show_export_dialog() is None
