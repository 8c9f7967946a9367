"""Changes laid into a text, in place: the merge pane's review and a proposal pane's redline.

Each change shows where it applies: the words it replaces struck through (for a conflict: the
compromise's own words, kept, with a wavy red line under them), its own words underlined right
after, then a small tag naming it ("GC 2"), all in its stakeholder's colour. A tag says how the
change stands: "✓" accepted, "✗" rejected, "⚠" in conflict; decided ones are greyed. The layout
is recorded as diff ops (struck and kept text are the laid text, added words and tags are
insertions), so the same `DisplayMap` the panes use maps it back to the text it was laid into.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui.redline import DisplayMap, set_direction, stakeholder_colour, stakeholder_tint
from workbench.diff import DiffOp
from workbench.model import ChangeState
from workbench.paragraph_state import Change
from workbench.wording import quoted

CONFLICT_COLOUR = QColor("#d0312d")
DECIDED_COLOUR = QColor("#8a8a8a")
TAG_NAME_LIMIT = 16  # characters of a tag inside the text (the list names changes in full)
_MARKS = {
    ChangeState.ACCEPTED: " ✓",
    ChangeState.REJECTED: " ✗",
    ChangeState.CONFLICT: "",
    ChangeState.PENDING: "",
}


class Laid(NamedTuple):
    """A change laid into a text: text[start:end] is what it replaces there."""

    key: str  # the change's id
    start: int
    end: int
    text: str  # the words it puts there
    tag: str  # "GC 2"
    stakeholder_id: int
    state: ChangeState


class Shown(NamedTuple):
    """Where a laid change sits in the shown document."""

    key: str
    display_start: int
    display_end: int


def short_tag(change_id: str, limit: int = TAG_NAME_LIMIT) -> str:
    """ "GC 1"; a longer name is cut short ("Group of 77 and… 1"), the number kept."""
    name, _, number = change_id.rpartition(" ")
    if not name or len(name) <= limit:
        return change_id
    return f"{name[: limit - 1].rstrip()}… {number}"


def tag_text(laid: Laid) -> str:
    warning = "⚠" if laid.state is ChangeState.CONFLICT else ""
    return f"\u2009{warning}{short_tag(laid.tag)}{_MARKS[laid.state]}"


def in_compromise(change: Change) -> Laid:
    """A change as the merge pane lays it into the compromise."""
    return _laid(change, change.start, change.end, change.taken)


def in_base(change: Change) -> Laid:
    """A change as its proposal's pane lays it into the base it amends."""
    return _laid(change, change.base_start, change.base_end, change.text)


def _laid(change: Change, start: int, end: int, words: str) -> Laid:
    return Laid(change.id, start, end, words, change.id, change.stakeholder_id, change.state)


