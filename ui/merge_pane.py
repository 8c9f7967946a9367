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

Here are the pane's parts, laid out, and the text rendered from the state. Its other faces are
mixins over this one widget: deciding the changes (`merge_decisions`), typing
(`merge_typing`), the marks on the text (`merge_marks`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from ui.change_list import ChangeList
from ui.change_marks import Shown, in_compromise, write_laid
from ui.empty_note import EmptyNote
from ui.fitting import FittedLabel, FittedPair
from ui.layout_fence import LayoutFence
from ui.merge_decisions import MergeDecisions
from ui.merge_marks import MergeMarks
from ui.merge_typing import MergeTextEdit, MergeTyping
from ui.redline import DisplayMap, set_direction, write_spans
from ui.scroll_bars import flatten
from ui.search_marks import SearchMarks
from ui.workbench_controller import WorkbenchController
from workbench.paragraph_state import Change, ParagraphState

PAUSE_MS = 1500
MIN_LIST_WIDTH = 200


class MergePane(MergeTyping, MergeDecisions, MergeMarks):
    """Builds the compromise of the current paragraph; every action goes to the controller.

    `MergeTyping`, `MergeDecisions` and `MergeMarks` are its faces (mixins) over the state
    kept here: `state`, `changes`, `current_id`, `shown`, `typing`, `read_only`.
    """

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
        self._build_buttons()

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
