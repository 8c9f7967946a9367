"""Segments of a change written as Word tracked changes or as a manual redline, line by line.

Tracked: inserted text in w:ins, deleted text in w:del (w:delText), each with an id unique in
the document, the author and the date, so that Accept All gives the new text and Reject All the
base. A newline that was inserted or deleted is a paragraph mark, tracked through the mark's
own run properties (w:pPr/w:rPr/w:ins|w:del): that is what keeps Accept/Reject exact across
the lines of a multi-line text. Redline: the same change as struck and underlined words, for
readers who print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from enum import StrEnum

from lxml import etree

from workbench.exporting.ooxml import W
from workbench.exporting.rows import Segment, SegmentKind
from workbench.exporting.runs import (
    PLAIN,
    STRUCK,
    UNDERLINED,
    Fonts,
    RunStyle,
    TextCleaner,
    append_runs,
    is_rtl_text,
    paragraph,
)

# Shown in place of a deleted line break in a manual redline: struck, so a reader (and our
# importer) sees the break is gone while the base text keeps its words.
DELETED_BREAK = "¶"


class ChangeStyle(StrEnum):
    TRACKED = "tracked"
    REDLINE = "redline"
    PLAIN = "plain"  # the new text only


class RevisionIds:
    """Hands out w:id values for w:ins / w:del, unique across the whole document."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return str(self.count)


def word_date(at: str) -> str:
    """ISO 8601 as Word wants it, 'YYYY-MM-DDTHH:MM:SSZ' in UTC; "" if unreadable."""
    if not at:
        return ""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # storage writes UTC
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ChangeWriter:
    """Writes texts and changes into a cell or the body; shares ids, fonts and cleaning."""

    def __init__(self, fonts: Fonts, ids: RevisionIds, cleaner: TextCleaner) -> None:
        self.fonts = fonts
        self.ids = ids
        self.clean = cleaner

    def text(
        self,
        parent: etree._Element,
        text: str,
        style: RunStyle = PLAIN,
        *,
        paragraph_style: str = "",
    ) -> None:
        """Plain text, one w:p per line (a cell needs at least one w:p, even when empty)."""
        for line in self.clean(text).split("\n"):
            p = paragraph(parent, style=paragraph_style, bidi=is_rtl_text(line))
            append_runs(p, line, self.fonts, style)

    def change(
        self, parent: etree._Element, segments: Sequence[Segment], mode: ChangeStyle
    ) -> None:
        """A change, one w:p per line of the text, as tracked changes or redline."""
        if mode is ChangeStyle.PLAIN:
            self.text(parent, "".join(s.text for s in segments if s.kind != SegmentKind.DELETED))
            return
        lines = list(_lines(segments, mode))
        if not lines:
            lines = [([], None)]
        for pieces, mark in lines:
            visible = "".join(s.text for s in pieces if s.kind != SegmentKind.DELETED)
            p = paragraph(parent, bidi=is_rtl_text(visible or "".join(s.text for s in pieces)))
            if mark is not None and mode is ChangeStyle.TRACKED:
                self._mark_revision(p, mark)
            for piece in pieces:
                self._piece(p, piece, mode)

    def _piece(self, p: etree._Element, piece: Segment, mode: ChangeStyle) -> None:
        text = self.clean(piece.text)
        if piece.kind == SegmentKind.EQUAL:
            append_runs(p, text, self.fonts)
        elif mode is ChangeStyle.REDLINE:
            style = STRUCK if piece.kind == SegmentKind.DELETED else UNDERLINED
            append_runs(p, text, self.fonts, style)
        else:
            wrapper = etree.SubElement(p, W.ins if piece.kind == SegmentKind.INSERTED else W.delete)
            self._revision_attributes(wrapper, piece)
            append_runs(wrapper, text, self.fonts, deleted=piece.kind == SegmentKind.DELETED)

    def _mark_revision(self, p: etree._Element, mark: Segment) -> None:
        ppr = p.find(W.pPr)
        if ppr is None:
            ppr = etree.SubElement(p, W.pPr)
        rpr = etree.SubElement(ppr, W.rPr)  # last child of pPr, as the schema wants
        tag = W.ins if mark.kind == SegmentKind.INSERTED else W.delete
        self._revision_attributes(etree.SubElement(rpr, tag), mark)

    def _revision_attributes(self, element: etree._Element, segment: Segment) -> None:
        element.set(W.id, self.ids.next())
        element.set(W.author, self.clean(segment.author) or "Unknown")
        date = word_date(segment.at)
        if date:
            element.set(W.date, date)


def _lines(
    segments: Iterable[Segment], mode: ChangeStyle
) -> Iterable[tuple[list[Segment], Segment | None]]:
    """Cut segments at newlines: each line's pieces and how its paragraph mark changed."""
    pieces: list[Segment] = []
    for segment in segments:
        parts = segment.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                if mode is ChangeStyle.REDLINE and segment.kind == SegmentKind.DELETED:
                    # The line goes on: the break is gone in the new text.
                    pieces.append(Segment(SegmentKind.DELETED, DELETED_BREAK))
                else:
                    yield pieces, (None if segment.kind == SegmentKind.EQUAL else segment)
                    pieces = []
            if part:
                pieces.append(Segment(segment.kind, part, segment.author, segment.at))
    yield pieces, None
