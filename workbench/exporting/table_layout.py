"""The table layout: paragraph | draft | one column per proposal | compromise, as it came in.

The table is built as one lxml tree (python-docx's add_row/cell are quadratic on big tables):
a repeating header row, section headings as rows merged across the table, and the compromise
carrying tracked changes against the draft (or a manual redline, on request).
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.document import append_body, make_landscape, text_width
from workbench.exporting.ooxml import W
from workbench.exporting.rows import ExportHeading, ExportRow, ExportTable
from workbench.exporting.runs import BOLD
from workbench.exporting.tables import cell, header_row, new_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

LANDSCAPE_FROM_COLUMNS = 4
_HEADING_FILL = "F2F2F2"


def header_titles(table: ExportTable) -> list[str]:
    return ["Paragraph", table.draft_title, *table.proposal_titles, "Compromise"]


def write_table(
    document: Document,
    table: ExportTable,
    writer: ChangeWriter,
    *,
    compromise_style: ChangeStyle = ChangeStyle.TRACKED,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Append the table to the document; returns the number of paragraph rows written."""
    columns = table.column_count
    if columns >= LANDSCAPE_FROM_COLUMNS:
        make_landscape(document)
    widths = _column_widths(text_width(document), columns)
    tbl = new_table(widths)
    header_row(tbl, header_titles(table), widths, writer)
    total = len(table.items)
    rows = 0
    for done, item in enumerate(table.items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if isinstance(item, ExportHeading):
            _heading_row(tbl, item, widths, writer)
        else:
            _paragraph_row(tbl, item, widths, writer, compromise_style)
            rows += 1
        if progress is not None:
            progress(done, total)
    append_body(document, tbl)
    return rows


def _column_widths(total: int, columns: int) -> list[int]:
    label = max(1600, total // 10)  # "Paragraph" and "New 56bis" fit; the texts get the rest
    text = (total - label) // (columns - 1)
    return [label] + [text] * (columns - 1)


def _heading_row(
    tbl: etree._Element, heading: ExportHeading, widths: list[int], writer: ChangeWriter
) -> None:
    tr = etree.SubElement(tbl, W.tr)
    etree.SubElement(etree.SubElement(tr, W.trPr), W.cantSplit)
    merged = cell(tr, sum(widths), span=len(widths), fill=_HEADING_FILL)
    writer.text(merged, heading.text, BOLD)


def _paragraph_row(
    tbl: etree._Element,
    row: ExportRow,
    widths: list[int],
    writer: ChangeWriter,
    compromise_style: ChangeStyle,
) -> None:
    tr = etree.SubElement(tbl, W.tr)
    writer.text(cell(tr, widths[0]), row.label, BOLD)
    writer.text(cell(tr, widths[1]), row.draft)
    for proposal, width in zip(row.proposals, widths[2:-1], strict=True):
        writer.change(cell(tr, width), proposal, ChangeStyle.REDLINE)
    compromise = cell(tr, widths[-1])
    if row.compromise_changes:
        writer.change(compromise, row.compromise_changes, compromise_style)
    else:
        writer.text(compromise, row.compromise)
