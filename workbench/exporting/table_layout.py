"""The table layout: paragraph | status | draft | one column per proposal | compromise.

With more proposals than a page holds as columns (`MAX_PROPOSAL_COLUMNS`), each paragraph's
texts are rows instead, as in a compilation: paragraph | status | from | text, the draft, each
proposal made on that paragraph (named by its tag and its stakeholder) and the compromise one
under another, the label and the status merged down beside them.

The table is built as one lxml tree (python-docx's add_row/cell are quadratic on big tables):
a repeating header row, section headings as rows merged across the table, and the compromise
carrying tracked changes against the draft (or a manual redline, on request). The status is
the one negotiators see (`brackets.effective_status`): open, bracketed, agreed ad ref, agreed;
it sits beside the label, where the eye looks for what is settled.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.comment_rows import COMPROMISE_COLUMN
from workbench.exporting.document import append_body, make_landscape, text_width
from workbench.exporting.ooxml import W
from workbench.exporting.rows import ExportComment, ExportHeading, ExportRow, ExportTable, Segment
from workbench.exporting.runs import BOLD, PLAIN
from workbench.exporting.tables import cell, header_row, new_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter
from workbench.exporting.word_comments import CommentWriter

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

LANDSCAPE_FROM_TEXT_COLUMNS = 3  # draft, a proposal and the compromise: turn the page
_HEADING_FILL = "F2F2F2"


STACKED_TITLES = ["Paragraph", "Status", "From", "Text"]


def header_titles(table: ExportTable) -> list[str]:
    if table.stacked:
        return list(STACKED_TITLES)
    return ["Paragraph", "Status", table.draft_title, *table.proposal_titles, "Compromise"]


def write_table(
    document: Document,
    table: ExportTable,
    writer: ChangeWriter,
    *,
    compromise_style: ChangeStyle = ChangeStyle.TRACKED,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Append the table to the document; returns the number of paragraph rows written.

    Comment threads go on the words of the cell they are about, as Word comments."""
    comments = CommentWriter(document, writer.ids)
    if table.stacked or table.text_columns >= LANDSCAPE_FROM_TEXT_COLUMNS:
        make_landscape(document)
    if table.stacked:
        widths = _stacked_widths(text_width(document))
    else:
        widths = _column_widths(text_width(document), table.text_columns)
    tbl = new_table(widths)
    header_row(tbl, header_titles(table), widths, writer)
    total = len(table.items)
    rows = 0
    for done, item in enumerate(table.items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if isinstance(item, ExportHeading):
            _heading_row(tbl, item, widths, writer)
        elif table.stacked:
            _stacked_rows(tbl, item, table, widths, writer, compromise_style, comments)
            rows += 1
        else:
            _paragraph_row(tbl, item, widths, writer, compromise_style, comments)
            rows += 1
        if progress is not None:
            progress(done, total)
    append_body(document, tbl)
    comments.finish()
    return rows


def _column_widths(total: int, text_columns: int) -> list[int]:
    label = max(1600, total // 10)  # "Paragraph" and "New 56bis" fit
    status = max(1300, total // 12)  # "bracketed" on one line, "agreed ad ref" on two
    text = (total - label - status) // text_columns  # the texts get the rest
    return [label, status] + [text] * text_columns


def _stacked_widths(total: int) -> list[int]:
    _label, status, _text = _column_widths(total, 1)
    label = max(2200, total // 7)  # a target's long label ("paragraph 2 – introductory part")
    source = max(2000, total // 6)  # "AM 1830 · Jens Rohde, Adina-Ioana Vălean" on two lines
    return [label, status, source, total - label - status - source]


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
    comments: CommentWriter,
) -> None:
    tr = etree.SubElement(tbl, W.tr)
    writer.text(cell(tr, widths[0]), row.label, BOLD)
    writer.text(cell(tr, widths[1]), row.status)
    texts = [cell(tr, widths[2])]
    writer.text(texts[0], row.draft)
    for proposal, width in zip(row.proposals, widths[3:-1], strict=True):
        texts.append(cell(tr, width))
        writer.change(texts[-1], proposal, ChangeStyle.REDLINE)
    compromise = cell(tr, widths[-1])
    texts.append(compromise)
    if row.compromise_changes:
        writer.change(compromise, row.compromise_changes, compromise_style)
    else:
        writer.text(compromise, row.compromise)
    for thread in row.comments:
        comments.place(texts[thread.column], thread)


def _stacked_rows(
    tbl: etree._Element,
    row: ExportRow,
    table: ExportTable,
    widths: list[int],
    writer: ChangeWriter,
    compromise_style: ChangeStyle,
    comments: CommentWriter,
) -> None:
    """The paragraph's texts one under another: the draft, each proposal made on it, the
    compromise; its comments on the words of the row they are about."""
    threads: dict[int, list[ExportComment]] = {}
    for thread in row.comments:
        threads.setdefault(thread.column, []).append(thread)
    texts: list[tuple[int, str, tuple[Segment, ...] | str]] = [(0, table.draft_title, row.draft)]
    for index, (title, proposal) in enumerate(
        zip(table.proposal_titles, row.proposals, strict=True), start=1
    ):
        if any(segment.text for segment in proposal):
            tag = row.proposal_tags[index - 1] if row.proposal_tags else ""
            texts.append((index, f"{tag} · {title}" if tag else title, proposal))
    texts.append((COMPROMISE_COLUMN, "Compromise", ""))
    for position, (column, title, text) in enumerate(texts):
        tr = etree.SubElement(tbl, W.tr)
        merge = "restart" if position == 0 else "continue"
        writer.text(cell(tr, widths[0], merge=merge), row.label if position == 0 else "", BOLD)
        writer.text(cell(tr, widths[1], merge=merge), row.status if position == 0 else "")
        writer.text(cell(tr, widths[2]), title, BOLD if column == COMPROMISE_COLUMN else PLAIN)
        tc = cell(tr, widths[3])
        if column == COMPROMISE_COLUMN:
            if row.compromise_changes:
                writer.change(tc, row.compromise_changes, compromise_style)
            else:
                writer.text(tc, row.compromise)
        elif isinstance(text, str):
            writer.text(tc, text)
        else:
            writer.change(tc, text, ChangeStyle.REDLINE)
        for thread in threads.get(column, []):
            comments.place(tc, thread)
