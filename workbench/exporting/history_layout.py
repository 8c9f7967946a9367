"""The history layout: the record a caucus keeps of how each paragraph came to read as it does.

For each paragraph: its heading, the current compromise, then one table row per version (who,
when, from whose text, what kind of edit, and the change as struck and underlined words), and
the provenance shares of the compromise.
"""

from __future__ import annotations

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.document import append_body, text_width
from workbench.exporting.ooxml import W
from workbench.exporting.rows import ParagraphHistory, VersionEntry
from workbench.exporting.runs import BOLD
from workbench.exporting.table_layout import Cancelled, Progress
from workbench.exporting.tables import cell, header_row, new_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter, word_date

TITLES = ["#", "When (UTC)", "Who", "From", "Edit", "What changed"]


def write_history(
    document: Document,
    histories: tuple[ParagraphHistory, ...],
    writer: ChangeWriter,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Append one block per paragraph; returns the number of paragraphs written."""
    total_width = text_width(document)
    narrow = total_width // 16
    widths = [narrow, narrow * 3, narrow * 2, narrow * 2, narrow * 2]
    widths.append(total_width - sum(widths))
    for done, history in enumerate(histories, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        holder = etree.Element("holder")
        title = f"Paragraph {history.label}"
        if history.heading:
            title += f" ({history.heading})"
        writer.text(holder, title, paragraph_style="Heading2")
        writer.text(holder, "Current compromise:", BOLD)
        writer.text(holder, history.compromise)
        tbl = new_table(widths)
        header_row(tbl, TITLES, widths, writer)
        for version in history.versions:
            _version_row(tbl, version, widths, writer)
        holder.append(tbl)
        writer.text(holder, "Shares of the compromise: " + _shares_text(history))
        for element in list(holder):
            append_body(document, element)
        if progress is not None:
            progress(done, len(histories))
    return len(histories)


def _version_row(
    tbl: etree._Element, version: VersionEntry, widths: list[int], writer: ChangeWriter
) -> None:
    tr = etree.SubElement(tbl, W.tr)
    date = word_date(version.at).replace("T", " ").rstrip("Z") or version.at
    kind = version.kind + (f": {version.note}" if version.note else "")
    texts = [str(version.number), date, version.author, version.stakeholder or "typed", kind]
    for text, width in zip(texts, widths, strict=False):
        writer.text(cell(tr, width), text)
    writer.change(cell(tr, widths[-1]), version.change, ChangeStyle.REDLINE)


def _shares_text(history: ParagraphHistory) -> str:
    if not history.shares:
        return "none recorded"
    return "; ".join(f"{share.owner} {share.percent:.0f}%" for share in history.shares)
