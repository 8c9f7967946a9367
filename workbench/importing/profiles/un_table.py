"""The UN/caucus negotiation table of today: one table (or one continued), a column per role.

The first row may be a header naming roles and stakeholders ("GC Proposed Text"); labels sit
in a label column or open the draft cell ("39."); numbered titles in a row are sections. This
reads exactly as the importer always has (`columns`, `table_document`); the profile only adds a
score and the findings.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument, TableBlock
from workbench.importing.columns import (
    ColumnLayout,
    ColumnOverride,
    ColumnRole,
    apply_overrides,
    guess_layout,
    is_header_row,
)
from workbench.importing.docx_tables import RawTable
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.table_document import read_document

NAME = "un-table"
DESCRIPTION = "a negotiation table: a column per role (draft, proposals, compromise)"
MIN_ROWS = 2
MIN_COLUMNS = 2
_SCORED_ROWS = 50


def negotiation_tables(tables: list[TableBlock]) -> list[TableBlock]:
    """The tables holding the negotiation text: the longest one and those shaped like it."""
    shaped = [t for t in tables if t.row_count >= MIN_ROWS and t.shape_columns >= MIN_COLUMNS]
    if not shaped:
        return []
    longest = max(shaped, key=lambda t: t.row_count)
    return [t for t in shaped if t.shape_columns == longest.shape_columns]


def table_layout(
    tables: list[RawTable], overrides: Mapping[int, ColumnOverride] | None
) -> ColumnLayout:
    first = tables[0]
    has_header = bool(first.rows) and is_header_row(first.rows[0].texts())
    body_rows = [row.cells for table in tables for row in table.rows]
    if has_header:
        body_rows = body_rows[1:]
    layout = guess_layout(first.rows[0].texts() if has_header else None, body_rows)
    return apply_overrides(layout, overrides) if overrides else layout


def _characters(source: SourceDocument) -> tuple[int, int]:
    """Characters of text in the negotiation tables, and in the whole document."""
    chosen = {t.index for t in negotiation_tables(source.tables())}
    inside = outside = 0
    for block in source.blocks:
        if isinstance(block, TableBlock):
            size = sum(
                len(cell.text) for row in block.table.rows for cell in row.cells if cell is not None
            )
            if block.index in chosen:
                inside += size
            else:
                outside += size
        else:
            outside += len(block.text.text)
    return inside, inside + outside


class UnTableProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        tables = negotiation_tables(source.tables())
        if not tables:
            return 0.0
        inside, total = _characters(source)
        share = inside / max(total, 1)
        first = tables[0].table
        # The header and the first rows say what the columns are; the rest only costs time.
        layout = table_layout([RawTable(first.columns, first.rows[:_SCORED_ROWS])], None)
        named = sum(1 for c in layout.columns if c.header and c.role is not ColumnRole.IGNORE)
        # A table holding most of the text is the text; headers naming roles make it surer.
        return min(0.2 + 0.6 * share + (0.1 if layout.has_header and named >= 2 else 0.0), 0.9)

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        tables = negotiation_tables(source.tables())
        if not tables:
            raise WorkbenchError(source.path, "has no negotiation table to read as one")
        raw = [t.table for t in tables]
        layout = table_layout(raw, options.column_overrides)
        if not layout.by_role(ColumnRole.DRAFT) and not any(
            c.role in (ColumnRole.PROPOSAL, ColumnRole.COMPROMISE) for c in layout.columns
        ):
            raise WorkbenchError(source.path, "has a table but no column of text to import")
        document = read_document(source.path, raw, layout, on_row=options.on_row)
        findings = Findings(NAME, DESCRIPTION)
        findings.facts.append(
            f"tables: {plural(len(tables), 'table')} of {plural(len(layout.columns), 'column')}, "
            f"{plural(sum(t.row_count for t in tables), 'row')}"
            + (", header row" if layout.has_header else ", no header row")
        )
        findings.facts.extend(column_lines(layout))
        findings.facts.append(
            f"found: {plural(len(document.sections), 'section')}, "
            f"{plural(len(document.paragraphs), 'paragraph')}"
        )
        other = len(source.tables()) - len(tables)
        if other:
            findings.set_aside.append(f"{plural(other, 'other table')} not shaped like this one")
        return Reading(document, findings)


def column_lines(layout: ColumnLayout) -> list[str]:
    """ "column 2 (GC Proposed Text): proposal by GC"."""
    lines = []
    for column in layout.columns:
        header = " ".join(column.header.split())
        named = f" ({header})" if header else ""
        if column.role is ColumnRole.LABEL:
            what = "labels"
        elif column.role is ColumnRole.IGNORE:
            what = "not imported"
        elif column.role is ColumnRole.NOTE:
            what = "note of the proposals in its row"
        else:
            what = f"{column.role.value} by {column.stakeholder}"
        lines.append(f"column {column.index + 1}{named}: {what}")
    return lines
