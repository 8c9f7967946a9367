"""The comments panel: a paragraph's comment threads, and writing, answering and resolving them.

It renders `workbench.comments.Thread` values and nothing else: who wrote each comment and
when, the words it is on (or that they are gone from the compromise: detached), its replies,
whether it is resolved. Selecting a thread asks for its words to be highlighted in the
compromise (`thread_selected`). Writing goes out as requests the window carries out, each one
row of the comment log: a comment on the words selected in the compromise (the whole paragraph
without a selection), a reply, a resolution or a reopening.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.history_panel import local_time
from workbench.comments import Thread

_ID_ROLE = Qt.ItemDataRole.UserRole
_QUOTE_LIMIT = 60
Selection = Callable[[], tuple[int, int]]  # the compromise editor's selected (start, end)


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1] + '…'}”"


class CommentsPanel(QWidget):
    """Threads of the shown paragraph; a box to write a comment or a reply."""

    comment_requested = Signal(str, int, int)  # text, start, end in the compromise
    reply_requested = Signal(int, str)  # comment id, text
    resolve_requested = Signal(int, bool)  # thread's comment id, reopen
    thread_selected = Signal(int, int)  # its words in the compromise (-1, -1: detached/none)

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selection = selection
        self._threads: dict[int, Thread] = {}
        self.view = QTreeWidget()
        self.view.setAccessibleName("Comments on the paragraph")
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.itemSelectionChanged.connect(self._selected)
        self.empty = QLabel("No comments on this paragraph.")
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Comment or reply")
        self.editor.setPlaceholderText(
            "Select words of the compromise, write here, then Comment; or select a comment "
            "and Reply"
        )
        self.editor.setMaximumHeight(70)
        self.editor.textChanged.connect(self._update_buttons)
        self.comment_button = QPushButton("Comment")
        self.comment_button.setToolTip("Comment on the words selected in the compromise")
        self.comment_button.clicked.connect(self._comment)
        self.reply_button = QPushButton("Reply")
        self.reply_button.clicked.connect(self._reply)
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.clicked.connect(self._resolve)
        buttons = QHBoxLayout()
        for button in (self.comment_button, self.reply_button, self.resolve_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self.show_threads([], enabled=False)

    # -- rendering -----------------------------------------------------------------------

    def show_threads(self, threads: Sequence[Thread], *, enabled: bool = True) -> None:
        """Shows a paragraph's threads (`enabled`: a paragraph is shown and may be written)."""
        self._threads = {thread.comment.id: thread for thread in threads}
        self.view.clear()
        for thread in threads:
            item = QTreeWidgetItem([self._thread_text(thread)])
            item.setData(0, _ID_ROLE, thread.comment.id)
            item.setToolTip(0, thread.comment.text)
            if thread.resolved:
                item.setForeground(0, QColor("#7a7a7a"))
            for reply in thread.replies:
                child = QTreeWidgetItem([f"{reply.author}, {local_time(reply.at)}: {reply.text}"])
                child.setData(0, _ID_ROLE, reply.id)
                item.addChild(child)
            self.view.addTopLevelItem(item)
            item.setExpanded(True)
        self.view.setVisible(bool(threads))
        self.empty.setVisible(not threads)
        self.setEnabled(enabled)
        self._update_buttons()

    def _thread_text(self, thread: Thread) -> str:
        comment = thread.comment
        if thread.detached:
            on = f"was on {_quoted(comment.quote)}, no longer in the compromise"
        elif comment.quote:
            on = f"on {_quoted(comment.quote)}"
        else:
            on = "on the paragraph"
        state = " (resolved)" if thread.resolved else ""
        return f"{comment.author}, {local_time(comment.at)}, {on}{state}:\n{comment.text}"

    # -- acting --------------------------------------------------------------------------

    def selected_thread(self) -> Thread | None:
        items = self.view.selectedItems()
        if not items:
            return None
        item = items[0]
        while item.parent() is not None:
            item = item.parent()
        return self._threads.get(int(item.data(0, _ID_ROLE)))

    def _selected_id(self) -> int | None:
        items = self.view.selectedItems()
        return int(items[0].data(0, _ID_ROLE)) if items else None

    def _selected(self) -> None:
        thread = self.selected_thread()
        if thread is not None and thread.placed is not None:
            self.thread_selected.emit(*thread.placed)
        else:
            self.thread_selected.emit(-1, -1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        written = bool(self.editor.toPlainText().strip())
        thread = self.selected_thread()
        self.comment_button.setEnabled(written)
        self.reply_button.setEnabled(written and thread is not None)
        self.resolve_button.setEnabled(thread is not None)
        reopen = thread is not None and thread.resolved
        self.resolve_button.setText("Reopen" if reopen else "Resolve")

    def _comment(self) -> None:
        start, end = self._selection()
        self.comment_requested.emit(self.editor.toPlainText().strip(), start, end)
        self.editor.clear()

    def _reply(self) -> None:
        target = self._selected_id()
        if target is not None:
            self.reply_requested.emit(target, self.editor.toPlainText().strip())
            self.editor.clear()

    def _resolve(self) -> None:
        thread = self.selected_thread()
        if thread is not None:
            self.resolve_requested.emit(thread.comment.id, thread.resolved)
