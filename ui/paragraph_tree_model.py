"""The paragraph tree: sections and paragraphs in document order, with status and pending marks.

Built from three bulk queries (sections, paragraphs with their status from the log,
compromises), so opening 5,000 paragraphs costs tens of milliseconds. The status set by hand
and the brackets left in the text are two columns, never one mark: a paragraph set bracketed
shows so at once, brackets or not. The count of open changes needs each proposal's changes,
about a millisecond a paragraph, so it is not computed here: `PendingMarkLoader` fills it in
idle time, visible rows first, and a paragraph's row follows its state when it changes. An
agreed paragraph with changes still open is flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from workbench.brackets import effective_status, open_brackets
from workbench.model import PROTECTED_STATUSES, Paragraph, Status
from workbench.paragraph_state import ParagraphState
from workbench.storage import WorkbenchFile
from workbench.text_search import ParagraphHits
from workbench.wording import counted

_USER = int(Qt.ItemDataRole.UserRole.value)
PARAGRAPH_ID_ROLE = _USER + 1
STATUS_ROLE = _USER + 2
PENDING_ROLE = _USER + 3  # int, or None while not yet counted
LABEL_ROLE = _USER + 4

COLUMNS = ("Paragraph", "Status", "[ ]", "Open")
_COLUMN_COUNT = len(COLUMNS)
STATUS_COLUMN = 1
BRACKETS_COLUMN = 2
PENDING_COLUMN = 3
SNIPPET_LENGTH = 70
AnyIndex = QModelIndex | QPersistentModelIndex

_STATUS_COLOURS = {
    Status.OPEN: QColor("#7a7a7a"),
    Status.BRACKETED: QColor("#c0620a"),
    Status.AGREED_AD_REF: QColor("#1f7f8c"),
    Status.AGREED: QColor("#2e8b3a"),
}
_FLAG_COLOUR = QColor("#b3261e")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ANSWERED_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _FONT,
        _FOREGROUND,
        PARAGRAPH_ID_ROLE,
        STATUS_ROLE,
        PENDING_ROLE,
        LABEL_ROLE,
    }
)


@dataclass(eq=False)
class _Node:
    """A row of the tree; sections hold children, paragraphs hold their marks."""

    kind: str  # "root", "section" or "paragraph"
    item_id: int
    title: str
    parent: _Node | None = None
    row: int = 0
    children: list[_Node] = field(default_factory=list)
    snippet: str = ""
    hand_set: Status = Status.OPEN
    status: Status = Status.OPEN
    brackets: int = 0
    pending: int | None = None
    number: str = ""  # a section's number ("III."), its title when it has none
    shown: str = ""  # a paragraph's label as its row shows it, under its section

    def adopt(self, child: _Node) -> None:
        child.parent = self
        child.row = len(self.children)  # kept, so index() and parent() never search
        self.children.append(child)


# What joins a section's name to the rest of a label: "Article 28 – paragraph 1".
_LABEL_JOINS = (" – ", " — ", " - ", ", ")


def label_under(label: str, section: _Node) -> str:
    """A label as its row shows it under `section`: without the section's name it repeats
    ("paragraph 2 – point a" under "Article 28"); whole where it does not start with it."""
    for name in {section.number, section.title} if section.kind == "section" else ():
        for join in _LABEL_JOINS:
            if name and label.startswith(name + join) and label[len(name + join) :].strip():
                return label[len(name + join) :].strip()
    return label


def status_mark(status: Status) -> str:
    """The status set by hand, as negotiators mark it (brackets have a column of their own)."""
    if status is Status.BRACKETED:
        return "[ ] bracketed"
    if status is Status.AGREED_AD_REF:
        return "✓ ad ref"
    if status is Status.AGREED:
        return "✓✓ agreed"
    return "○ open"


STATUS_MARKS = tuple(status_mark(status) for status in Status)


def pending_mark(count: int | None, status: Status) -> str:
    if count is None:
        return "…"
    if not count:
        return "–"
    return f"⚠ {count}" if status in PROTECTED_STATUSES else f"● {count}"


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_LENGTH else flat[: SNIPPET_LENGTH - 1] + "…"


class ParagraphTreeModel(QAbstractItemModel):
    """Read-only tree over a workbench file; `refresh_from_state` updates one row's marks."""

    pending_wanted = Signal(object)  # a paragraph id: a shown row's pending mark is not known yet

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("root", -1, "")
        self._paragraphs: dict[int, _Node] = {}
        self._order: list[int] = []
        self._wb: WorkbenchFile | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._hits: Mapping[int, ParagraphHits] = {}  # the search's, by paragraph
        self._query = ""

    def set_search(self, query: str, hits: Mapping[int, ParagraphHits]) -> None:
        """While searching, a paragraph's row reads "46  ×3  …the words around the first…"."""
        self._query = query
        self._hits = hits

    def set_workbench(self, wb: WorkbenchFile | None) -> None:
        self.beginResetModel()
        self._wb = wb
        self._root = _Node("root", -1, "")
        self._paragraphs = {}
        self._sections: list[_Node] = []
        self._order = []
        if wb is not None:
            self._build(wb)
        self.endResetModel()

    def _build(self, wb: WorkbenchFile) -> None:
        sections: dict[int, _Node] = {}
        all_sections = wb.sections()
        for section in all_sections:
            # One line: a title broken over two in Word reads as one in a row or a line.
            title = " ".join(f"{section.number} {section.title}".split())
            sections[section.id] = _Node(
                "section", section.id, title, number=section.number.strip() or title
            )
        self._sections = list(sections.values())
        compromises = wb.compromises()
        paragraphs = wb.paragraphs()
        # Sections and paragraphs are each in document order; a paragraph outside any section
        # (a cover's changed words) stands where it is in the text, not after every section.
        index = {section.id: i for i, section in enumerate(all_sections)}
        follows: list[int] = []  # per paragraph: the section index it comes after
        last = -1
        for paragraph in paragraphs:
            if paragraph.section_id in index:
                last = index[paragraph.section_id]
            follows.append(index.get(paragraph.section_id or -1, last))
        waiting = 0
        for i, section in enumerate([*all_sections, None]):
            while waiting < len(paragraphs) and follows[waiting] < i:
                self._adopt_paragraph(paragraphs[waiting], sections, compromises)
                waiting += 1
            if section is not None:
                parent = sections.get(section.parent_id or -1, self._root)
                parent.adopt(sections[section.id])

    def _adopt_paragraph(
        self, paragraph: Paragraph, sections: dict[int, _Node], compromises: dict[int, str]
    ) -> None:
        parent = sections.get(paragraph.section_id or -1, self._root)
        node = _Node("paragraph", paragraph.id, paragraph.label, hand_set=paragraph.status)
        node.shown = label_under(paragraph.label, parent)
        parent.adopt(node)
        self._paragraphs[paragraph.id] = node
        self._order.append(paragraph.id)
        self._fill_text_marks(node, compromises.get(paragraph.id, ""))

    @staticmethod
    def _fill_text_marks(node: _Node, compromise: str) -> None:
        node.snippet = _snippet(compromise)
        node.status = effective_status(node.hand_set, compromise)
        node.brackets = open_brackets(compromise)

    # updates -----------------------------------------------------------------------------------
    def refresh_from_state(self, state: ParagraphState) -> None:
        """One paragraph changed: its row shows its new state."""
        node = self._paragraphs.get(state.paragraph_id)
        if node is None:
            return
        node.hand_set = state.hand_status
        self._fill_text_marks(node, state.compromise)
        node.pending = state.open_count
        self._emit_row_changed(node)

    def set_pending(self, paragraph_id: int, count: int) -> None:
        node = self._paragraphs.get(paragraph_id)
        if node is not None and node.pending != count:
            node.pending = count
            self._emit_row_changed(node, PENDING_COLUMN)

    def _emit_row_changed(self, node: _Node, column: int | None = None) -> None:
        first = column if column is not None else 0
        last = column if column is not None else len(COLUMNS) - 1
        self.dataChanged.emit(
            self.createIndex(node.row, first, node), self.createIndex(node.row, last, node)
        )

    # lookups -----------------------------------------------------------------------------------
    def index_of_paragraph(self, paragraph_id: int) -> QModelIndex:
        node = self._paragraphs.get(paragraph_id)
        return self._index_of(node) if node is not None else QModelIndex()

    def section_indexes(self) -> list[QModelIndex]:
        return [self._index_of(node) for node in self._sections]

    def section_path(self, paragraph_id: int) -> list[tuple[str, str]]:
        """The sections the paragraph sits in, outermost first: (number, whole title)."""
        node = self._paragraphs.get(paragraph_id)
        path: list[tuple[str, str]] = []
        parent = node.parent if node is not None else None
        while parent is not None and parent.kind == "section":
            path.append((parent.number, parent.title))
            parent = parent.parent
        return path[::-1]

    def label_of(self, paragraph_id: int) -> str:
        node = self._paragraphs.get(paragraph_id)
        return node.title if node is not None else ""

    def paragraph_ids(self) -> list[int]:
        """Every paragraph in document order."""
        return list(self._order)

    def pending_count(self, paragraph_id: int) -> int | None:
        node = self._paragraphs.get(paragraph_id)
        return node.pending if node is not None else None

    def status_of(self, paragraph_id: int) -> Status | None:
        """What the document shows (bracketed while brackets remain); see `hand_status_of`."""
        node = self._paragraphs.get(paragraph_id)
        return node.status if node is not None else None

    def hand_status_of(self, paragraph_id: int) -> Status | None:
        node = self._paragraphs.get(paragraph_id)
        return node.hand_set if node is not None else None

    def _index_of(self, node: _Node | None) -> QModelIndex:
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node: _Node = index.internalPointer()
            return node
        return self._root

    # Qt overrides ----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # No hasIndex(): it would call rowCount and columnCount back through Python, and the
        # view asks for indexes thousands of times a paint.
        children = (parent.internalPointer() if parent.isValid() else self._root).children
        if 0 <= row < len(children) and 0 <= column < _COLUMN_COUNT:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent.parent is None:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._root.children)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    # No flags() override: the base class gives valid indexes enabled | selectable, as wanted,
    # without a call into Python for every cell of every paint.

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called a thousand times a paint: plain int roles, no enum lookups, nothing built.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        node: _Node = index.internalPointer()
        column = index.column()
        if node.kind == "section":
            if role == _FONT:
                return self._bold
            return node.title if column == 0 and role in (_DISPLAY, _TOOLTIP) else None
        if role == _DISPLAY:
            if column == 0:
                hits = self._hits.get(node.item_id) if self._hits else None
                if hits is not None:
                    return f"{node.shown}  ×{hits.matches}  {hits.context}"
                return f"{node.shown}  {node.snippet}" if node.snippet else node.shown
            if column == STATUS_COLUMN:
                return status_mark(node.hand_set)
            if column == BRACKETS_COLUMN:
                return f"[{node.brackets}]" if node.brackets else ""
            if node.pending is None:
                self.pending_wanted.emit(node.item_id)
            return pending_mark(node.pending, node.hand_set)
        if role == _FOREGROUND:
            if column == STATUS_COLUMN:
                return _STATUS_COLOURS[node.hand_set]
            if column == BRACKETS_COLUMN:
                return _STATUS_COLOURS[Status.BRACKETED]
            if column == PENDING_COLUMN and node.pending and node.hand_set in PROTECTED_STATUSES:
                return _FLAG_COLOUR
            return None
        if role == _TOOLTIP:
            hits = self._hits.get(node.item_id) if self._hits and column == 0 else None
            if hits is not None:
                return (
                    f"{counted(hits.matches, 'match', 'matches')} of “{self._query}” in paragraph "
                    f"{node.title}: {hits.in_compromise} in the compromise, "
                    f"{hits.in_variants} in its variants\n\n{hits.context}"
                )
            return self._tooltip(node, column)
        if role == PARAGRAPH_ID_ROLE:
            return node.item_id
        if role == STATUS_ROLE:
            return str(node.status)
        if role == PENDING_ROLE:
            return node.pending
        if role == LABEL_ROLE:
            return node.title
        return None

    @staticmethod
    def _tooltip(node: _Node, column: int) -> str:
        if column == PENDING_COLUMN:
            if node.pending is None:
                return "counting open changes…"
            if not node.pending:
                return "no change waiting for a decision"
            flag = (
                f" on a paragraph set {node.hand_set}: worth a look"
                if node.hand_set in PROTECTED_STATUSES
                else ""
            )
            return f"{counted(node.pending, 'proposed change')} open (pending or in conflict){flag}"
        if column == BRACKETS_COLUMN:
            return f"{node.brackets} bracketed passages left in the compromise"
        if column == STATUS_COLUMN:
            return f"status set by hand: {node.hand_set}"
        return f"{node.title}: {node.snippet}"


