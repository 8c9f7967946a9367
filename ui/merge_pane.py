"""The merge pane: the compromise with every pending change in place, accept/reject, typing.

Two faces of one text widget. Reviewing (the default) shows the compromise with each proposal's
pending hunks laid in (see `merge_review`), read-only, one of them "current". Typing starts
when the user types into it (or presses F2): the plain compromise becomes editable, the
pending hunks stay marked, and the text is recorded as a hand edit (`editing.type_text`) once
the user pauses for 1.5 s, presses Escape or leaves the pane or the paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.elided_button import ElidedButton
from ui.layout_fence import LayoutFence
from ui.merge_review import ShownHunk, describe, write_review
from ui.redline import (
    DisplayMap,
    focus_colour,
    set_direction,
    stakeholder_colour,
    stakeholder_tint,
    write_spans,
)
from ui.scroll_bars import flatten
from ui.workbench_controller import WorkbenchController
from workbench.merge import PendingHunk

PAUSE_MS = 1500


class MergeTextEdit(QTextEdit):
    """The compromise editor; lets the window's merge shortcuts through even while typing."""

    def __init__(self, passthrough: Sequence[QKeySequence], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passthrough: list[QKeySequence] = list(passthrough)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(QKeyCombination(event.modifiers(), Qt.Key(event.key())))
            if any(
                pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                for seq in self.passthrough
            ):
                event.ignore()  # not ours: the window's action (undo, accept...) takes the key
                return False
        return super().event(event)


class MergePane(QWidget):
    """Builds the compromise of the current paragraph; every action goes to the controller."""

    change_focused = Signal(int, int, int)  # base start, base end, variant id; -1s: none
    message = Signal(str)

    def __init__(self, controller: WorkbenchController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        # Before another file opens, what is typed here is recorded in the file it belongs to.
        controller.closing.connect(self.stop_typing)
        self.paragraph_id = -1
        self.compromise = ""
        self.hunks: list[PendingHunk] = []
        self.shown: list[ShownHunk] = []
        self.current = -1
        self.typing = False
        self.read_only = False
        self._overlay: list[tuple[str, QColor, QColor | None]] | None = None
        self._display = DisplayMap([])
        self._hover: tuple[int, int] | None = None

        self.title = QLabel("Compromise")
        self.title.setStyleSheet("font-weight: 600;")
        self.mode = QLabel()
        self.mode.setStyleSheet("color: palette(mid);")
        self.text_edit = MergeTextEdit([])
        self.text_edit.setAccessibleName("Compromise text")
        self.text_edit.setUndoRedoEnabled(False)  # undo walks the engine's history instead
        self.text_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        flatten(self.text_edit.verticalScrollBar())
        self.text_edit.viewport().installEventFilter(self)
        self.text_edit.installEventFilter(self)
        self.text_edit.textChanged.connect(self._on_text_changed)

        self.change_label = QLabel("No pending changes")
        # Ignored width: a new text must not re-lay out the whole window at every switch.
        self.change_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.change_list = QListWidget()
        self.change_list.setAccessibleName("Pending changes")
        flatten(self.change_list.verticalScrollBar())
        self.change_list.setUniformItemSizes(True)  # one line each (full text in the tooltip)
        self.change_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.change_list.currentRowChanged.connect(self._on_row_chosen)
        self.accept_button = ElidedButton("Accept")
        self.accept_button.set_hint("Take the current change into the compromise")
        self.reject_button = QPushButton("Reject")
        self.reject_button.setToolTip("Turn the current change down (Ctrl+0 or Delete)")
        self.accept_all_button = ElidedButton("Accept all from …")
        for button in (self.accept_button, self.reject_button, self.accept_all_button):
            # Their text names the stakeholder; it must not change the pane's layout.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(80)
        self.change_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.accept_all_button.clicked.connect(self.accept_all_current)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.commit_typing)

        # The title, change counter and button texts change at every switch: fenced, so that
        # does not re-lay out the window. The title takes the width the mode label leaves.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        heading = QHBoxLayout()
        heading.addWidget(LayoutFence(self.title), 1)
        heading.addWidget(self.mode)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(2, 2, 2, 2)
        left_layout.addLayout(heading)
        left_layout.addWidget(self.text_edit, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(LayoutFence(self.accept_button), 3)
        buttons.addWidget(LayoutFence(self.reject_button), 2)
        buttons.addWidget(LayoutFence(self.accept_all_button), 4)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(2, 2, 2, 2)
        pending_title = QLabel("Pending changes")
        pending_title.setStyleSheet("font-weight: 600;")
        right_layout.addWidget(pending_title)
        right_layout.addWidget(self.change_list, 1)
        right_layout.addWidget(LayoutFence(self.change_label))
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("merge_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._update_mode_label()

    # content -----------------------------------------------------------------------------------
    def show_paragraph(
        self,
        paragraph_id: int,
        label: str,
        compromise: str,
        *,
        pending: list[PendingHunk] | None = None,
    ) -> None:
        """A new paragraph: whatever was typed for the old one is recorded first.

        `pending`: the paragraph's pending hunks when the caller has them already.
        """
        if self.typing:
            self.commit_typing()
            self._leave_typing()
        self.paragraph_id = paragraph_id
        self.title.setText(f"Compromise · paragraph {label}" if label else "Compromise")
        self.current = -1
        self.refresh(compromise, keep_current=False, pending=pending)

    def refresh(
        self,
        compromise: str,
        *,
        keep_current: bool = True,
        pending: list[PendingHunk] | None = None,
    ) -> None:
        """Re-read pending hunks after the compromise changed (or a variant was chosen)."""
        previous = self.current
        self.compromise = compromise
        if pending is not None:
            self.hunks = pending
        else:
            self.hunks = (
                self.controller.pending(self.paragraph_id) if self.paragraph_id >= 0 else []
            )
        if keep_current and self.hunks:
            self.current = min(max(previous, 0), len(self.hunks) - 1)
        else:
            self.current = 0 if self.hunks else -1
        self._render()
        self._fill_list()
        self._show_current(scroll=keep_current)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def set_overlay(self, spans: list[tuple[str, QColor, QColor | None]] | None) -> None:
        """Colour the compromise by who wrote it (None: back to the pending changes)."""
        if self.typing:
            self.commit_typing()
            self._leave_typing()
        self._overlay = spans
        self._render()
        self._show_current(scroll=False)

    def shown_changes(self) -> list[tuple[str, int, str]]:
        """What is highlighted in place: (stakeholder, number, text shown for the hunk)."""
        text = self.text_edit.toPlainText()
        return [
            (s.hunk.stakeholder, s.hunk.number, text[s.display_start : s.display_end])
            for s in self.shown
        ]

    def current_hunk(self) -> PendingHunk | None:
        return self.hunks[self.current] if 0 <= self.current < len(self.hunks) else None

    def _render(self) -> None:
        self.text_edit.blockSignals(True)
        try:
            if self.typing:
                if self._raw_text() != self.compromise:
                    position = self.text_edit.textCursor().position()
                    self.text_edit.setPlainText(self.compromise)
                    cursor = self.text_edit.textCursor()
                    cursor.setPosition(min(position, len(self.compromise)))
                    self.text_edit.setTextCursor(cursor)
                set_direction(self.text_edit, self.compromise)
                self._display = DisplayMap([])
                self.shown = []
            elif self._overlay is not None:
                write_spans(self.text_edit, self._overlay)
                self._display = DisplayMap([])
                self.shown = []
            else:
                self._display, self.shown = write_review(
                    self.text_edit, self.compromise, self.hunks, self.palette()
                )
        finally:
            self.text_edit.blockSignals(False)
        self.text_edit.setReadOnly(not self.typing)
        self._update_mode_label()

    def _fill_list(self) -> None:
        self.change_list.blockSignals(True)
        self.change_list.clear()
        for hunk in self.hunks:
            item = QListWidgetItem(describe(hunk, self.compromise))
            item.setForeground(stakeholder_colour(hunk.stakeholder_id, self.palette()))
            item.setToolTip(describe(hunk, self.compromise, limit=400))
            self.change_list.addItem(item)
        self.change_list.setCurrentRow(self.current)
        self.change_list.blockSignals(False)
        if not self.hunks:
            self.change_list.addItem(QListWidgetItem("Nothing pending in this paragraph."))

    # the current change ------------------------------------------------------------------------
    def _show_current(self, *, scroll: bool = True) -> None:
        hunk = self.current_hunk()
        if hunk is None:
            self.change_label.setText("No pending changes." if self.paragraph_id >= 0 else "")
            self.change_focused.emit(-1, -1, -1)
        else:
            position = f"change {self.current + 1} of {len(self.hunks)}"
            self.change_label.setText(f"Current: {position} · Alt+↓/↑ to move")
            self.change_focused.emit(hunk.hunk.base_start, hunk.hunk.base_end, hunk.variant_id)
        self.change_list.blockSignals(True)
        self.change_list.setCurrentRow(self.current)
        self.change_list.blockSignals(False)
        self._paint_marks(scroll=scroll)
        self._update_buttons()

    def _paint_marks(self, *, scroll: bool = True) -> None:
        selections = []
        current = self.current_hunk()
        if self.typing:
            for hunk in self.hunks:
                start, end = hunk.hunk.base_start, max(hunk.hunk.base_end, hunk.hunk.base_start + 1)
                colour = (
                    focus_colour(self.palette())
                    if hunk is current
                    else stakeholder_tint(hunk.stakeholder_id, self.palette())
                )
                selections.append(self._selection(start, min(end, len(self.compromise)), colour))
        elif self._overlay is None:
            for shown in self.shown:
                if shown.hunk is current:
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
        self.text_edit.setExtraSelections(selections)
        if scroll and selections and not self.typing:
            cursor = QTextCursor(self.text_edit.document())
            cursor.setPosition(selections[0].cursor.selectionStart())  # type: ignore[attr-defined]
            self.text_edit.setTextCursor(cursor)
            self.text_edit.ensureCursorVisible()

    def _selection(self, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text_edit.document())
        limit = max(0, self.text_edit.document().characterCount() - 1)
        cursor.setPosition(min(start, limit))
        cursor.setPosition(min(end, limit), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        selection.format = fmt  # type: ignore[attr-defined]
        return selection

    def highlight_base(self, base_start: int, base_end: int, variant_id: int) -> None:
        """A variant pane is hovering a change: show the same place here ([-1]: stop)."""
        if base_start < 0 or self.typing or self._overlay is not None:
            self._hover = None
        else:
            match = self._hunk_at_base(base_start, base_end, variant_id)
            if match is not None:
                shown = self.shown[match]
                self._hover = (shown.display_start, shown.display_end)
            else:
                self._hover = self._display.base_range(base_start, base_end)
        self._paint_marks(scroll=False)

    def focus_base(self, base_start: int, base_end: int, variant_id: int) -> None:
        """A change was clicked in a variant pane: make the matching hunk current."""
        match = self._hunk_at_base(base_start, base_end, variant_id)
        if match is not None:
            self.set_current(match)

    def _hunk_at_base(self, base_start: int, base_end: int, variant_id: int) -> int | None:
        fallback = None
        for index, hunk in enumerate(self.hunks):
            h = hunk.hunk
            touches = h.base_start <= base_end and base_start <= h.base_end
            if touches and hunk.variant_id == variant_id:
                return index
            if touches and fallback is None:
                fallback = index
        return fallback

    def set_current(self, index: int) -> None:
        if 0 <= index < len(self.hunks):
            self.current = index
            self._show_current()

    def next_change(self) -> bool:
        if self.current + 1 < len(self.hunks):
            self.set_current(self.current + 1)
            return True
        self.message.emit("No further change in this paragraph (Ctrl+PgDown: next paragraph)")
        return False

    def previous_change(self) -> bool:
        if self.current > 0:
            self.set_current(self.current - 1)
            return True
        self.message.emit("This is the first change of the paragraph")
        return False

    def _on_row_chosen(self, row: int) -> None:
        if 0 <= row < len(self.hunks):
            self.current = row
            self._show_current()

    # actions -------------------------------------------------------------------------------
    def accept_current(self) -> None:
        hunk = self.current_hunk()
        if hunk is not None and self._ready_to_write():
            self.controller.accept(hunk)

    def reject_current(self) -> None:
        hunk = self.current_hunk()
        if hunk is not None and self._ready_to_write():
            self.controller.reject(hunk)

    def accept_all_current(self) -> None:
        hunk = self.current_hunk()
        if hunk is not None and self._ready_to_write():
            self.controller.accept_all(hunk.variant_id)

    def accept_from_variant(self, variant_id: int) -> bool:
        """Ctrl+N: the current change if it is this proposal's, else its rival at the same
        place (a conflict settled in its favour), else this proposal's first pending change."""
        current = self.current_hunk()
        choice: PendingHunk | None = None
        if current is not None and current.variant_id == variant_id:
            choice = current
        elif current is not None:
            choice = next(
                (
                    hunk
                    for hunk in self.hunks
                    if hunk.variant_id == variant_id
                    and hunk.hunk.base_start <= current.hunk.base_end
                    and current.hunk.base_start <= hunk.hunk.base_end
                ),
                None,
            )
        if choice is None:
            choice = next((hunk for hunk in self.hunks if hunk.variant_id == variant_id), None)
        if choice is None:
            self.message.emit("That pane's text proposes no pending change here")
            return False
        if not self._ready_to_write():
            return False
        self.current = self.hunks.index(choice)
        return self.controller.accept(choice) is not None

    def _ready_to_write(self) -> bool:
        if self.read_only:
            self.message.emit("This file is open read-only: nothing can be changed")
            return False
        if self.typing:
            self.commit_typing()
        return True

    # typing --------------------------------------------------------------------------------
    def start_typing(self, display_offset: int | None = None) -> None:
        if self.read_only or self.paragraph_id < 0 or self.typing:
            return
        base = self._display.to_base(display_offset) if display_offset is not None else 0
        self._overlay = None
        self.typing = True
        self._hover = None
        self._render()
        cursor = self.text_edit.textCursor()
        cursor.setPosition(min(base, len(self.compromise)))
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setFocus()
        self._paint_marks(scroll=False)

    def commit_typing(self) -> None:
        """Record what was typed as one hand edit (nothing if the text did not change)."""
        self._pause.stop()
        if not self.typing or self.paragraph_id < 0:
            return
        text = self._raw_text()
        if text != self.compromise:
            self.controller.type_text(self.paragraph_id, text)

    def _leave_typing(self) -> None:
        self.typing = False
        self._render()
        self._show_current(scroll=False)

    def stop_typing(self) -> None:
        if self.typing:
            self.commit_typing()
            self._leave_typing()

    def _raw_text(self) -> str:
        # toPlainText turns no-break spaces into spaces, which would read as a hand edit.
        return self.text_edit.document().toRawText().replace("\u2029", "\n")

    def _on_text_changed(self) -> None:
        if self.typing:
            self._pause.start()

    def _update_mode_label(self) -> None:
        if self.read_only:
            text = "read-only"
        elif self.typing:
            text = "typing: recorded as a hand edit when you pause · Esc to finish"
        elif self._overlay is not None:
            text = "who wrote what (see History)"
        else:
            text = "type or F2 to edit by hand"
        self.mode.setText(text)

    def _update_buttons(self) -> None:
        hunk = self.current_hunk()
        writable = not self.read_only and hunk is not None
        self.accept_button.setEnabled(writable)
        self.reject_button.setEnabled(writable)
        self.accept_all_button.setEnabled(writable)
        if hunk is None:
            self.accept_all_button.set_full_text("Accept all")
            self.accept_button.set_full_text("Accept")
        else:
            self.accept_all_button.set_full_text("Accept all from ", hunk.stakeholder)
            self.accept_button.set_full_text("Accept ", hunk.stakeholder, f" {hunk.number}")
        self._update_mode_label()

    # events --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.text_edit:
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._key(event)
            if kind == QEvent.Type.FocusOut and self.typing:
                self.stop_typing()
        elif watched is self.text_edit.viewport():
            if (
                kind == QEvent.Type.MouseButtonRelease
                and isinstance(event, QMouseEvent)
                and not self.typing
            ):
                offset = self.text_edit.cursorForPosition(event.position().toPoint()).position()
                for index, shown in enumerate(self.shown):
                    if shown.display_start <= offset < shown.display_end:
                        self.set_current(index)
                        break
            elif (
                kind == QEvent.Type.MouseButtonDblClick
                and isinstance(event, QMouseEvent)
                and not self.typing
            ):
                offset = self.text_edit.cursorForPosition(event.position().toPoint()).position()
                self.start_typing(offset)
                return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        if self.typing:
            if event.key() == Qt.Key.Key_Escape:
                self.stop_typing()
                return True
            return False
        if event.key() == Qt.Key.Key_F2 or (
            event.text()
            and event.text().isprintable()
            and not (
                event.modifiers()
                & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        ):
            if self.read_only:
                self.message.emit("This file is open read-only: nothing can be typed")
                return True
            self.start_typing(self.text_edit.textCursor().position())
            if event.key() != Qt.Key.Key_F2:
                self.text_edit.insertPlainText(event.text())
            return True
        return False
