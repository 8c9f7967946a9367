"""Clean text from redlined runs: struck words leave, underlined ones stay, both become marks.

Runs of spaces are collapsed ("and  wish" once "acknowledge" is struck becomes "and wish") while
newlines stay; mark offsets are kept right through every collapse and trim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from workbench.model import Mark

_SPACES_RE = re.compile(r" {2,}")


class RunKind(StrEnum):
    NORMAL = "normal"
    ADDED = "added"  # underlined in a manual redline
    DELETED = "deleted"  # struck through in a manual redline


@dataclass(frozen=True)
class TrackedChange:
    """A Word tracked change, kept for the paragraph's history."""

    kind: str  # "inserted" or "deleted" (moves count as insert/delete)
    text: str
    author: str
    date: str  # w:date as written (ISO 8601), "" when Word left none


@dataclass(frozen=True)
class CellText:
    """A cell's (or statement paragraph's) clean text, its redline marks and tracked changes."""

    text: str
    marks: tuple[Mark, ...] = ()
    tracked: tuple[TrackedChange, ...] = ()

    def without_prefix(self, length: int) -> CellText:
        """The text less its first `length` characters (a label line), marks shifted."""
        marks = tuple(
            Mark(mark.kind, mark.start - length, mark.end - length, mark.text)
            for mark in self.marks
            if mark.start >= length
        )
        return CellText(self.text[length:], marks, self.tracked)

    def with_prefix(self, prefix: str) -> CellText:
        """`prefix` written before the text (Word's list number), marks shifted."""
        shift = len(prefix)
        marks = tuple(replace(m, start=m.start + shift, end=m.end + shift) for m in self.marks)
        return CellText(prefix + self.text, marks, self.tracked)


class TextBuilder:
    """Accumulates runs into clean text and marks."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._last = "\n"  # as if at a line start: leading spaces are dropped
        self._marks: list[Mark] = []
        # Spaces since the last added mark ended (None once other text came): only spaces
        # between two underlined runs make them one mark ("is a central").
        self._gap: str | None = None
        self._newlines = 0  # consecutive newlines at the end: one blank line at most
        self.tracked: list[TrackedChange] = []

    def add(self, text: str, kind: RunKind) -> None:
        if not text:
            return
        if kind is RunKind.DELETED:
            self._add_deleted(text)
            return
        first = True
        for piece in text.split("\n"):
            if not first:
                self.newline()
            first = False
            self._add_inline(piece, kind)

    def _add_inline(self, piece: str, kind: RunKind) -> None:
        if "  " in piece:
            piece = _SPACES_RE.sub(" ", piece)
        if piece.startswith(" ") and self._last in " \n":
            piece = piece[1:]
        if not piece:
            return
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        self._last = piece[-1]
        self._newlines = 0
        core = piece.strip(" ")
        if kind is not RunKind.ADDED or not core:
            # Only spaces between two underlined runs make them one mark ("is a central").
            if self._gap is not None and not core:
                self._gap += piece
            else:
                self._gap = None
            return
        lead = len(piece) - len(piece.lstrip(" "))
        trail = len(piece) - len(piece.rstrip(" "))
        core_start = start + lead
        gap = self._gap + piece[:lead] if self._gap is not None else None
        previous = self._marks[-1] if self._marks else None
        if (
            previous is not None
            and previous.kind == "added"
            and gap is not None
            and previous.end + len(gap) == core_start
        ):
            self._marks[-1] = Mark(
                "added", previous.start, core_start + len(core), previous.text + gap + core
            )
        else:
            self._marks.append(Mark("added", core_start, core_start + len(core), core))
        self._gap = " " * trail

    def _add_deleted(self, text: str) -> None:
        words = " ".join(text.split())
        if not words:
            return
        previous = self._marks[-1] if self._marks else None
        if previous is not None and previous.kind == "deleted" and previous.start == self._length:
            self._marks[-1] = Mark(
                "deleted", self._length, self._length, f"{previous.text} {words}"
            )
        else:
            self._marks.append(Mark("deleted", self._length, self._length, words))

    def newline(self) -> None:
        """Ends a line: trailing space trimmed, no leading or tripled newlines."""
        if self._last == " ":
            self._trim_one()
        if self._length == 0:
            return
        if self._newlines >= 2:
            return
        self._newlines += 1
        self._parts.append("\n")
        self._length += 1
        self._last = "\n"
        self._gap = None

    def _trim_one(self) -> None:
        self._parts[-1] = self._parts[-1][:-1]
        self._length -= 1
        self._last = self._parts[-1][-1] if self._parts[-1] else self._last_char()
        self._clamp_marks()

    def _last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return "\n"

    def _clamp_marks(self) -> None:
        self._marks = [
            replace(
                mark,
                start=min(mark.start, self._length),
                end=min(mark.end, self._length),
                text=mark.text if mark.end <= self._length else mark.text.rstrip(),
            )
            for mark in self._marks
        ]

    def finish(self) -> CellText:
        text = "".join(self._parts).rstrip(" \n")
        if len(text) != self._length:
            self._length = len(text)
            if any(mark.end > self._length for mark in self._marks):
                self._clamp_marks()
        return CellText(text, tuple(self._marks), tuple(self.tracked))


def join_cells(cells: list[CellText]) -> CellText:
    """Texts joined with newlines, each one's marks shifted to where it now stands."""
    texts: list[str] = []
    marks: list[Mark] = []
    tracked: list[TrackedChange] = []
    offset = 0
    for cell in cells:
        if texts:
            offset += 1
        texts.append(cell.text)
        marks.extend(
            replace(mark, start=mark.start + offset, end=mark.end + offset) for mark in cell.marks
        )
        tracked.extend(cell.tracked)
        offset += len(cell.text)
    return CellText("\n".join(texts), tuple(marks), tuple(tracked))
