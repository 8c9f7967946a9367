"""A negotiation table read as sections and paragraphs with their variants."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import ColumnGuess, ColumnLayout, ColumnRole, stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedSection,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.docx_tables import RawRow, RawTable
from workbench.importing.labels import (
    SectionHeading,
    is_title,
    normalise_label,
    parent_section_key,
    section_heading,
    section_key,
    split_first_line_label,
)
from workbench.model import Role

PREAMBLE_LABEL = "Preamble"
_ROLE_OF_COLUMN = {
    ColumnRole.DRAFT: Role.DRAFT,
    ColumnRole.PROPOSAL: Role.PROPOSAL,
    ColumnRole.COMPROMISE: Role.COMPROMISE,
}
_PLAIN_NUMBER = re.compile(r"^\d+$")


@dataclass
class _Pending:
    label: str
    section: str | None
    cells: dict[int, CellText] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # from NOTE columns: the proposals' note


class TableReader:
    """Turns grid rows into sections and paragraphs, row by row, in document order."""

    def __init__(self, layout: ColumnLayout) -> None:
        self.layout = layout
        self._text_columns = [c for c in layout.columns if c.role in _ROLE_OF_COLUMN]
        self._label_column = next(iter(layout.by_role(ColumnRole.LABEL)), None)
        self._note_columns = layout.by_role(ColumnRole.NOTE)
        self.sections: list[ImportedSection] = []
        self._section_keys: dict[str, str] = {}  # section_key -> ImportedSection.key
        self.paragraphs: list[_Pending] = []
        self._current_section: str | None = None
        self._last_top_section: int | None = None
        self._last_paragraph_number: int | None = None

    def header(self, row: RawRow) -> None:
        """A header row may double as the first section heading ("1. Introduction")."""
        for column in self._heading_columns():
            cell = row.cells[column.index]
            heading = section_heading(cell.text) if cell is not None else None
            if heading is not None:
                self._add_section(heading)
                return

    def row(self, row: RawRow) -> None:
        if row.merged_across:
            cell = next((c for c in row.cells if c is not None), None)
            if cell is not None and cell.text:
                heading = section_heading(cell.text)
                if heading is None and is_title(cell.text):
                    heading = SectionHeading("", cell.text.strip())
                if heading is not None and self._is_section_number(heading.number):
                    self._add_section(heading)
                    return
        heading = self._heading_row(row)
        if heading is not None:
            self._add_section(heading)
            return
        self._paragraph_row(row)

    def _heading_columns(self) -> list[ColumnGuess]:
        label = [self._label_column] if self._label_column is not None else []
        return label + self.layout.by_role(ColumnRole.DRAFT)[:1]

    def _heading_row(self, row: RawRow) -> SectionHeading | None:
        """A short numbered title alone in the label/draft cells, every other cell empty."""
        heading_indexes = {c.index for c in self._heading_columns()}
        texts = []
        for index, cell in enumerate(row.cells):
            if cell is None or not cell.text:
                continue
            if index not in heading_indexes:
                return None
            texts.append(cell.text)
        if not texts:
            return None
        heading = section_heading("\n".join(texts) if len(texts) > 1 else texts[0])
        if heading is None or not self._is_section_number(heading.number):
            return None
        return heading

    def _is_section_number(self, number: str) -> bool:
        """ "40." right after paragraph 39 is a paragraph, unless it also follows section 39."""
        key = section_key(number)
        if not _PLAIN_NUMBER.match(key) or self._last_paragraph_number is None:
            return True
        value = int(key)
        follows_paragraph = value == self._last_paragraph_number + 1
        follows_section = self._last_top_section is None or value == self._last_top_section + 1
        return follows_section or not follows_paragraph

    def _add_section(self, heading: SectionHeading) -> None:
        parent_key = parent_section_key(heading.number) if heading.number else None
        parent = self._section_keys.get(parent_key) if parent_key else None
        section = ImportedSection(heading.number, heading.title, parent)
        key = section_key(section.key)
        if key in self._section_keys:
            self._current_section = self._section_keys[key]
            return
        self._section_keys[key] = section.key
        self.sections.append(section)
        self._current_section = section.key
        if _PLAIN_NUMBER.match(key):
            self._last_top_section = int(key)

    def _paragraph_row(self, row: RawRow) -> None:
        label: str | None = None
        if self._label_column is not None:
            cell = row.cells[self._label_column.index]
            if cell is not None and cell.text:
                label = cell.text.split("\n", 1)[0].strip().rstrip(".").strip() or None
        cells: dict[int, CellText] = {}
        for column in self._text_columns:
            cell = row.cells[column.index]
            if cell is None or not cell.text:
                continue
            inline = self._label_column is None and column.role is ColumnRole.DRAFT
            split = split_first_line_label(cell.text, inline=inline)
            if split is not None and (
                label is None or normalise_label(split.label) == normalise_label(label)
            ):
                label = label or split.label
                cell = cell.without_prefix(len(cell.text) - len(split.rest))
            if cell.text.strip():
                cells[column.index] = cell
        notes = [
            cell.text.strip()
            for column in self._note_columns
            if (cell := row.cells[column.index]) is not None and cell.text.strip()
        ]
        if not cells:
            return
        if label is None:
            if self.paragraphs:
                self._continue_previous(cells)
                self.paragraphs[-1].notes.extend(notes)
                return
            label = PREAMBLE_LABEL
        self.paragraphs.append(_Pending(label, self._current_section, cells, notes))
        key = normalise_label(label)
        if _PLAIN_NUMBER.match(key):
            self._last_paragraph_number = int(key)

    def _continue_previous(self, cells: dict[int, CellText]) -> None:
        """A row without a label continues the paragraph above (a sub-item in its own row)."""
        previous = self.paragraphs[-1]
        for index, cell in cells.items():
            before = previous.cells.get(index)
            if before is None:
                previous.cells[index] = cell
                continue
            previous.cells[index] = join_cells([before, cell])

    def document(self, source: Path) -> ImportedDocument:
        columns = {c.index: c for c in self._text_columns}
        stakeholders: dict[str, ImportedStakeholder] = {}
        paragraphs: list[ImportedParagraph] = []
        for pending in self.paragraphs:
            variants = []
            for index, cell in pending.cells.items():
                column = columns[index]
                if column.stakeholder not in stakeholders:
                    stakeholders[column.stakeholder] = ImportedStakeholder(
                        column.stakeholder, stakeholder_kind(column.stakeholder)
                    )
                role = _ROLE_OF_COLUMN[column.role]
                note = "\n".join(pending.notes) if role is Role.PROPOSAL else ""
                variants.append(ImportedVariant.of(cell, column.stakeholder, role, note))
            paragraphs.append(ImportedParagraph(pending.label, pending.section, tuple(variants)))
        return ImportedDocument(
            source, "table", tuple(stakeholders.values()), tuple(self.sections), tuple(paragraphs)
        )


def read_document(
    source: Path,
    tables: list[RawTable],
    layout: ColumnLayout,
    *,
    on_row: Callable[[], None] | None = None,
) -> ImportedDocument:
    """Sections and paragraphs of one or more tables sharing the layout (a table continued)."""
    reader = TableReader(layout)
    header_texts: list[str] | None = None
    for table in tables:
        rows = list(table.rows)
        if layout.has_header and rows:
            texts = rows[0].texts()
            if header_texts is None:
                header_texts = texts
                reader.header(rows[0])
                rows = rows[1:]
            elif texts == header_texts:
                rows = rows[1:]  # the header repeated atop a continued table
        for row in rows:
            if on_row is not None:
                on_row()
            reader.row(row)
    return reader.document(source)
