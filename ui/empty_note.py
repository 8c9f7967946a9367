"""What an empty text pane says ("No file open. Open a workbench file..."), wrapped, whole.

Qt draws a text edit's placeholder on one line, cut at the pane's edge; a pane this narrow
needs its note wrapped. The note is a label over the pane's viewport, shown while the pane
has nothing else to show, so the document itself stays empty (nothing to search or type in).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QSizePolicy


class EmptyNote(QLabel):
    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area.viewport())
        self.setObjectName("empty_note")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._margin = 6
        area.viewport().installEventFilter(self)
        self.hide()

    def show_text(self, text: str) -> None:
        """Say `text` over the empty pane ("": say nothing)."""
        if text == self.text() and self.isVisibleTo(self.parentWidget()) == bool(text):
            return  # as it is (every paragraph switch asks)
        if text != self.text():
            self.setText(text)
        self._place()
        self.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        viewport = self.parentWidget()
        if viewport is not None:
            self.setGeometry(viewport.rect().adjusted(self._margin, 4, -self._margin, -4))
