"""A statement: one stakeholder's numbered paragraphs, with no headings, preamble or articles.

Reads as the importer always has (`statements.split_statement`): a number opens a paragraph
only when it is the next in sequence, what comes before the first is the "Preamble". Word's
numbers are written out first, as a reader sees them.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.importing.blocks import SourceDocument, TableBlock
from workbench.importing.cleantext import CellText
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.statements import NUMBERED, read_statement

NAME = "statement"
DESCRIPTION = "a statement: one stakeholder's numbered paragraphs"


def statement_lines(source: SourceDocument) -> list[CellText]:
    """Every paragraph and table cell line, Word's decimal numbers written before the text."""
    lines: list[CellText] = []
    for block in source.blocks:
        if isinstance(block, TableBlock):
            for row in block.table.rows:
                for cell in row.cells:
                    if cell is not None:
                        lines.extend(cell.lines())
            continue
        text = block.text
        number = block.number
        if number is not None and number.level == 0 and number.number_format == "decimal":
            text = text.with_prefix(f"{number.value}. ")
        lines.append(text)
    return lines


def _has_number(source: SourceDocument) -> bool:
    """Whether any line opens with a paragraph number (stops at the first: tables are long)."""
    for block in source.blocks:
        lines: Iterator[str]
        if isinstance(block, TableBlock):
            lines = (
                line
                for row in block.table.rows
                for cell in row.cells
                if cell is not None
                for line in cell.text.split("\n")
            )
        elif block.number is not None and block.number.number_format == "decimal":
            return True
        else:
            lines = iter((block.text.text,))
        if any(NUMBERED.match(line) for line in lines):
            return True
    return False


class StatementProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        texts = [b.text.text for b in source.paragraphs() if b.text.text.strip()]
        if not _has_number(source):
            return 0.0  # no numbered paragraph: nothing a statement is made of
        structure = sum(
            1 for text in texts if vocab.worded_heading(text) is not None or vocab.is_chapeau(text)
        )
        headed = sum(
            1
            for block in source.paragraphs()
            if block.outline_level is not None and block.text.text.strip()
        )
        # Plain numbered paragraphs: a statement, unless headings and a preamble say more.
        return max(0.6 - 0.1 * structure - 0.05 * headed, 0.05)

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        lines = statement_lines(source)
        document = read_statement(
            source.path, lines, stakeholder=options.stakeholder, on_row=options.on_row
        )
        findings = Findings(NAME, DESCRIPTION)
        labels = [p.label for p in document.paragraphs]
        findings.facts.append(
            f"paragraphs: {plural(len(labels), 'paragraph')}"
            + (f" ({labels[0]} … {labels[-1]})" if len(labels) > 1 else "")
        )
        return Reading(document, findings)
