"""Comparison tables: a draft beside proposals, table after table, as lobbies and the EU write them.

Synopsis and amendment tables ("Commission Proposal | BITKOM Proposal", "Article number |
Commission proposed text | Proposed text | Justification") and the EU's four-column trilogue
table ("Commission proposal | EP mandate | Council mandate | Draft agreement"). Each table has
a header naming roles (repeated headers are skipped); the provision a row stands for is in a
label column, opens a cell ("Art. 4 (1)", "Recital 23", "1.", "(a)"), or is named in the line
above the table ("Art. 26 Processor"); a "Justification" under a table is the note of its
proposals. Headings and captions become sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument, TableBlock, TextBlock
from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import CHAIR, ColumnGuess, ColumnRole, stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedSection,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.docx_tables import RawRow, RawTable
from workbench.importing.profiles import provisions, roles
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural, quote
from workbench.importing.profiles.un_table import column_lines
from workbench.model import Role

NAME = "comparison"
DESCRIPTION = (
    "comparison tables: a draft beside proposals (synopsis, amendment and trilogue tables), "
    "justifications as notes"
)
_ROLE_OF = {
    ColumnRole.DRAFT: Role.DRAFT,
    ColumnRole.PROPOSAL: Role.PROPOSAL,
    ColumnRole.COMPROMISE: Role.COMPROMISE,
}
_HEADER_SEARCH = 3  # the header may follow a row or two of layout (EP tables open empty)
_PLACEHOLDERS = frozenset({"n/a", "na", "-", "–", "—", "none", "/", "deleted text"})
_CAPTION_WORDS = 25
_PROVISION_COLUMN = re.compile(r"^\s*(?:article|recital|provision)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    row: int  # index of the header row in the table
    texts: tuple[str, ...]


def find_header(table: RawTable) -> Header | None:
    for index, row in enumerate(table.rows[:_HEADER_SEARCH]):
        texts = row.texts()
        if roles.is_header(texts):
            return Header(index, tuple(texts))
        if sum(1 for t in texts if t.strip()) > 1:
            break  # a row of text before any header: this table has none
    return None


def layout(header: Header, options: ReadOptions, fallback: str) -> list[ColumnGuess]:
    """Each column's role and stakeholder from the header, then the user's choices."""
    columns = []
    for index, text in enumerate(header.texts):
        found = roles.meaning(text)
        role = found.role or (ColumnRole.IGNORE if not text.strip() else ColumnRole.PROPOSAL)
        name = found.stakeholder
        if not name and role in (ColumnRole.DRAFT, ColumnRole.COMPROMISE):
            name = CHAIR
        if not name and role is ColumnRole.PROPOSAL:
            name = fallback  # asked about: the dialog leaves it empty, the CLI warns
        columns.append(ColumnGuess(index, role, name, " ".join(text.split())))
    for index, override in (options.column_overrides or {}).items():
        if not 0 <= index < len(columns):
            raise WorkbenchError(
                None, f"column {index + 1} does not exist (the table has {len(columns)} columns)"
            )
        guess = columns[index]
        columns[index] = replace(
            guess, role=override.role, stakeholder=override.stakeholder or guess.stakeholder
        )
    return columns


def unnamed_columns(header: Header) -> list[int]:
    """Proposal columns whose header names no one ("Proposed text"): to be asked about."""
    return [
        index
        for index, text in enumerate(header.texts)
        if roles.meaning(text).role is ColumnRole.PROPOSAL and not roles.meaning(text).stakeholder
    ]


@dataclass
class _Row:
    label: str
    section: str | None
    cells: dict[int, CellText] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    table: int = 0


def _is_placeholder(text: str) -> bool:
    return " ".join(text.split()).casefold().strip("[]()") in _PLACEHOLDERS


class _Reader:
    def __init__(self, source: SourceDocument, options: ReadOptions) -> None:
        self.source = source
        self.options = options
        self.sections: list[ImportedSection] = []
        self.rows: list[_Row] = []
        self.columns: list[ColumnGuess] = []
        self.unnamed: set[int] = set()
        self.headers_skipped = 0
        self.tables_read = 0
        self.tables_skipped: list[str] = []
        self.warnings: list[str] = []
        self._heading: ImportedSection | None = None
        self._section: ImportedSection | None = None
        self._pending: list[tuple[str, bool]] = []  # lines since the last table; after a gap?
        self._gap = False
        self._justifying = False  # a "Justification" line came after the last table
        self._header_texts: tuple[str, ...] | None = None

    def read(self) -> None:
        for block in self.source.blocks:
            if isinstance(block, TableBlock):
                self._table(block)
            else:
                self._text(block)
        self._flush_notes()

    def _add_section(
        self, number: str, title: str, parent: ImportedSection | None
    ) -> ImportedSection:
        path = f"{parent.key}/{number or title}" if parent is not None else (number or title)
        existing = {s.key.casefold() for s in self.sections}
        unique, n = path, 2
        while unique.casefold() in existing:
            unique, n = f"{path} #{n}", n + 1
        section = ImportedSection(number, title, parent.key if parent else None, unique)
        self.sections.append(section)
        return section

    def _text(self, block: TextBlock) -> None:
        text = " ".join(block.text.text.split())
        if not text:
            self._gap = True
            return
        if roles.meaning(text).role is ColumnRole.NOTE and len(text.split()) <= 3:
            self._justifying = True  # "Justification": what follows is the table's note
            self._flush_notes()
            return
        heading = (block.outline_level is not None or vocab.heading_style(block.style)) and (
            vocab.is_title(text)
        )
        if heading:
            self._flush_notes()
            self._heading = self._add_section("", text, None)
            self._section = self._heading
            self._justifying = False
            return
        self._pending.append((block.text.text.strip(), self._gap))
        self._gap = False

    def _flush_notes(self, keep: int = 0) -> None:
        """Lines since the last table: its note while a justification runs; `keep` last ones
        stay as the caption of the next table."""
        lines = self._pending[: len(self._pending) - keep] if keep else self._pending
        if self._justifying:
            for row in self._last_rows:
                row.notes.extend(text for text, _ in lines)
        self._pending = self._pending[len(self._pending) - keep :] if keep else []

    def _take_caption(self) -> str:
        """The caption above a table: the short lines after the last blank line."""
        start = len(self._pending)
        while start > 0:
            start -= 1
            if self._pending[start][1]:
                break
        lines = self._pending[start:]
        if (
            not lines
            or len(lines) > 2
            or any(
                len(text.split()) > _CAPTION_WORDS or text.endswith((".", ";")) for text, _ in lines
            )
        ):
            self._flush_notes()
            return ""
        self._flush_notes(keep=len(lines))
        caption = " ".join(" ".join(text.split()) for text, _ in self._pending)
        self._pending = []
        return caption

    @property
    def _last_rows(self) -> list[_Row]:
        return [row for row in self.rows if row.table == self.tables_read - 1]

    def _table(self, block: TableBlock) -> None:
        table = block.table
        header = find_header(table)
        if header is None:
            if self.tables_read:  # a table continued without its header
                header = Header(-1, self._header_texts or ())
            else:
                self.tables_skipped.append(f"table {block.index + 1} (no header naming roles)")
                return
        if header.row >= 0:
            self._header_texts = header.texts
            if not self.columns or len(header.texts) != len(self.columns):
                self.unnamed.update(unnamed_columns(header))
                self.columns = layout(header, self.options, self._fallback_name())
        caption = self._take_caption()
        self._justifying = False
        base = provisions.caption_provision(caption) if caption else None
        if caption and len(caption.split()) <= _CAPTION_WORDS:
            worded = vocab.worded_heading(caption)
            shown = base or (f"{worded.word} {worded.number}" if worded is not None else "")
            title = (
                caption[len(shown) :].lstrip(" :.–—-")
                if shown and caption.startswith(shown)
                else caption
            )
            self._section = self._add_section(shown, title or caption, self._heading)
        number: str | None = None  # the paragraph number points of later rows hang from
        for index, row in enumerate(table.rows):
            if index <= header.row:
                continue
            if roles.is_header(row.texts()):
                self.headers_skipped += 1
                continue
            number = self._row(row, base, number)
        self.tables_read += 1

    def _fallback_name(self) -> str:
        if self.options.stakeholder:
            return self.options.stakeholder
        return self.source.path.stem

    def _row(self, row: RawRow, base: str | None, number: str | None) -> str | None:
        cells: dict[int, CellText] = {}
        notes: list[str] = []
        label: str | None = None
        found: provisions.Found | None = None
        for column in self.columns:
            cell = row.cells[column.index] if column.index < len(row.cells) else None
            if cell is None or not cell.text.strip():
                continue
            if column.role is ColumnRole.LABEL:
                label = " ".join(cell.text.split())
            elif column.role is ColumnRole.NOTE:
                notes.append(cell.text.strip())
            elif column.role in _ROLE_OF and not _is_placeholder(cell.text):
                cells[column.index] = cell
        if not cells:
            return number
        # The label opens the draft cell, else the first text cell; each cell loses it.
        for index in sorted(cells, key=lambda i: self.columns[i].role is not ColumnRole.DRAFT):
            found = provisions.find(cells[index].text)
            if found is not None:
                break
        if found is not None:
            for index, cell in list(cells.items()):
                own = provisions.find(cell.text)
                if own is not None and provisions.key(own.label) == provisions.key(found.label):
                    stripped = cell.without_prefix(own.length)
                    lead = len(stripped.text) - len(stripped.text.lstrip())
                    cells[index] = stripped.without_prefix(lead)
            cells = {i: c for i, c in cells.items() if c.text.strip()}
            if label is None:
                label, number = provisions.qualified(base, number, found)
        if label is None:
            label = base or (self._section.title if self._section is not None else "")
            label = label or f"row {len(self.rows) + 1}"
        section = self._section.key if self._section is not None else None
        self.rows.append(_Row(label, section, cells, notes, self.tables_read))
        return number


def _merge_duplicates(
    rows: list[_Row], columns: Sequence[ColumnGuess], warnings: list[str]
) -> list[_Row]:
    """Rows of one label: one target with other proposals joins it; another target is kept
    apart under a label made unique. Nothing is merged silently or dropped."""
    by_key: dict[str, _Row] = {}
    kept: list[_Row] = []
    drafts = {c.index for c in columns if c.role is ColumnRole.DRAFT}
    for row in rows:
        key = provisions.key(row.label)
        first = by_key.get(key)
        if first is None:
            by_key[key] = row
            kept.append(row)
            continue
        same_target = all(
            (first.cells.get(i) or CellText("")).text == (row.cells.get(i) or CellText("")).text
            for i in drafts
        )
        if same_target:
            for index, cell in row.cells.items():
                if index in drafts:
                    continue
                before = first.cells.get(index)
                first.cells[index] = cell if before is None else join_cells([before, cell])
            first.notes.extend(row.notes)
            warnings.append(
                f"label {row.label} appears twice with the same draft: the proposals of both "
                "rows are kept on one paragraph"
            )
            continue
        n = 2
        while provisions.key(f"{row.label} ({n})") in by_key:
            n += 1
        warnings.append(
            f"label {row.label} appears twice with different drafts: the second is imported "
            f"as {row.label} ({n})"
        )
        row.label = f"{row.label} ({n})"
        by_key[provisions.key(row.label)] = row
        kept.append(row)
    return kept


class ComparisonProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        tables = [t for t in source.tables() if len(t.table.rows) >= 2 and t.table.columns >= 2]
        if not tables:
            return 0.0
        headed = [h for t in tables if (h := find_header(t.table)) is not None]
        if not headed:
            return 0.0
        cues = 0
        for header in headed:
            meanings = [roles.meaning(text) for text in header.texts]
            # What the UN's tables never have: a justification column, an EU institution, a
            # column of articles or recitals.
            if (
                any(m.role is ColumnRole.NOTE for m in meanings)
                or any(m.stakeholder in ("Commission", "EP", "Council") for m in meanings)
                or any(_PROVISION_COLUMN.search(text) for text in header.texts)
            ):
                cues += 1
        share = len(headed) / len(tables)
        strong = cues / len(headed)
        # Over the UN table's 0.9 when every header says comparison: its cues are specific.
        return 0.45 + 0.25 * share + 0.25 * strong if cues else 0.25 * share

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        reader = _Reader(source, options)
        reader.read()
        if not reader.columns:
            raise WorkbenchError(source.path, "has no table with a header naming its columns")
        warnings: list[str] = []
        rows = _merge_duplicates(reader.rows, reader.columns, warnings)
        document = _document(source, reader, rows)
        findings = Findings(NAME, DESCRIPTION)
        findings.facts.append(
            f"tables: {plural(reader.tables_read, 'table')}, "
            f"{plural(len(reader.rows), 'row')} of text"
            + (
                f", {plural(reader.headers_skipped, 'repeated header')} skipped"
                if reader.headers_skipped
                else ""
            )
        )
        from workbench.importing.columns import ColumnLayout

        findings.facts.extend(column_lines(ColumnLayout(True, tuple(reader.columns))))
        labels = [p.label for p in document.paragraphs]
        findings.facts.append(
            f"paragraphs: {plural(len(labels), 'paragraph')}"
            + (f" ({labels[0]} … {labels[-1]})" if len(labels) > 1 else "")
            + f", {plural(len(document.sections), 'section')}"
        )
        notes = sum(1 for p in document.paragraphs for v in p.variants if v.note)
        if notes:
            findings.facts.append(f"notes: {plural(notes, 'proposal')} with a justification")
        for index in sorted(reader.unnamed):
            column = reader.columns[index]
            if options.column_overrides and index in options.column_overrides:
                continue
            if options.stakeholder:
                continue
            findings.warnings.append(
                f"column {index + 1} ({column.header}) names no stakeholder: its text is "
                f"credited to {quote(column.stakeholder)}; name who proposes it with "
                f"--column {index + 1}=proposal:NAME"
            )
        findings.set_aside.extend(reader.tables_skipped)
        findings.warnings.extend(warnings)
        return Reading(document, findings)


def _document(source: SourceDocument, reader: _Reader, rows: list[_Row]) -> ImportedDocument:
    columns = {c.index: c for c in reader.columns}
    stakeholders: dict[str, ImportedStakeholder] = {}
    paragraphs = []
    for row in rows:
        variants = []
        for index, cell in sorted(row.cells.items()):
            column = columns[index]
            name = column.stakeholder or CHAIR
            if name not in stakeholders:
                stakeholders[name] = ImportedStakeholder(name, stakeholder_kind(name))
            role = _ROLE_OF[column.role]
            note = "\n".join(row.notes) if role is Role.PROPOSAL else ""
            variants.append(ImportedVariant.of(cell, name, role, note))
        paragraphs.append(ImportedParagraph(row.label, row.section, tuple(variants)))
    return ImportedDocument(
        source.path, NAME, tuple(stakeholders.values()), tuple(reader.sections), tuple(paragraphs)
    )
