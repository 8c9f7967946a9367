"""Files dragged onto the window: a workbench file or a source to import, wherever it lands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

WORKBENCH_SUFFIX = ".nwb"
SOURCE_SUFFIXES = frozenset({".docx", ".txt"})
_DRAG_EVENTS = frozenset({QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop})


def dropped_file(event: QDropEvent) -> Path | None:
    """The first local .nwb, .docx or .txt among the dragged URLs."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path and path.suffix.lower() in SOURCE_SUFFIXES | {WORKBENCH_SUFFIX}:
            return path
    return None


class FileDropFilter(QObject):
    """An event filter on the window and on its children that take drops themselves.

    Text panes accept drops of text; a file dragged over them is still meant for the window,
    so they are watched too. Other drags (text, unknown files) pass through untouched.
    """

    file_dropped = Signal(Path)

    def __init__(self, window: QWidget, refuse: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._refuse = refuse  # while True (a job is writing) nothing is accepted
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def watch_children(self) -> None:
        for widget in self._window.findChildren(QWidget):
            if widget.acceptDrops():
                widget.removeEventFilter(self)
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _DRAG_EVENTS and isinstance(event, QDropEvent):
            return self._drag_event(event)
        if watched is self._window and event.type() == QEvent.Type.Show:
            self.watch_children()
        return super().eventFilter(watched, event)

    def _drag_event(self, event: QDropEvent) -> bool:
        path = dropped_file(event)
        if path is None or self._refuse():
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() == QEvent.Type.Drop:
            self.file_dropped.emit(path)
        return True
