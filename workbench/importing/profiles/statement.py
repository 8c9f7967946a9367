"""A statement: one stakeholder's numbered paragraphs, with no headings, preamble or articles.

Reads as the importer always has (`statements.split_statement`): a number opens a paragraph
only when it is the next in sequence, what comes before the first is the "Preamble". Word's
numbers are written out first, as a reader sees them.
"""

from __future__ import annotations

from workbench.importing.blocks import SourceDocument, TableBlock
from workbench.importing.cleantext import CellText
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.statements import PREAMBLE_LABEL, read_statement, split_statement

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
                        lines.extend(CellText(part) for part in cell.text.split("\n"))
            continue
        text = block.text
        number = block.number
        if number is not None and number.level == 0 and number.number_format == "decimal":
            text = text.with_prefix(f"{number.value}. ")
        lines.append(text)
    return lines


class StatementProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        texts = [b.text.text for b in source.paragraphs() if b.text.text.strip()]
        numbered = any(
            split_statement([line]) and split_statement([line])[0][0] != PREAMBLE_LABEL
            for line in statement_lines(source)
            if line.text.strip()
        )
        if not texts or not numbered:
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
