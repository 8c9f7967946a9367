"""The one QObject that owns the open workbench file and turns domain results into signals.

It computes the current paragraph's `ParagraphState` (in the domain, `paragraph_state`) after
every switch and every edit and emits it: widgets render that state and never read the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from workbench import comments, editing, paragraph_state
from workbench.changes import ChangeCache
from workbench.comments import Thread
from workbench.errors import FileMovedError, WorkbenchError
from workbench.model import Comment, Edit, Stakeholder, Status
from workbench.paragraph_state import ParagraphState
from workbench.storage import WorkbenchFile

T = TypeVar("T")


def _never(_question: str) -> bool:
    return False


class WorkbenchController(QObject):
    """Widgets ask it to act and listen to its signals; only it calls the editing engine.

    Every write is one `editing.*` call, which is one transaction: when the call returns the
    edit is on disk, so there is no Save. Domain errors become the `error` signal (one line
    naming the file) instead of escaping into Qt's event loop. Changing the text of an agreed
    paragraph asks first, through `confirm` (the window sets it; without one, it is refused).
    """

    closing = Signal()  # the open file is about to close: record what is being typed in it
    file_opened = Signal()  # a different file (or none) is now open
    file_lost = Signal(str)  # the open file was renamed, replaced or deleted: read-only now
    document_changed = Signal()  # structure changed (import): rebuild everything
    # One paragraph's compromise, status or log changed: its id (ids are 64-bit, more than a
    # Signal(int) carries).
    paragraph_changed = Signal(object)
    current_paragraph_changed = Signal(object)  # the paragraph id shown (-1: none)
    state_changed = Signal(object)  # the current paragraph's ParagraphState, or None
    error = Signal(str)

    def __init__(self, author: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wb: WorkbenchFile | None = None
        self.author = author
        self.current_paragraph: int = -1
        self.state: ParagraphState | None = None
        self.confirm: Callable[[str], bool] = _never
        self._stakeholders: list[Stakeholder] | None = None
        # The open file's proposals' changes, kept: counting in idle time fills it, so a
        # paragraph switch diffs nothing (variants never change; a new file starts it anew).
        self._changes = ChangeCache()
        # States of the paragraphs next to the current one, made in idle time, so stepping to
        # them (Ctrl+PgDown) only paints. Any write to a paragraph drops its state here.
        self._prepared: dict[int, ParagraphState] = {}

    # files -----------------------------------------------------------------------------------
    def open(self, path: str | Path, *, read_only: bool = False) -> WorkbenchFile:
        new_wb = WorkbenchFile.open(path, read_only=read_only)
        self._replace(new_wb)
        return new_wb

    def create(self, path: str | Path) -> WorkbenchFile:
        new_wb = WorkbenchFile.create(path)
        self._replace(new_wb)
        return new_wb

    def save_as(self, path: str | Path) -> WorkbenchFile:
        """A copy of the open file at `path` (never overwriting), which is then the open one."""
        if self.wb is None:
            raise WorkbenchError(path, "nothing is open to save")
        self.closing.emit()  # what is being typed goes into the copy too
        self.wb.save_as(path)
        return self.open(path)

    def _replace(self, new_wb: WorkbenchFile | None) -> None:
        if self.wb is not None:
            self.closing.emit()  # still this file's: a typed edit lands here, not in the next
            self.wb.close()
        self.wb = new_wb
        self._stakeholders = None
        self._changes.clear()
        self._prepared.clear()
        self.current_paragraph = -1
        self.state = None
        # A new or closed file shows nothing of the old one; then the window shows the new one.
        self.current_paragraph_changed.emit(-1)
        self.state_changed.emit(None)
        self.file_opened.emit()

    def close(self) -> None:
        self._replace(None)

    @property
    def read_only(self) -> bool:
        return self.wb is None or self.wb.read_only

    def select_paragraph(self, paragraph_id: int) -> None:
        if paragraph_id != self.current_paragraph:
            if self.state is not None and not self.read_only:
                self._prepared[self.state.paragraph_id] = self.state  # still fresh: a step back
            self.current_paragraph = paragraph_id
            prepared = self._prepared.pop(paragraph_id, None)
            self.state = prepared or self.paragraph_state(paragraph_id)
            self.current_paragraph_changed.emit(paragraph_id)
            self.state_changed.emit(self.state)

    def reload(self) -> None:
        """After an import wrote through another connection: everything may have changed."""
        self._stakeholders = None
        self._changes.clear()  # a restored snapshot may give old ids to other texts
        self._prepared.clear()
        self.document_changed.emit()
        if self.current_paragraph >= 0:
            self.state = self.paragraph_state(self.current_paragraph)
            self.current_paragraph_changed.emit(self.current_paragraph)
            self.state_changed.emit(self.state)

    # reads -----------------------------------------------------------------------------------
    def stakeholders(self) -> list[Stakeholder]:
        if self.wb is None:
            return []
        if self._stakeholders is None:  # a handful of rows, asked for at every switch
            self._stakeholders = self.wb.stakeholders()
        return self._stakeholders

    def stakeholder_names(self) -> dict[int, str]:
        return {s.id: s.name for s in self.stakeholders()}

    def paragraph_state(self, paragraph_id: int) -> ParagraphState | None:
        """The paragraph's state (three reads); None without a file or a paragraph."""
        if self.wb is None or paragraph_id < 0:
            return None
        return paragraph_state.read(self.wb, paragraph_id, self.stakeholder_names(), self._changes)

    def prepare(self, paragraph_ids: list[int]) -> None:
        """Compute the states of these paragraphs ahead of time (the ones next to the current
        one); only while this program is the file's one writer, so nothing else changes them."""
        if self.wb is None or self.wb.read_only:
            return
        wanted = [pid for pid in paragraph_ids if pid >= 0 and pid != self.current_paragraph]
        for stale in set(self._prepared) - set(wanted):
            del self._prepared[stale]
        for pid in wanted:
            if pid not in self._prepared:
                state = self.paragraph_state(pid)
                if state is not None:
                    self._prepared[pid] = state

    # writes: each is one domain transaction, then one state ------------------------------------
    def may_change_text(self, state: ParagraphState | None = None) -> bool:
        """True when the paragraph's text may be changed: not agreed, or the user says so."""
        state = state or self.state
        if state is None or not state.protected:
            return True
        return self.confirm(
            f"Paragraph {state.label} is {state.hand_status}. Change its text anyway?\n\n"
            f"Its status stays {state.hand_status}; set it back with Ctrl+Alt+1 if the text "
            "is open again."
        )

    def _write(
        self,
        paragraph_id: int,
        action: Callable[[WorkbenchFile, bool], T],
        *,
        changes_text: bool = False,
        forced: bool = False,
    ) -> T | None:
        wb = self.wb
        if wb is None or wb.read_only or paragraph_id < 0:
            return None
        force = forced
        if changes_text and not forced:
            state = self.state if paragraph_id == self.current_paragraph else None
            state = state or self.paragraph_state(paragraph_id)
            if state is not None and state.protected:
                if not self.may_change_text(state):
                    return None
                force = True
        try:
            result = action(wb, force)
        except FileMovedError as error:
            self.file_lost.emit(str(error))
            return None
        except WorkbenchError as error:
            self.error.emit(str(error))
            return None
        if result:
            self._prepared.pop(paragraph_id, None)
            if paragraph_id == self.current_paragraph:
                self.state = self.paragraph_state(paragraph_id)
                self.state_changed.emit(self.state)
            self.paragraph_changed.emit(paragraph_id)
        return result

    def accept(self, change_id: str) -> Edit | None:
        pid = self.current_paragraph
        return self._write(
            pid,
            lambda wb, force: editing.accept(wb, pid, change_id, self.author, force=force),
            changes_text=True,
        )

    def reject(self, change_id: str) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb, _f: editing.reject(wb, pid, change_id, self.author))

    def restore(self, change_id: str) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb, _f: editing.restore(wb, pid, change_id, self.author))

    def accept_all(self, variant_id: int) -> Edit | None:
        pid = self.current_paragraph
        return self._write(
            pid,
            lambda wb, force: editing.accept_all(wb, pid, variant_id, self.author, force=force),
            changes_text=True,
        )

    def reject_all(self, variant_id: int) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb, _f: editing.reject_all(wb, pid, variant_id, self.author))

    def type_text(self, paragraph_id: int, text: str, *, forced: bool = False) -> Edit | None:
        return self._write(
            paragraph_id,
            lambda wb, force: editing.type_text(wb, paragraph_id, text, self.author, force=force),
            changes_text=True,
            forced=forced,
        )

    def undo(self) -> Edit | None:
        pid = self.current_paragraph
        text = self.state is not None and self.state.undo_changes_text
        return self._write(
            pid,
            lambda wb, force: editing.undo(wb, pid, self.author, force=force),
            changes_text=text,
        )

    def redo(self) -> Edit | None:
        pid = self.current_paragraph
        text = self.state is not None and self.state.redo_changes_text
        return self._write(
            pid,
            lambda wb, force: editing.redo(wb, pid, self.author, force=force),
            changes_text=text,
        )

    def take_in_version(self, head_id: int, *, take_theirs: bool = False) -> Edit | None:
        """Take a colleague's version of the current paragraph in (a MERGE edit)."""
        pid = self.current_paragraph
        return self._write(
            pid,
            lambda wb, force: editing.resolve(
                wb, pid, head_id, self.author, take_theirs=take_theirs, force=force
            ),
            changes_text=take_theirs,
        )

    # comments: each a row of the comment log, one transaction; the text is left alone --------
    def comment(self, text: str, start: int, end: int) -> Comment | None:
        pid = self.current_paragraph
        quote = self.state.compromise[start:end] if self.state is not None else ""
        return self._write(
            pid,
            lambda wb, _f: comments.add_comment(
                wb, pid, text, self.author, quote=quote or None, start=start
            ),
        )

    def reply(self, comment_id: int, text: str) -> Comment | None:
        pid = self.current_paragraph
        return self._write(
            pid, lambda wb, _f: comments.reply(wb, pid, comment_id, text, self.author)
        )

    def resolve(self, comment_id: int, reopen: bool) -> Comment | None:
        pid = self.current_paragraph
        return self._write(
            pid,
            lambda wb, _f: comments.resolve(wb, pid, comment_id, self.author, reopen=reopen),
        )

    def threads(self) -> list[Thread]:
        """The current paragraph's comment threads ([] without one)."""
        if self.wb is None or self.current_paragraph < 0:
            return []
        try:
            return comments.threads(self.wb, self.current_paragraph)
        except WorkbenchError as error:
            self.error.emit(str(error))
            return []

    def set_status(self, status: Status) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb, _f: editing.set_status(wb, pid, status, self.author))
