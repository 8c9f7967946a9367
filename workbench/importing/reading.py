"""From a file on disk to an ImportedDocument (or a preview of its table): no storage involved.

Two layers, as pandoc reads Word: `blocks` (OOXML: paragraphs with their styles and computed
list numbers, tables) and the layout profiles in `profiles/` that recognise negotiation text in
those blocks. The profile that scores best reads the file, unless the user names one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from workbench import EXPORT_IDENTIFIER
from workbench.errors import OperationCancelled, WorkbenchError
from workbench.importing.authors import AuthorMap
from workbench.importing.blocks import SourceDocument, docx_blocks, text_blocks
from workbench.importing.columns import ColumnOverride, ColumnRole
from workbench.importing.document import ImportedDocument
from workbench.importing.docx_tables import RawRow, TableStream
from workbench.importing.numbering import Numbering
from workbench.importing.ooxml import TR, body_of
from workbench.importing.profiles import PROFILES, Reading, ReadOptions, choose
from workbench.importing.profiles.comparison import find_header
from workbench.importing.profiles.comparison import layout as comparison_layout
from workbench.importing.profiles.findings import found_lines, plausibility, unique_labels
from workbench.importing.profiles.un_table import (
    MIN_COLUMNS,
    MIN_ROWS,
    negotiation_tables,
    table_layout,
)
from workbench.importing.revisions import word_date
from workbench.importing.safety import Streaming, open_docx, sniff
from workbench.importing.styles import StyleSheet
from workbench.importing.text_tables import NO_REDLINE
from workbench.importing.tracked import expand
from workbench.importing.word_comments import WordComment, read_comments
from workbench.model import Role

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
MAX_TEXT_BYTES = 20 * 1024 * 1024


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
    kind: str  # "table" when there are columns to choose, else "statement"
    has_header: bool
    columns: tuple[PreviewColumn, ...]
    rows: int  # rows in the negotiation table(s)
    profile: str = ""  # the layout profile that read the file
    summary: tuple[str, ...] = ()  # what it found, warnings included, as the CLI prints it
    profiles: tuple[tuple[str, float], ...] = ()  # every profile's score, best first
    # The Word authors of its tracked changes and how many each made, for the author mapping
    authors: tuple[tuple[str, int], ...] = ()


def _estimated_rows(document_xml: bytes) -> int:
    """Rows in the part, nested ones too, counted on the bytes (Word always writes "w:")."""
    return document_xml.count(b"<w:tr>") + document_xml.count(b"<w:tr ")


# Formatting-only tracked changes, counted on the bytes: rows of a long table are freed as they
# are read, so the parsed tree no longer has them all. Only looked for where "Change" occurs.
_FORMAT_CHANGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(rPrChange|pPrChange|sectPrChange|tblPrChange|tblPrExChange|"
    rb"tblGridChange|trPrChange|tcPrChange|numberingChange)[\s/>]"
)


def formatting_changes(data: bytes) -> tuple[tuple[str, int], ...]:
    """How many formatting-only tracked changes of each kind the main part holds."""
    if b"Change" not in data:
        return ()
    counts = Counter(match.group(1).decode() for match in _FORMAT_CHANGE.finditer(data))
    return tuple(sorted(counts.items()))


@dataclass(frozen=True)
class _Opened:
    stream: TableStream
    body: etree._Element | None
    numbering: etree._Element | None
    styles: StyleSheet
    comments: tuple[WordComment, ...] = ()
    formatting: tuple[tuple[str, int], ...] = ()
    exported_at: str | None = None


def _open_tables(
    path: Path,
    *,
    max_rows: int | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> _Opened:
    """The top-level tables, read as the parser goes; then the body, numbering and styles."""
    stream = TableStream(
        min_rows=MIN_ROWS, min_columns=MIN_COLUMNS, max_rows=max_rows, on_row=on_row
    )
    sheet: list[StyleSheet] = []
    formatting: list[tuple[tuple[str, int], ...]] = []

    def before(styles: etree._Element | None, numbering: etree._Element | None) -> None:
        sheet.append(StyleSheet.read(styles))
        stream.run_styles = sheet[0].run_kinds

    def on_part(data: bytes) -> None:
        formatting.append(formatting_changes(data))
        if on_total is not None:
            # Each row is counted once while parsing and once more as a paragraph row.
            on_total(2 * _estimated_rows(data))

    package = open_docx(path, Streaming(TR, stream.row_ended, on_part, before))
    styles = sheet[0] if sheet else StyleSheet()
    return _Opened(
        stream,
        body_of(package.document),
        package.numbering,
        styles,
        read_comments(package.comments, package.comments_extended),
        formatting[0] if formatting else (),
        _export_time(package.core),
    )


_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"


def _export_time(core: etree._Element | None) -> str | None:
    """When the workbench exported this file, if it is one of its exports; else None."""
    if core is None:
        return None
    identifier = core.find(f"{{{_DC}}}identifier")
    created = core.find(f"{{{_DCTERMS}}}created")
    if identifier is None or (identifier.text or "").strip() != EXPORT_IDENTIFIER:
        return None
    return word_date((created.text or "").strip()) if created is not None else None


def docx_source(
    path: Path,
    *,
    max_rows: int | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> SourceDocument:
    """A .docx as the OOXML layer reads it: blocks in order, list numbers computed."""
    opened = _open_tables(path, max_rows=max_rows, on_row=on_row, on_total=on_total)
    if opened.body is None:
        raise WorkbenchError(path, "has no document body; open it in Word and save again")
    numbering = Numbering.read(opened.numbering, opened.styles.numbering_styles)
    document = docx_blocks(
        path, opened.body, opened.styles, numbering, opened.stream, opened.formatting
    )
    return replace(document, comments=opened.comments, exported_at=opened.exported_at)


def _read_text(source: Path) -> str:
    if source.stat().st_size > MAX_TEXT_BYTES:
        raise WorkbenchError(source, "is larger than 20 MB; too large for a statement")
    data = source.read_bytes()
    if b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WorkbenchError(source, "is not a text file; import a .docx or a plain .txt")
    encodings = (
        ("utf-8-sig", "utf-16")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff")
        else ("utf-8-sig", "cp1252")
    )
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise WorkbenchError(source, "is not readable text; save it as UTF-8 text")


def load(
    source: Path,
    *,
    max_rows: int | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> SourceDocument:
    """The file as blocks; refuses unsafe or unreadable files with one line."""
    sniff(source)
    if source.suffix.lower() in TEXT_SUFFIXES:
        document = text_blocks(source, _read_text(source))
        if on_total is not None:
            on_total(len(document.blocks))
        return document
    return docx_source(source, max_rows=max_rows, on_row=on_row, on_total=on_total)


def read_reading(
    source: Path,
    *,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    profile: str | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    authors: AuthorMap | None = None,
) -> Reading:
    """Everything the file holds, read by the best-fitting (or the named) layout profile."""
    document = load(source, on_row=on_row, on_total=on_total)
    return read_loaded(document, column_overrides, stakeholder, profile, on_row, authors)


def read_loaded(
    document: SourceDocument,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    profile: str | None = None,
    on_row: Callable[[], None] | None = None,
    authors: AuthorMap | None = None,
) -> Reading:
    """The blocks read by the chosen profile, then Word's tracked changes made proposals
    (`authors` says whose) and comments placed (`tracked.expand`)."""
    source = document.path
    chosen, scores = choose(document, profile)
    options = ReadOptions(column_overrides, stakeholder, on_row)
    reading = chosen.read(document, options)
    if not reading.document.paragraphs:
        raise WorkbenchError(
            source, "has no negotiation table or numbered paragraphs to import; nothing imported"
        )
    findings = reading.findings
    findings.alternatives = [f"{name} {score:.2f}" for name, score in scores if name != chosen.name]
    expanded = expand(reading.document, document, authors or AuthorMap(), findings)
    reading = Reading(unique_labels(expanded, findings), findings)
    characters = sum(len(block.text.text) for block in document.paragraphs()) + sum(
        len(cell.text)
        for table in document.tables()
        for row in table.table.rows
        for cell in row.cells
        if cell is not None
    )
    plausibility(reading.document, findings, characters)
    if document.from_text_file and document.tables() and _has_proposals(reading.document):
        findings.warnings.append(NO_REDLINE)  # Word's table as text: its strikes are gone
    return reading


def _has_proposals(document: ImportedDocument) -> bool:
    return any(v.role is Role.PROPOSAL for p in document.paragraphs for v in p.variants)


def read_source(
    source: Path,
    *,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    profile: str | None = None,
    on_row: Callable[[], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    authors: AuthorMap | None = None,
) -> ImportedDocument:
    """Everything the file holds, parsed; refuses unsafe or unusable files with one line."""
    return read_reading(
        Path(source),
        column_overrides=column_overrides,
        stakeholder=stakeholder,
        profile=profile,
        on_row=on_row,
        on_total=on_total,
        authors=authors,
    ).document


def preview_table(
    source: str | Path,
    max_rows: int = 8,
    *,
    profile: str | None = None,
    stakeholder: str | None = None,
    authors: AuthorMap | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TablePreview:
    """What the import would find, before anything is written: the profile, what it read,
    and for a table the first rows of each column with the guessed role and stakeholder.

    Reading a long file takes seconds, so the window runs this as a background job:
    `progress(done, total)` hears the rows read, `cancelled()` is asked between them (True:
    OperationCancelled is raised).
    """
    path = Path(source)
    counted = {"done": 0, "total": 1}

    def on_total(total: int) -> None:
        counted["total"] = max(total, 1)

    def on_row() -> None:
        if cancelled is not None and cancelled():
            raise OperationCancelled(path)
        counted["done"] += 1
        if progress is not None:
            progress(min(counted["done"], counted["total"]), counted["total"])

    document = load(path, on_row=on_row, on_total=on_total)
    reading = read_loaded(document, stakeholder=stakeholder, profile=profile, authors=authors)
    summary = tuple(found_lines(reading.document, reading.findings))
    chosen = reading.findings.profile
    scores = tuple(_scores(document))
    word_authors = tuple(reading.findings.authors)
    columns: tuple[PreviewColumn, ...] = ()
    rows: tuple[RawRow, ...] = ()
    has_header = False
    total = 0
    if chosen == "un-table":
        tables = negotiation_tables(document.tables())
        layout = table_layout([tables[0].table], None)
        guesses, has_header = layout.columns, layout.has_header
        rows = tables[0].table.rows[1:] if has_header else tables[0].table.rows
        total = sum(table.row_count for table in tables)
    elif chosen == "comparison":
        headed = [(t, h) for t in document.tables() if (h := find_header(t.table)) is not None]
        table, header = headed[0]
        # A column that names no one stays unnamed here: the dialog asks.
        guesses = tuple(comparison_layout(header, ReadOptions(), ""))
        has_header = True
        rows = tuple(r for r in table.table.rows[header.row + 1 :] if any(r.texts()))
        total = sum(len(t.table.rows) for t, _ in headed)
    else:
        return TablePreview(path, "statement", False, (), 0, chosen, summary, scores, word_authors)
    columns = tuple(
        PreviewColumn(
            column.index,
            column.header,
            tuple(_shorten(row.cells[column.index]) for row in rows[:max_rows]),
            column.role,
            column.stakeholder,
        )
        for column in guesses
    )
    return TablePreview(
        path, "table", has_header, columns, total, chosen, summary, scores, word_authors
    )


def _scores(document: SourceDocument) -> list[tuple[str, float]]:
    return sorted(((p.name, p.score(document)) for p in PROFILES), key=lambda item: -item[1])


def _shorten(cell: object, limit: int = 120) -> str:
    text = getattr(cell, "text", "") if cell is not None else ""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
