"""Word tables as grids of clean cell texts: merged cells placed, nested tables flattened.

Rows and cells are walked once as w:tr / w:tc elements (python-docx's `table.cell()` in a loop
is quadratic). A horizontally merged cell (gridSpan) sits in its first grid column and leaves
the others None; a vertically merged continuation cell (vMerge) is None too. A row (or cell)
Word's author inserted or deleted is read whole, every word of it covered by that change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from workbench.importing.cleantext import CellText
from workbench.importing.ooxml import (
    ALTERNATE,
    BODY,
    CUSTOM_XML,
    NO_RUN_STYLES,
    SDT,
    SDT_CONTENT,
    TBL,
    TCPR,
    TRPR,
    ReadState,
    RunStyles,
    container_text,
    is_plain_row,
    iter_cells,
    w,
)
from workbench.importing.revisions import CELL, ROW, Revision, TrackedSpan

_VAL = w("val")
_GRID_SPAN, _V_MERGE = w("gridSpan"), w("vMerge")
_GRID_BEFORE, _GRID_AFTER = w("gridBefore"), w("gridAfter")
_TBL_GRID, _GRID_COL = w("tblGrid"), w("gridCol")
_MAX_SPAN = 64
_ROW_WRAPPERS = (SDT, CUSTOM_XML, SDT_CONTENT)  # what `iter_rows` reads rows through


@dataclass(frozen=True)
class RawRow:
    cells: tuple[CellText | None, ...]  # one per grid column
    merged_across: bool  # a single cell spans the whole row

    def texts(self) -> list[str]:
        return [cell.text if cell is not None else "" for cell in self.cells]


@dataclass(frozen=True)
class RawTable:
    columns: int
    rows: tuple[RawRow, ...]


def _int_val(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    element = parent.find(tag)
    if element is None:
        return default
    try:
        return max(0, min(int(element.get(_VAL, str(default))), _MAX_SPAN))
    except ValueError:
        return default


def grid_columns(table: etree._Element) -> int:
    grid = table.find(_TBL_GRID)
    return 0 if grid is None else len(grid.findall(_GRID_COL))


def _covered(cell: CellText, revision: Revision) -> CellText:
    """The cell's every character covered by `revision` (its row or itself inserted or
    deleted), as well as by the changes of its own words."""
    span = TrackedSpan(0, len(cell.text), revision)
    return CellText(cell.text, cell.marks, (*cell.spans, span), cell.comments)


def read_row(
    row: etree._Element, run_styles: RunStyles = NO_RUN_STYLES, state: ReadState | None = None
) -> tuple[list[CellText | None], bool]:
    """A row's grid-aligned cells and whether one cell spans it.

    A row Word's author inserted or deleted is read whole, as every other row: its words are
    covered by that change, so it becomes a proposal to add or to delete a paragraph.
    """
    trpr = row.find(TRPR)
    cells: list[CellText | None] = [None] * _int_val(trpr, _GRID_BEFORE, 0)
    tc_count = 0
    widest = 0
    plain = is_plain_row(row)
    if state is None:
        state = ReadState()
    row_change = None if plain else state.mark_change(trpr, ROW)
    for cell in iter_cells(row):
        tc_count += 1
        tcpr = cell.find(TCPR)
        span = max(1, _int_val(tcpr, _GRID_SPAN, 1))
        widest = max(widest, span)
        v_merge = tcpr.find(_V_MERGE) if tcpr is not None else None
        continuation = v_merge is not None and v_merge.get(_VAL, "continue") != "restart"
        if continuation:
            cells.append(None)
        else:
            text = container_text(cell, plain=plain, run_styles=run_styles, state=state)
            for change in (row_change, None if plain else state.mark_change(tcpr, CELL)):
                if change is not None:
                    text = _covered(text, change)
            cells.append(text)
        cells.extend([None] * (span - 1))
    return cells, tc_count == 1 and widest > 1


def row_table(row: etree._Element) -> etree._Element | None:
    """The table whose rows `iter_rows` would give this row as, or None."""
    parent = row.getparent()
    while parent is not None and parent.tag in _ROW_WRAPPERS:
        parent = parent.getparent()
    return parent if parent is not None and parent.tag == TBL else None


def is_top_level(table: etree._Element) -> bool:
    """Whether the table is one of the body's own (as `iter_tables` finds them), not nested."""
    child, parent = table, table.getparent()
    while parent is not None:
        tag = parent.tag
        if tag == BODY:
            root = parent.getparent()
            return root is not None and root.getparent() is None and root.find(BODY) is parent
        if tag == SDT:
            if parent.find(SDT_CONTENT) is not child:
                return False
        elif tag not in (SDT_CONTENT, CUSTOM_XML, ALTERNATE):
            return False
        child, parent = parent, parent.getparent()
    return False


