"""From a file on disk to an ImportedDocument (or a preview of its table): no storage involved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument, docx_blocks
from workbench.importing.columns import (
    ColumnLayout,
    ColumnOverride,
    ColumnRole,
    apply_overrides,
    guess_layout,
    is_header_row,
)
from workbench.importing.document import ImportedDocument
from workbench.importing.docx_tables import RawTable, StreamedTable, TableStream
from workbench.importing.numbering import Numbering
from workbench.importing.ooxml import TR, body_of
from workbench.importing.safety import Streaming, open_docx, sniff
from workbench.importing.statements import docx_lines, read_statement, text_lines
from workbench.importing.styles import StyleSheet
from workbench.importing.table_document import read_document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
MAX_TEXT_BYTES = 20 * 1024 * 1024
_MIN_ROWS = 2
_MIN_COLUMNS = 2


@dataclass(frozen=True)
class PreviewColumn:
    index: int  # 0-based; the CLI's --column counts from 1
    header: str
    samples: tuple[str, ...]  # the first rows' texts, shortened
    role: ColumnRole
    stakeholder: str


@dataclass(frozen=True)
class TablePreview:
    source: Path
    kind: str  # "table" or "statement" (a statement has no columns to choose)
    has_header: bool
    columns: tuple[PreviewColumn, ...]
    rows: int  # rows in the negotiation table(s)


def negotiation_tables(tables: list[StreamedTable]) -> list[StreamedTable]:
    """The tables holding the negotiation text: the longest one and those shaped like it."""
    shaped = []
    for table in tables:
        columns = table.first_columns()
        if table.row_count >= _MIN_ROWS and columns >= _MIN_COLUMNS:
            shaped.append((table, table.row_count, columns))
    if not shaped:
        return []
    _, _, columns = max(shaped, key=lambda item: item[1])
    return [table for table, _, width in shaped if width == columns]


def _estimated_rows(document_xml: bytes) -> int:
    """Rows in the part, nested ones too, counted on the bytes (Word always writes "w:")."""
    return document_xml.count(b"<w:tr>") + document_xml.count(b"<w:tr ")


@dataclass(frozen=True)
class _Opened:
    stream: TableStream
    body: etree._Element | None
    numbering: etree._Element | None
    styles: StyleSheet


def _open_tables(
    path: Path,
    *,
    max_rows: int | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> _Opened:
    """The top-level tables, read as the parser goes; then the body, numbering and styles."""
    stream = TableStream(
        min_rows=_MIN_ROWS, min_columns=_MIN_COLUMNS, max_rows=max_rows, on_row=on_row
    )
    sheet: list[StyleSheet] = []

    def before(styles: etree._Element | None, numbering: etree._Element | None) -> None:
        sheet.append(StyleSheet.read(styles))
        stream.run_styles = sheet[0].run_kinds

    def on_part(data: bytes) -> None:
        if on_total is not None:
            # Each row is counted once while parsing and once more as a paragraph row.
            on_total(2 * _estimated_rows(data))

    package = open_docx(path, Streaming(TR, stream.row_ended, on_part, before))
    styles = sheet[0] if sheet else StyleSheet()
    return _Opened(stream, body_of(package.document), package.numbering, styles)


def docx_source(
    path: Path,
    *,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> SourceDocument:
    """A .docx as the OOXML layer reads it: blocks in order, list numbers computed."""
    opened = _open_tables(path, on_row=on_row, on_total=on_total)
    if opened.body is None:
        raise WorkbenchError(path, "has no document body; open it in Word and save again")
    numbering = Numbering.read(opened.numbering, opened.styles.numbering_styles)
    return docx_blocks(path, opened.body, opened.styles, numbering, opened.stream)


def _layout(tables: list[RawTable], overrides: Mapping[int, ColumnOverride] | None) -> ColumnLayout:
    first = tables[0]
    has_header = bool(first.rows) and is_header_row(first.rows[0].texts())
    body_rows = [row.cells for table in tables for row in table.rows]
    if has_header:
        body_rows = body_rows[1:]
    layout = guess_layout(first.rows[0].texts() if has_header else None, body_rows)
    return apply_overrides(layout, overrides) if overrides else layout


def _read_text(source: Path) -> str:
    if source.stat().st_size > MAX_TEXT_BYTES:
        raise WorkbenchError(source, "is larger than 20 MB; too large for a statement")
    data = source.read_bytes()
    if b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbenchError(source, "is not a text file; import a .docx or a plain .txt")
    for encoding in (
        ("utf-8-sig", "utf-16")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff")
        else (
            "utf-8-sig",
            "cp1252",
        )
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise WorkbenchError(source, "is not readable text; save it as UTF-8 text")


def read_source(
    source: Path,
    *,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ImportedDocument:
    """Everything the file holds, parsed; refuses unsafe or unusable files with one line."""
    sniff(source)
    if source.suffix.lower() in TEXT_SUFFIXES:
        lines = text_lines(_read_text(source))
        if on_total is not None:
            on_total(len(lines))
        document = read_statement(source, lines, stakeholder=stakeholder, on_row=on_row)
    else:
        document = _read_docx(source, column_overrides, stakeholder, on_row, on_total)
    if not document.paragraphs:
        raise WorkbenchError(
            source, "has no negotiation table or numbered paragraphs to import; nothing imported"
        )
    return document


def _read_docx(
    path: Path,
    overrides: Mapping[int, ColumnOverride] | None,
    stakeholder: str | None,
    on_row: Callable[[], None] | None,
    on_total: Callable[[int], None] | None,
) -> ImportedDocument:
    opened = _open_tables(path, on_row=on_row, on_total=on_total)
    stream, body, numbering = opened.stream, opened.body, opened.numbering
    if body is None:
        raise WorkbenchError(path, "has no document body; open it in Word and save again")
    tables = negotiation_tables(stream.tables)
    if not tables:
        # No table was shaped like a negotiation table, so no row was emptied: all text is there.
        lines = docx_lines(body, numbering)
        if on_total is not None:
            on_total(len(lines))
        return read_statement(path, lines, stakeholder=stakeholder, on_row=on_row)
    if on_total is not None:
        on_total(stream.rows_read + sum(table.row_count for table in tables))
    raw = [table.raw() for table in tables]
    layout = _layout(raw, overrides)
    if not layout.by_role(ColumnRole.DRAFT) and not any(
        c.role in (ColumnRole.PROPOSAL, ColumnRole.COMPROMISE) for c in layout.columns
    ):
        raise WorkbenchError(path, "has a table but no column of text to import")
    return read_document(path, raw, layout, on_row=on_row)


def preview_table(source: str | Path, max_rows: int = 8) -> TablePreview:
    """The first rows of each column with the guessed role and stakeholder, for the dialog."""
    path = Path(source)
    sniff(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return TablePreview(path, "statement", False, (), 0)
    opened = _open_tables(path, max_rows=max_rows + 1)
    tables = negotiation_tables(opened.stream.tables) if opened.body is not None else []
    if not tables:
        return TablePreview(path, "statement", False, (), 0)
    raw = [tables[0].raw()]
    layout = _layout(raw, None)
    rows = raw[0].rows[1:] if layout.has_header else raw[0].rows
    columns = tuple(
        PreviewColumn(
            column.index,
            column.header,
            tuple(_shorten(row.cells[column.index]) for row in rows[:max_rows]),
            column.role,
            column.stakeholder,
        )
        for column in layout.columns
    )
    total = sum(table.row_count for table in tables)
    return TablePreview(path, "table", layout.has_header, columns, total)


def _shorten(cell: object, limit: int = 120) -> str:
    text = getattr(cell, "text", "") if cell is not None else ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
