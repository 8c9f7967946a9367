"""Statements: a .txt or a .docx without a table, read as numbered paragraphs of one stakeholder.

A number opens a new paragraph only when it is the next in sequence, so a list restarting at 1
inside paragraph 2 stays part of paragraph 2; bullets and unnumbered lines stay with the
paragraph they follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.importing.cleantext import CellText, RunKind, TextBuilder, join_cells
from workbench.importing.columns import stakeholder_kind
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.ooxml import (
    iter_paragraphs,
    paragraph_numbering,
    paragraph_text,
    w,
)
from workbench.model import Role

PREAMBLE_LABEL = "Preamble"
_NUMBERED = re.compile(r"^[ \t]*(\d{1,3})[.)](?:[ \t]+|$)")
_NAMED_CAUCUS = re.compile(r"\b(?:The|the|Our|our)\s+((?:[A-Z][\w'’-]*\s+){1,4}Caucus)\b")
_STEM_SPLIT = re.compile(r"[-_\s.]+")
_VAL = w("val")


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
        match = _NUMBERED.match(line.text)
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


def text_lines(text: str) -> list[CellText]:
    """Plain-text lines, cleaned like Word paragraphs (runs of spaces collapsed)."""
    result = []
    for raw in text.splitlines():
        builder = TextBuilder()
        builder.add(raw, RunKind.NORMAL)
        result.append(builder.finish())
    return result


@dataclass(frozen=True)
class _ListKind:
    abstract_id: str  # lists sharing an abstract definition continue one another's numbers
    number_format: str  # "decimal", "bullet", ...
    restart: bool  # a startOverride: this list starts again


def docx_lines(body: etree._Element, numbering: etree._Element | None) -> list[CellText]:
    """Body paragraphs; Word's automatic numbering written out ("1. ") so it can be read."""
    kinds = _list_kinds(numbering)
    counters: dict[str, int] = {}
    started: set[str] = set()
    lines: list[CellText] = []
    for paragraph in iter_paragraphs(body):
        cell = paragraph_text(paragraph)
        numbered = paragraph_numbering(paragraph)
        kind = kinds.get(numbered[0]) if numbered is not None and numbered[1] == 0 else None
        if numbered is not None and kind is not None and kind.number_format == "decimal":
            if kind.restart and numbered[0] not in started:
                counters[kind.abstract_id] = 0
            started.add(numbered[0])
            counters[kind.abstract_id] = counters.get(kind.abstract_id, 0) + 1
            cell = cell.with_prefix(f"{counters[kind.abstract_id]}. ")
        lines.append(cell)
    return lines


def _list_kinds(numbering: etree._Element | None) -> dict[str, _ListKind]:
    """numId -> how its first level is numbered."""
    if numbering is None:
        return {}
    formats: dict[str, str] = {}
    for element in numbering.iter(w("abstractNum")):
        level = element.find(w("lvl"))
        fmt = level.find(w("numFmt")) if level is not None else None
        formats[element.get(w("abstractNumId"), "")] = (
            fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
        )
    kinds = {}
    for num in numbering.iter(w("num")):
        ref = num.find(w("abstractNumId"))
        if ref is None:
            continue
        abstract_id = ref.get(_VAL, "")
        restart = any(
            override.get(w("ilvl"), "0") == "0" and override.find(w("startOverride")) is not None
            for override in num.iter(w("lvlOverride"))
        )
        kinds[num.get(w("numId"), "")] = _ListKind(
            abstract_id, formats.get(abstract_id, "decimal"), restart
        )
    return kinds


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
        variant = ImportedVariant(name, Role.DRAFT, cell.text, cell.marks, cell.tracked)
        paragraphs.append(ImportedParagraph(label, None, (variant,)))
    return ImportedDocument(
        source,
        "statement",
        (ImportedStakeholder(name, stakeholder_kind(name)),),
        (),
        tuple(paragraphs),
    )
