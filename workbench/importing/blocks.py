"""The first layer of reading: a Word body (or a text file) as blocks, knowing nothing of talks.

A `TextBlock` is one paragraph as Word shows it: its clean text with redline marks, tracked
changes and comment ranges (the run walk of `ooxml`), its style's name, its outline level (from
the paragraph or its style chain), and the list number Word draws before it, computed from
numbering.xml (`numbering.ListCounter`). A `TableBlock` is a table as rows of clean cells
(`docx_tables`). Plain text files give one TextBlock per non-empty line, with no style and no
list number. The recognisers in `profiles/` read these blocks and nothing else.

Paragraph marks Word's author inserted or deleted shape the blocks as the draft has them:
- a paragraph whose words are all inserted (or all deleted) is a block of its own, a paragraph
  added (or taken away); the mark before or after it that went with it is part of that change;
- otherwise the mark joins two paragraphs into one block, the newline between them covered by
  the change: a paragraph split by the author (or two joined) is one paragraph of the draft.
A paragraph the author added does not advance Word's list counters (the draft's numbers are
the ones negotiators cite); it shows the number it would take.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.importing.cleantext import CellText, RunKind, TextBuilder, join_cells
from workbench.importing.docx_tables import RawTable, TableStream
from workbench.importing.numbering import ListCounter, ListNumber, Numbering
from workbench.importing.ooxml import (
    ALTERNATE,
    COMMENT_END,
    COMMENT_START,
    CUSTOM_XML,
    PPR,
    SDT,
    SDT_CONTENT,
    TBL,
    P,
    ReadState,
    child_val,
    int_or_none,
    mark_revision,
    paragraph_text,
    w,
)
from workbench.importing.revisions import Revision, TrackedSpan, wholly
from workbench.importing.styles import StyleSheet
from workbench.importing.text_tables import text_table
from workbench.importing.word_comments import WordComment

_VAL = w("val")
_CHOICE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class TextBlock:
    text: CellText
    style: str = ""  # the paragraph style's name ("heading 2", "Reg_H_1_G"), "" for none
    outline_level: int | None = None  # 0 = top heading (Heading 1); None for body text
    number: ListNumber | None = None  # Word's automatic number, None when there is none
    verbatim: bool = False  # its style sets it in a typewriter font (code, a fixed layout)


@dataclass(frozen=True)
class TableBlock:
    table: RawTable
    index: int  # 0-based among the body's tables
    row_count: int = 0  # every w:tr
    shape_columns: int = 0  # its width as its grid and first row give it


Block = TextBlock | TableBlock


@dataclass(frozen=True)
class SourceDocument:
    """What the file holds, in reading order."""

    path: Path
    blocks: tuple[Block, ...]
    from_text_file: bool = False
    # Every tracked change met, in the order met (`revisions.Revision`); formatting-only
    # changes (w:rPrChange, w:pPrChange ...) are counted by their element's name, apart.
    revisions: tuple[Revision, ...] = ()
    formatting_changes: tuple[tuple[str, int], ...] = ()
    comments: tuple[WordComment, ...] = ()  # comments.xml, each reply knowing its parent
    # When the workbench made it, if it is a workbench export (its identifier says so)
    exported_at: str | None = None

    def tables(self) -> list[TableBlock]:
        return [block for block in self.blocks if isinstance(block, TableBlock)]

    def paragraphs(self) -> list[TextBlock]:
        return [block for block in self.blocks if isinstance(block, TextBlock)]


def text_blocks(path: Path, text: str) -> SourceDocument:
    """A plain text file: one block a non-empty line, runs of spaces collapsed like Word's; a
    table Word converted to text (`text_tables`) is that table again."""
    blocks: list[Block] = []
    converted = text_table(text)
    if converted is not None:
        before, table = converted
        lines = [*before]
        table_block = TableBlock(table, 0, len(table.rows), table.columns)
    else:
        lines, table_block = text.splitlines(), None
    for raw in lines:
        builder = TextBuilder()
        builder.add(raw, RunKind.NORMAL)
        cell = builder.finish()
        if cell.text.strip():
            blocks.append(TextBlock(cell))
    if table_block is not None:
        blocks.append(table_block)
    return SourceDocument(path, tuple(blocks), from_text_file=True)


@dataclass
class _Paragraph:
    """A body paragraph as read, before marks join paragraphs and lists are counted."""

    text: CellText
    mark: Revision | None  # the tracked change of its mark (its end), if any
    style: str
    outline: int | None
    num_id: str | None
    level: int
    verbatim: bool


class _BodyReader:
    def __init__(
        self, styles: StyleSheet, numbering: Numbering, stream: TableStream, state: ReadState
    ) -> None:
        self.styles = styles
        self.counter = ListCounter(numbering)
        self.stream = stream
        self.state = state
        self.tables = 0

    def items(self, container: etree._Element) -> Iterator[_Paragraph | TableBlock]:
        for child in container:
            tag = child.tag
            if tag == P:
                yield self.paragraph(child)
            elif tag == TBL:
                table = self.stream.table_of(child)
                if table is not None:
                    yield TableBlock(
                        table.raw(), self.tables, table.row_count, table.first_columns()
                    )
                    self.tables += 1
            elif tag in (SDT_CONTENT, CUSTOM_XML):
                yield from self.items(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.items(content)
            elif tag == ALTERNATE:
                branch = child.find(_CHOICE)
                if branch is None:
                    branch = child.find(_FALLBACK)
                if branch is not None:
                    yield from self.items(branch)
            elif tag == COMMENT_START:
                # A comment's range opening between paragraphs: it starts with the next one.
                comment_id = child.get(w("id"))
                if comment_id is not None:
                    self.state.waiting.append(comment_id)
                    self.state.anchored.add(comment_id)
            elif tag == COMMENT_END:
                pass  # between paragraphs: the range ended with the paragraph before

    def paragraph(self, element: etree._Element) -> _Paragraph:
        ppr = element.find(PPR)
        style_id = child_val(ppr, "pStyle")
        style = self.styles.paragraph(style_id)
        outline = int_or_none(child_val(ppr, "outlineLvl"))
        if outline is None or not 0 <= outline < 9:
            outline = style.outline_level if style is not None else None
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = child_val(num_pr, "numId")
        level = int_or_none(child_val(num_pr, "ilvl"))
        if num_id is None and style is not None:
            num_id = style.num_id
        if level is None:
            level = style.num_level if style is not None and style.num_level is not None else 0
        text = paragraph_text(element, self.styles.run_kinds, self.state)
        return _Paragraph(
            text,
            mark_revision(element, self.state),
            style.name if style is not None else "",
            outline,
            num_id,
            level,
            style is not None and style.monospace,
        )

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        """The body's blocks: paragraphs joined where their marks say, lists counted."""
        for item in _joined(list(self.items(container))):
            if isinstance(item, TableBlock):
                yield item
                continue
            number = None
            if item.num_id is not None:
                # An empty list paragraph counts too, as in Word (the recognisers skip empty
                # blocks); one the author added is not in the draft and counts nothing.
                if item.text.wholly_inserted:
                    number = self.counter.peek(item.num_id, item.level)
                else:
                    number = self.counter.number(item.num_id, item.level)
            yield TextBlock(item.text, item.style, item.outline, number, item.verbatim)