class ParagraphFilterModel(QSortFilterProxyModel):
    """Filters paragraphs by search hits, status and stakeholder; sections follow their rows."""

    PENDING = "pending"  # the status filter value meaning "with changes still pending"
    FORKS = "forks"  # ... meaning "changed by a colleague too" (a version not taken in yet)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._hits: set[int] | None = None
        self._status: str | None = None
        self._with_stakeholder: set[int] | None = None
        self._forked: set[int] = set()

    def set_filter(
        self,
        hits: set[int] | None,
        status: str | None,
        with_stakeholder: set[int] | None = None,
    ) -> None:
        """`hits`, `with_stakeholder`: paragraph ids to keep (None: no such filter)."""
        self._hits = hits
        self._status = status
        self._with_stakeholder = with_stakeholder
        # The mapping rebuilt whole, lazily: a filter change worked out row by row asks the
        # tree for millions of parents when thousands of rows come and go (8 s for a search
        # at 5,000 paragraphs); selection and expanded sections are kept all the same.
        self.invalidate()

    def set_forked(self, forked: set[int]) -> None:
        """The paragraphs a colleague changed too, for the FORKS filter."""
        self._forked = forked

    @property
    def active(self) -> bool:
        return not (self._hits is None and self._status is None and self._with_stakeholder is None)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.active:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        paragraph_id = index.data(PARAGRAPH_ID_ROLE)
        if paragraph_id is None:
            return False  # a section shows when one of its paragraphs does (recursive filter)
        if self._hits is not None and paragraph_id not in self._hits:
            return False
        if self._with_stakeholder is not None and paragraph_id not in self._with_stakeholder:
            return False
        if self._status == self.PENDING:
            return bool(index.data(PENDING_ROLE))
        if self._status == self.FORKS:
            return paragraph_id in self._forked
        return self._status is None or index.data(STATUS_ROLE) == self._status
