"""Redline rendering shared by the panes: stakeholder colours, struck/underlined runs, direction.

A redlined document is laid out op by op from `workbench.diff.diff_ops(base, text)`, so a
`DisplayMap` can translate between offsets in the base (the compromise) and offsets in the shown
document. That translation is what lets the panes highlight "the same place" and stay level.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QTextEdit

from workbench.diff import DiffOp, diff_ops

# Hues far apart on the colour wheel; lightness is picked per palette so text stays readable.
# Stakeholder 1 is usually the chair (the draft), which gets the neutral slate blue.
_HUES = (0, 215, 10, 140, 275, 30, 185, 320, 55)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def stakeholder_colour(stakeholder_id: int | None, palette: QPalette | None = None) -> QColor:
    """One text colour per stakeholder: dark on light backgrounds, light on dark ones."""
    return QColor(_colour(stakeholder_id, is_dark(palette), tint=False))


def stakeholder_tint(stakeholder_id: int | None, palette: QPalette | None = None) -> QColor:
    """A background wash in the stakeholder's hue that text of either palette stays legible on."""
    return QColor(_colour(stakeholder_id, is_dark(palette), tint=True))


@lru_cache(maxsize=512)
def _colour(stakeholder_id: int | None, dark: bool, *, tint: bool) -> QColor:
    # Kept per stakeholder: a switch colours dozens of changes (callers get a copy).
    if stakeholder_id is None:
        if tint:
            return QColor("#4a4a4a") if dark else QColor("#e6e6e6")
        return QColor("#9a9a9a") if dark else QColor("#555555")
    hue = _HUES[stakeholder_id % len(_HUES)]
    if tint:
        return QColor.fromHsl(hue, 110, 60) if dark else QColor.fromHsl(hue, 180, 228)
    return QColor.fromHsl(hue, 190, 180) if dark else QColor.fromHsl(hue, 200, 80)


def focus_colour(palette: QPalette | None = None) -> QColor:
    """The background of the change in focus: stronger than any tint, same in every pane."""
    return QColor("#7a6400") if is_dark(palette) else QColor("#ffe066")


