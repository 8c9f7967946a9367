"""The merge pane's review text: the compromise with every pending hunk shown in place.

Each hunk shows where it applies: the words it would remove struck through, the words it would
add underlined right after them, then a small tag naming the proposal ("GC 1"), all in that
stakeholder's colour; a hunk that conflicts with another proposal's is tagged with a warning
sign. The layout is recorded as diff ops (struck text is base text, added text and tags are
insertions), so the same `DisplayMap` the variant panes use maps it back to the compromise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.redline import DisplayMap, set_direction, stakeholder_colour, stakeholder_tint
from workbench.diff import DiffOp
from workbench.merge import PendingHunk

CONFLICT_COLOUR = QColor("#d0312d")


class ShownHunk(NamedTuple):
    """Where a pending hunk sits in the review text."""

    hunk: PendingHunk
    display_start: int
    display_end: int


TAG_NAME_LIMIT = 16  # characters of a stakeholder's name in a tag inside the text


def hunk_tag(hunk: PendingHunk, name_limit: int | None = None) -> str:
    """ "GC 1"; with `name_limit`, a longer name is cut short ("Group of 77 and… 1")."""
    warning = "⚠" if hunk.conflict_with else ""
    name = hunk.stakeholder
    if name_limit is not None and len(name) > name_limit:
        name = name[: name_limit - 1].rstrip() + "…"
    return f"{warning}{name} {hunk.number}"


def describe(hunk: PendingHunk, compromise: str, limit: int = 70) -> str:
    """A one-line description a negotiator reads: what the change does, in quotes."""
    deleted = _clip(hunk.hunk.deleted(compromise), limit)
    added = _clip(hunk.hunk.text, limit)
    if hunk.hunk.op == "insert":
        action = f"add “{added}”"
    elif hunk.hunk.op == "delete":
        action = f"delete “{deleted}”"
    else:
        action = f"replace “{deleted}” with “{added}”"
    notes = []
    if hunk.conflict_with:
        others = ", ".join(hunk_tag(other).lstrip("⚠") for other in hunk.conflict_with)
        notes.append(f"conflicts with {others}")
    if hunk.agreed_by:
        notes.append("also proposed by " + ", ".join(hunk.agreed_by))
    suffix = f" ({'; '.join(notes)})" if notes else ""
    return f"{hunk.stakeholder} {hunk.number}: {action}{suffix}"


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split()) if text.strip() else text
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def write_review(
    edit: QTextEdit, compromise: str, hunks: Sequence[PendingHunk], palette: QPalette
) -> tuple[DisplayMap, list[ShownHunk]]:
    """Lay the review text out in `edit`; returns its map and where each hunk is shown."""
    points = sorted(
        {0, len(compromise)} | {h.hunk.base_start for h in hunks} | {h.hunk.base_end for h in hunks}
    )
    anchored: dict[int, list[PendingHunk]] = {}
    for hunk in hunks:
        anchored.setdefault(hunk.hunk.base_end, []).append(hunk)
    ops: list[DiffOp] = []
    formats: list[QTextCharFormat] = []
    starts: dict[int, int] = {}  # hunk index -> display start
    ends: dict[int, int] = {}
    position = 0
    plain = QTextCharFormat()
    index_of = {id(hunk): i for i, hunk in enumerate(hunks)}

    def emit(op: str, text: str, a_start: int, a_end: int, fmt: QTextCharFormat) -> None:
        nonlocal position
        if text:
            ops.append(DiffOp(op, text, a_start, a_end, 0, 0))
            formats.append(fmt)
            position += len(text)

    for i, point in enumerate(points):
        for hunk in anchored.get(point, []):
            number = index_of[id(hunk)]
            starts.setdefault(number, position)
            emit("insert", hunk.hunk.text, point, point, _added_format(hunk, palette))
            tag = hunk_tag(hunk, TAG_NAME_LIMIT)  # the whole name is in the list of changes
            emit("insert", "\u2009" + tag, point, point, _tag_format(hunk, palette))
            ends[number] = position
        if i + 1 == len(points):
            break
        segment_end = points[i + 1]
        deleters = [
            h
            for h in hunks
            if h.hunk.base_start <= point
            and segment_end <= h.hunk.base_end
            and h.hunk.base_end > h.hunk.base_start
        ]
        for hunk in deleters:
            starts.setdefault(index_of[id(hunk)], position)
        text = compromise[point:segment_end]
        if deleters:
            emit("delete", text, point, segment_end, _struck_format(deleters, palette))
        else:
            emit("equal", text, point, segment_end, plain)

    document = edit.document()
    document.clear()
    set_direction(edit, compromise)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for op, fmt in zip(ops, formats, strict=True):
        cursor.insertText(op.text, fmt)
    cursor.endEditBlock()
    shown = [
        ShownHunk(hunk, starts.get(i, 0), ends.get(i, starts.get(i, 0)))
        for i, hunk in enumerate(hunks)
    ]
    return DisplayMap(ops), shown


def _added_format(hunk: PendingHunk, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(stakeholder_colour(hunk.stakeholder_id, palette))
    fmt.setBackground(stakeholder_tint(hunk.stakeholder_id, palette))
    fmt.setFontUnderline(True)
    if hunk.conflict_with:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(CONFLICT_COLOUR)
    return fmt


def _tag_format(hunk: PendingHunk, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(
        CONFLICT_COLOUR if hunk.conflict_with else stakeholder_colour(hunk.stakeholder_id, palette)
    )
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt


def _struck_format(deleters: Sequence[PendingHunk], palette: QPalette) -> QTextCharFormat:
    first = deleters[0]
    fmt = QTextCharFormat()
    fmt.setForeground(stakeholder_colour(first.stakeholder_id, palette))
    fmt.setBackground(stakeholder_tint(first.stakeholder_id, palette))
    fmt.setFontStrikeOut(True)
    if len({h.stakeholder_id for h in deleters}) > 1 or any(h.conflict_with for h in deleters):
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(CONFLICT_COLOUR)
    return fmt
