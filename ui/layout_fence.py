"""A holder that keeps a widget's text changes from re-laying out the whole window.

A label or button whose text changes asks its parent layout to recompute, and each layout that
recomputes asks its own parent, up to the main window: at every paragraph switch the panes'
summaries, the merge pane's title, its change counter and its button texts would re-lay out
every splitter and pane (a millisecond of the switch). A `LayoutFence` holds one such widget
without a layout of its own, so the request stops here; the held widget keeps the fence's
whole area. Only for widgets whose size needs do not change with their text (one line of
text, width given by the layout).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget


class LayoutFence(QWidget):
    def __init__(self, held: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.held = held
        held.setParent(self)
        self.setSizePolicy(held.sizePolicy())
        # A minimum set on the held widget binds the fence too, or the held widget would be
        # wider than its fence and be cut off at the edge.
        self.setMinimumSize(held.minimumSize())
        self.setFocusProxy(held)
        # Opaque: a repaint of the held text stops here instead of repainting the window behind.
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:
        return self.held.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.held.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.held.setGeometry(self.rect())
        super().resizeEvent(event)
