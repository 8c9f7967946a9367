"""Typing in the compromise: the editor, when typing starts and ends, what it records.

Typing starts when the user types into the compromise, presses F2, double-clicks it, or
presses Delete or Backspace on words of the compromise selected in the review; the plain
compromise becomes editable, the open changes stay marked. What was typed is recorded as one
hand edit once the user pauses, presses Escape, or leaves the pane or the paragraph. While
typing, the window's merge keys (undo, accept from a pane...) still reach the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget


class MergeTextEdit(QTextEdit):
    """The compromise editor; lets the window's merge shortcuts through even while typing.

    Delete and Backspace are the editor's own while text is selected or typed: Delete
    rejects the current change (the window's key) only with nothing selected, not typing.
    """

    def __init__(self, passthrough: Sequence[QKeySequence], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passthrough: list[QKeySequence] = list(passthrough)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if _erases(event) and (not self.isReadOnly() or self.textCursor().hasSelection()):
                event.accept()  # ours: the key press comes here, no shortcut takes it
                return True
            pressed = QKeySequence(QKeyCombination(event.modifiers(), Qt.Key(event.key())))
            if any(
                pressed.matches(seq) == QKeySequence.SequenceMatch.ExactMatch
                for seq in self.passthrough
            ):
                event.ignore()  # not ours: the window's action (undo, accept...) takes the key
                return False
        return super().event(event)


def _erases(event: QKeyEvent) -> bool:
    """Delete or Backspace, with no modifier (the keypad's own flag aside)."""
    plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (
        event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        and plain == Qt.KeyboardModifier.NoModifier
    )


class MergeTyping(QWidget):
    """The typing face of `MergePane` (a mixin): it reads and sets the pane's `typing`,
    `text_edit`, `compromise` and `state`, and records through its `controller`."""

    def start_typing(self, display_offset: int | None = None) -> None:
        base = self._display.to_base(display_offset) if display_offset is not None else 0
        self.start_typing_at(base)

    def start_typing_at(self, offset: int) -> None:
        """Edit the compromise by hand with the cursor at `offset` (asks first if agreed)."""
        if self.read_only or self.state is None or self.typing:
            return
        if self.state.protected:
            if not self.controller.may_change_text(self.state):
                self.message.emit(f"Paragraph {self.state.label} is {self.state.hand_status}")
                return
            self._typing_forced = True
        self._overlay = None
        self.typing = True
        self._hover = None
        self._render()
        cursor = self.text_edit.textCursor()
        cursor.setPosition(min(offset, len(self.compromise)))
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setFocus()
        self._paint_marks(scroll=False)

    def erase_selection(self) -> None:
        """Delete or Backspace on words selected in the review: typing starts with those
        words of the compromise taken out (recorded like any typing, when you pause)."""
        cursor = self.text_edit.textCursor()
        start = self._display.to_base(cursor.selectionStart())
        end = self._display.to_base(cursor.selectionEnd())
        if self.read_only:
            self.message.emit("This file is open read-only: nothing can be deleted")
            return
        if end <= start:
            self.message.emit(
                "Those are a proposal's words, not the compromise's: Delete with nothing "
                "selected rejects the change"
            )
            return
        self.start_typing_at(start)
        if not self.typing:
            return  # an agreed paragraph, left as it is
        cursor = self.text_edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(min(end, len(self.compromise)), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.text_edit.setTextCursor(cursor)

    def commit_typing(self) -> None:
        """Record what was typed as one hand edit (nothing if the text did not change)."""
        self._pause.stop()
        if not self.typing or self.paragraph_id < 0:
            return
        text = self._raw_text()
        if text != self.compromise:
            self.controller.type_text(self.paragraph_id, text, forced=self._typing_forced)

    def _leave_typing(self) -> None:
        self.typing = False
        self._typing_forced = False
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
            self.empty_note.show_text("")

    def _update_mode_label(self) -> None:
        if self.state is None:
            texts: tuple[str, ...] = ("",)
        elif self.read_only:
            texts = ("read-only",)
        elif self.typing:
            texts = (
                "typing: recorded as a hand edit when you pause · Esc to finish",
                "typing: recorded when you pause · Esc",
                "typing · Esc to finish",
                "typing",
            )
        elif self._overlay is not None:
            texts = ("who wrote what (see History)", "who wrote what")
        else:
            texts = ("type or F2 to edit by hand", "F2 to edit", "F2")
        self.mode.set_texts(*texts)

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
                for shown in self.shown:
                    if shown.display_start <= offset < shown.display_end:
                        self.set_current(shown.key)
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
        if _erases(event) and self.text_edit.textCursor().hasSelection():
            self.erase_selection()
            return True
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
            if event.key() != Qt.Key.Key_F2 and self.typing:
                self.text_edit.insertPlainText(event.text())
            return True
        return False
