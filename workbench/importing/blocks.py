"""The first layer of reading: a Word body (or a text file) as blocks, knowing nothing of talks.

A `TextBlock` is one paragraph as Word shows it: its clean text with redline marks and tracked
changes (the run walk of `ooxml`), its style's name, its outline level (from the paragraph or
its style chain), and the list number Word draws before it, computed from numbering.xml
(`numbering.ListCounter`). A `TableBlock` is a table as rows of clean cells (`docx_tables`).
Plain text files give one TextBlock per non-empty line, with no style and no list number.
The recognisers in `profiles/` read these blocks and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.importing.cleantext import CellText, RunKind, TextBuilder
from workbench.importing.docx_tables import RawTable, TableStream
from workbench.importing.numbering import ListCounter, ListNumber, Numbering
from workbench.importing.ooxml import (
    ALTERNATE,
    CUSTOM_XML,
    PPR,
    SDT,
    SDT_CONTENT,
    TBL,
    P,
    child_val,
    int_or_none,
    paragraph_text,
    w,
)
from workbench.importing.styles import StyleSheet

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
    row_count: int = 0  # every w:tr, tracked deletions too
    shape_columns: int = 0  # its width as its grid and first row give it


Block = TextBlock | TableBlock


@dataclass(frozen=True)
class SourceDocument:
    """What the file holds, in reading order."""

    path: Path
    blocks: tuple[Block, ...]
    from_text_file: bool = False

    def tables(self) -> list[TableBlock]:
        return [block for block in self.blocks if isinstance(block, TableBlock)]

    def paragraphs(self) -> list[TextBlock]:
        return [block for block in self.blocks if isinstance(block, TextBlock)]


def text_blocks(path: Path, text: str) -> SourceDocument:
    """A plain text file: one block a non-empty line, runs of spaces collapsed like Word's."""
    blocks: list[Block] = []
    for raw in text.splitlines():
        builder = TextBuilder()
        builder.add(raw, RunKind.NORMAL)
        cell = builder.finish()
        if cell.text.strip():
            blocks.append(TextBlock(cell))
    return SourceDocument(path, tuple(blocks), from_text_file=True)


class _BodyReader:
    def __init__(self, styles: StyleSheet, numbering: Numbering, stream: TableStream) -> None:
        self.styles = styles
        self.counter = ListCounter(numbering)
        self.stream = stream
        self.tables = 0

    def blocks(self, container: etree._Element) -> Iterator[Block]:
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
                yield from self.blocks(child)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == ALTERNATE:
                branch = child.find(_CHOICE)
                if branch is None:
                    branch = child.find(_FALLBACK)
                if branch is not None:
                    yield from self.blocks(branch)

    def paragraph(self, element: etree._Element) -> TextBlock:
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
        text = paragraph_text(element, self.styles.run_kinds)
        # An empty list paragraph counts too, as in Word (the recognisers skip empty blocks).
        number = self.counter.number(num_id, level) if num_id is not None else None
        return TextBlock(
            text,
            style.name if style is not None else "",
            outline,
            number,
            style is not None and style.monospace,
        )


def docx_blocks(
    path: Path,
    body: etree._Element,
    styles: StyleSheet,
    numbering: Numbering,
    stream: TableStream,
) -> SourceDocument:
    """The body's blocks; its tables as the stream read them while parsing."""
    reader = _BodyReader(styles, numbering, stream)
    return SourceDocument(path, tuple(reader.blocks(body)))
