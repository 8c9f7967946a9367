"""Word's tracked changes as spans of a text, and the texts they make once accepted or rejected.

The OOXML layer reads a paragraph (or cell) with its tracked changes as ONE text holding every
word of every version: inserted words and deleted words both stay in it, each covered by a
`TrackedSpan` naming its `Revision` (one w:ins, w:del, w:moveFrom or w:moveTo element, a
paragraph mark's or a table row's). The recognisers read that text like any other (labels,
headings, sub-items), and the spans travel with it through every cut and join, as redline marks
do. Afterwards `view` gives the text as it reads with a chosen set of revisions accepted and the
rest rejected: with none accepted, the draft; with one author's, that author's proposal.

A character is in a view when every insertion covering it is accepted and no deletion covering
it is. That is Word's rule for nested changes too: words B deleted inside A's insertion are
gone only when both are accepted, and go with A's insertion when it is rejected.
A revision that touches no text (an empty insertion, a paragraph mark absorbed by a whole
paragraph) is a span of no width: it changes no view, and says where the change was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from workbench.model import Mark

INSERTED, DELETED = "inserted", "deleted"
# What a revision marks: words, a paragraph's end (its mark), a table row or cell, or
# the struck and underlined words of a manual redline read as one author's changes.
TEXT, PARAGRAPH, ROW, CELL, REDLINE = "text", "paragraph", "row", "cell", "redline"


@dataclass(frozen=True)
class Revision:
    """One tracked change as Word's reviewing pane counts it: one w:ins/w:del element."""

    serial: int  # unique in the document, 1, 2, 3 ... in reading order
    kind: str  # INSERTED or DELETED (a move is a deletion where it was, an insertion where it is)
    author: str  # w:author as written ("" when Word left none)
    date: str  # w:date as written (ISO 8601), "" when Word left none
    part: str = TEXT  # TEXT, PARAGRAPH, ROW, CELL or REDLINE
    moved: bool = False  # from w:moveFrom / w:moveTo
    word_id: str = ""  # its w:id as written (not always unique in files other tools wrote)


@dataclass(frozen=True)
class TrackedSpan:
    """Characters start:end of a text that `revision` inserted or deleted."""

    start: int
    end: int
    revision: Revision


Accepts = Callable[[Revision], bool]
_WORD_DATE = re.compile(r"^(\d{4})-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z?$")


def word_date(value: str | None) -> str:
    """A w:date as written, or "" when it says nothing (LibreOffice writes year 0 for none)."""
    match = _WORD_DATE.match(value or "")
    return value or "" if match and int(match.group(1)) >= 1900 else ""


def reject_all(_: Revision) -> bool:
    return False


def kept(length: int, spans: Iterable[TrackedSpan], accepts: Accepts) -> list[bool]:
    """Per character of a text of `length`: whether it is in the view `accepts` chooses."""
    keep = [True] * length
    for span in spans:
        if span.start >= span.end:
            continue
        accepted = accepts(span.revision)
        gone = not accepted if span.revision.kind == INSERTED else accepted
        if gone:
            keep[span.start : span.end] = [False] * (span.end - span.start)
    return keep


def normalised_indexes(text: str, keep: Sequence[bool]) -> list[int]:
    """The offsets of `text` a view keeps, white space then tidied as `TextBuilder` tidies it.

    Runs of spaces become one, no space at a line's start or end, no more than one blank line,
    nothing blank at either end: what reading the accepted runs directly would have given.
    """
    out: list[int] = []
    for index, char in enumerate(text):
        if not keep[index]:
            continue
        last = text[out[-1]] if out else "\n"
        if char == " ":
            if last in " \n":
                continue
        elif char == "\n":
            if not out:
                continue
            if last == " ":
                out.pop()
                last = text[out[-1]] if out else "\n"
                if not out:
                    continue
            if last == "\n" and len(out) >= 2 and text[out[-2]] == "\n":
                continue
        out.append(index)
    while out and text[out[-1]] in " \n":
        out.pop()
    return out


def view_indexes(text: str, spans: Sequence[TrackedSpan], accepts: Accepts) -> list[int]:
    """Offsets of `text` that make its view with the revisions `accepts` chooses."""
    return normalised_indexes(text, kept(len(text), spans, accepts))


def view(text: str, spans: Sequence[TrackedSpan], accepts: Accepts) -> str:
    """The text with the revisions `accepts` chooses accepted and every other one rejected."""
    if not any(span.start < span.end for span in spans):
        return text
    return "".join(text[index] for index in view_indexes(text, spans, accepts))


def project_marks(marks: Sequence[Mark], indexes: Sequence[int]) -> tuple[Mark, ...]:
    """Redline marks of a text, moved to where they stand in a view made of `indexes`.

    An underlined stretch keeps the part of it the view kept; a struck mark (no width) goes
    where its place went. Marks whose every character is gone are dropped.
    """
    if not marks:
        return ()
    position = {offset: new for new, offset in enumerate(indexes)}
    moved: list[Mark] = []
    for mark in marks:
        if mark.start == mark.end:
            at = _first_at_or_after(indexes, mark.start)
            moved.append(replace(mark, start=at, end=at))
            continue
        inside = [position[o] for o in range(mark.start, mark.end) if o in position]
        if inside:
            moved.append(replace(mark, start=inside[0], end=inside[-1] + 1))
    return tuple(moved)


def _first_at_or_after(indexes: Sequence[int], offset: int) -> int:
    low, high = 0, len(indexes)
    while low < high:
        middle = (low + high) // 2
        if indexes[middle] < offset:
            low = middle + 1
        else:
            high = middle
    return low


def text_spans(spans: Iterable[TrackedSpan]) -> list[TrackedSpan]:
    """The spans that cover words (those of no width only say where a change was)."""
    return [span for span in spans if span.start < span.end]


def wholly(text: str, spans: Iterable[TrackedSpan], kind: str) -> bool:
    """Whether every visible character of a non-empty text is covered by spans of `kind`."""
    if not text.strip():
        return False
    covered = [False] * len(text)
    for span in spans:
        if span.revision.kind == kind and span.start < span.end:
            covered[span.start : span.end] = [True] * (span.end - span.start)
    return all(covered[i] for i, char in enumerate(text) if not char.isspace())


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def shifted(spans: Iterable[S], by: int) -> tuple[S, ...]:
    """Spans moved `by` characters (a prefix written before their text)."""
    return tuple(replace(span, start=span.start + by, end=span.end + by) for span in spans)  # type: ignore[type-var]


def sliced(spans: Iterable[S], start: int, end: int) -> tuple[S, ...]:
    """The spans of text[start:end], clipped to it and counted from `start`.

    A span wholly outside keeps its place as a span of no width at the nearer edge: the
    change (or comment) was there, a paragraph's typed number cut off as its label, so it is
    not lost.
    """
    out = []
    for span in spans:
        clipped_start = min(max(span.start, start), end) - start
        clipped_end = min(max(span.end, start), end) - start
        out.append(replace(span, start=clipped_start, end=max(clipped_start, clipped_end)))  # type: ignore[type-var]
    return tuple(out)
