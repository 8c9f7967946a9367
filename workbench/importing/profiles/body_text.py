"""Body text: draft decisions, agreements, outcome documents and specifications, as read.

Cover lines and titles set aside; a chapeau ("The Conference of the Parties,") and preambular
paragraphs PP1, PP2 ...; operative paragraphs by their number, Word's or typed, qualified by
their article where numbering restarts in each ("4.2"); sub-paragraphs ((a), (i), bullets) kept
inside their paragraph with their letters; headings as sections ("I.", "A.", "Article 4",
"Decision 1/CP.21", "Annex"), options as sub-sections; tables kept as the content of the
paragraph or annex they sit in; a treaty's signature lines set aside. Where a document has no
numbered paragraphs (a specification), each body paragraph is one, cited by its section.

Text with Word tracked changes is never set aside: a cover line with changes is a paragraph
("Cover"), a heading with changes is one too ("3.5.2 title", the heading's words negotiated
like any others; the section keeps the draft's title). A paragraph whose every word the author
inserted is labelled after the one it follows ("12 (new)") and counts in no numbering, so the
draft's labels stay the ones negotiators cite.

Read in layers: `body_lines` (each block as a line, and its kind in context), `body_reader`
(lines into units, placed in the outline), `body_labels` (the labels negotiators cite); this
module scores a document for the layout and says what the reading found.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.importing.blocks import SourceDocument
from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.profiles import vocabulary as vocab
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.body_labels import label_units
from workbench.importing.profiles.body_lines import read_lines
from workbench.importing.profiles.body_reader import BodyReader
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.statements import guess_stakeholder
from workbench.model import Role

NAME = "body-text"
DESCRIPTION = "body text: headings, preambular and operative paragraphs, options, annexes"
_MIN_NUMBERED = 3  # numbered paragraphs that make numbers the units of the document


def _join(cells: Sequence[CellText]) -> CellText:
    return join_cells([cell for cell in cells if cell.text]) if len(cells) != 1 else cells[0]


class BodyTextProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        lines = read_lines(source)
        texts = [line for line in lines if line.plain]
        if not texts:
            return 0.0
        cues = 0.0
        for line in texts:
            worded = vocab.worded_heading(line.plain)
            if worded is not None:
                cues += 1
            elif vocab.is_chapeau(line.plain):
                cues += 3
            elif (
                line.number is not None
                and line.number.kind
                in (
                    vocab.UPPER_ROMAN,
                    vocab.UPPER_LETTER,
                )
                and vocab.is_title(line.plain)
            ):
                cues += 1
            elif line.heading_styled and vocab.is_title(line.plain):
                cues += 0.5
        numbered = sum(
            1 for line in texts if line.number is not None and line.number.kind == vocab.DECIMAL
        )
        if numbered < _MIN_NUMBERED and not cues:
            return 0.0  # prose without numbers or headings: no negotiation text
        body = 0.5 if numbered >= _MIN_NUMBERED else 0.3
        structure = min(cues / 6, 1.0) * 0.45
        # Text that sits in tables is not body text: a document of tables scores low.
        in_tables = sum(
            len(cell.text)
            for table in source.tables()
            for row in table.table.rows
            for cell in row.cells
            if cell is not None
        )
        outside = sum(len(line.plain) for line in texts)
        share = in_tables / max(in_tables + outside, 1)
        return min(body + structure, 0.95) * (1 - 0.8 * share)

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        return body_units(source, options)[0]


def body_units(
    source: SourceDocument, options: ReadOptions
) -> tuple[Reading, list[list[CellText]]]:
    """The body-text reading, and each paragraph's lines as read (for profiles built on it)."""
    reader = BodyReader(source)
    reader.read()
    label_units(reader.units, reader.warnings)
    all_text = "\n".join(line.plain for line in reader.lines)
    name = options.stakeholder or _author(source, all_text)
    paragraphs = []
    lines = []
    for unit in reader.units:
        cell = _join(unit.cells)
        if not cell.text.strip():
            continue
        lines.append([c for c in unit.cells if c.text.strip()])
        variant = ImportedVariant.of(cell, name, Role.DRAFT)
        paragraphs.append(
            ImportedParagraph(
                unit.label,
                unit.section.path if unit.section is not None else None,
                (variant,),
            )
        )
    document = ImportedDocument(
        source.path,
        NAME,
        (ImportedStakeholder(name, stakeholder_kind(name)),),
        reader.outline.imported(),
        tuple(paragraphs),
    )
    findings = Findings(NAME, DESCRIPTION)
    _facts(reader, findings, name)
    findings.set_aside.extend(reader.set_aside)
    findings.warnings.extend(reader.warnings)
    return Reading(document, findings), lines


def _author(source: SourceDocument, text: str) -> str:
    """Whose text a body-text document is: the chair's, unless a caucus names itself."""
    guessed = guess_stakeholder(source.path, text)
    return guessed if "caucus" in guessed.casefold() else "Chair"


def _facts(reader: BodyReader, findings: Findings, author: str) -> None:
    units = reader.units
    pps = [u for u in units if u.kind in ("pp", "chapeau")]
    ops = [u for u in units if u.kind == "op"]
    texts = [u for u in units if u.kind == "text"]
    sections = reader.outline.sections
    options = [s for s in sections if s.family == "option"]
    headings = [s for s in sections if s.family != "option"]
    findings.facts.append(
        f"sections: {plural(len(headings), 'heading')}"
        + (f" and {plural(len(options), 'option')}" if options else "")
        + (f" ({_span([s.number or s.title for s in headings])})" if headings else "")
    )
    parts = []
    if pps:
        parts.append(f"{len(pps)} preambular ({_span([u.label for u in pps])})")
    if ops:
        parts.append(f"{len(ops)} operative ({_span([u.label for u in ops])})")
    if texts:
        parts.append(f"{len(texts)} unnumbered ({_span([u.label for u in texts])})")
    findings.facts.append(
        f"paragraphs: {plural(len(units), 'paragraph')}"
        + (": " + ", ".join(parts) if parts else "")
    )
    word = sum(1 for u in ops if u.number is not None and not u.number.typed)
    typed = len(ops) - word
    numbering = []
    if word:
        numbering.append(f"{word} by Word's automatic numbering")
    if typed:
        numbering.append(f"{typed} typed")
    if numbering:
        findings.facts.append("numbering: " + ", ".join(numbering))
    if reader.tables_kept:
        findings.facts.append(
            f"tables: {plural(reader.tables_kept, 'table')} kept as the text of the paragraph "
            "or annex they sit in (not read as negotiation tables)"
        )
    findings.facts.append(
        f"draft: every paragraph is {author}'s draft (--stakeholder names another)"
    )


def _span(labels: Sequence[str], limit: int = 4) -> str:
    if len(labels) <= limit:
        return ", ".join(labels)
    return f"{labels[0]}, {labels[1]} … {labels[-1]}"
