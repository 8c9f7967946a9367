"""European Parliament amendments: numbered, each a small table, its authors and target above.

Above each table: "Amendment 1832", the tabling members ("Jens Rohde, Adina-Ioana Vălean",
maybe "on behalf of the ALDE Group"), the act ("Proposal for a regulation") and the target
provision ("Article 28 – paragraph 1 – point a", "Recital 12"); the table's header reads "Text
proposed by the Commission | Amendment"; below it the original language ("Or. fr") and a
justification. Each amendment becomes a proposal by its authors on the target paragraph, tagged
with its number and noted with its justification; the Commission text is the draft; amendments
to one target are alternatives on one paragraph. An amendment quoting another Commission text
for the same target (another language version) is kept apart under a label made unique.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument, TableBlock, TextBlock
from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import ColumnRole, stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedSection,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.profiles import roles
from workbench.importing.profiles.base import Reading, ReadOptions
from workbench.importing.profiles.comparison import find_header
from workbench.importing.profiles.findings import Findings, plural
from workbench.model import Role, StakeholderKind

NAME = "ep-amendments"
DESCRIPTION = "amendments: number, authors and target above each table, the draft beside it"
COMMISSION = "Commission"
_AMENDMENT = re.compile(
    r"^(?:amendment|amendement|enmienda|änderungsantrag|emendamento|poprawka|pozměňovací\s+"
    r"návrh|alteração|amendamentul|módosítás)\s+(?P<number>\d{1,6}[a-z]?)$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(r"^(?:or\.|orig\.|original:?)\s*(?P<lang>[a-z]{2})$", re.IGNORECASE)
_ACT = re.compile(
    r"^(?:proposal\s+for\s+a|draft|motion\s+for\s+a|proposition\s+de|propuesta\s+de)\b",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(r"^(?:on\s+behalf\s+of|au\s+nom\s+du|en\s+nombre\s+del)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?P<article>(?:article|recital|annex|citation)\s*[\w]*)", re.IGNORECASE)
_LOOKAHEAD = 8  # an amendment number this many blocks above its table at most


@dataclass
class _Amendment:
    number: str
    lines: list[str] = field(default_factory=list)  # between the number and the table
    draft: CellText = field(default_factory=lambda: CellText(""))
    text: CellText = field(default_factory=lambda: CellText(""))
    language: str = ""
    justification: list[str] = field(default_factory=list)

    @property
    def target(self) -> str:
        return self.lines[-1] if self.lines else ""

    @property
    def authors(self) -> str:
        names = [
            line for line in self.lines[:-1] if not _ACT.match(line) and not _ON_BEHALF.match(line)
        ]
        return ", ".join(names)


def _text(block: TextBlock) -> str:
    return " ".join(block.text.text.split())


def _column_texts(table_rows: list[list[CellText | None]], index: int) -> CellText:
    cells = [row[index] for row in table_rows if index < len(row) and row[index] is not None]
    return join_cells([cell for cell in cells if cell is not None and cell.text.strip()])


def read_amendments(source: SourceDocument) -> tuple[list[_Amendment], list[str]]:
    """Every amendment with its table; what could not be read is said, never dropped quietly."""
    amendments: list[_Amendment] = []
    problems: list[str] = []
    current: _Amendment | None = None
    in_justification = False
    for block in source.blocks:
        if isinstance(block, TableBlock):
            if current is None or current.draft.text or current.text.text:
                where = (
                    "before the first amendment"
                    if current is None
                    else "after a complete amendment"
                )
                problems.append(f"table {block.index + 1} ({where}, no amendment number above it)")
                continue
            header = find_header(block.table)
            if header is None:
                problems.append(
                    f"table {block.index + 1} (amendment {current.number}) has no header"
                )
                continue
            meanings = [roles.meaning(t).role for t in header.texts]
            draft_at = next((i for i, r in enumerate(meanings) if r is ColumnRole.DRAFT), None)
            amend_at = next((i for i, r in enumerate(meanings) if r is ColumnRole.PROPOSAL), None)
            if draft_at is None or amend_at is None:
                problems.append(
                    f"amendment {current.number}: the table names no draft and amendment"
                )
                continue
            rows = [
                list(row.cells)
                for row in block.table.rows[header.row + 1 :]
                if not roles.is_header(row.texts())  # a header repeated on a new page
            ]
            current.draft = _column_texts(rows, draft_at)
            current.text = _column_texts(rows, amend_at)
            continue
        text = _text(block)
        if not text:
            continue
        match = _AMENDMENT.match(text)
        if match:
            current = _Amendment(match.group("number"))
            amendments.append(current)
            in_justification = False
            continue
        if current is None:
            continue
        if not current.draft.text and not current.text.text:
            current.lines.append(text)
            continue
        original = _ORIGINAL.match(text)
        if original:
            current.language = original.group("lang").casefold()
        elif roles.meaning(text).role is ColumnRole.NOTE and len(text.split()) <= 2:
            in_justification = True
        elif in_justification:
            current.justification.append(block.text.text.strip())
    return amendments, problems


def _section_of(target: str) -> str:
    match = _ARTICLE.match(target)
    return match.group("article").strip() if match else target


class AmendmentsProfile:
    name = NAME
    description = DESCRIPTION

    @staticmethod
    def _variants(
        members: list[_Amendment],
        stakeholders: dict[str, ImportedStakeholder],
        options: ReadOptions,
        main_language: str,
    ) -> list[ImportedVariant]:
        """The Commission text once, then each amendment as its authors' proposal."""
        variants = []
        draft = members[0].draft
        if draft.text:
            variants.append(ImportedVariant.of(draft, COMMISSION, Role.DRAFT))
        for amendment in members:
            if not amendment.text.text:
                continue
            authors = amendment.authors or options.stakeholder or f"Amendment {amendment.number}"
            if authors not in stakeholders:
                stakeholders[authors] = ImportedStakeholder(authors, stakeholder_kind(authors))
            note = "\n".join(amendment.justification)
            if amendment.language and amendment.language != main_language:
                note = f"Or. {amendment.language}" + (f"\n{note}" if note else "")
            variants.append(
                ImportedVariant.of(
                    amendment.text, authors, Role.PROPOSAL, note, f"AM {amendment.number}"
                )
            )
        return variants

    def score(self, source: SourceDocument) -> float:
        tables = source.tables()
        if not tables:
            return 0.0
        blocks = source.blocks
        numbered = 0
        for index, block in enumerate(blocks):
            if not isinstance(block, TableBlock):
                continue
            before = blocks[max(0, index - _LOOKAHEAD) : index]
            if any(isinstance(b, TextBlock) and _AMENDMENT.match(_text(b)) for b in before):
                numbered += 1
        share = numbered / len(tables)
        # Amendment numbers above the tables say more than any header: over comparison's 0.95.
        return min(0.6 + 0.4 * share, 0.98) if numbered >= 1 and share >= 0.5 else 0.3 * share

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        amendments, problems = read_amendments(source)
        readable = [a for a in amendments if a.draft.text or a.text.text]
        if not readable:
            raise WorkbenchError(source.path, "has no amendment table to read")
        common = Counter(a.language for a in readable if a.language).most_common(1)
        main_language = common[0][0] if common else ""
        warnings: list[str] = []
        sections: dict[str, ImportedSection] = {}
        # target -> Commission text quoted -> its amendments, in the order they come
        groups: dict[str, dict[str, list[_Amendment]]] = {}
        for amendment in readable:
            target = amendment.target or f"Amendment {amendment.number}"
            draft_text = " ".join(amendment.draft.text.split())
            groups.setdefault(target, {}).setdefault(draft_text, []).append(amendment)
        stakeholders: dict[str, ImportedStakeholder] = {
            COMMISSION: ImportedStakeholder(COMMISSION, StakeholderKind.INTERGOVERNMENTAL)
        }
        paragraphs: list[tuple[str, str, list[ImportedVariant]]] = []
        used_labels: set[str] = set()
        for target, versions in groups.items():
            section_title = _section_of(target)
            if section_title not in sections:
                sections[section_title] = ImportedSection("", section_title, None, section_title)
            # The text most amendments quote (in the document's language) is the paragraph's
            # draft; another language version, or another extent, is a paragraph of its own.
            principal = max(
                versions,
                key=lambda text: (
                    len(versions[text]),
                    any(a.language == main_language for a in versions[text]),
                ),
            )
            ordered = [principal, *(text for text in versions if text != principal)]
            for draft_text in ordered:
                members = versions[draft_text]
                label = target
                if draft_text != principal:
                    language = members[0].language
                    original = f" (Or. {language})" if language else ""
                    label = f"{target} ({language or 'version 2'})"
                    n = 2
                    while label in used_labels:
                        n += 1
                        label = f"{target} ({language or 'version'} {n})"
                    numbers = ", ".join(a.number for a in members)
                    warnings.append(
                        f"{target}: "
                        + (
                            f"amendments {numbers} quote"
                            if len(members) > 1
                            else f"amendment {numbers} quotes"
                        )
                        + f" another Commission text{original}: "
                        f"kept apart as {label}"
                    )
                used_labels.add(label)
                variants = self._variants(members, stakeholders, options, main_language)
                paragraphs.append((label, section_title, variants))
        imported = tuple(
            ImportedParagraph(label, section, tuple(variants))
            for label, section, variants in paragraphs
            if variants
        )
        used = {s.name for p in imported for v in p.variants for s in [stakeholders[v.stakeholder]]}
        document = ImportedDocument(
            source.path,
            NAME,
            tuple(s for name, s in stakeholders.items() if name in used),
            tuple(sections.values()),
            imported,
        )
        findings = Findings(NAME, DESCRIPTION)
        first, last = readable[0].number, readable[-1].number
        findings.facts.append(
            f"amendments: {plural(len(readable), 'amendment')} ({first} … {last}), "
            f"each a proposal by its authors, tagged AM <number>"
        )
        findings.facts.append(
            f"paragraphs: {plural(len(imported), 'target')} amended, in "
            f"{plural(len(sections), 'section')}; the Commission text is the draft"
        )
        alternatives = sum(
            1 for p in imported if sum(v.role is Role.PROPOSAL for v in p.variants) > 1
        )
        if alternatives:
            findings.facts.append(
                f"alternatives: {plural(alternatives, 'paragraph')} with more than one amendment"
            )
        findings.facts.append(
            f"authors: {plural(len(document.stakeholders) - 1, 'group')} of tabling members, "
            "each a stakeholder; the Commission's text is the draft"
        )
        justified = sum(1 for a in readable if a.justification)
        findings.facts.append(f"notes: {plural(justified, 'amendment')} with a justification")
        findings.set_aside.extend(problems)
        findings.warnings.extend(warnings)
        return Reading(document, findings)