def extra_selection(
    edit: QTextEdit, start: int, end: int, background: QColor
) -> QTextEdit.ExtraSelection:
    """A background mark on edit's shown text[start:end] (clamped to the document)."""
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(edit.document())
    limit = max(0, edit.document().characterCount() - 1)
    cursor.setPosition(min(start, limit))
    cursor.setPosition(min(end, limit), QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor  # type: ignore[attr-defined]
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    selection.format = fmt  # type: ignore[attr-defined]
    return selection


def is_rtl(text: str) -> bool:
    """True when the first strong-direction character is right-to-left (Arabic, Hebrew...).

    This is the Unicode bidi rule P2 for a paragraph's base direction, the one Word and browsers
    apply, so a Latin acronym inside an Arabic paragraph does not flip it.
    """
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def set_direction(edit: QTextEdit, text: str) -> bool:
    """Lay the document out right-to-left when the text starts in Arabic or Hebrew."""
    rtl = is_rtl(text)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    option = edit.document().defaultTextOption()
    option.setTextDirection(direction)
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(Qt.AlignmentFlag.AlignAbsolute | side)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    edit.document().setDefaultTextOption(option)
    return rtl


def change_format(op: str, colour: QColor, tint: QColor | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(colour)
    if tint is not None:
        fmt.setBackground(tint)
    if op == "delete":
        fmt.setFontStrikeOut(True)
    elif op == "insert":
        fmt.setFontUnderline(True)
    return fmt


class Reading(NamedTuple):
    """A text a display stands for, and where its pieces show: (start here, start shown, length)."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    def to_display(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] shows (from its first character's place to its last's)."""
        if not self.pieces or end <= start:
            return start, end
        starts = [piece[0] for piece in self.pieces]
        first = self.pieces[max(0, bisect.bisect_right(starts, start) - 1)]
        last = self.pieces[max(0, bisect.bisect_right(starts, end - 1) - 1)]
        return first[1] + start - first[0], last[1] + end - 1 - last[0] + 1


class DisplayMap:
    """Offsets in the base text <-> offsets in a document laid out op by op.

    `tags` are the inserted ops that name a change ("GC 2"): they belong to no text.
    """

    def __init__(self, ops: Sequence[DiffOp], tags: Iterable[int] = ()) -> None:
        self.ops = list(ops)
        self.tags = frozenset(tags)
        self.starts: list[int] = []  # display offset where each op begins
        position = 0
        for op in self.ops:
            self.starts.append(position)
            position += len(op.text)
        self.length = position

    def to_display(self, base_offset: int) -> int:
        """Where a base offset is shown (an insert at that offset comes after it)."""
        for index, op in enumerate(self.ops):
            if op.op != "insert" and op.a_start <= base_offset < op.a_end:
                return self.starts[index] + base_offset - op.a_start
        return self.length

    def to_base(self, display_offset: int) -> int:
        """The base offset a shown character stands at (inserted text stands at its anchor)."""
        if not self.ops:
            return 0
        index = max(0, bisect.bisect_right(self.starts, display_offset) - 1)
        op = self.ops[index]
        if op.op == "insert":
            return op.a_start
        return min(op.a_end, op.a_start + display_offset - self.starts[index])

    def base_range(self, base_start: int, base_end: int) -> tuple[int, int]:
        """The shown stretch covering base[start:end], widened to a word when it is empty."""
        start = self.to_display(base_start)
        end = self.to_display(base_end) if base_end > base_start else start
        if end <= start:
            end = min(self.length, start + 1)
        return start, end

    def reading(self, side: str) -> Reading | None:
        """The text shown on one `side`: "old" is the text the changes are laid into (kept
        and struck words), "new" the text they make (kept and added words). None when nothing
        is laid out op by op (the document is then the text itself)."""
        if not self.ops:
            return None
        wanted = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
        parts: list[str] = []
        pieces: list[tuple[int, int, int]] = []
        length = 0
        for index, (op, shown) in enumerate(zip(self.ops, self.starts, strict=True)):
            if op.op in wanted and index not in self.tags and op.text:
                pieces.append((length, shown, len(op.text)))
                parts.append(op.text)
                length += len(op.text)
        return Reading("".join(parts), tuple(pieces))

    def change_at(self, display_offset: int) -> DiffOp | None:
        """The delete or insert op shown at this offset, if any."""
        if not self.ops:
            return None
        index = max(0, bisect.bisect_right(self.starts, display_offset) - 1)
        op = self.ops[index]
        return None if op.op == "equal" else op


class ChangeRun(NamedTuple):
    """A delete or insert run as shown: its display range and the base range it stands for."""

    op: str
    display_start: int
    display_end: int
    base_start: int
    base_end: int


def write_redline(
    edit: QTextEdit, base: str, text: str, colour: QColor, tint: QColor | None = None
) -> tuple[DisplayMap, list[ChangeRun]]:
    """Show `text` with its differences from `base` marked; returns the map and the changes."""
    ops = diff_ops(base, text)
    display = DisplayMap(ops)
    document = edit.document()
    document.clear()
    set_direction(edit, text or base)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    plain = QTextCharFormat()
    runs: list[ChangeRun] = []
    for op, start in zip(ops, display.starts, strict=True):
        if op.op == "equal":
            cursor.insertText(op.text, plain)
            continue
        cursor.insertText(op.text, change_format(op.op, colour, tint))
        runs.append(ChangeRun(op.op, start, start + len(op.text), op.a_start, op.a_end))
    cursor.endEditBlock()
    return display, runs


def write_spans(edit: QTextEdit, spans: Iterable[tuple[str, QColor, QColor | None]]) -> None:
    """Text coloured piece by piece (the provenance overlay): (text, foreground, background)."""
    document = edit.document()
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    whole: list[str] = []
    for text, colour, background in spans:
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        if background is not None:
            fmt.setBackground(background)
        cursor.insertText(text, fmt)
        whole.append(text)
    cursor.endEditBlock()
    set_direction(edit, "".join(whole))
