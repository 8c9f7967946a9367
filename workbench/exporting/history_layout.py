"""The history layout: the record a caucus keeps of how each paragraph came to read as it does.

For each paragraph: its heading and status, the current compromise and who wrote which share
of it, then one table row per version (when, who, from whose text, what kind of edit, and the
change as struck and underlined words). A change shows a few words of context on each side of
what moved, not the whole paragraph again: the full text is the compromise above and the
starting text in the first row.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from lxml import etree

from workbench.errors import OperationCancelled
from workbench.exporting.document import append_body, text_width
from workbench.exporting.ooxml import W
from workbench.exporting.rows import ParagraphHistory, Segment, SegmentKind, VersionEntry
from workbench.exporting.runs import BOLD, ITALIC
from workbench.exporting.table_layout import Cancelled, Progress
from workbench.exporting.tables import cell, header_row, new_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter, word_date

TITLES = ["#", "When (UTC)", "Who", "From", "Edit", "What changed"]
# Shares of the text width: a date on two lines ("2024-05-02" / "14:30:00"), a name on two,
# the edit kind on one, and the rest for the change.
_WIDTH_SHARES = (0.045, 0.14, 0.17, 0.12, 0.1)
TABLE_FONT_HALF_POINTS = "18"  # 9 pt: a record table reads well smaller than the text
# w:rPr children that come after w:sz/w:szCs in the schema's order.
_AFTER_SIZE = {W.highlight, W.u, W.effect, W.bdr, W.shd, W.fitText, W.vertAlign, W.rtl, W.cs}
CONTEXT_WORDS = 8
ELLIPSIS = "…"


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
    widths = [int(total_width * share) for share in _WIDTH_SHARES]
    widths.append(total_width - sum(widths))
    for done, history in enumerate(histories, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        holder = etree.Element("holder")
        title = f"Paragraph {history.label}"
        if history.heading:
            title += f" — {history.heading}"
        writer.text(holder, title, paragraph_style="Heading2")
        if history.status:
            writer.text(holder, f"Status: {history.status}")
        writer.text(holder, "Current compromise:", BOLD)
        # The short lines stay with what follows them; the compromise itself may break.
        for p in holder:
            _keep_with_next(p)
        writer.text(holder, history.compromise)
        writer.text(holder, "Shares of the compromise: " + _shares_text(history))
        _keep_with_next(holder[-1])  # with the table's header row
        tbl = new_table(widths)
        header_row(tbl, TITLES, widths, writer)
        for version in history.versions:
            _version_row(tbl, version, widths, writer)
        _set_font_size(tbl, TABLE_FONT_HALF_POINTS)
        holder.append(tbl)
        for element in list(holder):
            append_body(document, element)
        if progress is not None:
            progress(done, len(histories))
    return len(histories)


def _version_row(
    tbl: etree._Element, version: VersionEntry, widths: list[int], writer: ChangeWriter
) -> None:
    tr = etree.SubElement(tbl, W.tr)
    when = word_date(version.at).rstrip("Z").replace("T", "\n") or version.at
    texts = [str(version.number), when, version.author, version.stakeholder or "typed"]
    for text, width in zip(texts, widths, strict=False):
        writer.text(cell(tr, width), text)
    writer.text(cell(tr, widths[4]), version.kind)
    changed = cell(tr, widths[-1])
    if version.note:
        writer.text(changed, version.note, ITALIC)
    writer.change(changed, condensed(version.change), ChangeStyle.REDLINE)


def condensed(change: Sequence[Segment], context: int = CONTEXT_WORDS) -> list[Segment]:
    """The change with long unchanged stretches cut to `context` words either side.

    A change with nothing inserted or deleted (a starting text, a status change) is kept
    whole: there is nothing to give context to.
    """
    if all(segment.kind == SegmentKind.EQUAL for segment in change):
        return list(change)
    result: list[Segment] = []
    last = len(change) - 1
    for index, segment in enumerate(change):
        words = segment.text.split(" ")  # a leading or trailing space stays as an empty word
        after_change, before_change = index > 0, index < last
        needed = context * (after_change + before_change)
        if segment.kind != SegmentKind.EQUAL or len(words) <= needed + 1:
            result.append(segment)
            continue
        parts = [" ".join(words[:context])] if after_change else []
        parts.append(ELLIPSIS)
        if before_change:
            parts.append(" ".join(words[-context:]))
        result.append(Segment(SegmentKind.EQUAL, " ".join(parts)))
    return result


def _set_font_size(tbl: etree._Element, half_points: str) -> None:
    for run in tbl.iter(W.r):
        rpr = run.find(W.rPr)
        if rpr is None:
            rpr = etree.Element(W.rPr)
            run.insert(0, rpr)
        later = next((child for child in rpr if child.tag in _AFTER_SIZE), None)
        for tag in (W.sz, W.szCs):
            size = etree.Element(tag)
            size.set(W.val, half_points)
            if later is None:
                rpr.append(size)
            else:
                later.addprevious(size)


def _keep_with_next(p: etree._Element) -> None:
    ppr = p.find(W.pPr)
    if ppr is None:
        ppr = etree.Element(W.pPr)
        p.insert(0, ppr)
    style = ppr.find(W.pStyle)
    keep = etree.Element(W.keepNext)
    if style is None:
        ppr.insert(0, keep)
    else:
        style.addnext(keep)


def _shares_text(history: ParagraphHistory) -> str:
    if not history.shares:
        return "none recorded"
    return "; ".join(f"{share.owner} {share.percent:.0f}%" for share in history.shares)
