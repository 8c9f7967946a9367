"""Tables with a row for each text: paragraph | whose text | the text (a status column too).

A compilation laid out as a table, as delegations circulate one and as the workbench's own
table export writes one when a text has more proposals than a page holds as columns: under
each paragraph's label, a row for the draft ("Draft (Chair)"), one for each proposal ("EU",
"AM 1830 · Sophia in 't Veld proposal") and one for the compromise; the label cell is empty,
or merged down, on the rows after the first. A row of one cell across the table is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument
from workbench.importing.cleantext import CellText
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedSection,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.docx_tables import RawRow, RawTable
from workbench.importing.labels import clean_label, section_heading
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.findings import Findings, plural, quote
from workbench.model import Role

NAME = "stacked-table"
DESCRIPTION = (
    "a table with a row per text: the paragraph, whose text it is (draft, a proposal, the "
    "compromise), the text"
)
_SOURCE = re.compile(
    r"^(?:from|source|proposed by|submitted by|tabled by|delegations?|party|parties|"
    r"authors?|stakeholders?|proponents?|member states?)$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:paragraphs?|para\.?|no\.?|number|articles?|provisions?|sections?|§)$", re.IGNORECASE
)
_TEXT = re.compile(r"^(?:text|proposed text|wording|text proposed)$", re.IGNORECASE)
_DRAFT = re.compile(
    r"^(?:draft|chair'?s?\s+(?:text|draft)|original(?:\s+text)?|base\s+text)"
    r"(?:\s*\((?P<name>[^)]+)\))?$",
    re.IGNORECASE,
)
_COMPROMISE = re.compile(
    r"^(?:compromise|agreed text|draft agreement|provisional agreement)$", re.IGNORECASE
)
_PROPOSAL = re.compile(
    r"^(?:(?P<tag>[^·:]{1,40}?)\s*·\s*)?(?P<name>.+?)(?:\s+proposal)?\s*:?$", re.IGNORECASE
)
_CHAIR = "Chair"


@dataclass(frozen=True)
class _Columns:
    label: int
    source: int
    text: int


def _columns(table: RawTable) -> _Columns | None:
    """The label, source and text columns its header names, if it names all three."""
    if not table.rows:
        return None
    header = [" ".join(text.split()) for text in table.rows[0].texts()]

    def find(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, text in enumerate(header) if pattern.match(text)), None)

    label, source, text = find(_LABEL), find(_SOURCE), find(_TEXT)
    if label is None or source is None or text is None or len({label, source, text}) < 3:
        return None
    return _Columns(label, source, text)


def _tables(source: SourceDocument) -> list[tuple[RawTable, _Columns]]:
    found = []
    for block in source.tables():
        columns = _columns(block.table)
        if columns is not None:
            found.append((block.table, columns))
    return found


def _cell(row: RawRow, index: int) -> CellText | None:
    return row.cells[index] if index < len(row.cells) else None


@dataclass
class _Reader:
    """Rows into paragraphs, in order; what it could not place goes to `warnings`."""

    stakeholders: dict[str, ImportedStakeholder] = field(default_factory=dict)
    sections: list[ImportedSection] = field(default_factory=list)
    paragraphs: list[ImportedParagraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[Role, int] = field(default_factory=dict)
    _label: str = ""
    _variants: list[ImportedVariant] = field(default_factory=list)
    _section: str | None = None

    def read(self, table: RawTable, columns: _Columns, first_row: int) -> None:
        for number, row in enumerate(table.rows[1:], start=first_row):
            filled = [i for i, cell in enumerate(row.cells) if cell is not None]
            if filled == [0] and columns.text != 0:  # one cell across the table
                self._heading(row.cells[0].text if row.cells[0] is not None else "")
                continue
            label_cell = _cell(row, columns.label)
            label = clean_label(label_cell.text) if label_cell is not None else ""
            if label and label != self._label:  # the same label on every row of it is one
                self._flush()
                self._label = label
            self._row(number, _cell(row, columns.source), _cell(row, columns.text))
        self._flush()

    def _heading(self, text: str) -> None:
        self._flush()
        title = " ".join(text.split())
        if not title:
            return
        heading = section_heading(title)
        number, name = (heading.number, heading.title) if heading else ("", title)
        key = number or title
        taken = {s.key for s in self.sections}
        path = key if key not in taken else f"{key} ({len(self.sections) + 1})"
        self.sections.append(ImportedSection(number, name, None, path if path != key else ""))
        self._section = path

    def _row(self, number: int, source: CellText | None, text: CellText | None) -> None:
        who = " ".join((source.text if source is not None else "").split())
        words = text if text is not None else CellText("")
        if not self._label:
            if words.text.strip():
                self.warnings.append(
                    f"row {number}: {quote(words.text)} comes before any paragraph label: "
                    "not imported"
                )
            return
        if not who:
            if words.text.strip():
                self.warnings.append(
                    f"row {number} ({self._label}): nobody is named as the author of "
                    f"{quote(words.text)}: not imported"
                )
            return
        draft = _DRAFT.match(who)
        if draft is not None:
            name = (draft.group("name") or _CHAIR).strip()
            self._add(ImportedVariant.of(words, self._stakeholder(name), Role.DRAFT))
            return
        if _COMPROMISE.match(who):
            chair = next((v.stakeholder for v in self._variants if v.role is Role.DRAFT), _CHAIR)
            self._add(ImportedVariant.of(words, self._stakeholder(chair), Role.COMPROMISE))
            return
        proposal = _PROPOSAL.match(who)
        assert proposal is not None  # the pattern matches any name
        tag = (proposal.group("tag") or "").strip()
        name = self._stakeholder(proposal.group("name").strip())
        self._add(ImportedVariant.of(words, name, Role.PROPOSAL, tag=tag))

    def _stakeholder(self, name: str) -> str:
        if name not in self.stakeholders:
            self.stakeholders[name] = ImportedStakeholder(name, stakeholder_kind(name))
        return name

    def _add(self, variant: ImportedVariant) -> None:
        self._variants.append(variant)
        self.counts[variant.role] = self.counts.get(variant.role, 0) + 1

    def _flush(self) -> None:
        if self._label and self._variants:
            self.paragraphs.append(
                ImportedParagraph(self._label, self._section, tuple(self._variants))
            )
        self._label, self._variants = "", []


class StackedTableProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        # A header naming a paragraph, whose text and the text is this layout and no other.
        return 0.95 if _tables(source) else 0.0

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        tables = _tables(source)
        if not tables:
            raise WorkbenchError(
                source.path, "has no table with paragraph, source and text columns to read"
            )
        reader = _Reader()
        first_row = 2
        for table, columns in tables:
            reader.read(table, columns, first_row)
            first_row += len(table.rows)
            if options.on_row is not None:
                options.on_row()
        document = ImportedDocument(
            source.path,
            NAME,
            tuple(reader.stakeholders.values()),
            tuple(reader.sections),
            tuple(reader.paragraphs),
        )
        findings = Findings(NAME, DESCRIPTION)
        proposers = {
            v.stakeholder for p in reader.paragraphs for v in p.variants if v.role is Role.PROPOSAL
        }
        findings.facts.append(
            f"rows: {plural(len(reader.paragraphs), 'paragraph')} in "
            f"{plural(len(reader.sections), 'section')}; "
            f"{plural(reader.counts.get(Role.DRAFT, 0), 'draft')}, "
            f"{plural(reader.counts.get(Role.PROPOSAL, 0), 'proposal')} by "
            f"{plural(len(proposers), 'stakeholder')}, "
            f"{plural(reader.counts.get(Role.COMPROMISE, 0), 'compromise')}"
        )
        findings.warnings.extend(reader.warnings)
        other = len(source.tables()) - len(tables)
        if other:
            findings.set_aside.append(f"{plural(other, 'other table')} without those columns")
        return Reading(document, findings)
