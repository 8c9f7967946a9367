"""The line over the panes naming where the paragraph sits: every section, outermost first.

The tree has no room for a long section title ("Option 3 {changes to authorization do not
affect first transferred ITMOs, unless ...}"); this line shows the titles whole, wrapped, on
at most two lines. When the whole path needs more, the outer sections are named by their
number ("III.  ›  D.  ›  Option 3 {...}"), innermost last, so the section the paragraph is in
always reads in full; the whole path is the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.fitting import fits

SEPARATOR = "  ›  "
MAX_LINES = 2


def wordings(path: Sequence[tuple[str, str]]) -> list[str]:
    """The path whole, then with ever more of its outer sections named by number only."""
    found = []
    for shortened in range(len(path)):
        parts = [number for number, _title in path[:shortened]]
        parts += [title for _number, title in path[shortened:]]
        text = SEPARATOR.join(parts)
        if text not in found:
            found.append(text)
    return found


class SectionLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section_line")
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setContentsMargins(4, 2, 4, 0)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._wordings: list[str] = []
        self.hide()

    def set_path(self, path: Sequence[tuple[str, str]]) -> None:
        """The sections the shown paragraph sits in (none: the line goes)."""
        texts = wordings(path)
        if texts == self._wordings:
            return  # a step within one section changes nothing (and re-lays out nothing)
        self._wordings = texts
        self.setToolTip(texts[0] if texts else "")
        self.setVisible(bool(texts))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        if not self._wordings:
            return
        metrics = self.fontMetrics()
        room = self.contentsRect().width()
        tallest = MAX_LINES * metrics.lineSpacing()
        shown = next(
            (text for text in self._wordings if fits(metrics, text, room, tallest)),
            self._wordings[-1],
        )
        lines = 1 if fits(metrics, shown, room) else MAX_LINES
        margins = self.contentsMargins()
        height = lines * metrics.lineSpacing() + margins.top() + margins.bottom() + 2
        if shown != self.text():
            self.setText(shown)
        if height != self.height():
            self.setFixedHeight(height)