@dataclass
class StreamedTable:
    """One top-level table as its rows went by."""

    element: etree._Element  # its rows emptied once read
    grid_seen: int  # the grid's columns when its first row ended
    row_count: int = 0  # every w:tr
    rows: list[tuple[list[CellText | None], bool]] = field(default_factory=list)

    def first_columns(self) -> int:
        """Its width as its first kept row and its grid give it: the table's shape."""
        first = len(self.rows[0][0]) if self.rows else 0
        return max(grid_columns(self.element), first)

    def raw(self) -> RawTable:
        columns = max([grid_columns(self.element)] + [len(cells) for cells, _ in self.rows])
        return RawTable(
            columns,
            tuple(
                RawRow(tuple(cells + [None] * (columns - len(cells))), across)
                for cells, across in self.rows
            ),
        )


class TableStream:
    """Reads the body's tables row by row as the parser finishes each w:tr, then frees the row.

    A 5,000-row table parsed whole holds half a gigabyte of lxml nodes; read as the parser goes,
    only the current row is ever whole. Rows are emptied only once some table is shaped like a
    negotiation table (`min_rows` rows, `min_columns` columns): until then the document may be a
    statement, whose reading walks the tables' paragraphs too. Nested tables' rows are left to
    their outer cell; `max_rows` keeps only each table's first rows (a preview), counting all.
    """

    def __init__(
        self,
        *,
        min_rows: int,
        min_columns: int,
        max_rows: int | None = None,
        on_row: Callable[[], None] | None = None,
    ) -> None:
        self.tables: list[StreamedTable] = []
        self.rows_read = 0
        self._min_rows = min_rows
        self._min_columns = min_columns
        self._max_rows = max_rows
        self._on_row = on_row
        self.run_styles: RunStyles = NO_RUN_STYLES  # set once styles.xml is read
        self.state = ReadState()  # the document's tracked changes and comments, as met
        self._by_element: dict[etree._Element, StreamedTable | None] = {}
        self._free_rows = False
        self._freed: etree._Element | None = None

    def row_ended(self, row: etree._Element) -> None:
        element = row_table(row)
        if element is None:
            return
        table = self._table(element)
        if table is None:
            return
        self.rows_read += 1
        table.row_count += 1
        if self._max_rows is None or len(table.rows) < self._max_rows:
            if self._on_row is not None:
                self._on_row()
            table.rows.append(read_row(row, self.run_styles, self.state))
        if not self._free_rows and table.row_count >= self._min_rows and table.rows:
            # The grid can only grow as parsing goes on: shaped now is shaped for good.
            width = max(table.grid_seen, len(table.rows[0][0]))
            self._free_rows = width >= self._min_columns
        if self._free_rows:
            self._free(row)

    def table_of(self, element: etree._Element) -> StreamedTable | None:
        """The top-level table read from `element`, None for one not read (nested, or none)."""
        return self._by_element.get(element)

    def _table(self, element: etree._Element) -> StreamedTable | None:
        if element in self._by_element:
            return self._by_element[element]
        table = StreamedTable(element, grid_columns(element))
        found = table if is_top_level(element) else None
        self._by_element[element] = found
        if found is not None:
            self.tables.append(found)
        return found

    def _free(self, row: etree._Element) -> None:
        """Empties the row, and drops the row emptied before it when they are siblings."""
        row.clear(keep_tail=True)
        parent = row.getparent()
        if self._freed is not None and parent is not None and self._freed.getparent() is parent:
            parent.remove(self._freed)
        self._freed = row
