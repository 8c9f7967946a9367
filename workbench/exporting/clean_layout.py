"""The clean layout: the current compromise only, ready to circulate.

Sections become headings (Heading 1, Heading 2 below), each paragraph starts with its bold
label ("39.") where the document numbers it (a chapeau or a preambular paragraph is printed as
the document has it, with no made-up "PP3"), and its further lines follow as paragraphs of
their own: sub-items ("a)",
"(i)", bullets) hang from their marker, indented, with the marker and its text on one line
(`sub_items`). A paragraph with no compromise text yet (a new paragraph only proposed so far)
is not printed as a bare label: it is left out and named in the export's report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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
from workbench.importing.profiles.vocabulary import worded_heading

LEFT_TO_RIGHT_MARK = "\u200e"
# A sub-item's marker starts 0.2 in in; its text hangs at least 0.3 in further, or as far as
# the widest marker of the paragraph needs ("(iii)", "（一）"), so a list's texts align. The
# tab after the marker reaches the text (a hanging indent is a tab stop in Word and Writer).
SUB_ITEM_START = 288
SUB_ITEM_HANGING = 432
# Rough widths at 11 pt, in twentieths of a point: a full-width (CJK) character, any other.
_WIDE_CHARACTER, _NARROW_CHARACTER, _GAP = 220, 120, 72


class CleanWritten(NamedTuple):
    paragraphs: int  # written
    without_text: tuple[str, ...]  # labels left out: no compromise text yet


# Labels the importer made up to cite what the document leaves unnumbered: its chapeau,
# preambular paragraphs ("PP3", "Annex PP1", "PP12 Option 1"), a heading's changed words
# ("3.5.2 title"), a specification's paragraphs ("3.4.2 p1"), a cover, a paragraph only added
# ("12 (new)"). The clean text prints the document's numbers, not these.
_MADE_UP = re.compile(
    r"^(?:chapeau|cover|title)$|^art\.\s\S+$|(?:^|\s)PP\d+(?:\s+option\s+\S+)?$|\stitle$"
    r"|(?:^|\s)p\d+$"
    r"|\(new(?:\s\d+)?\)$",
    re.IGNORECASE,
)


def numbered_label(label: str) -> str:
    """ "39" -> "39.", "43bis" -> "43bis."; a label already ending in a stop is kept as is;
    a label the importer made up (`_MADE_UP`) is not printed: ""."""
    stripped = label.rstrip()
    if _MADE_UP.search(stripped):
        return ""
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
    headings: dict[int, str] = {}  # the numbers of the headings the paragraph is under, by depth
    for done, item in enumerate(items, start=1):
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if isinstance(item, ExportHeading):
            style = "Heading1" if item.depth <= 1 else "Heading2"
            writer.text(body, item.text, paragraph_style=style)
            headings = {d: n for d, n in headings.items() if d < item.depth}
            headings[item.depth] = item.number.rstrip(". ")
        elif not item.compromise.strip():
            without_text.append(item.label)
        else:
            _write_paragraph(body, item, writer, label=_under(item.label, headings.values()))
            rows += 1
        if progress is not None:
            progress(done, len(items))
    for element in list(body):
        append_body(document, element)
    return CleanWritten(rows, tuple(without_text))


def _under(label: str, headings: Iterable[str]) -> str:
    """The label as printed under its headings: "1" for "Annexe 1" under "Annexe" and for
    "4.1" under "Article 4" (the importer qualified a number that starts again there), "" for
    "3.4.2" under "3.4.2" (the
    one paragraph of a section, cited by its number: the heading says it already)."""
    for number in headings:
        if not number:
            continue
        if label.rstrip(". ") == number:
            return ""
        if label.startswith(number + " "):
            return label[len(number) + 1 :]
        if label.startswith(number + "("):  # "5(1)" under "5.": a bill's subsection "(1)"
            return label[len(number) :]
        # An article's paragraphs number from 1 again; the importer cites them "4.1" under
        # "Article 4" (or "第四条", "Статья 4": the same words it read the heading by).
        article = worded_heading(number)
        cited = article.number if article is not None and article.family == "article" else ""
        if cited and label.startswith(cited + "."):
            return label[len(cited) + 1 :]
    return label


def _write_paragraph(
    body: etree._Element, row: ExportRow, writer: ChangeWriter, *, label: str
) -> None:
    first, *rest = printed_lines(writer.clean(row.compromise))
    opening = f"{first.marker} {first.text}".strip() if first.marker else first.text
    rtl = is_rtl_text(opening)
    p = paragraph(body, bidi=rtl)
    label = numbered_label(writer.clean(label)) if label else ""
    if label:
        # In a right-to-left paragraph the label's stop sits between "62bis" and Arabic words
        # and takes the paragraph's direction, reading ".62bis"; a left-to-right mark keeps it.
        append_runs(p, label + (LEFT_TO_RIGHT_MARK if rtl else ""), writer.fonts, BOLD)
        append_runs(p, " " + opening, writer.fonts)
    else:
        append_runs(p, opening, writer.fonts)
    hanging = hanging_indent([line.marker for line in rest if line.marker])
    for line in rest:
        _write_line(body, line, writer, hanging)


def hanging_indent(markers: list[str]) -> int:
    """How far a paragraph's sub-item texts hang from their markers, in twentieths of a point."""
    widths = [
        sum(
            _WIDE_CHARACTER if unicodedata.east_asian_width(char) in "WF" else _NARROW_CHARACTER
            for char in marker
        )
        + _GAP
        for marker in markers
    ]
    return max([SUB_ITEM_HANGING, *widths])


def _write_line(body: etree._Element, line: Line, writer: ChangeWriter, hanging: int) -> None:
    text = f"{line.marker}\t{line.text}" if line.marker and line.text else line.marker or line.text
    p = paragraph(body, bidi=is_rtl_text(text))
    if line.marker:
        ppr = p.find(W.pPr)
        if ppr is None:
            ppr = etree.SubElement(p, W.pPr)
        # After w:bidi, as the schema orders them; in a right-to-left paragraph "left" is the
        # side the text starts from.
        indent = etree.SubElement(ppr, W.ind)
        indent.set(W.left, str(SUB_ITEM_START + hanging))
        indent.set(W.hanging, str(hanging))
    append_runs(p, text, writer.fonts)
