"""The paragraph tree: sections and paragraphs in document order, with status and pending marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from workbench import editing
from workbench.brackets import effective_status, open_brackets
from workbench.model import Status
from workbench.storage import WorkbenchFile

PARAGRAPH_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
PENDING_ROLE = Qt.ItemDataRole.UserRole + 3

COLUMNS = ("Paragraph", "Status", "Pending")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    """A row of the tree; sections hold children, paragraphs hold their marks."""

    kind: str  # "root", "section" or "paragraph"
    item_id: int
    title: str
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    status: Status = Status.OPEN
    brackets: int = 0
    pending: int = 0

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


def status_mark(status: Status, brackets: int) -> str:
    if status is Status.BRACKETED:
        return f"[{brackets}] bracketed"
    if status is Status.AGREED_AD_REF:
        return "✓ ad ref"
    if status is Status.AGREED:
        return "✔ agreed"
    return "○ open"


class ParagraphTreeModel(QAbstractItemModel):
    """Read-only tree over a workbench file; `refresh_paragraph` updates one row's marks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", -1, "")
        self._paragraphs: dict[int, _Node] = {}
        self._wb: WorkbenchFile | None = None

    def set_workbench(self, wb: WorkbenchFile | None) -> None:
        self.beginResetModel()
        self._wb = wb
        self._root = _Node("root", -1, "")
        self._paragraphs = {}
        if wb is not None:
            self._build(wb)
        self.endResetModel()

    def _build(self, wb: WorkbenchFile) -> None:
        sections: dict[int, _Node] = {}
        for section in wb.sections():
            title = f"{section.number} {section.title}".strip()
            sections[section.id] = _Node("section", section.id, title)
        for section in wb.sections():
            node = sections[section.id]
            parent = sections.get(section.parent_id or -1, self._root)
            node.parent = parent
            parent.children.append(node)
        compromises = wb.compromises()
        for paragraph in wb.paragraphs():
            parent = sections.get(paragraph.section_id or -1, self._root)
            node = _Node("paragraph", paragraph.id, paragraph.label, parent)
            parent.children.append(node)
            self._paragraphs[paragraph.id] = node
            self._fill_marks(wb, node, paragraph.status, compromises.get(paragraph.id, ""))

    @staticmethod
    def _fill_marks(wb: WorkbenchFile, node: _Node, hand_set: Status, compromise: str) -> None:
        node.status = effective_status(hand_set, compromise)
        node.brackets = open_brackets(compromise)
        node.pending = len(editing.pending(wb, node.item_id))

    def refresh_paragraph(self, paragraph_id: int) -> None:
        node = self._paragraphs.get(paragraph_id)
        if node is None or self._wb is None:
            return
        paragraph = self._wb.paragraph(paragraph_id)
        self._fill_marks(self._wb, node, paragraph.status, self._wb.compromise(paragraph_id))
        row = node.row()
        parent = self._index_of(node.parent)
        self.dataChanged.emit(self.index(row, 0, parent), self.index(row, len(COLUMNS) - 1, parent))

    def index_of_paragraph(self, paragraph_id: int) -> QModelIndex:
        node = self._paragraphs.get(paragraph_id)
        return self._index_of(node) if node is not None else QModelIndex()

    def paragraph_ids(self) -> list[int]:
        return list(self._paragraphs)

    def _index_of(self, node: _Node | None) -> QModelIndex:
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node: _Node = index.internalPointer()
            return node
        return self._root

    # Qt overrides ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        return self._index_of(self._node(index).parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return node.title
            if node.kind != "paragraph":
                return None
            if column == 1:
                return status_mark(node.status, node.brackets)
            return f"● {node.pending}" if node.pending else ""
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "paragraph" and column == 2:
            return f"{node.pending} changes still pending" if node.pending else "nothing pending"
        if node.kind != "paragraph":
            return None
        if role == PARAGRAPH_ID_ROLE:
            return node.item_id
        if role == STATUS_ROLE:
            return str(node.status)
        if role == PENDING_ROLE:
            return node.pending
        return None


class ParagraphFilterModel(QSortFilterProxyModel):
    """Filters paragraphs by full-text search hits and by status; sections follow their rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._hits: set[int] | None = None
        self._status: str | None = None

    def set_filter(self, hits: set[int] | None, status: str | None) -> None:
        self._hits = hits
        self._status = status
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._hits is None and self._status is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        paragraph_id = index.data(PARAGRAPH_ID_ROLE)
        if paragraph_id is None:
            return False  # a section shows when one of its paragraphs does (recursive filter)
        if self._hits is not None and paragraph_id not in self._hits:
            return False
        if self._status == "pending":
            return bool(index.data(PENDING_ROLE))
        return self._status is None or index.data(STATUS_ROLE) == self._status