def write_laid(
    edit: QTextEdit, text: str, laid: Sequence[Laid], palette: QPalette
) -> tuple[DisplayMap, list[Shown]]:
    """Lay `text` out in `edit` with the changes in place; its map and where each change is."""
    points = sorted({0, len(text)} | {c.start for c in laid} | {c.end for c in laid})
    anchored: dict[int, list[int]] = {}
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, change in enumerate(laid):
        anchored.setdefault(change.end, []).append(index)
        if change.end > change.start:
            opening.setdefault(change.start, []).append(index)
            closing.setdefault(change.end, []).append(index)
    ops: list[DiffOp] = []
    tags: list[int] = []  # the ops that name a change
    formats: list[QTextCharFormat] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    covered: dict[tuple[int, ...], QTextCharFormat] = {}  # one format a set of changes
    active: dict[int, None] = {}  # changes whose words the current stretch is (in order)
    position = 0
    plain = QTextCharFormat()

    def emit(op: str, words: str, a_start: int, a_end: int, fmt: QTextCharFormat) -> None:
        nonlocal position
        if words:
            ops.append(DiffOp(op, words, a_start, a_end, 0, 0))
            formats.append(fmt)
            position += len(words)

    for i, point in enumerate(points):
        for index in closing.get(point, ()):
            active.pop(index, None)
        for index in anchored.get(point, ()):
            change = laid[index]
            starts.setdefault(index, position)
            emit("insert", change.text, point, point, _added_format(change, palette))
            tags.append(len(ops))
            emit("insert", tag_text(change), point, point, _tag_format(change, palette))
            ends[index] = position
        if i + 1 == len(points):
            break
        for index in opening.get(point, ()):
            active[index] = None
        segment_end = points[i + 1]
        words = text[point:segment_end]
        if active:
            key = tuple(active)
            for index in key:
                starts.setdefault(index, position)
            fmt = covered.get(key)
            if fmt is None:
                fmt = covered[key] = _covered_format([laid[i] for i in key], palette)
            emit("delete", words, point, segment_end, fmt)
        else:
            emit("equal", words, point, segment_end, plain)

    document = edit.document()
    document.clear()
    set_direction(edit, text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for op, fmt in zip(ops, formats, strict=True):
        cursor.insertText(op.text, fmt)
    cursor.endEditBlock()
    shown = [
        Shown(change.key, starts.get(i, 0), ends.get(i, starts.get(i, 0)))
        for i, change in enumerate(laid)
    ]
    return DisplayMap(ops, tags), shown


def _decided(change: Laid) -> bool:
    return change.state in (ChangeState.ACCEPTED, ChangeState.REJECTED)


def _added_format(change: Laid, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if _decided(change):
        fmt.setForeground(DECIDED_COLOUR)
    else:
        fmt.setForeground(stakeholder_colour(change.stakeholder_id, palette))
        fmt.setBackground(stakeholder_tint(change.stakeholder_id, palette))
    fmt.setFontUnderline(True)
    if change.state is ChangeState.CONFLICT:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(CONFLICT_COLOUR)
    return fmt


def _tag_format(change: Laid, palette: QPalette) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if change.state is ChangeState.CONFLICT:
        fmt.setForeground(CONFLICT_COLOUR)
    elif _decided(change):
        fmt.setForeground(DECIDED_COLOUR)
    else:
        fmt.setForeground(stakeholder_colour(change.stakeholder_id, palette))
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt


def _covered_format(covering: Sequence[Laid], palette: QPalette) -> QTextCharFormat:
    """Words one or more changes replace: struck (a pending change would take them out), or
    kept with a wavy line (the compromise's own words where a proposal wanted others)."""
    fmt = QTextCharFormat()
    first = covering[0]
    if all(c.state is ChangeState.CONFLICT for c in covering):
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(CONFLICT_COLOUR)
        return fmt
    if all(_decided(c) for c in covering):
        fmt.setForeground(DECIDED_COLOUR)
    else:
        fmt.setForeground(stakeholder_colour(first.stakeholder_id, palette))
        fmt.setBackground(stakeholder_tint(first.stakeholder_id, palette))
    fmt.setFontStrikeOut(True)
    if len({c.stakeholder_id for c in covering}) > 1 or any(
        c.state is ChangeState.CONFLICT for c in covering
    ):
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(CONFLICT_COLOUR)
    return fmt


def describe(change: Change, limit: int = 70, named: int | None = None) -> str:
    """One line a negotiator reads: the id, how it stands, what it does, with whom it clashes.
    `named`: how many other changes a note names before it says how many more (all if None)."""
    removed = _clip(change.base_text, limit)
    added = _clip(change.text, limit)
    if change.kind == "insert":
        action = f"add {quoted(added)}"
    elif change.kind == "delete":
        action = f"delete {quoted(removed)}"
    else:
        action = f"replace {quoted(removed)} with {quoted(added)}"
    notes = []
    if change.state is ChangeState.CONFLICT:
        notes.append(f"the compromise has {quoted(_clip(change.compromise_text, limit))}")
    if change.rivals:
        notes.append("rival of " + _ids(change.rivals, named))
    if len(change.proposers) > 1:
        notes.append("also " + _ids(change.ids[1:], named))
    suffix = f" ({'; '.join(notes)})" if notes else ""
    return f"{change.id} · {change.state} · {action}{suffix}"


def _ids(ids: Sequence[str], named: int | None) -> str:
    """ "AM 1830 1, AM 1834 1"; "AM 1830 1 and 3 more" when only one is `named`."""
    if named is None or len(ids) <= named:
        return ", ".join(ids)
    return f"{', '.join(ids[:named])} and {len(ids) - named} more"


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split()) if text.strip() else text
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
