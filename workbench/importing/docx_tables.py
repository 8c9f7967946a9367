"""Word tables as grids of clean cell texts: merged cells placed, nested tables flattened.

Rows and cells are walked once as w:tr / w:tc elements (python-docx's `table.cell()` in a loop
is quadratic). A horizontally merged cell (gridSpan) sits in its first grid column and leaves
the others None; a vertically merged continuation cell (vMerge) is None too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from workbench.importing.cleantext import CellText
from workbench.importing.ooxml import (
    ALTERNATE,
    CUSTOM_XML,
    SDT,
    SDT_CONTENT,
    TBL,
    TCPR,
    TRPR,
    container_text,
    iter_cells,
    iter_rows,
    w,
)

_VAL = w("val")
_GRID_SPAN, _V_MERGE = w("gridSpan"), w("vMerge")
_GRID_BEFORE, _GRID_AFTER = w("gridBefore"), w("gridAfter")
_TBL_GRID, _GRID_COL = w("tblGrid"), w("gridCol")
_ROW_DELETED = w("del")
_MAX_SPAN = 64


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


def iter_tables(container: etree._Element) -> Iterator[etree._Element]:
    """Top-level tables of the body, also inside block content controls and custom XML."""
    for child in container:
        tag = child.tag
        if tag == TBL:
            yield child
        elif tag in (SDT_CONTENT, CUSTOM_XML):
            yield from iter_tables(child)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from iter_tables(content)
        elif tag == ALTERNATE:
            yield from iter_tables(child)


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


def count_rows(table: etree._Element) -> int:
    return sum(1 for _ in iter_rows(table))


def read_table(
    table: etree._Element,
    *,
    max_rows: int | None = None,
    on_row: Callable[[], None] | None = None,
) -> RawTable:
    """The table's rows as grid-aligned cell texts (the first `max_rows` only, if given)."""
    rows: list[list[CellText | None]] = []
    merged: list[bool] = []
    for row in iter_rows(table):
        if max_rows is not None and len(rows) >= max_rows:
            break
        if on_row is not None:
            on_row()
        trpr = row.find(TRPR)
        if trpr is not None and trpr.find(_ROW_DELETED) is not None:
            continue  # a tracked row deletion: accepted, the row is gone
        cells: list[CellText | None] = [None] * _int_val(trpr, _GRID_BEFORE, 0)
        tc_count = 0
        widest = 0
        for cell in iter_cells(row):
            tc_count += 1
            tcpr = cell.find(TCPR)
            span = max(1, _int_val(tcpr, _GRID_SPAN, 1))
            widest = max(widest, span)
            v_merge = tcpr.find(_V_MERGE) if tcpr is not None else None
            continuation = v_merge is not None and v_merge.get(_VAL, "continue") != "restart"
            cells.append(None if continuation else container_text(cell))
            cells.extend([None] * (span - 1))
        rows.append(cells)
        merged.append(tc_count == 1 and widest > 1)
    columns = max([grid_columns(table)] + [len(cells) for cells in rows])
    return RawTable(
        columns,
        tuple(
            RawRow(tuple(cells + [None] * (columns - len(cells))), across)
            for cells, across in zip(rows, merged, strict=True)
        ),
    )
