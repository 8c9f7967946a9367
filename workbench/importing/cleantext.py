"""Clean text from redlined runs: struck words leave, underlined ones stay, both become marks.

Runs of spaces are collapsed ("and  wish" once "acknowledge" is struck becomes "and wish") while
newlines stay; mark offsets are kept right through every collapse and trim. Word's tracked
changes are not applied here: inserted and deleted words both stay in the text, covered by
`TrackedSpan`s (see `revisions`), which every cut and join below carries along like the marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from workbench.importing.revisions import INSERTED as _INSERTED
from workbench.importing.revisions import Revision, TrackedSpan, shifted, sliced, wholly
from workbench.model import Mark

_SPACES_RE = re.compile(r" {2,}")


class RunKind(StrEnum):
    NORMAL = "normal"
    ADDED = "added"  # underlined in a manual redline
    DELETED = "deleted"  # struck through in a manual redline


@dataclass(frozen=True)
class CommentSpan:
    """Characters start:end of a text that Word comment `comment_id` is anchored to."""

    start: int
    end: int
    comment_id: str  # w:id of the comment in comments.xml


@dataclass(frozen=True)
class CellText:
    """A cell's (or paragraph's) clean text, its redline marks, tracked changes and comments.

    `spans` cover the words Word's tracked changes inserted or deleted (both stay in `text`);
    `comments` the words Word comments are anchored to. Every method keeps all three in step.
    """

    text: str
    marks: tuple[Mark, ...] = ()
    spans: tuple[TrackedSpan, ...] = ()
    comments: tuple[CommentSpan, ...] = ()

    def without_prefix(self, length: int) -> CellText:
        """The text less its first `length` characters (a label line), marks shifted."""
        marks = tuple(
            Mark(mark.kind, mark.start - length, mark.end - length, mark.text)
            for mark in self.marks
            if mark.start >= length
        )
        end = len(self.text)
        return CellText(
            self.text[length:],
            marks,
            sliced(self.spans, length, end),
            sliced(self.comments, length, end),
        )

    def with_prefix(self, prefix: str) -> CellText:
        """`prefix` written before the text (Word's list number), marks shifted."""
        shift = len(prefix)
        marks = tuple(replace(m, start=m.start + shift, end=m.end + shift) for m in self.marks)
        return CellText(
            prefix + self.text, marks, shifted(self.spans, shift), shifted(self.comments, shift)
        )

    def part(self, start: int, end: int) -> CellText:
        """text[start:end] with what lies in it (a line of a cell)."""
        marks = tuple(
            replace(m, start=m.start - start, end=min(m.end, end) - start)
            for m in self.marks
            if start <= m.start <= end and (m.start < end or m.start == m.end)
        )
        return CellText(
            self.text[start:end],
            marks,
            sliced(self.spans, start, end),
            sliced(self.comments, start, end),
        )

    def lines(self) -> list[CellText]:
        """One CellText a line, each with its own marks, changes and comments."""
        out = []
        start = 0
        for line in self.text.split("\n"):
            out.append(self.part(start, start + len(line)))
            start += len(line) + 1
        return out

    def squeezed(self) -> CellText:
        """White space collapsed to single spaces and trimmed, as `" ".join(text.split())`."""
        keep: list[int] = []
        for index, char in enumerate(self.text):
            if char.isspace() and (not keep or self.text[keep[-1]].isspace()):
                continue
            keep.append(index)
        while keep and self.text[keep[-1]].isspace():
            keep.pop()
        return self.kept(keep, replace_space=True)

    def kept(self, indexes: list[int], *, replace_space: bool = False) -> CellText:
        """The text made of the characters at `indexes` (in order), spans and marks moved."""
        position = {offset: new for new, offset in enumerate(indexes)}
        chars = [self.text[i] for i in indexes]
        if replace_space:
            chars = [" " if char.isspace() else char for char in chars]

        def moved(start: int, end: int) -> tuple[int, int]:
            inside = [position[o] for o in range(start, end) if o in position]
            if inside:
                return inside[0], inside[-1] + 1
            at = next((position[o] for o in range(start, len(self.text)) if o in position), None)
            at = len(indexes) if at is None else at
            return at, at

        marks = []
        for mark in self.marks:
            new_start, new_end = moved(mark.start, mark.end)
            if mark.start < mark.end and new_start == new_end:
                continue
            marks.append(replace(mark, start=new_start, end=new_end))
        spans = tuple(
            replace(span, start=a, end=b)
            for span in self.spans
            for a, b in [moved(span.start, span.end)]
        )
        comments = tuple(
            replace(comment, start=a, end=b)
            for comment in self.comments
            for a, b in [moved(comment.start, comment.end)]
        )
        return CellText("".join(chars), tuple(marks), spans, comments)

    @property
    def wholly_inserted(self) -> bool:
        """Every word of it is a tracked insertion: a paragraph (or row) Word's author added."""
        return bool(self.spans) and wholly(self.text, self.spans, _INSERTED)


class TextBuilder:
    """Accumulates runs into clean text and marks.

    `active` holds the tracked changes the walker is inside (an insertion, a deletion within
    it): every character added meanwhile is covered by a span of each. Comment ranges are
    opened and closed where Word's markers stand.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._last = "\n"  # as if at a line start: leading spaces are dropped
        self._marks: list[Mark] = []
        # Spaces since the last added mark ended (None once other text came): only spaces
        # between two underlined runs make them one mark ("is a central").
        self._gap: str | None = None
        self._newlines = 0  # consecutive newlines at the end: one blank line at most
        self.active: tuple[Revision, ...] = ()
        self._spans: list[TrackedSpan] = []
        self._open_span: dict[int, int] = {}  # revision serial -> its latest span's index
        self._comments: list[CommentSpan] = []
        self._open_comments: dict[str, int] = {}  # comment id -> where its range started

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
        if piece.startswith(" ") and self._last in " \n" and self._same_changes_as_last():
            piece = piece[1:]
        if not piece:
            return
        start = self._length
        self._parts.append(piece)
        self._length += len(piece)
        self._last = piece[-1]
        self._newlines = 0
        if self.active:
            self._cover(start, self._length)
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

    def _cover(self, start: int, end: int) -> None:
        """Characters start:end belong to every active tracked change."""
        for revision in self.active:
            index = self._open_span.get(revision.serial)
            if index is not None and self._spans[index].end == start:
                self._spans[index] = replace(self._spans[index], end=end)
            else:
                self._open_span[revision.serial] = len(self._spans)
                self._spans.append(TrackedSpan(start, end, revision))

    def _same_changes_as_last(self) -> bool:
        """Whether the character written last is in the tracked changes now active, and no
        other: only then is a space after it the same space. Two spaces of different changes
        both stay (each view keeps its own and tidies the pair), so rejecting one change never
        takes the other's space away."""
        if not self._spans and not self.active:
            return True
        if self._last == "\n":
            return True  # a line's leading space is gone in every view
        last = self._length
        covering = {s.revision.serial for s in self._spans if s.start < last <= s.end}
        return covering == {revision.serial for revision in self.active}

    def here(self, revision: Revision) -> None:
        """A change that added no characters here: a span of no width says where it was."""
        self._spans.append(TrackedSpan(self._length, self._length, revision))

    def covers_nothing(self, revision: Revision) -> bool:
        return revision.serial not in self._open_span and not any(
            span.revision.serial == revision.serial for span in self._spans
        )

    def comment_start(self, comment_id: str) -> None:
        self._open_comments.setdefault(comment_id, self._length)

    def comment_end(self, comment_id: str) -> bool:
        """Closes the comment's range if it opened here; False if it did not."""
        start = self._open_comments.pop(comment_id, None)
        if start is None:
            return False
        self._comments.append(CommentSpan(start, max(start, self._length), comment_id))
        return True

    def comment_point(self, comment_id: str) -> None:
        """A comment with no range of its own: anchored where its mark stands."""
        self._comments.append(CommentSpan(self._length, self._length, comment_id))

    def open_comments(self) -> list[str]:
        return list(self._open_comments)

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
        if self.active:
            self._cover(self._length - 1, self._length)

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
        length = self._length
        if any(span.end > length for span in self._spans):
            self._spans = [
                replace(span, start=min(span.start, length), end=min(span.end, length))
                for span in self._spans
            ]
        for comment_id, start in self._open_comments.items():
            self._open_comments[comment_id] = min(start, length)
        if any(comment.end > length for comment in self._comments):
            self._comments = [
                replace(c, start=min(c.start, length), end=min(c.end, length))
                for c in self._comments
            ]
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
        """The text so far; a comment range still open ends with it (it goes on in a later
        paragraph: anchored here, in the paragraph where it starts)."""
        text = "".join(self._parts).rstrip(" \n")
        if len(text) != self._length:
            self._length = len(text)
            length = self._length
            if (
                any(mark.end > length for mark in self._marks)
                or any(span.end > length for span in self._spans)
                or any(comment.end > length for comment in self._comments)
                or self._open_comments
            ):
                self._clamp_marks()
        for comment_id in list(self._open_comments):
            self.comment_end(comment_id)
        return CellText(text, tuple(self._marks), tuple(self._spans), tuple(self._comments))


def join_cells(
    cells: Sequence[CellText], separator: str = "\n", joint: Revision | None = None
) -> CellText:
    """Texts joined with `separator`, each one's marks, changes and comments shifted to where
    it now stands. `joint`: the tracked change the separators belong to (a paragraph mark
    Word's author inserted or deleted), if any."""
    texts: list[str] = []
    marks: list[Mark] = []
    spans: list[TrackedSpan] = []
    comments: list[CommentSpan] = []
    offset = 0
    for cell in cells:
        if texts:
            if joint is not None:
                spans.append(TrackedSpan(offset, offset + len(separator), joint))
            offset += len(separator)
        texts.append(cell.text)
        marks.extend(
            replace(mark, start=mark.start + offset, end=mark.end + offset) for mark in cell.marks
        )
        spans.extend(shifted(cell.spans, offset))
        comments.extend(shifted(cell.comments, offset))
        offset += len(cell.text)
    return CellText(separator.join(texts), tuple(marks), tuple(spans), tuple(comments))
