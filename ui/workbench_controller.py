"""The one QObject that owns the open workbench file and turns domain results into signals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workbench import editing
from workbench.merge import PendingHunk
from workbench.model import Edit, Status
from workbench.storage import WorkbenchFile


class WorkbenchController(QObject):
    """Widgets ask it to act and listen to its signals; only it calls the editing engine."""

    file_opened = Signal()  # a different file (or none) is now open
    document_changed = Signal()  # structure changed (import): rebuild everything
    paragraph_changed = Signal(int)  # one paragraph's compromise, status or log changed
    current_paragraph_changed = Signal(int)  # the paragraph shown in panes (-1: none)
    error = Signal(str)

    def __init__(self, author: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wb: WorkbenchFile | None = None
        self.author = author
        self.current_paragraph: int = -1

    # files -----------------------------------------------------------------------------------
    def open(self, path: str | Path, *, read_only: bool = False) -> WorkbenchFile:
        new_wb = WorkbenchFile.open(path, read_only=read_only)
        self._replace(new_wb)
        return new_wb

    def create(self, path: str | Path) -> WorkbenchFile:
        new_wb = WorkbenchFile.create(path)
        self._replace(new_wb)
        return new_wb

    def _replace(self, new_wb: WorkbenchFile | None) -> None:
        if self.wb is not None:
            self.wb.close()
        self.wb = new_wb
        self.current_paragraph = -1
        self.file_opened.emit()
        self.current_paragraph_changed.emit(-1)

    def close(self) -> None:
        self._replace(None)

    @property
    def read_only(self) -> bool:
        return self.wb is None or self.wb.read_only

    def select_paragraph(self, paragraph_id: int) -> None:
        if paragraph_id != self.current_paragraph:
            self.current_paragraph = paragraph_id
            self.current_paragraph_changed.emit(paragraph_id)

    # reads -----------------------------------------------------------------------------------
    def pending(self, paragraph_id: int | None = None) -> list[PendingHunk]:
        pid = self.current_paragraph if paragraph_id is None else paragraph_id
        if self.wb is None or pid < 0:
            return []
        return editing.pending(self.wb, pid)

    def stakeholder_names(self) -> dict[int, str]:
        return {s.id: s.name for s in self.wb.stakeholders()} if self.wb else {}

    # writes: each is one domain transaction, then one signal --------------------------------
    def _writable(self) -> WorkbenchFile | None:
        if self.wb is None or self.wb.read_only or self.current_paragraph < 0:
            return None
        return self.wb

    def accept(self, hunk: PendingHunk) -> Edit | None:
        wb = self._writable()
        if wb is None:
            return None
        edit = editing.accept(wb, self.current_paragraph, hunk, self.author)
        self.paragraph_changed.emit(self.current_paragraph)
        return edit

    def reject(self, hunk: PendingHunk) -> Edit | None:
        wb = self._writable()
        if wb is None:
            return None
        edit = editing.reject(wb, self.current_paragraph, hunk, self.author)
        self.paragraph_changed.emit(self.current_paragraph)
        return edit

    def type_text(self, paragraph_id: int, text: str) -> Edit | None:
        if self.wb is None or self.wb.read_only or paragraph_id < 0:
            return None
        edit = editing.type_text(self.wb, paragraph_id, text, self.author)
        if edit is not None:
            self.paragraph_changed.emit(paragraph_id)
        return edit

    def undo(self) -> Edit | None:
        wb = self._writable()
        if wb is None:
            return None
        edit = editing.undo(wb, self.current_paragraph, self.author)
        if edit is not None:
            self.paragraph_changed.emit(self.current_paragraph)
        return edit

    def redo(self) -> Edit | None:
        wb = self._writable()
        if wb is None:
            return None
        edit = editing.redo(wb, self.current_paragraph, self.author)
        if edit is not None:
            self.paragraph_changed.emit(self.current_paragraph)
        return edit

    def set_status(self, status: Status) -> None:
        wb = self._writable()
        if wb is None:
            return
        editing.set_status(wb, self.current_paragraph, status, self.author)
        self.paragraph_changed.emit(self.current_paragraph)

    def reload(self) -> None:
        """After an import wrote through another connection: everything may have changed."""
        self.document_changed.emit()
        if self.current_paragraph >= 0:
            self.current_paragraph_changed.emit(self.current_paragraph)
