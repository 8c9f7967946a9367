"""The search's matches in one text pane: found in the text the pane stands for, marked in place.

A pane shows more than one text: the merge pane lays proposals' words into the compromise, a
proposal's pane lays them into the text it amends, and tags name each change. A match is
looked for in the text the pane stands for (the compromise; the proposal), with the same rule
the counts use (`workbench.text_search.find`), and marked where its words show, so what is
counted is what is marked. The current match of a search step is marked stronger.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.redline import DisplayMap, extra_selection, is_dark
from workbench.text_search import find


def match_colour(palette: QPalette, *, current: bool) -> QColor:
    """Orange, apart from the yellow of the change in focus and the stakeholders' tints."""
    if is_dark(palette):
        return QColor("#c25400") if current else QColor("#7a4a12")
    return QColor("#ff9632") if current else QColor("#ffd2a6")


class SearchMarks:
    """The matches of the query in one text edit, as shown offsets, and the current one."""

    def __init__(self) -> None:
        self.query = ""
        self.ranges: list[tuple[int, int]] = []
        self.current = -1

    def find(self, edit: QTextEdit, display: DisplayMap, side: str) -> None:
        """Look for the query in the text `display` lays out on `side` (see
        `DisplayMap.reading`), or in the shown text when it is laid out as it is."""
        self.current = -1
        if not self.query:
            self.ranges = []
            return
        reading = display.reading(side)
        if reading is None:
            self.ranges = [(m.start, m.end) for m in find(edit.toPlainText(), self.query)]
        else:
            self.ranges = [
                reading.to_display(m.start, m.end) for m in find(reading.text, self.query)
            ]

    def selections(self, edit: QTextEdit) -> list[QTextEdit.ExtraSelection]:
        palette = edit.palette()
        marks = [
            extra_selection(edit, start, end, match_colour(palette, current=False))
            for index, (start, end) in enumerate(self.ranges)
            if index != self.current
        ]
        if 0 <= self.current < len(self.ranges):  # last: drawn over the others
            start, end = self.ranges[self.current]
            marks.append(extra_selection(edit, start, end, match_colour(palette, current=True)))
        return marks

    def scroll_to_current(self, edit: QTextEdit) -> None:
        if not 0 <= self.current < len(self.ranges):
            return
        start, end = self.ranges[self.current]
        limit = max(0, edit.document().characterCount() - 1)
        for offset in (end, start):  # both ends in sight, the caret at the start, unselected
            cursor = QTextCursor(edit.document())
            cursor.setPosition(min(offset, limit))
            edit.setTextCursor(cursor)
            edit.ensureCursorVisible()
