"""Helpers for the window tests: the shared sample as a workbench file, small made-up files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from workbench.importing import import_file
from workbench.model import Role, StakeholderKind
from workbench.storage import WorkbenchFile


def sample_workbench(sample_docx: Path, folder: Path) -> Path:
    target = folder / "tunis.nwb"
    with WorkbenchFile.create(target) as wb:
        import_file(sample_docx, wb)
    return target


def small_workbench(
    path: Path, paragraphs: Sequence[tuple[str, str, Sequence[tuple[str, str]]]]
) -> Path:
    """A file with one section; each paragraph is (label, draft, [(stakeholder, proposal)])."""
    with WorkbenchFile.create(path) as wb, wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        section = wb.add_section("1.", "Made up for the test")
        for label, draft, proposals in paragraphs:
            paragraph = wb.add_paragraph(label, section.id)
            wb.add_variant(paragraph.id, chair.id, Role.DRAFT, draft)
            for name, text in proposals:
                stakeholder = wb.add_stakeholder(name, StakeholderKind.GOVERNMENT)
                wb.add_variant(paragraph.id, stakeholder.id, Role.PROPOSAL, text)
    return path


def open_window(qtbot: QtBot, settings: QSettings, path: Path) -> MainWindow:
    """The real window on `path`, shown and active, so its keyboard shortcuts work."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.open_workbench(path)
    return window
