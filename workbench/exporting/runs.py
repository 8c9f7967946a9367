"""Script-aware runs and paragraphs: right-to-left marks and fonts that cover Arabic and CJK.

Word picks a run's font by script: `w:ascii`/`w:hAnsi` for Latin, `w:cs` for complex scripts
(Arabic, Hebrew) and `w:eastAsia` for CJK. A run of Arabic must also carry `w:rtl` and its
paragraph `w:bidi`, or Word lays the words out left to right. Runs are split where the
direction changes so Latin inside Arabic text (an acronym, a number) keeps its own order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from workbench.exporting.ooxml import XML_SPACE, W

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Arabic extended and presentation forms.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# Letters that are strongly left-to-right (Latin, Greek, Cyrillic, Indic, CJK, Hangul ...).
_LTR = "A-Za-z\u00c0-\u02af\u0370-\u058f\u0900-\u1fff\u2c00-\u2dff\u3040-\ua7ff\uac00-\ud7ff"
_RTL_CHAR = re.compile(f"[{_RTL}]")
# A right-to-left stretch: from an RTL letter to the last RTL letter before any LTR letter, so
# spaces and punctuation between Arabic words stay inside the Arabic run.
_RTL_STRETCH = re.compile(f"[{_RTL}](?:[^{_LTR}]*[{_RTL}])?")
_FIRST_STRONG = re.compile(f"[{_RTL}{_LTR}]")
_CJK_CHAR = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0003134f]"
)
# Characters XML 1.0 forbids: lxml refuses them and Word would call the file corrupt.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Fonts:
    """Fonts named on runs of complex-script and East Asian text."""

    complex_script: str = "Arial"  # ships with Windows and macOS, covers Arabic and Hebrew
    east_asian: str = "SimSun"  # Windows' default Simplified Chinese font


@dataclass(frozen=True)
class RunStyle:
    """Manual formatting of a run: bold labels, redline strike and underline."""

    bold: bool = False
    strike: bool = False
    underline: bool = False
    italic: bool = False


PLAIN = RunStyle()
BOLD = RunStyle(bold=True)
ITALIC = RunStyle(italic=True)
STRUCK = RunStyle(strike=True)
UNDERLINED = RunStyle(underline=True)


class TextCleaner:
    """Removes only the characters XML 1.0 cannot hold, and counts them for the report."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        if _XML_FORBIDDEN.search(text) is None:
            return text
        cleaned, count = _XML_FORBIDDEN.subn("", text)
        self.removed += count
        return cleaned


def is_rtl_text(text: str) -> bool:
    """True when the first strongly directional letter is right-to-left (Arabic, Hebrew)."""
    first = _FIRST_STRONG.search(text)
    return first is not None and _RTL_CHAR.match(first.group()) is not None


def direction_pieces(text: str) -> list[tuple[str, bool]]:
    """Split text into (piece, is_rtl) where the writing direction changes."""
    if _RTL_CHAR.search(text) is None:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _RTL_STRETCH.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def paragraph(parent: etree._Element, *, style: str = "", bidi: bool = False) -> etree._Element:
    """Append a w:p with its paragraph properties (style, right-to-left)."""
    p = etree.SubElement(parent, W.p)
    if style or bidi:
        ppr = etree.SubElement(p, W.pPr)
        if style:
            etree.SubElement(ppr, W.pStyle).set(W.val, style)
        if bidi:
            etree.SubElement(ppr, W.bidi)
    return p


def append_runs(
    parent: etree._Element,
    text: str,
    fonts: Fonts,
    style: RunStyle = PLAIN,
    *,
    deleted: bool = False,
) -> None:
    """Append runs holding `text` (no newlines) to a paragraph, w:ins or w:del.

    Deleted text must sit in w:delText, not w:t, or Word treats the file as damaged.
    """
    if not text:
        return
    for piece, rtl in direction_pieces(text):
        run = etree.SubElement(parent, W.r)
        _run_properties(run, piece, rtl, fonts, style)
        _run_text(run, piece, W.delText if deleted else W.t)


def _run_properties(
    run: etree._Element, text: str, rtl: bool, fonts: Fonts, style: RunStyle
) -> None:
    cjk = _CJK_CHAR.search(text) is not None
    if not (rtl or cjk or style != PLAIN):
        return
    rpr = etree.SubElement(run, W.rPr)  # children in the order the schema requires
    if rtl or cjk:
        rfonts = etree.SubElement(rpr, W.rFonts)
        rfonts.set(W.cs, fonts.complex_script)
        rfonts.set(W.eastAsia, fonts.east_asian)
        if cjk and not rtl:
            rfonts.set(W.hint, "eastAsia")
    if style.bold:
        etree.SubElement(rpr, W.b)
        etree.SubElement(rpr, W.bCs)
    if style.italic:
        etree.SubElement(rpr, W.i)
        etree.SubElement(rpr, W.iCs)
    if style.strike:
        etree.SubElement(rpr, W.strike)
    if style.underline:
        etree.SubElement(rpr, W.u).set(W.val, "single")
    if rtl:
        etree.SubElement(rpr, W.rtl)


def _run_text(run: etree._Element, text: str, tag: str) -> None:
    # A tab inside w:t is not a tab to Word: it has its own element.
    parts = text.split("\t") if "\t" in text else [text]
    for index, part in enumerate(parts):
        if index:
            etree.SubElement(run, W.tab)
        if part:
            t = etree.SubElement(run, tag)
            t.text = part
            if part[0].isspace() or part[-1].isspace():
                t.set(XML_SPACE, "preserve")
