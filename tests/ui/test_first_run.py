"""What a new user meets: the name prompt, the sample credited to that name, Preferences, About,
the keyboard list, Open Recent, and a source file given on the command line."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from window_support import open_window, small_workbench

from ui import settings as stored
from ui.app import start_window
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow
from ui.paragraph_tree_model import PENDING_COLUMN
from workbench import __version__
from workbench.exporting import Paper
from workbench.model import Status

STATEMENT = Path(__file__).resolve().parents[2] / "resources/samples/caucus-statement-wgig.txt"
NAME = "Amina Diallo"
TIMEOUT_MS = 30_000


@pytest.fixture
def new_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user who has never run the workbench: no name given, an empty data folder."""
    monkeypatch.delenv("WORKBENCH_USER", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


@pytest.fixture
def windows(qtbot: QtBot) -> Iterator[Callable[[str | None, QSettings], MainWindow]]:
    """start_window as `main.py` runs it, each window closed (its file released) at the end."""
    made: list[MainWindow] = []

    def start(path: str | None, settings: QSettings) -> MainWindow:
        window = start_window(path, settings)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield start
    for window in made:
        window.close()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox | ImportDialog):
            widget.close()


def _answer_name_prompt(name: str, asked: list[str]) -> None:
    """When the name prompt comes up, note its question, type `name` and press OK."""

    def answer() -> None:
        prompt = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QInputDialog) and w.objectName() == "name_prompt"
            ),
            None,
        )
        if prompt is None or not prompt.isVisible():
            QTimer.singleShot(10, answer)  # the window is still being built
            return
        asked.append(prompt.labelText())
        prompt.setTextValue(name)
        prompt.accept()

    QTimer.singleShot(0, answer)


@pytest.fixture
def first_run(
    new_user: Path, qsettings: QSettings, windows: Callable[[str | None, QSettings], MainWindow]
) -> tuple[MainWindow, list[str]]:
    """`python main.py` on a first run, the name prompt answered: the window, the questions."""
    asked: list[str] = []
    _answer_name_prompt(NAME, asked)
    return windows(None, qsettings), asked


def test_first_run_credits_the_sample_to_the_name_given(
    new_user: Path, first_run: tuple[MainWindow, list[str]]
) -> None:
    window, asked = first_run
    assert len(asked) == 1
    wb = window.controller.wb
    assert wb is not None
    assert new_user in wb.path.parents  # the sample lives in the user's data folder
    authors = {edit.author for p in wb.paragraphs() for edit in wb.edits(p.id)}
    assert authors == {NAME}
    assert window.controller.author == NAME
    assert window.author_label.text() == f"you: {NAME}"
    # Open Recent lists the file that is open, the bundled sample included.
    assert window.file_actions.recent_files() == [wb.path]
    window.file_actions.recent_menu.refresh()
    entries = [a.text() for a in window.file_actions.recent_menu.actions() if a.data()]
    assert len(entries) == 1
    assert wb.path.name in entries[0]
    assert "No recent files" not in [a.text() for a in window.file_actions.recent_menu.actions()]


def test_the_name_is_asked_once(
    qsettings: QSettings,
    windows: Callable[[str | None, QSettings], MainWindow],
    first_run: tuple[MainWindow, list[str]],
) -> None:
    window, asked = first_run
    window.close()
    settings = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)  # the next run
    again = windows(None, settings)
    QApplication.processEvents()
    assert len(asked) == 1
    assert again.controller.author == NAME


def test_preferences_change_the_name_for_the_next_edit_and_the_paper(
    qtbot: QtBot, qsettings: QSettings, first_run: tuple[MainWindow, list[str]]
) -> None:
    window, _asked = first_run
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.preferences_action in edit_menu.actions()

    dialog = window.show_preferences()
    assert dialog.name_edit.text() == NAME
    dialog.name_edit.clear()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the history needs a name
    qtbot.keyClicks(dialog.name_edit, "A. Diallo (GC)")
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert window.controller.author == "A. Diallo (GC)"
    assert window.author_label.text() == "you: A. Diallo (GC)"
    window.select_label("41")
    window.controller.set_status(Status.AGREED)
    wb = window.controller.wb
    assert wb is not None
    paragraph = wb.paragraph_by_label("41")
    assert paragraph is not None
    assert wb.edits(paragraph.id)[-1].author == "A. Diallo (GC)"

    later = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert stored.display_name(later) == "A. Diallo (GC)"
    assert stored.export_paper(later) is Paper.LETTER

    dialog = window.show_preferences()
    assert dialog.paper_combo.currentData() == "letter"
    dialog.paper_combo.setCurrentIndex(0)  # back to the locale's
    dialog.accept()
    assert stored.chosen_paper(qsettings) is None
    assert stored.export_paper(qsettings) is stored.locale_paper()


