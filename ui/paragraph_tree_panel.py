"""The left column: the search box, status and stakeholder filters, and the paragraph tree.

A search filters the tree to the paragraphs that match, each row counting its matches and
showing the words around the first; the results open on the first match (document order),
scrolled to the top, whatever paragraph was shown before. The tree's columns take the width
their marks need in the window's font, and a section's title spans the row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.fitting import FittedLabel
from ui.paragraph_tree_model import (
    BRACKETS_COLUMN,
    COLUMNS,
    PARAGRAPH_ID_ROLE,
    PENDING_COLUMN,
    STATUS_COLUMN,
    STATUS_MARKS,
    ParagraphFilterModel,
    ParagraphTreeModel,
)
from ui.pending_marks import PendingMarkLoader
from ui.scroll_bars import flatten
from ui.workbench_controller import WorkbenchController
from workbench import edit_graph, text_search
from workbench.model import Role, Status

SEARCH_DELAY_MS = 250
INDENTATION = 12  # a level of sections (the default 20 leaves a deep option's label no room)
PENDING_CHOICE = "Changes pending"
PENDING_COUNTING = "Changes pending (counting…)"  # the tree fills as paragraphs are counted


class ParagraphTreePanel(QWidget):
    """Shows the paragraphs; picking one tells the controller, filters narrow what is shown."""

    paragraph_activated = Signal(object)  # a paragraph id (ids pass 32 bits: no int signal)
    search_changed = Signal(str)  # the query now applied ("": no search)
    step_requested = Signal(int)  # Enter (+1) or Shift+Enter (-1) in the search box

    def __init__(self, controller: WorkbenchController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = ParagraphTreeModel(self)
        # Attached to the tree's model only while a filter is on (see `_filter`).
        self.proxy = ParagraphFilterModel(self)
        self.loader = PendingMarkLoader(controller, self.model, self)
        self.loader.finished.connect(self._counting_done)
        self._position: dict[int, int] = {}
        self._with_stakeholder: dict[int, set[int]] | None = None
        self.result = text_search.SearchResult("", ())
        self._stale = False  # the result is of a file since reloaded

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search every variant…  (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search the text of every variant")
        self.search_box.installEventFilter(self)
        # What the search found: two lines, wrapped, shown while there is a query.
        self.search_status = FittedLabel()
        self.search_status.setObjectName("search_status")
        self.search_status.setWordWrap(True)
        self.search_status.setFixedHeight(2 * self.search_status.fontMetrics().lineSpacing() + 2)
        self.search_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.search_status.hide()
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show paragraphs with this status")
        self.status_filter.addItem("Any status", None)
        for status in Status:
            self.status_filter.addItem(str(status).capitalize(), str(status))
        self.status_filter.addItem(PENDING_CHOICE, ParagraphFilterModel.PENDING)
        self.status_filter.addItem("From colleagues", ParagraphFilterModel.FORKS)
        self.stakeholder_filter = QComboBox()
        self.stakeholder_filter.setAccessibleName("Show paragraphs this stakeholder proposes on")
        self.stakeholder_filter.addItem("Any stakeholder", None)

        self.tree_view = QTreeView()
        self.tree_view.setAccessibleName("Paragraphs")
        self.tree_view.setUniformRowHeights(True)  # 5,000 rows scroll without measuring each
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setIndentation(INDENTATION)
        flatten(self.tree_view.verticalScrollBar())
        self._show_model(self.model)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.stakeholder_filter.currentIndexChanged.connect(self.apply_filter)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.stakeholder_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.search_status)
        layout.addLayout(filters)
        layout.addWidget(self.tree_view, 1)

    # the document --------------------------------------------------------------------------------
    def load(self) -> None:
        """The controller's file (or none) is now the document: rebuild from bulk queries."""
        wb = self.controller.wb
        self.model.set_workbench(wb)
        self._stale = True
        self._position = {pid: i for i, pid in enumerate(self.model.paragraph_ids())}
        self._with_stakeholder = None
        self.stakeholder_filter.blockSignals(True)
        self.stakeholder_filter.clear()
        self.stakeholder_filter.addItem("Any stakeholder", None)
        for stakeholder in self.controller.stakeholders():
            self.stakeholder_filter.addItem(stakeholder.name, stakeholder.id)
        self.stakeholder_filter.blockSignals(False)
        self.tree_view.expandAll()
        self._span_sections()
        self.loader.restart()
        if self.proxy.active:
            self.apply_filter()

    # filters ---------------------------------------------------------------------------------
    def apply_filter(self) -> None:
        self._search_timer.stop()
        wb = self.controller.wb
        query = self.search_box.text().strip()
        searched = query != self.result.query
        if searched or self._stale:
            self._stale = False
            self.result = (
                text_search.search(wb, query)
                if wb is not None and query
                else text_search.SearchResult("", ())
            )
        hits = {h.paragraph_id for h in self.result.paragraphs} if self.result.query else None
        self.model.set_search(self.result.query, self.result.by_paragraph())
        status = self.status_filter.currentData()
        # The counts still being made fill the filtered tree as they come (each count a
        # changed row the filter takes in): counting 5,000 paragraphs at once froze it 2.6 s.
        self._show_counting(status == ParagraphFilterModel.PENDING and not self.loader.done)
        if status == ParagraphFilterModel.FORKS:
            self.proxy.set_forked(self.forked_paragraphs())
        stakeholder_id = self.stakeholder_filter.currentData()
        proposing = self._proposing(stakeholder_id) if stakeholder_id is not None else None
        self._filter(hits, status, proposing)
        self.tree_view.expandAll()
        self._span_sections()
        self.tree_view.viewport().update()  # rows read differently while searching
        self.search_status.setVisible(bool(self.result.query))
        current = self.controller.current_paragraph
        if current >= 0:
            self.select_paragraph(current)  # still shown: selected (and in sight) if kept
        if searched:
            self.search_changed.emit(self.result.query)  # the window goes to the first match

    def _filter(
        self, hits: set[int] | None, status: str | None, proposing: set[int] | None
    ) -> None:
        """Show the paragraphs the filters keep: through the proxy, or the whole tree.

        An idle proxy still re-filters every row when told that nothing is filtered (seconds
        on 5,000 paragraphs, to keep them all): with no filter it is detached from the tree's
        model instead, and attached again, filtering once, when a filter is set.
        """
        if hits is None and status is None and proposing is None:
            self._show_model(self.model)
            if self.proxy.sourceModel() is not None:
                self.proxy.setSourceModel(None)  # type: ignore[arg-type]
            self.proxy.set_filter(None, None, None)  # nothing to filter: costs nothing
            return
        if self.proxy.sourceModel() is None:
            self.proxy.setSourceModel(self.model)
        self.proxy.set_filter(hits, status, proposing)
        self._show_model(self.proxy)

    def _show_counting(self, counting: bool) -> None:
        index = self.status_filter.findData(ParagraphFilterModel.PENDING)
        text = PENDING_COUNTING if counting else PENDING_CHOICE
        if self.status_filter.itemText(index) != text:
            self.status_filter.setItemText(index, text)

    def _counting_done(self) -> None:
        self._show_counting(False)

    def first_hit(self) -> int:
        """The first paragraph the search found, in document order (-1: none)."""
        return self.result.paragraphs[0].paragraph_id if self.result.paragraphs else -1

    def step_hit(self, direction: int) -> tuple[bool, bool]:
        """Select the next (+1) or previous (-1) paragraph with a match; (moved, wrapped
        round the end of the document)."""
        found = [h.paragraph_id for h in self.result.paragraphs]
        if not found:
            return False, False
        here = self._position.get(self.controller.current_paragraph, -1)
        positions = [self._position.get(pid, -1) for pid in found]
        ahead = [
            pid
            for pid, at in zip(found, positions, strict=True)
            if (at > here if direction > 0 else at < here)
        ]
        wrapped = not ahead
        if direction > 0:
            target = ahead[0] if ahead else found[0]
        else:
            target = ahead[-1] if ahead else found[-1]
        return self.select_paragraph(target), wrapped

    def refresh_hits(self, paragraph_id: int, compromise: str, variants: list[str]) -> None:
        """A paragraph's texts changed: its count follows (its row stays, even at none)."""
        if not self.result.query:
            return
        hits = text_search.paragraph_hits(paragraph_id, compromise, variants, self.result.query)
        kept = [h for h in self.result.paragraphs if h.paragraph_id != paragraph_id]
        if hits is not None:
            kept.append(hits)
        kept.sort(key=lambda h: self._position.get(h.paragraph_id, -1))
        self.result = text_search.SearchResult(self.result.query, tuple(kept))
        self.model.set_search(self.result.query, self.result.by_paragraph())

    def show_search_status(self, *wordings: str) -> None:
        self.search_status.set_texts(*wordings)

    def clear_search(self) -> None:
        self.search_box.clear()
        self.apply_filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.search_box.text().strip() != self.result.query:
                    self.apply_filter()  # a new query: its results, on the first match
                elif self.result.query:
                    back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                    self.step_requested.emit(-1 if back else +1)
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.clear_search()
                return True
        return super().eventFilter(watched, event)

    def _span_sections(self) -> None:
        """A section's title takes the whole row (it has no status or count of its own)."""
        view = self.tree_view
        filtered = view.model() is self.proxy
        for index in self.model.section_indexes():
            shown = self.proxy.mapFromSource(index) if filtered else index
            if shown.isValid():
                view.setFirstColumnSpanned(shown.row(), shown.parent(), True)

    def _show_model(self, model: ParagraphTreeModel | ParagraphFilterModel) -> None:
        """The view shows the proxy only while a filter is on.

        Unfiltered, the proxy would only pass indexes through, yet it doubles the Python calls
        a paint makes (every proxy data() maps to a source index() first): a scroll of the tree
        repaints in two thirds of the time without it.
        """
        view = self.tree_view
        if view.model() is model:
            return
        old_selection = view.selectionModel()
        view.setModel(model)
        if old_selection is not None:
            old_selection.deleteLater()
        header = view.header()  # a new model resets the sections
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in self.column_widths().items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            view.setColumnWidth(column, width)
        view.selectionModel().selectionChanged.connect(self._on_selection)

    def column_widths(self) -> dict[int, int]:
        """The mark columns' widths: their widest mark or title, in the window's font."""
        metrics = self.tree_view.fontMetrics()
        style = self.tree_view.style()
        cell = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 4
        header = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 4
        widest = {
            STATUS_COLUMN: STATUS_MARKS,
            BRACKETS_COLUMN: ("[99]",),
            PENDING_COLUMN: ("⚠ 99", "● 99"),
        }
        return {
            column: max(
                max(metrics.horizontalAdvance(mark) for mark in marks) + cell,
                metrics.horizontalAdvance(COLUMNS[column]) + header,
            )
            for column, marks in widest.items()
        }

    def _proposing(self, stakeholder_id: int) -> set[int]:
        """Paragraphs where the stakeholder has a variant of its own (a proposal or the draft)."""
        wb = self.controller.wb
        if wb is None:
            return set()
        if self._with_stakeholder is None:  # one bulk read, the first time it is asked
            self._with_stakeholder = {}
            for paragraph_id, variants in wb.variants_by_paragraph().items():
                for variant in variants:
                    if variant.role is not Role.COMPROMISE:
                        self._with_stakeholder.setdefault(variant.stakeholder_id, set()).add(
                            paragraph_id
                        )
        return self._with_stakeholder.get(stakeholder_id, set())

    def forked_paragraphs(self) -> set[int]:
        """Paragraphs with a colleague's version not taken in yet (after a sync)."""
        wb = self.controller.wb
        if wb is None:
            return set()
        found = set()
        for paragraph_id in wb.forked_paragraphs():  # more than one head: look closer
            graph, head = wb.edit_graph(paragraph_id)
            if edit_graph.forks(graph, head):
                found.add(paragraph_id)
        return found

    def visible_paragraph_count(self) -> int:
        model = self.tree_view.model()
        count = 0
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if index.data(PARAGRAPH_ID_ROLE) is not None:
                    count += 1
                stack.append(index)
        return count

    # selection ---------------------------------------------------------------------------------
    def select_paragraph(self, paragraph_id: int) -> bool:
        """Select (and show) a paragraph; False when it is filtered out or unknown."""
        index = self.model.index_of_paragraph(paragraph_id)
        if self.tree_view.model() is self.proxy:
            index = self.proxy.mapFromSource(index)
        if not index.isValid():
            return False
        self._reveal(index)  # first: the view's own scroll on a current change is then a no-op
        if self.tree_view.currentIndex() != index:
            self.tree_view.setCurrentIndex(index)
        return True

    def _reveal(self, index: QModelIndex) -> None:
        """Scroll only when the row is out of sight, and then put it mid-view.

        Creeping one row a step would scroll (and repaint the whole tree and its scroll bar)
        at every Ctrl+PgDown; centring leaves half a page of steps that need no scrolling.
        """
        view = self.tree_view
        if not view.viewport().rect().contains(view.visualRect(index)):
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def neighbours(self) -> list[int]:
        """The paragraphs `step` would go to next, forward and back (those the filters show)."""
        order = self.model.paragraph_ids()
        here = self._position.get(self.controller.current_paragraph)
        if here is None:
            return []
        found = []
        for direction in (+1, -1):
            position = here + direction
            while 0 <= position < len(order):
                index = self.model.index_of_paragraph(order[position])
                if self.tree_view.model() is self.proxy:
                    index = self.proxy.mapFromSource(index)
                if index.isValid():
                    found.append(order[position])
                    break
                position += direction
        return found

    def step(self, direction: int) -> bool:
        """Select the next (+1) or previous (-1) paragraph the filters show."""
        order = self.model.paragraph_ids()
        if not order:
            return False
        here = self._position.get(
            self.controller.current_paragraph, -1 if direction > 0 else len(order)
        )
        position = here + direction
        while 0 <= position < len(order):
            if self.select_paragraph(order[position]):
                return True
            position += direction
        return False

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        paragraph_id = indexes[0].data(PARAGRAPH_ID_ROLE)
        if paragraph_id is not None:
            self.paragraph_activated.emit(int(paragraph_id))

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
