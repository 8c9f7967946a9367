"""The clean layout: the current compromise only, ready to circulate.

Sections become headings (Heading 1, Heading 2 below), each paragraph starts with its bold
label ("39."), and the lines of a multi-line paragraph (sub-items "a)", "b)") follow as
paragraphs of their own.
"""

from __future__ import annotations

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.document import append_body
from workbench.exporting.rows import ExportHeading, ExportRow
from workbench.exporting.runs import BOLD, append_runs, is_rtl_text, paragraph
from workbench.exporting.table_layout import Cancelled, Progress
from workbench.exporting.tracked import ChangeWriter

LEFT_TO_RIGHT_MARK = "\u200e"


def numbered_label(label: str) -> str:
    """ "39" -> "39.", "43bis" -> "43bis."; a label already ending in a stop is kept as is."""
    stripped = label.rstrip()
    return stripped if not stripped or stripped[-1] in ".)" else stripped + "."


def write_clean(
    document: Document,
    items: tuple[ExportHeading | ExportRow, ...],
    writer: ChangeWriter,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Append headings and compromise paragraphs; returns the number of paragraphs written."""
    body = etree.Element("holder")  # a holder: its children move into the document in one go
    rows = 0
    for done, item in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if isinstance(item, ExportHeading):
            style = "Heading1" if item.depth <= 1 else "Heading2"
            writer.text(body, item.text, paragraph_style=style)
        else:
            _write_paragraph(body, item, writer)
            rows += 1
        if progress is not None:
            progress(done, len(items))
    for element in list(body):
        append_body(document, element)
    return rows


def _write_paragraph(body: etree._Element, row: ExportRow, writer: ChangeWriter) -> None:
    first, _, rest = writer.clean(row.compromise).partition("\n")
    rtl = is_rtl_text(first)
    p = paragraph(body, bidi=rtl)
    label = numbered_label(writer.clean(row.label))
    # In a right-to-left paragraph the label's stop sits between "62bis" and Arabic words and
    # takes the paragraph's direction, reading ".62bis"; a left-to-right mark keeps it after.
    append_runs(p, label + (LEFT_TO_RIGHT_MARK if rtl else ""), writer.fonts, BOLD)
    append_runs(p, " " + first if first else "", writer.fonts)
    if rest or row.compromise.endswith("\n"):
        writer.text(body, rest)