def test_about_shows_the_versions(qtbot: QtBot, new_user: Path, qsettings: QSettings) -> None:
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert "&About" in [a.text() for a in help_menu.actions()]
    box = window.show_about()
    assert __version__ in box.text()
    assert f"Qt {qVersion()}" in box.text()
    assert f"Python {platform.python_version()}" in box.text()
    box.close()


def test_f1_lists_every_menu_key_file_menu_included(
    qtbot: QtBot, new_user: Path, qsettings: QSettings
) -> None:
    window = MainWindow(qsettings)
    qtbot.addWidget(window)
    rows = dict(window.shortcut_rows())
    for text, key in (
        ("New", "Ctrl+N"),
        ("Open", "Ctrl+O"),
        ("Import", "Ctrl+I"),
        ("Export", "Ctrl+E"),
        ("Quit", "Ctrl+Q"),
        ("Preferences", "Ctrl+,"),
        ("Keyboard shortcuts", "F1"),
        ("History panel", "Ctrl+H"),
        ("Undo", "Ctrl+Z"),
        ("Set status: Open", "Ctrl+Alt+1"),
    ):
        assert key in rows[text].split(", "), text
    keyed = {
        key.toString(QKeySequence.SequenceFormat.NativeText)
        for action in window.findChildren(type(window.file_actions.new_action))
        if action.associatedObjects() and not action.isSeparator()
        for key in action.shortcuts()
    }
    listed = {key for keys in rows.values() for key in keys.split(", ")}
    assert keyed <= listed  # every action with a key in a menu is in the list
    box = window.show_shortcuts()
    assert "Ctrl+N" in box.text()
    assert "Ctrl+Q" in box.text()
    box.close()


@pytest.fixture
def notes_given(
    qtbot: QtBot,
    new_user: Path,
    qsettings: QSettings,
    tmp_path: Path,
    windows: Callable[[str | None, QSettings], MainWindow],
) -> tuple[MainWindow, ImportDialog, Path]:
    """`python main.py notes/notes.txt`: the window and the Import dialog it comes up with."""
    stored.set_display_name(qsettings, NAME)
    notes = tmp_path / "notes" / "notes.txt"
    notes.parent.mkdir()
    notes.write_bytes(STATEMENT.read_bytes())
    window = windows(str(notes), qsettings)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None, timeout=30_000)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    return window, dialog, notes


def test_a_statement_on_the_command_line_asks_before_writing_anything(
    qtbot: QtBot, notes_given: tuple[MainWindow, ImportDialog, Path]
) -> None:
    window, dialog, notes = notes_given
    assert dialog.isVisible()
    target = notes.with_suffix(".nwb")
    shown = " ".join(label.text() for label in dialog.findChildren(type(window.file_label)))
    assert str(target) in shown
    assert not target.exists()  # nothing written yet
    assert sorted(p.name for p in notes.parent.iterdir()) == ["notes.txt"]

    with qtbot.waitSignal(window.file_actions.import_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    wb = window.controller.wb
    assert wb is not None
    assert wb.path == target


def test_a_statement_import_cancelled_writes_nothing(
    notes_given: tuple[MainWindow, ImportDialog, Path],
) -> None:
    window, dialog, notes = notes_given
    dialog.reject()
    QApplication.processEvents()
    assert sorted(p.name for p in notes.parent.iterdir()) == ["notes.txt"]
    assert window.controller.wb is None


def test_counts_say_one_paragraph_not_one_paragraphs(
    qtbot: QtBot, qsettings: QSettings, tmp_path: Path
) -> None:
    path = small_workbench(tmp_path / "one.nwb", [("1", "A text.", [("Brazil", "A new text.")])])
    window = open_window(qtbot, qsettings, path)
    window.tree_panel.loader.finish_all()
    qtbot.waitUntil(lambda: "counting" not in window.counts_label.text())
    assert window.counts_label.text().startswith("1 paragraph ·")
    model = window.tree_panel.model
    wb = window.controller.wb
    assert wb is not None
    paragraph = wb.paragraph_by_label("1")
    assert paragraph is not None
    pending = model.index_of_paragraph(paragraph.id).siblingAtColumn(PENDING_COLUMN)
    tip = model.data(pending, Qt.ItemDataRole.ToolTipRole)
    assert tip == "1 proposed change open (pending or in conflict)"
