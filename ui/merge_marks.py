"""What is marked on the compromise: the current change, a hovered one, a comment's words, matches.

The marks are extra selections over the text shown, painted again whenever one of them
moves. A comment's words and the search's matches are kept as offsets in the compromise and
placed in the text shown, where the proposals' changes may be laid in between.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from ui.redline import extra_selection, focus_colour, stakeholder_tint
from workbench.model import ChangeState

# A comment's words: a pale blue no stakeholder's tint is, so it is never taken for a change.
COMMENT_COLOUR = QColor(150, 190, 255, 150)


class MergeMarks(QWidget):
    """The marks of `MergePane` (a mixin): over its `text_edit`, `shown` and `_display`."""

    # search ------------------------------------------------------------------------------------
    def set_search(self, query: str) -> None:
        """Mark the matches of `query` in the compromise ("" : none)."""
        self.search_marks.query = query
        self.search_marks.find(self.text_edit, self._display, "old")
        self._paint_marks(scroll=False)

    def search_matches(self) -> int:
        return len(self.search_marks.ranges)

    def show_search_match(self, index: int) -> None:
        """Make match `index` the current one (-1: none) and bring it into sight."""
        self.search_marks.current = index
        self._paint_marks(scroll=False)
        self.search_marks.scroll_to_current(self.text_edit)

    # painting ----------------------------------------------------------------------------------
    def _paint_marks(self, *, scroll: bool = True) -> None:
        selections = []
        current = self.current_change()
        if self.typing:
            for change in self.open_changes():
                end = min(max(change.end, change.start + 1), len(self.compromise))
                colour = (
                    focus_colour(self.palette())
                    if change is current
                    else stakeholder_tint(change.stakeholder_id, self.palette())
                )
                selections.append(self._selection(change.start, end, colour))
        elif self._overlay is None:
            for shown in self.shown:
                if current is not None and shown.key == current.id:
                    selections.append(
                        self._selection(
                            shown.display_start, shown.display_end, focus_colour(self.palette())
                        )
                    )
            if self._hover is not None:
                start, end = self._hover
                colour = focus_colour(self.palette())
                colour.setAlpha(110)
                selections.append(self._selection(start, end, colour))
        if self._comment_span is not None and self._overlay is None:
            start, end = self._shown_range(*self._comment_span)
            selections.append(self._selection(start, end, COMMENT_COLOUR))
        self.text_edit.setExtraSelections(selections + self.search_marks.selections(self.text_edit))
        if scroll and selections and not self.typing:
            cursor = QTextCursor(self.text_edit.document())
            cursor.setPosition(selections[0].cursor.selectionStart())  # type: ignore[attr-defined]
            self.text_edit.setTextCursor(cursor)
            self.text_edit.ensureCursorVisible()

    def _selection(self, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection:
        return extra_selection(self.text_edit, start, end, colour)

    # comments on the words -------------------------------------------------------------------
    def _shown_range(self, start: int, end: int) -> tuple[int, int]:
        """Where compromise[start:end] is in the text shown (changes may be laid in it)."""
        if self.typing or not self._display.ops:
            return start, max(end, start + 1)
        shown_start = self._display.to_display(start)
        if end <= start:
            return shown_start, shown_start + 1
        # The last word's own end, before any change laid in right after it.
        return shown_start, self._display.to_display(end - 1) + 1

    def selected_range(self) -> tuple[int, int]:
        """The compromise's words selected here, as offsets in the compromise; the whole text
        when nothing is selected."""
        cursor = self.text_edit.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if start == end:
            return 0, len(self.compromise)
        if not self.typing and self._display.ops:
            start, end = self._display.to_base(start), self._display.to_base(end)
        return start, max(start, end)

    def show_comment_span(self, start: int, end: int) -> None:
        """Highlight a comment's words (compromise offsets); start < 0: none."""
        span = (start, end) if start >= 0 else None
        if span == self._comment_span:
            return  # nothing to repaint (a switch between uncommented paragraphs)
        self._comment_span = span
        self._paint_marks(scroll=span is not None)

    def highlight_change(self, change_id: str) -> None:
        """A variant pane is hovering a change: show the same place here ("": stop)."""
        self._hover = None
        if change_id and not self.typing and self._overlay is None:
            shown = next((s for s in self.shown if s.key == change_id), None)
            change = next((c for c in self.changes if c.id == change_id), None)
            if shown is not None:
                self._hover = (shown.display_start, shown.display_end)
            elif change is not None and change.state is ChangeState.ACCEPTED:
                self._hover = self._display.base_range(change.start, change.end)
        self._paint_marks(scroll=False)
