"""Compilations: each draft paragraph followed by the proposals made on it, one a line, each
prefixed with its author ("EU: ...", "Canada, Government: ...", "G77 and China: ...").

Read as body text first (headings, numbers, preamble); then in every paragraph the lines with
a prefix become that stakeholder's proposal variant, and the rest stays the draft.
"""

from __future__ import annotations

import re

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
from workbench.importing.profiles.body_text import BodyTextProfile, body_units
from workbench.importing.profiles.findings import plural
from workbench.model import Role

NAME = "compilation"
DESCRIPTION = (
    "a compilation: draft paragraphs, each followed by proposals prefixed with their author"
)
_PREFIX = re.compile(
    r"^(?P<name>[A-Z\u0400-\u042F][\w.&'’()/-]*(?:[ ,]+[\w.&'’()/-]+){0,5}?)\s*:\s+(?P<text>\S.*)$",
    re.DOTALL,
)
_NOT_NAMES = re.compile(
    r"^(?:option|alt|note|nb|n\.b\.|example|justification|rationale|comment|definition|article|"
    r"paragraph|para|section|chapter|annex|recital|title|source|see|e\.g|i\.e|q|a)\b",
    re.IGNORECASE,
)
_MIN_PROPOSALS = 2


def author_prefix(text: str) -> tuple[str, str] | None:
    """ "Canada, Government: We propose ..." -> ("Canada, Government", "We propose ...")."""
    match = _PREFIX.match(text.strip())
    if match is None or _NOT_NAMES.match(match.group("name")):
        return None
    name = " ".join(match.group("name").split()).strip(" ,")
    return (name, match.group("text")) if name else None


class CompilationProfile:
    name = NAME
    description = DESCRIPTION

    def score(self, source: SourceDocument) -> float:
        prefixed = 0
        numbered = 0
        names: set[str] = set()
        for block in source.paragraphs():
            text = block.text.text.strip()
            if block.number is not None or vocab.typed_number(text) is not None:
                numbered += 1
                continue  # a list item "(a) Consistent: ..." is no author's line
            found = author_prefix(text)
            if found is not None:
                prefixed += 1
                names.add(found[0])
        if prefixed < _MIN_PROPOSALS or len(names) < 2 or prefixed < numbered / 2:
            return 0.0
        base = BodyTextProfile().score(source)
        share = prefixed / max(len(source.paragraphs()), 1)
        return min(base + 0.2 + 0.3 * share, 0.95) if base else 0.0

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading:
        reading, units = body_units(source, options)
        chair = reading.document.stakeholders[0].name
        stakeholders: dict[str, ImportedStakeholder] = {
            chair: ImportedStakeholder(chair, stakeholder_kind(chair))
        }
        paragraphs = []
        proposals = 0
        for paragraph, cells in zip(reading.document.paragraphs, units, strict=True):
            draft: list[CellText] = []
            variants: list[tuple[str, list[CellText]]] = []
            for cell in cells:
                found = author_prefix(cell.text)
                if found is not None:
                    name, rest = found
                    variants.append((name, [cell.without_prefix(len(cell.text) - len(rest))]))
                elif variants:
                    variants[-1][1].append(cell)
                else:
                    draft.append(cell)
            imported = []
            if draft:
                joined = join_cells(draft)
                imported.append(ImportedVariant.of(joined, chair, Role.DRAFT))
            for name, parts in variants:
                if name not in stakeholders:
                    stakeholders[name] = ImportedStakeholder(name, stakeholder_kind(name))
                joined = join_cells(parts)
                imported.append(ImportedVariant.of(joined, name, Role.PROPOSAL))
                proposals += 1
            paragraphs.append(
                ImportedParagraph(paragraph.label, paragraph.section_number, tuple(imported))
            )
        document = ImportedDocument(
            source.path,
            NAME,
            tuple(stakeholders.values()),
            reading.document.sections,
            tuple(paragraphs),
        )
        findings = reading.findings
        findings.profile, findings.description = NAME, DESCRIPTION
        findings.facts.append(
            f"proposals: {plural(proposals, 'line')} prefixed with their author, "
            f"from {plural(len(stakeholders) - 1, 'stakeholder')}"
        )
        return Reading(document, findings)


__all__ = ["CompilationProfile", "author_prefix", "vocab"]
