"""A push button naming a stakeholder, the name cut in the middle to fit, whole in the tooltip.

The merge pane's buttons read "Accept {name} {number}": a long name ("Group of 77 and China,
speaking also for ...") must not be clipped mid-letter at the button's edge, nor widen the pane.
Only the name is shortened, so "Accept" and the change's number stay in sight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QWidget


class ElidedButton(QPushButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts = (text, "", "")  # before the name, the name, after it
        self._hint = ""  # the owner's tooltip; the whole text joins it when shortened
        self._elide()

    def full_text(self) -> str:
        return "".join(self._parts)

    def set_full_text(self, before: str, name: str = "", after: str = "") -> None:
        if (before, name, after) != self._parts:
            self._parts = (before, name, after)
            self._elide()

    def set_hint(self, hint: str) -> None:
        self._hint = hint
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        # Where the style draws the label: the button less its frame.
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        metrics = self.fontMetrics()
        before, name, after = self._parts
        whole = before + name + after
        shown = whole
        if metrics.horizontalAdvance(whole) > room.width():
            left = room.width() - metrics.horizontalAdvance(before + after)
            shortened = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, left)
            if name and shortened and shortened != "…":
                shown = before + shortened + after
            else:  # not even the frame of the text fits: cut it as a whole
                shown = metrics.elidedText(whole, Qt.TextElideMode.ElideRight, room.width())
        if shown != self.text():
            self.setText(shown)
        tip = "\n".join(part for part in (whole if shown != whole else "", self._hint) if part)
        if tip != self.toolTip():
            self.setToolTip(tip)
