"""Fixtures for the window's tests: settings in tmp_path, a bare window with the File menu."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ui.file_actions import FileActions
from ui.main_window import MainWindow
from ui.workbench_controller import WorkbenchController

# Big enough that an import takes seconds, so it can be watched and cancelled mid-way.
BIG_TABLE_PARAGRAPHS = 1500


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """Settings in an .ini file of this test's own: nothing leaks into the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sample_copy(tmp_path: Path, sample_docx: Path) -> Path:
    """The shared sample in tmp_path, so a workbench file made next to it lands there too."""
    copy = tmp_path / "sources" / sample_docx.name
    copy.parent.mkdir()
    shutil.copy(sample_docx, copy)
    return copy


@pytest.fixture(scope="session")
def big_table_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    path = tmp_path_factory.mktemp("big") / "big-table.docx"
    generate(path, BIG_TABLE_PARAGRAPHS)
    return path


@pytest.fixture
def nwb(sample_docx: Path, tmp_path: Path) -> Path:
    """The shared sample as a workbench file of this test's own."""
    from window_support import sample_workbench

    return sample_workbench(sample_docx, tmp_path)


@pytest.fixture
def window(qtbot: QtBot, qsettings: QSettings, nwb: Path) -> MainWindow:
    """The real window on the sample, shown and active (its keys work)."""
    from window_support import open_window

    return open_window(qtbot, qsettings, nwb)


@pytest.fixture
def controller() -> Iterator[WorkbenchController]:
    made = WorkbenchController("Test Delegate")
    yield made
    made.close()


@pytest.fixture
def file_window(
    qtbot: QtBot, controller: WorkbenchController, qsettings: QSettings
) -> Iterator[tuple[QMainWindow, FileActions]]:
    """A bare QMainWindow with the File menu, so these tests do not wait on the full window."""
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = FileActions(window, controller, qsettings)
    actions.native_dialogs = False
    actions.populate(window.menuBar().addMenu("&File"))
    window.resize(800, 600)
    yield window, actions
    if actions.task is not None and actions.busy:
        actions.task.cancel()
        qtbot.waitUntil(lambda: not actions.busy)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()
