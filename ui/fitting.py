"""Captions shown whole or not at all: each widget shows the longest of its wordings that fits.

On a 1280x720 laptop a caption cannot have the room its longest wording needs ("Accept all
from Group of 77 and China"), and cutting it mid-word ("Accept all fro…") loses its meaning.
So a label, button or pane selector here is given a few wordings, longest first, each whole
and each still saying what matters ("Accept all from GC", "Accept all"), and shows the first
that fits its room; the longest is its tooltip while a shorter one shows. Only a widget
squeezed below the room of its shortest wording is cut (at the end): the layouts give each
one at least that room, and `tests/ui/test_laptop_screens.py` checks that none is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

WORDINGS_ROLE = int(Qt.ItemDataRole.UserRole.value) + 40  # a combo item's shorter wordings
_TALL = 10_000


def fits(metrics: QFontMetrics, text: str, width: int, height: int = 0) -> bool:
    """Whether `text` shows whole in `width` (wrapped at words into `height`, when given)."""
    if not height:
        return metrics.horizontalAdvance(text) <= width
    flags = int(Qt.TextFlag.TextWordWrap.value)
    needed = metrics.boundingRect(QRect(0, 0, max(width, 1), _TALL), flags, text)
    return needed.width() <= width and needed.height() <= height


def first_fitting(metrics: QFontMetrics, texts: Sequence[str], width: int, height: int = 0) -> str:
    """The first of `texts` that fits whole; the last, cut at its end, when none does."""
    for text in texts:
        if fits(metrics, text, width, height):
            return text
    last = texts[-1] if texts else ""
    return metrics.elidedText(last, Qt.TextElideMode.ElideRight, max(width, 0))


def _wordings(texts: Sequence[str]) -> tuple[str, ...]:
    kept = tuple(dict.fromkeys(text for text in texts if text))  # once each, order kept
    return kept or ("",)


class _Worded(Protocol):
    """A caption widget with wordings: what the mixin below reads and sets."""

    _texts: tuple[str, ...]
    _hint: str

    def text(self) -> str: ...

    def setText(self, text: str, /) -> None: ...

    def toolTip(self) -> str: ...

    def setToolTip(self, tip: str, /) -> None: ...

    def _fit(self) -> None: ...


class _Wordings:
    """The wordings of a caption, its hint, and showing one of them with the right tooltip."""

    def texts(self: _Worded) -> tuple[str, ...]:
        return self._texts

    def full_text(self: _Worded) -> str:
        return self._texts[0]

    def set_hint(self: _Worded, hint: str) -> None:
        """The tooltip (the longest wording joins it while a shorter one shows)."""
        self._hint = hint
        self._fit()

    def _replace(self: _Worded, texts: Sequence[str]) -> bool:
        wordings = _wordings(texts)
        if wordings == self._texts:
            return False
        self._texts = wordings
        self._fit()
        return True

    def _show(self: _Worded, shown: str) -> None:
        if shown != self.text():
            self.setText(shown)
        whole = self._texts[0]
        tip = "\n".join(part for part in (whole if shown != whole else "", self._hint) if part)
        if tip != self.toolTip():
            self.setToolTip(tip)


class FittedLabel(_Wordings, QLabel):
    """A plain-text label showing the first of its wordings that fits (wrapped, if it wraps).

    Its size hint asks for the longest wording, its minimum for the shortest, so a layout gives
    it whole words whenever the window has the room.
    """

    wordings_changed = Signal()

    def __init__(self, *texts: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # rich text would lay out a document
        self._texts: tuple[str, ...] = _wordings(texts)
        self._hint = ""
        self._fit()

    def set_texts(self, *texts: str) -> None:
        """The wordings, longest first, each one whole."""
        if self._replace(texts):
            self.wordings_changed.emit()

    def room(self) -> QRect:
        margin = self.margin()
        return self.contentsRect().adjusted(margin, margin, -margin, -margin)

    def sizeHint(self) -> QSize:
        return self._size_for(self._texts[0])

    def minimumSizeHint(self) -> QSize:
        if self.wordWrap():
            return QSize(0, self.fontMetrics().height())
        return self._size_for(self._texts[-1])

    def frame(self) -> int:
        """The width around the text: margins and frame."""
        return 2 * self.margin() + self.rect().width() - self.contentsRect().width()

    def _size_for(self, text: str) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance(text) + self.frame(), self.fontMetrics().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.room()
        height = room.height() if self.wordWrap() else 0
        self._show(first_fitting(self.fontMetrics(), self._texts, room.width(), height))


class FittedButton(_Wordings, QPushButton):
    """A push button showing the first of its wordings that fits; the longest in the tooltip."""

    def __init__(self, *texts: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: tuple[str, ...] = _wordings(texts)
        self._hint = ""
        self._fit()

    def set_texts(self, *texts: str) -> None:
        """The wordings, longest first, each one whole."""
        self._replace(texts)

    def room(self) -> QRect:
        """Where the style draws the caption: the button less its frame."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)

    def width_for(self, text: str) -> int:
        """The button width at which `text` shows whole."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        inside = QSize(self.fontMetrics().horizontalAdvance(text), self.fontMetrics().height())
        outside = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, inside, self
        )
        return outside.width()

    def sizeHint(self) -> QSize:
        return QSize(self.width_for(self._texts[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.width_for(self._texts[-1]), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._show(first_fitting(self.fontMetrics(), self._texts, self.room().width()))


class FittedCombo(QComboBox):
    """A combo box whose closed face shows the first wording of the item that fits.

    Items carry their shorter wordings in `WORDINGS_ROLE`; the open list shows every item in
    full (it is made as wide as its longest item).
    """

    def set_items(self, items: Sequence[tuple[QIcon, Sequence[str]]]) -> None:
        """The items anew: each an icon and its wordings, longest first (the list shows the
        longest, made as wide as the widest)."""
        self.clear()
        widest = 0
        metrics = self.fontMetrics()
        for index, (icon, texts) in enumerate(items):
            wordings = _wordings(texts)
            self.addItem(icon, wordings[0])
            self.setItemData(index, list(wordings), WORDINGS_ROLE)
            self.setItemData(index, wordings[0], Qt.ItemDataRole.ToolTipRole)
            widest = max(widest, metrics.horizontalAdvance(wordings[0]))
        wanted = widest + 2 * self.iconSize().width() + 24
        if self.view().minimumWidth() != wanted:
            self.view().setMinimumWidth(wanted)

    def room(self) -> QRect:
        """Where the closed face draws its text (after the icon, if there is one)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        if not option.currentIcon.isNull():
            field.setLeft(field.left() + self.iconSize().width() + 4)
        return field.adjusted(1, 0, -1, 0)

    def shown_text(self) -> str:
        """What the closed face shows."""
        index = self.currentIndex()
        if index < 0:
            return self.placeholderText()
        wordings = self.itemData(index, WORDINGS_ROLE)
        texts = list(wordings) if isinstance(wordings, list) else [self.itemText(index)]
        return first_fitting(self.fontMetrics(), texts, self.room().width())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = [
            self.fontMetrics().horizontalAdvance(self._shortest(i)) for i in range(self.count())
        ]
        needed = max([*shortest, self.fontMetrics().horizontalAdvance(self.placeholderText())])
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        extra = self.iconSize().width() + 4 if self.count() else 0
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(needed + extra + 2, hint.height()), self
        )
        return QSize(size.width(), hint.height())

    def _shortest(self, index: int) -> str:
        wordings = self.itemData(index, WORDINGS_ROLE)
        return str(wordings[-1]) if isinstance(wordings, list) else self.itemText(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0:  # as QComboBox draws its placeholder
            placeholder = option.palette.placeholderText()
            option.palette.setBrush(QPalette.ColorRole.ButtonText, placeholder)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class FittedPair(QWidget):
    """Two captions on one line, the first whole before the second gets any room.

    The compromise's title ("Compromise · 46 · open") and its typing hint share a line: the
    title takes its longest wording that leaves the hint its shortest, the hint the rest (and
    goes, rather than being cut, when even its shortest does not fit). No layout of its own:
    a caption's change re-lays out this line, never the window.
    """

    def __init__(
        self, first: FittedLabel, second: FittedLabel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.first = first
        self.second = second
        self.spacing = 8
        for label in (first, second):
            label.setParent(self)
            label.wordings_changed.connect(self.arrange)
        second.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def sizeHint(self) -> QSize:
        first, second = self.first.sizeHint(), self.second.sizeHint()
        return QSize(
            first.width() + self.spacing + second.width(), max(first.height(), second.height())
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(self.first.minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        width, height = self.width(), self.height()
        metrics = self.first.fontMetrics()
        frame = self.first.frame()
        second_least = self.second.fontMetrics().horizontalAdvance(self.second.texts()[-1])
        beside = width - self.spacing - second_least - frame
        title = next(
            (t for t in self.first.texts() if metrics.horizontalAdvance(t) <= beside), None
        )
        if title is None:  # the hint goes; the title keeps the whole line
            self.second.hide()
            self.first.setGeometry(0, 0, width, height)
            return
        first_width = min(width, metrics.horizontalAdvance(title) + frame)
        self.first.setGeometry(0, 0, first_width, height)
        left = first_width + self.spacing
        self.second.setGeometry(left, 0, max(0, width - left), height)
        self.second.show()