def _here(text: CellText, revision: Revision, *, at_end: bool) -> CellText:
    """`text` with a span of no width saying `revision` (a paragraph mark) was at its end or
    start: the mark went with the paragraph added or taken away."""
    at = len(text.text) if at_end else 0
    span = TrackedSpan(at, at, revision)
    return CellText(text.text, text.marks, (*text.spans, span), text.comments)


def _joined(items: list[_Paragraph | TableBlock]) -> list[_Paragraph | TableBlock]:
    """Paragraphs joined where a tracked mark change makes them one paragraph of the draft."""
    out: list[_Paragraph | TableBlock] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, TableBlock):
            out.append(item)
            continue
        while item.mark is not None:
            mark = item.mark
            following = items[index] if index < len(items) else None
            item.mark = None
            if not isinstance(following, _Paragraph) or wholly(
                item.text.text, item.text.spans, mark.kind
            ):
                # The paragraph itself was added or taken away with its mark, or no paragraph
                # follows in this container: the mark's change is this paragraph's.
                item.text = _here(item.text, mark, at_end=True)
                break
            if not item.text.text.strip() or wholly(
                following.text.text, following.text.spans, mark.kind
            ):
                # The paragraph after it is the one added (or taken away), or this one is
                # empty: the mark goes with the paragraph after.
                following.text = _here(following.text, mark, at_end=False)
                break
            # A paragraph split by the author (or two joined): one paragraph of the draft. The
            # space each paragraph's edge lost in reading comes back between them, so the
            # joined text does not glue two words ("instead. For this", not "instead.For").
            text = item.text
            if not text.text[-1:].isspace() and not following.text.text[:1].isspace():
                text = join_cells([text, CellText("")], " ")
            item.text = join_cells([text, following.text], "\n", joint=mark)
            item.mark = following.mark
            index += 1
        out.append(item)
    return out


def docx_blocks(
    path: Path,
    body: etree._Element,
    styles: StyleSheet,
    numbering: Numbering,
    stream: TableStream,
    formatting_changes: tuple[tuple[str, int], ...] = (),
) -> SourceDocument:
    """The body's blocks; its tables as the stream read them while parsing."""
    reader = _BodyReader(styles, numbering, stream, stream.state)
    blocks = tuple(reader.blocks(body))
    return SourceDocument(
        path, blocks, revisions=tuple(stream.state.revisions), formatting_changes=formatting_changes
    )
