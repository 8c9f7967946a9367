"""File > Open Recent: the last workbench files opened, most recent first, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QMenu, QWidget

from ui import settings


class RecentFilesMenu(QMenu):
    """Rebuilt each time it opens, so files deleted meanwhile are gone from it."""

    open_requested = Signal(Path)
    changed = Signal()

    def __init__(self, store: QSettings, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self._store = store
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def files(self) -> list[Path]:
        return settings.recent_files(self._store)

    def refresh(self) -> None:
        self.clear()
        recent = self.files()
        for number, path in enumerate(recent, start=1):
            entry = self.addAction(f"&{number % 10}  {path.name}  ({path.parent})")
            entry.setData(str(path))
            entry.triggered.connect(lambda _checked=False, p=path: self.open_requested.emit(p))
        if not recent:
            self.addAction("No recent files").setEnabled(False)
        self.addSeparator()
        clear = self.addAction("&Clear the list")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.forget_all)

    def remember(self, path: Path) -> None:
        settings.add_recent_file(self._store, path)
        self.refresh()
        self.changed.emit()

    def forget_all(self) -> None:
        settings.clear_recent_files(self._store)
        self.refresh()
        self.changed.emit()
