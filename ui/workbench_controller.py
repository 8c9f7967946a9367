"""The one QObject that owns the open workbench file and turns domain results into signals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QObject, Signal

from workbench import editing
from workbench.errors import FileMovedError, WorkbenchError
from workbench.history import current_text
from workbench.merge import PendingHunk, ProposalText, pending_hunks
from workbench.model import TEXT_CHANGING_KINDS, Edit, Role, Stakeholder, Status, Variant
from workbench.storage import WorkbenchFile

T = TypeVar("T")


def compromise_text(
    wb: WorkbenchFile, paragraph_id: int, variants: list[Variant] | None = None
) -> str:
    """The compromise as the engine sees it: the log's text, else the imported one or draft."""
    edits = wb.edits(paragraph_id)
    if any(edit.kind in TEXT_CHANGING_KINDS for edit in edits):
        return current_text(edits)
    return compromise_from(edits, wb.variants(paragraph_id) if variants is None else variants)


def compromise_from(edits: list[Edit], variants: list[Variant]) -> str:
    """`compromise_text` over a log and variants already read."""
    if any(edit.kind in TEXT_CHANGING_KINDS for edit in edits):
        return current_text(edits)
    for role in (Role.COMPROMISE, Role.DRAFT):
        for variant in variants:
            if variant.role is role:
                return variant.text
    return ""


class ParagraphView(NamedTuple):
    """Everything a paragraph switch shows, read in one go (three small queries)."""

    paragraph_id: int
    label: str
    variants: list[Variant]  # file order
    edits: list[Edit]
    compromise: str
    pending: list[PendingHunk]  # what `editing.pending` returns, computed once for all panes


class WorkbenchController(QObject):
    """Widgets ask it to act and listen to its signals; only it calls the editing engine.

    Every write is one `editing.*` call, which is one transaction: when the call returns the
    edit is on disk, so there is no Save. Domain errors become the `error` signal (one line
    naming the file) instead of escaping into Qt's event loop.
    """

    closing = Signal()  # the open file is about to close: record what is being typed in it
    file_opened = Signal()  # a different file (or none) is now open
    file_lost = Signal(str)  # the open file was renamed, replaced or deleted: read-only now
    document_changed = Signal()  # structure changed (import): rebuild everything
    paragraph_changed = Signal(int)  # one paragraph's compromise, status or log changed
    current_paragraph_changed = Signal(int)  # the paragraph shown in panes (-1: none)
    error = Signal(str)

    def __init__(self, author: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wb: WorkbenchFile | None = None
        self.author = author
        self.current_paragraph: int = -1
        self._stakeholders: list[Stakeholder] | None = None

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

    def reload(self) -> None:
        """After an import wrote through another connection: everything may have changed."""
        self._stakeholders = None
        self.document_changed.emit()
        if self.current_paragraph >= 0:
            self.current_paragraph_changed.emit(self.current_paragraph)

    # reads -----------------------------------------------------------------------------------
    def stakeholders(self) -> list[Stakeholder]:
        if self.wb is None:
            return []
        if self._stakeholders is None:  # a handful of rows, asked for at every switch
            self._stakeholders = self.wb.stakeholders()
        return self._stakeholders

    def stakeholder_names(self) -> dict[int, str]:
        return {s.id: s.name for s in self.stakeholders()}

    def variants(self, paragraph_id: int | None = None) -> list[Variant]:
        pid = self.current_paragraph if paragraph_id is None else paragraph_id
        return self.wb.variants(pid) if self.wb is not None and pid >= 0 else []

    def pending(self, paragraph_id: int | None = None) -> list[PendingHunk]:
        pid = self.current_paragraph if paragraph_id is None else paragraph_id
        if self.wb is None or pid < 0:
            return []
        return editing.pending(self.wb, pid)

    def paragraph_view(self, paragraph_id: int) -> ParagraphView | None:
        """The paragraph's variants, log, compromise and pending hunks, each read once.

        The pending hunks are `editing.pending` without its own re-reads of the log, the
        variants and the stakeholders: the same engine calls on the rows read here.
        """
        wb = self.wb
        if wb is None or paragraph_id < 0:
            return None
        label = wb.paragraph(paragraph_id).label
        variants = wb.variants(paragraph_id)
        edits = wb.edits(paragraph_id)
        compromise = compromise_from(edits, variants)
        names = self.stakeholder_names()
        sources = [
            ProposalText(
                v.id,
                v.stakeholder_id,
                names.get(v.stakeholder_id, f"stakeholder {v.stakeholder_id}"),
                v.text,
            )
            for v in variants
            if v.role is Role.PROPOSAL
        ]
        pending = pending_hunks(compromise, sources, editing.rejected_signatures(edits))
        return ParagraphView(paragraph_id, label, variants, edits, compromise, pending)

    def compromise(self, paragraph_id: int | None = None) -> str:
        pid = self.current_paragraph if paragraph_id is None else paragraph_id
        if self.wb is None or pid < 0:
            return ""
        return compromise_text(self.wb, pid)

    # writes: each is one domain transaction, then one signal --------------------------------
    def _write(self, paragraph_id: int, action: Callable[[WorkbenchFile], T]) -> T | None:
        wb = self.wb
        if wb is None or wb.read_only or paragraph_id < 0:
            return None
        try:
            result = action(wb)
        except FileMovedError as error:
            self.file_lost.emit(str(error))
            return None
        except WorkbenchError as error:
            self.error.emit(str(error))
            return None
        if result:
            self.paragraph_changed.emit(paragraph_id)
        return result

    def accept(self, hunk: PendingHunk) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.accept(wb, pid, hunk, self.author))

    def reject(self, hunk: PendingHunk) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.reject(wb, pid, hunk, self.author))

    def accept_all(self, variant_id: int) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.accept_all(wb, pid, variant_id, self.author))

    def reject_all(self, variant_id: int) -> list[Edit] | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.reject_all(wb, pid, variant_id, self.author))

    def type_text(self, paragraph_id: int, text: str) -> Edit | None:
        return self._write(
            paragraph_id, lambda wb: editing.type_text(wb, paragraph_id, text, self.author)
        )

    def undo(self) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.undo(wb, pid, self.author))

    def redo(self) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.redo(wb, pid, self.author))

    def set_status(self, status: Status) -> Edit | None:
        pid = self.current_paragraph
        return self._write(pid, lambda wb: editing.set_status(wb, pid, status, self.author))
