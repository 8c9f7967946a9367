"""Redline rendering shared by the panes: struck deletions, underlined additions, colours, RTL."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QTextEdit

from workbench.diff import diff_ops

# Hues far apart on the colour wheel; lightness is picked per palette so text stays readable.
_HUES = (0, 215, 130, 30, 280, 180, 330, 60)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def stakeholder_colour(stakeholder_id: int | None, palette: QPalette | None = None) -> QColor:
    """One colour per stakeholder, dark on light backgrounds and light on dark ones."""
    if stakeholder_id is None:
        return QColor("#808080")
    hue = _HUES[stakeholder_id % len(_HUES)]
    if is_dark(palette):
        return QColor.fromHsl(hue, 200, 175)
    return QColor.fromHsl(hue, 200, 85)


def is_rtl(text: str) -> bool:
    """True when most strong-direction letters are right-to-left (Arabic, Hebrew...)."""
    rtl = ltr = 0
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            rtl += 1
        elif bidi == "L":
            ltr += 1
    return rtl > ltr


def set_direction(edit: QTextEdit, text: str) -> None:
    """Lay the document out right-to-left when the text is mostly Arabic or Hebrew."""
    rtl = is_rtl(text)
    edit.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    option = edit.document().defaultTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    edit.document().setDefaultTextOption(option)


def change_format(op: str, colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(colour)
    if op == "delete":
        fmt.setFontStrikeOut(True)
    elif op == "insert":
        fmt.setFontUnderline(True)
        fmt.setFontWeight(600)
    return fmt


def write_redline(edit: QTextEdit, base: str, text: str, colour: QColor) -> int:
    """Show `text` with its differences from `base` marked; returns the number of changes."""
    edit.clear()
    set_direction(edit, text or base)
    cursor = QTextCursor(edit.document())
    plain = QTextCharFormat()
    changes = 0
    for op in diff_ops(base, text):
        if op.op == "equal":
            cursor.insertText(op.text, plain)
        else:
            changes += 1
            cursor.insertText(op.text, change_format(op.op, colour))
    return changes


def write_spans(edit: QTextEdit, spans: Iterable[tuple[str, QColor]]) -> None:
    """Text coloured piece by piece (provenance)."""
    edit.clear()
    cursor = QTextCursor(edit.document())
    whole = ""
    for text, colour in spans:
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        cursor.insertText(text, fmt)
        whole += text
    set_direction(edit, whole)
