"""Table scaffolding shared by the layouts: grid, cells, a repeating header row."""

from __future__ import annotations

from lxml import etree

from workbench.exporting.ooxml import W
from workbench.exporting.runs import BOLD
from workbench.exporting.tracked import ChangeWriter

HEADER_FILL = "D9D9D9"


def new_table(widths: list[int]) -> etree._Element:
    """A w:tbl with a grid of fixed column widths, all borders single lines."""
    tbl = etree.Element(W.tbl)
    tbl_pr = etree.SubElement(tbl, W.tblPr)
    etree.SubElement(tbl_pr, W.tblStyle).set(W.val, "TableGrid")
    width = etree.SubElement(tbl_pr, W.tblW)
    width.set(W.w, str(sum(widths)))
    width.set(W.type, "dxa")
    borders = etree.SubElement(tbl_pr, W.tblBorders)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = etree.SubElement(borders, getattr(W, side))
        border.set(W.val, "single")
        border.set(W.sz, "4")
        border.set(W.space, "0")
        border.set(W.color, "auto")
    etree.SubElement(tbl_pr, W.tblLayout).set(W.type, "fixed")
    grid = etree.SubElement(tbl, W.tblGrid)
    for column_width in widths:
        etree.SubElement(grid, W.gridCol).set(W.w, str(column_width))
    return tbl


def cell(
    tr: etree._Element, width: int, *, span: int = 1, fill: str = "", merge: str = ""
) -> etree._Element:
    """A w:tc of the given width, merged across `span` grid columns, shaded with `fill`;
    `merge` "restart" or "continue" merges it with the cells under it (w:vMerge)."""
    tc = etree.SubElement(tr, W.tc)
    tc_pr = etree.SubElement(tc, W.tcPr)
    tc_width = etree.SubElement(tc_pr, W.tcW)
    tc_width.set(W.w, str(width))
    tc_width.set(W.type, "dxa")
    if span > 1:
        etree.SubElement(tc_pr, W.gridSpan).set(W.val, str(span))
    if merge:
        vertical = etree.SubElement(tc_pr, W.vMerge)
        if merge == "restart":
            vertical.set(W.val, "restart")
    if fill:
        shading = etree.SubElement(tc_pr, W.shd)
        shading.set(W.val, "clear")
        shading.set(W.color, "auto")
        shading.set(W.fill, fill)
    return tc


def header_row(
    tbl: etree._Element, titles: list[str], widths: list[int], writer: ChangeWriter
) -> None:
    """Bold titles in a shaded row Word repeats at the top of every page."""
    tr = etree.SubElement(tbl, W.tr)
    tr_pr = etree.SubElement(tr, W.trPr)
    etree.SubElement(tr_pr, W.cantSplit)
    etree.SubElement(tr_pr, W.tblHeader)  # Word repeats it at the top of every page
    for title, width in zip(titles, widths, strict=True):
        writer.text(cell(tr, width, fill=HEADER_FILL), title, BOLD)
