"""The comments panel: a paragraph's comment threads, and writing, answering and resolving them.

`CommentsDock` puts it in the window, bound to the controller and the merge pane.

It renders `workbench.comments.Thread` values and nothing else: who wrote each comment and
when, the words it is on (or that they are gone from the compromise: detached), its replies,
whether it is resolved (greyed). Clicking a thread picks it and asks for its words to be
highlighted in the compromise (`thread_selected`). Writing goes out as requests the window
carries out, each one row of the comment log: a comment on the words selected in the
compromise (the whole paragraph without a selection), a reply, a resolution or a reopening.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.history_panel import local_time
from ui.merge_pane import MergePane
from ui.workbench_controller import WorkbenchController
from workbench.comments import Thread
from workbench.model import Comment
from workbench.wording import quoted

_QUOTE_LIMIT = 60
Selection = Callable[[], tuple[int, int]]  # the compromise editor's selected (start, end)


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return quoted(flat if len(flat) <= _QUOTE_LIMIT else flat[: _QUOTE_LIMIT - 1] + "…")


class CommentsPanel(QWidget):
    """Threads of the shown paragraph (click one to pick it); a box to write a comment or a
    reply, and the buttons that send it."""

    comment_requested = Signal(str, int, int)  # text, start, end in the compromise
    reply_requested = Signal(object, str)  # comment id (64-bit: not an int signal), text
    resolve_requested = Signal(object, bool)  # thread's comment id (64-bit), reopen
    thread_selected = Signal(int, int)  # its words in the compromise (-1, -1: detached/none)

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selection = selection
        self._threads: list[Thread] = []
        self.selected: int | None = None  # the picked thread's comment id
        # Rich text wraps a comment whole at any width; each thread is a link to pick it.
        self.view = QTextBrowser()
        self.view.setAccessibleName("Comments on the paragraph")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._clicked)
        self.empty = QLabel("No comments on this paragraph.")
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Comment or reply")
        self.editor.setPlaceholderText(
            "Select words of the compromise, write here, then Comment; or pick a comment and Reply"
        )
        self.editor.setMaximumHeight(70)
        self.editor.textChanged.connect(self._update_buttons)
        self.comment_button = QPushButton("Comment")
        self.comment_button.setToolTip(
            "Comment on the words selected in the compromise (Ctrl+Alt+M to start)"
        )
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
        if not threads and not self._threads and self.isEnabled() == enabled:
            return  # still none: nothing to lay out again (most paragraphs have none)
        self._threads = list(threads)
        if self.selected not in {t.comment.id for t in threads}:
            self.selected = None
        self._render()
        self.view.setVisible(bool(threads))
        self.empty.setVisible(not threads)
        self.setEnabled(enabled)
        self._update_buttons()

    def thread_lines(self) -> list[str]:
        """Each thread as one line of plain text, its replies after it (what is shown)."""
        lines = []
        for thread in self._threads:
            lines.append(self._thread_text(thread))
            lines.extend(f"  reply: {self._reply_text(reply)}" for reply in thread.replies)
        return lines

    def _render(self) -> None:
        pieces = []
        for thread in self._threads:
            picked = thread.comment.id == self.selected
            colour = "#7a7a7a" if thread.resolved else "palette(text)"
            background = "background-color: #fff0b3;" if picked else ""
            replies = "".join(
                f'<p style="margin: 2px 0 0 14px;">↳ {html.escape(self._reply_text(r))}</p>'
                for r in thread.replies
            )
            pieces.append(
                f'<div style="margin-bottom: 8px; color: {colour}; {background}">'
                f'<a href="thread:{thread.comment.id}" style="text-decoration: none; '
                f'color: {colour};">{html.escape(self._thread_text(thread))}</a>{replies}</div>'
            )
        self.view.setHtml("".join(pieces))

    def _thread_text(self, thread: Thread) -> str:
        comment = thread.comment
        if thread.detached and thread.anchor == "proposal":
            on = f"on {_quoted(comment.quote)} of a proposal, not in the compromise"
        elif thread.detached:
            on = f"was on {_quoted(comment.quote)}, no longer in the compromise"
        elif comment.quote:
            on = f"on {_quoted(comment.quote)}"
        else:
            on = "on the paragraph"
        state = " (resolved)" if thread.resolved else ""
        return f"{comment.author}, {local_time(comment.at)}, {on}{state}: {comment.text}"

    @staticmethod
    def _reply_text(reply: Comment) -> str:
        return f"{reply.author}, {local_time(reply.at)}: {reply.text}"

    # -- acting --------------------------------------------------------------------------

    def select_thread(self, comment_id: int | None) -> None:
        """Pick a thread (None: none): its words are highlighted, Reply and Resolve act on it."""
        self.selected = comment_id
        self._render()
        thread = self.selected_thread()
        if thread is not None and thread.placed is not None:
            self.thread_selected.emit(*thread.placed)
        else:
            self.thread_selected.emit(-1, -1)
        self._update_buttons()

    def selected_thread(self) -> Thread | None:
        return next((t for t in self._threads if t.comment.id == self.selected), None)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("thread:"):
            self.select_thread(int(text.removeprefix("thread:")))

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
        thread = self.selected_thread()
        if thread is not None:
            self.reply_requested.emit(thread.comment.id, self.editor.toPlainText().strip())
            self.editor.clear()

    def _resolve(self) -> None:
        thread = self.selected_thread()
        if thread is not None:
            self.resolve_requested.emit(thread.comment.id, thread.resolved)


class CommentsDock(QDockWidget):
    """The panel in a dock, bound to the window's controller and compromise: it shows the
    current paragraph's threads after each paint, carries out what the panel asks through the
    controller (one row each), and highlights a thread's words in the compromise."""

    counted = Signal(int)  # how many threads the shown paragraph has, when that changes

    def __init__(
        self, controller: WorkbenchController, merge_pane: MergePane, parent: QWidget | None = None
    ) -> None:
        super().__init__("Comments", parent)
        self.setObjectName("comments_dock")
        self.count = 0  # the shown paragraph's threads
        self.controller = controller
        self.merge_pane = merge_pane
        self.panel = CommentsPanel(merge_pane.selected_range)
        self.setWidget(self.panel)
        # After the paint, like the history: a switch shows the text first.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        controller.state_changed.connect(lambda _state: self._refresh_timer.start())
        self.panel.comment_requested.connect(controller.comment)
        self.panel.reply_requested.connect(controller.reply)
        self.panel.resolve_requested.connect(controller.resolve)
        self.panel.thread_selected.connect(merge_pane.show_comment_span)

    def start_comment(self) -> None:
        """Show the panel and put the cursor where the comment is written."""
        self.show()
        self.raise_()
        self.panel.editor.setFocus()

    def refresh(self) -> None:
        threads = self.controller.threads()
        writable = not self.controller.read_only and self.controller.current_paragraph >= 0
        self.panel.show_threads(threads, enabled=writable)
        self.merge_pane.show_comment_span(-1, -1)
        title = f"Comments ({len(threads)})" if threads else "Comments"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        if len(threads) != self.count:
            self.count = len(threads)
            self.counted.emit(self.count)
