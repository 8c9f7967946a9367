"""The merge pane: the compromise with the open changes in place, the list of changes, typing.

It renders the paragraph's `ParagraphState` and asks the controller to act; it reads nothing
from the file. Two faces of one text widget. Reviewing (the default) shows the compromise with
the open changes of the proposals in the panes laid in (see `change_marks`; with three
proposals or fewer, that is every one), read-only, one of them "current"; the list has them
all. Typing starts when the user types into it (or presses F2): the plain compromise becomes
editable, the open changes stay marked, and the text is recorded as a hand edit once the user
pauses for 1.5 s, presses Escape or leaves the pane or the paragraph.

The current change is kept by its id, which never changes; a conflict offers the proposal's
words or the compromise's (Accept takes the proposal's, Reject keeps the compromise's), and a
rejected change can be restored.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QMouseEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.change_list import ChangeList
from ui.change_marks import Shown, in_compromise, write_laid
from ui.empty_note import EmptyNote
from ui.fitting import FittedButton, FittedLabel, FittedPair
from ui.layout_fence import LayoutFence
from ui.redline import (
    DisplayMap,
    extra_selection,
    focus_colour,
    set_direction,
    stakeholder_tint,
    write_spans,
)
from ui.scroll_bars import flatten
from ui.search_marks import SearchMarks
from ui.workbench_controller import WorkbenchController
from workbench.changes import touches
from workbench.model import ChangeState
from workbench.paragraph_state import Change, ParagraphState

PAUSE_MS = 1500
MIN_LIST_WIDTH = 200
# Every wording a button can fall back to: it keeps the room of the widest of them.
_SHORTEST = {
    "Accept": ("Accept", "Take"),
    "Keep as is": ("Reject", "Keep as is", "Restore"),
    "Accept all": ("Accept all",),
}


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
    plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (
        event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        and plain == Qt.KeyboardModifier.NoModifier
    )


# A comment's words: a pale blue no stakeholder's tint is, so it is never taken for a change.
COMMENT_COLOUR = QColor(150, 190, 255, 150)


class MergePane(QWidget):
    """Builds the compromise of the current paragraph; every action goes to the controller."""

    change_focused = Signal(str)  # the current change's id; "" when none
    message = Signal(str)

    def __init__(self, controller: WorkbenchController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        # Before another file opens, what is typed here is recorded in the file it belongs to.
        controller.closing.connect(self.stop_typing)
        self.state: ParagraphState | None = None
        self.paragraph_id = -1
        self.compromise = ""
        self.changes: list[Change] = []
        self.current_id = ""
        self.compared: set[int] = set()  # proposals whose changes the text shows (empty: all)
        self.shown: list[Shown] = []
        self.typing = False
        self.read_only = False
        self._typing_forced = False  # the user said yes to changing an agreed paragraph
        self._overlay: list[tuple[str, QColor, QColor | None]] | None = None
        self._display = DisplayMap([])
        self._hover: tuple[int, int] | None = None
        self.search_marks = SearchMarks()
        self._empty_text = ""
        self._comment_span: tuple[int, int] | None = None  # a comment's words, in the compromise

        self.title = FittedLabel("Compromise")
        self.title.setStyleSheet("font-weight: 600;")
        self.mode = FittedLabel()
        self.mode.setStyleSheet("color: palette(mid);")
        self.text_edit = MergeTextEdit([])
        self.text_edit.setAccessibleName("Compromise text")
        self.text_edit.setUndoRedoEnabled(False)  # undo walks the engine's history instead
        self.text_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        flatten(self.text_edit.verticalScrollBar())
        self.text_edit.viewport().installEventFilter(self)
        self.text_edit.installEventFilter(self)
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.empty_note = EmptyNote(self.text_edit)  # what the pane says when it has nothing

        self.change_label = FittedLabel()
        # Two lines, wrapped: "Current: Group of 77 and China 12 (pending) · ..." stays whole.
        self.change_label.setWordWrap(True)
        self.change_label.setFixedHeight(2 * self.change_label.fontMetrics().lineSpacing() + 2)
        # Ignored width: a new text must not re-lay out the whole window at every switch.
        self.change_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.change_list = ChangeList()
        self.change_list.chosen.connect(self.set_current)
        self.change_list.action.connect(self._on_list_action)
        self.list_title = FittedLabel(
            "Changes (open first; decided ones greyed)", "Changes (open first)", "Changes"
        )
        self.list_title.setStyleSheet("font-weight: 600;")
        self.list_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.accept_button = FittedButton("Accept")
        self.accept_button.set_hint("Take the current change into the compromise (Ctrl+Return)")
        self.reject_button = FittedButton("Reject")
        self.reject_button.set_hint("Turn the current change down (Ctrl+0 or Delete)")
        self.accept_all_button = FittedButton("Accept all")
        self.accept_all_button.set_hint("Every pending change of this proposal (Ctrl+Shift+A)")
        for button, shortest in (
            (self.accept_button, "Accept"),
            (self.reject_button, "Keep as is"),
            (self.accept_all_button, "Accept all"),
        ):
            # Their text names the change; it must not change the pane's layout. Each keeps
            # the room of the shortest wording it can have, whatever it shows now.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(max(button.width_for(word) for word in _SHORTEST[shortest]))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.accept_all_button.clicked.connect(self.accept_all_current)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.commit_typing)
        # A timer object, not singleShot(0), which would run before the paint.
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(0)
        self._list_timer.timeout.connect(self.fill_list)
        self._build_layout()
        self._update_mode_label()

    def _build_layout(self) -> None:
        # The title, hint, counter and button texts change at every switch: fenced (the
        # heading line lays itself out), so that does not re-lay out the window.
        self.heading = FittedPair(self.title, self.mode)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.heading.setFixedHeight(self.title.fontMetrics().height() + 4)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(2, 2, 2, 2)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.text_edit, 1)
        # The buttons sit under the text they change, where there is the room to name it.
        buttons = QHBoxLayout()
        for button, share in (
            (self.accept_button, 3),
            (self.reject_button, 3),
            (self.accept_all_button, 4),
        ):
            fence = LayoutFence(button)
            fence.setMinimumWidth(button.minimumWidth())
            buttons.addWidget(fence, share)
        left_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(2, 2, 2, 2)
        right_layout.addWidget(self.list_title)
        right_layout.addWidget(self.change_list, 1)
        right_layout.addWidget(LayoutFence(self.change_label))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("merge_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        right.setMinimumWidth(MIN_LIST_WIDTH)
        left.setMinimumWidth(
            sum(b.minimumWidth() for b in self._buttons()) + 4 * left_layout.spacing()
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _buttons(self) -> list[FittedButton]:
        return [self.accept_button, self.reject_button, self.accept_all_button]

    # content -----------------------------------------------------------------------------------
    def show_state(self, state: ParagraphState | None) -> None:
        """Render the paragraph's state; what was typed for another paragraph is recorded first."""
        new_paragraph = (state.paragraph_id if state else -1) != self.paragraph_id
        if self.typing and new_paragraph:
            self.commit_typing()
            self._leave_typing()
        was_open = [c.id for c in self.open_changes()]
        self.state = state
        self.paragraph_id = state.paragraph_id if state else -1
        self.compromise = state.compromise if state else ""
        self.changes = list(state.changes) if state else []
        now_open = [c.id for c in self.open_changes()]
        if new_paragraph or self.current_id not in {c.id for c in self.changes}:
            self.current_id = self._first_open()
        elif self.current_id in was_open and self.current_id not in now_open:
            # The current change was just decided: on to the next open one, in text order.
            following = was_open[was_open.index(self.current_id) + 1 :]
            self.current_id = next((i for i in following if i in now_open), self._first_open())
        self._update_title()
        self._render()
        self._show_placeholder()
        if new_paragraph and state is not None:
            # A switch: the text is what the eye goes to; the list follows right after the
            # paint (a compilation lists a hundred changes and more).
            self.change_list.show_changes([], "", self.palette(), paragraph=False)
            self._list_timer.start()
        else:
            self.fill_list()
        self._show_current(scroll=not new_paragraph)

    def fill_list(self) -> None:
        """List the paragraph's changes now (a switch does it right after the paint)."""
        self._list_timer.stop()
        self.change_list.show_changes(
            self.changes, self.current_id, self.palette(), paragraph=self.state is not None
        )

    def _first_open(self) -> str:
        opened = [c.id for c in self.changes if c.is_open]
        return opened[0] if opened else (self.changes[0].id if self.changes else "")

    def _update_title(self) -> None:
        state = self.state
        if state is None:
            self.title.set_texts("Compromise")
            self.title.set_hint("")
            return
        # The status set by hand and the brackets left: side by side, never one for the other.
        # Shorter wordings drop words, never the paragraph's label or its status.
        label, status = state.label, str(state.hand_status)
        brackets = f" · [{state.brackets}]" if state.brackets else ""
        flag = f" · ⚠ {state.open_count} still open" if state.flagged else ""
        short_flag = f" · ⚠ {state.open_count}" if state.flagged else ""
        self.title.set_texts(
            f"Compromise · {label} · {status}{brackets}{flag}",
            f"{label} · {status}{brackets}{flag}",
            f"{label} · {status}{brackets}{short_flag}",
            f"{label} · {status}",
            label,
        )
        self.title.set_hint(
            f"Paragraph {state.label}: status {state.hand_status} (set by hand); "
            f"{state.brackets} bracketed passages left"
            + (
                f"; {state.open_count} changes still open on an agreed paragraph"
                if state.flagged
                else ""
            )
        )

    def set_empty_text(self, text: str) -> None:
        """What the compromise says with no paragraph shown (how to open a file, with none)."""
        self._empty_text = text
        self._show_placeholder()

    def _show_placeholder(self) -> None:
        if self.state is None:
            text = self._empty_text
        else:
            text = "" if self.compromise else "The compromise is empty: type to write it."
        self.empty_note.show_text(text)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.change_list.read_only = read_only
        self._update_buttons()

    def set_overlay(self, spans: list[tuple[str, QColor, QColor | None]] | None) -> None:
        """Colour the compromise by who wrote it (None: back to the open changes)."""
        if self.typing:
            self.commit_typing()
            self._leave_typing()
        self._overlay = spans
        self._render()
        self._show_current(scroll=False)

    def open_changes(self) -> list[Change]:
        return [c for c in self.changes if c.is_open]

    def set_compared(self, variant_ids: set[int]) -> None:
        """The proposals the panes show: their open changes are the ones laid into the text
        (all of them when none is shown). Takes effect at the next `show_state`."""
        self.compared = set(variant_ids)

    def laid_changes(self) -> list[Change]:
        """The open changes laid into the text: the compared proposals' and the current one."""
        return [
            c
            for c in self.open_changes()
            if not self.compared
            or c.id == self.current_id
            or any(p.variant_id in self.compared for p in c.proposers)
        ]

    def shown_changes(self) -> list[tuple[str, str]]:
        """What is laid in the review text: (change id, the text shown for it)."""
        text = self.text_edit.toPlainText()
        return [(s.key, text[s.display_start : s.display_end]) for s in self.shown]

    def current_change(self) -> Change | None:
        return next((c for c in self.changes if c.id == self.current_id), None)

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
            elif self.state is None:
                self.text_edit.clear()
                self._display = DisplayMap([])
                self.shown = []
            else:
                laid = [in_compromise(c) for c in self.laid_changes()]
                self._display, self.shown = write_laid(
                    self.text_edit, self.compromise, laid, self.palette()
                )
        finally:
            self.text_edit.blockSignals(False)
        self.text_edit.setReadOnly(not self.typing)
        self._update_mode_label()
        # The compromise's own words: kept and struck, not the proposals' laid in.
        self.search_marks.find(self.text_edit, self._display, "old")

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

    # the current change ------------------------------------------------------------------------
    def _show_current(self, *, scroll: bool = True) -> None:
        change = self.current_change()
        opened = len(self.open_changes())
        if change is None:
            # The list says there is none; this line says what can be done instead.
            if self.state is None:
                self.change_label.set_texts("")
            elif self.read_only:
                self.change_label.set_texts("Nothing to accept or reject here")
            else:
                self.change_label.set_texts(
                    "Nothing to accept or reject: type, or F2, to edit the compromise by hand",
                    "Nothing to accept or reject here",
                )
            self.change_focused.emit("")
        else:
            decided = len(self.changes) - opened
            hidden = opened - len(self.laid_changes())
            elsewhere = f" ({hidden} in the list only)" if hidden > 0 else ""
            current = f"Current: {change.id} ({change.state})"
            self.change_label.set_texts(
                f"{current} · {opened} open{elsewhere}, {decided} decided · Alt+↓/↑ next/previous",
                f"{current} · {opened} open{elsewhere}, {decided} decided",
                f"{current} · {opened} open",
                current,
            )
            self.change_focused.emit(change.id)
        self.change_list.select(self.current_id)
        self._paint_marks(scroll=scroll)
        self._update_buttons()

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

    def set_current(self, change_id: str) -> None:
        if any(c.id == change_id for c in self.changes):
            self.current_id = change_id
            if not self.typing and not any(s.key == change_id for s in self.shown):
                self._render()  # a change of a proposal the panes do not show: lay it in
            self._show_current()

    def next_change(self) -> bool:
        return self._step(+1)

    def previous_change(self) -> bool:
        return self._step(-1)

    def _step(self, direction: int) -> bool:
        """Move among the open changes, in text order."""
        opened = [c.id for c in self.open_changes()]
        if self.current_id in opened:
            index = opened.index(self.current_id) + direction
        else:
            index = 0 if direction > 0 else len(opened) - 1
        if 0 <= index < len(opened):
            self.set_current(opened[index])
            return True
        self.message.emit(
            "No further open change in this paragraph (Ctrl+PgDown: next paragraph)"
            if direction > 0
            else "This is the first open change of the paragraph"
        )
        return False

    # actions -------------------------------------------------------------------------------
    def accept_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        if change.is_open:
            self.controller.accept(change.id)
        elif change.state is ChangeState.ACCEPTED:
            self.message.emit(f"{change.id} is already in the compromise")
        else:
            self.message.emit(f"{change.id} was rejected: restore it first")

    def reject_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        if change.is_open:
            self.controller.reject(change.id)
        elif change.state is ChangeState.REJECTED:
            self.controller.restore(change.id)
        else:
            self.message.emit(f"{change.id} is in the compromise: undo it (Ctrl+Z) or edit")

    def accept_all_current(self) -> None:
        change = self.current_change()
        if change is None or not self._ready_to_write():
            return
        variant_id = change.variant_id
        if not any(
            c.state is ChangeState.PENDING and c.proposed_by(variant_id) for c in self.changes
        ):
            self.message.emit(f"Nothing pending from {change.first.tag}")
            return
        self.controller.accept_all(variant_id)

    def accept_from_variant(self, variant_id: int) -> bool:
        """Ctrl+N: the current change if this proposal makes it, else its rival from this
        proposal (a conflict settled in its favour), else this proposal's first open change."""
        current = self.current_change()
        opened = [c for c in self.open_changes() if c.proposed_by(variant_id) is not None]
        choice: Change | None = None
        if current is not None and current.is_open and current.proposed_by(variant_id):
            choice = current
        elif current is not None:
            choice = next(
                (
                    c
                    for c in opened
                    if c.id in current.rivals or touches(c.start, c.end, current.start, current.end)
                ),
                None,
            )
        if choice is None:
            choice = opened[0] if opened else None
        if choice is None:
            self.message.emit("That pane's text proposes no open change here")
            return False
        if not self._ready_to_write():
            return False
        self.current_id = choice.id
        return self.controller.accept(choice.id) is not None

    def _on_list_action(self, what: str, change_id: str) -> None:
        self.set_current(change_id)
        if what == "edit":
            change = self.current_change()
            self.start_typing_at(change.start if change else 0)
        elif what == "accept":
            self.accept_current()
        elif what in ("reject", "restore"):
            self.reject_current()

    def _ready_to_write(self) -> bool:
        if self.read_only:
            self.message.emit("This file is open read-only: nothing can be changed")
            return False
        if self.typing:
            self.commit_typing()
        return True

    # typing --------------------------------------------------------------------------------
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

    def _update_buttons(self) -> None:
        change = self.current_change()
        writable = not self.read_only and change is not None
        self.accept_button.setEnabled(writable and change is not None and change.is_open)
        self.reject_button.setEnabled(
            writable and change is not None and change.state is not ChangeState.ACCEPTED
        )
        self.accept_all_button.setEnabled(writable)
        if change is None:
            self.accept_all_button.set_texts("Accept all")
            self.accept_button.set_texts("Accept")
            self.reject_button.set_texts("Reject")
            self._update_mode_label()
            return
        tag = change.first.tag
        self.accept_all_button.set_texts(f"Accept all from {tag}", "Accept all")
        verb = "Take" if change.state is ChangeState.CONFLICT else "Accept"
        self.accept_button.set_texts(f"{verb} {change.id}", verb)
        self.reject_button.set_texts(
            {
                ChangeState.CONFLICT: "Keep as is",
                ChangeState.REJECTED: "Restore",
            }.get(change.state, "Reject")
        )
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
