"""Statements: numbered paragraphs of one stakeholder, from a .txt or a .docx without a table.

A number opens a new paragraph only when it is the next in sequence, so a list restarting at 1
inside paragraph 2 stays part of paragraph 2; bullets and unnumbered lines stay with the
paragraph they follow. A line a Word author inserted whole is a paragraph of its own, labelled
after the one it follows ("2 (new)"), and counts in no sequence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.importing.cleantext import CellText, join_cells
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.model import Role

PREAMBLE_LABEL = "Preamble"
NUMBERED = re.compile(r"^[ \t]*(\d{1,3})[.)](?:[ \t]+|$)")
_NAMED_CAUCUS = re.compile(r"\b(?:The|the|Our|our)\s+((?:[A-Z][\w'’-]*\s+){1,4}Caucus)\b")
_STEM_SPLIT = re.compile(r"[-_\s.]+")


@dataclass
class _Paragraph:
    label: str
    lines: list[CellText] = field(default_factory=list)


def split_statement(lines: Iterable[CellText]) -> list[tuple[str, CellText]]:
    """(label, text) of each numbered paragraph, a non-empty preamble first."""
    preamble = _Paragraph(PREAMBLE_LABEL)
    paragraphs: list[_Paragraph] = []
    expected: int | None = None
    for line in lines:
        if not line.text.strip():
            continue
        if line.wholly_inserted and (paragraphs or preamble.lines):
            # A paragraph a Word author added: its own, named after the one before it.
            before = paragraphs[-1].label if paragraphs else PREAMBLE_LABEL
            paragraphs.append(_Paragraph(f"{before.split(' (new')[0]} (new)", [line]))
            continue
        match = NUMBERED.match(line.text)
        if match and (expected is None or int(match.group(1)) == expected):
            number = int(match.group(1))
            paragraphs.append(_Paragraph(str(number)))
            expected = number + 1
            line = line.without_prefix(match.end())
            if not line.text.strip():
                continue
        (paragraphs[-1] if paragraphs else preamble).lines.append(line)
    found = [preamble] if preamble.lines else []
    found.extend(paragraphs)
    return [(paragraph.label, join_cells(paragraph.lines)) for paragraph in found]


def guess_stakeholder(source: Path, text: str) -> str:
    """ "The Gender Caucus believes" -> "Gender Caucus"; "The caucus" -> from the file name."""
    named = _NAMED_CAUCUS.search(text)
    if named:
        return " ".join(named.group(1).split())
    words = [word for word in _STEM_SPLIT.split(source.stem) if word]
    lowered = [word.casefold() for word in words]
    if "caucus" in lowered and "caucus" in text.casefold():
        return " ".join(word.capitalize() for word in words[: lowered.index("caucus") + 1])
    return source.stem


def read_statement(
    source: Path,
    lines: list[CellText],
    *,
    stakeholder: str | None = None,
    on_row: Callable[[], None] | None = None,
) -> ImportedDocument:
    found = split_statement(lines)
    name = stakeholder or guess_stakeholder(source, "\n".join(line.text for line in lines))
    paragraphs = []
    for label, cell in found:
        if on_row is not None:
            on_row()
        variant = ImportedVariant.of(cell, name, Role.DRAFT)
        paragraphs.append(ImportedParagraph(label, None, (variant,)))
    return ImportedDocument(
        source,
        "statement",
        (ImportedStakeholder(name, stakeholder_kind(name)),),
        (),
        tuple(paragraphs),
    )
