"""The clean layout: the current compromise only, ready to circulate.

Sections become headings (Heading 1, Heading 2 below), each paragraph starts with its bold
label ("39."), and its further lines follow as paragraphs of their own: sub-items ("a)",
"(i)", bullets) hang from their marker, indented, with the marker and its text on one line
(`sub_items`). A paragraph with no compromise text yet (a new paragraph only proposed so far)
is not printed as a bare label: it is left out and named in the export's report.
"""

from __future__ import annotations

from typing import NamedTuple

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.document import append_body
from workbench.exporting.ooxml import W
from workbench.exporting.rows import ExportHeading, ExportRow
from workbench.exporting.runs import BOLD, append_runs, is_rtl_text, paragraph
from workbench.exporting.sub_items import Line, printed_lines
from workbench.exporting.table_layout import Cancelled, Progress
from workbench.exporting.tracked import ChangeWriter

LEFT_TO_RIGHT_MARK = "\u200e"
# A sub-item: its text indented half an inch, its marker hanging 0.3 in before it; the tab
# after the marker reaches the indent (the hanging indent is a tab stop in Word and Writer).
SUB_ITEM_INDENT = 720
SUB_ITEM_HANGING = 432


class CleanWritten(NamedTuple):
    paragraphs: int  # written
    without_text: tuple[str, ...]  # labels left out: no compromise text yet


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
) -> CleanWritten:
    """Append headings and compromise paragraphs; says how many and which were left out."""
    body = etree.Element("holder")  # a holder: its children move into the document in one go
    rows = 0
    without_text: list[str] = []
    for done, item in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if isinstance(item, ExportHeading):
            style = "Heading1" if item.depth <= 1 else "Heading2"
            writer.text(body, item.text, paragraph_style=style)
        elif not item.compromise.strip():
            without_text.append(item.label)
        else:
            _write_paragraph(body, item, writer)
            rows += 1
        if progress is not None:
            progress(done, len(items))
    for element in list(body):
        append_body(document, element)
    return CleanWritten(rows, tuple(without_text))


def _write_paragraph(body: etree._Element, row: ExportRow, writer: ChangeWriter) -> None:
    first, *rest = printed_lines(writer.clean(row.compromise))
    opening = f"{first.marker} {first.text}".strip() if first.marker else first.text
    rtl = is_rtl_text(opening)
    p = paragraph(body, bidi=rtl)
    label = numbered_label(writer.clean(row.label))
    # In a right-to-left paragraph the label's stop sits between "62bis" and Arabic words and
    # takes the paragraph's direction, reading ".62bis"; a left-to-right mark keeps it after.
    append_runs(p, label + (LEFT_TO_RIGHT_MARK if rtl else ""), writer.fonts, BOLD)
    append_runs(p, " " + opening, writer.fonts)
    for line in rest:
        _write_line(body, line, writer)


def _write_line(body: etree._Element, line: Line, writer: ChangeWriter) -> None:
    text = f"{line.marker}\t{line.text}" if line.marker and line.text else line.marker or line.text
    p = paragraph(body, bidi=is_rtl_text(text))
    if line.marker:
        ppr = p.find(W.pPr)
        if ppr is None:
            ppr = etree.SubElement(p, W.pPr)
        indent = etree.SubElement(ppr, W.ind)  # after w:bidi, as the schema orders them
        indent.set(W.left, str(SUB_ITEM_INDENT))
        indent.set(W.hanging, str(SUB_ITEM_HANGING))
    append_runs(p, text, writer.fonts)
