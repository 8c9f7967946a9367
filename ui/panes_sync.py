"""Keeping the variant panes level: the same passage of the compromise at the top of each.

Each pane lays its text out op by op against the same compromise, so its `DisplayMap` turns
"the first character on screen" into an offset in the compromise and back. When one pane
scrolls, the others scroll so that the line holding that same compromise offset sits at the same
height. This aligns by matching text, not by proportion: a proposal that adds a long passage
near the top does not drag the others out of step further down. At the very top and bottom
the panes simply follow (proportionally), so the ends always line up.

All influence flows from the pane being scrolled; a re-entrancy guard stops the followers'
own `valueChanged` from driving back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.redline import DisplayMap


class LevelledPane(Protocol):
    """What scroll sync needs of a pane: its text widget and the map of what it shows."""

    text_edit: QTextEdit
    display: DisplayMap


def top_base_offset(pane: LevelledPane) -> tuple[int, int]:
    """The compromise offset at the top of the pane, and how many pixels of its line are hidden."""
    edit = pane.text_edit
    cursor = edit.cursorForPosition(QPoint(edit.viewport().width() // 2, 0))
    # The character under the top edge, at the start of its line (layout is per line).
    cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
    hidden = -edit.cursorRect(cursor).top()
    return pane.display.to_base(cursor.position()), max(0, hidden)


def scroll_to_base(pane: LevelledPane, base_offset: int, hidden: int) -> None:
    """Scroll so the line showing `base_offset` is at the top, `hidden` pixels above the edge."""
    edit = pane.text_edit
    cursor = QTextCursor(edit.document())
    cursor.setPosition(
        min(pane.display.to_display(base_offset), edit.document().characterCount() - 1)
    )
    bar = edit.verticalScrollBar()
    line_top = edit.cursorRect(cursor).top() + bar.value()
    bar.setValue(line_top + hidden)


class ScrollSync:
    """Scrolling one pane scrolls the others to the same passage."""

    def __init__(
        self, panes: Sequence[LevelledPane], visible: Callable[[LevelledPane], bool]
    ) -> None:
        self._panes = list(panes)
        self._visible = visible
        self._driving = False
        for pane in self._panes:
            pane.text_edit.verticalScrollBar().valueChanged.connect(
                lambda _value, source=pane: self.follow(source)
            )

    def follow(self, source: LevelledPane) -> None:
        if self._driving:
            return
        self._driving = True
        try:
            bar = source.text_edit.verticalScrollBar()
            at_end = bar.maximum() > 0 and bar.value() >= bar.maximum()
            base_offset, hidden = top_base_offset(source)
            for pane in self._panes:
                if pane is source or not self._visible(pane):
                    continue
                other = pane.text_edit.verticalScrollBar()
                if bar.value() <= bar.minimum():
                    other.setValue(other.minimum())
                elif at_end:
                    other.setValue(other.maximum())
                else:
                    scroll_to_base(pane, base_offset, hidden)
        finally:
            self._driving = False
