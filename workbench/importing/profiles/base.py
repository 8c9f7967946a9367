"""The seam every layout profile plugs into: score a document, read it, say what it found.

A profile knows one layout of negotiation text (a UN caucus table, body text with PP and OP
paragraphs, European Parliament amendments ...). It sees the document only as `blocks` (the
OOXML layer's output) and hands back an `ImportedDocument`, the one contract with the writer,
with its `Findings`. `score` says how well the layout fits, from 0 (not at all) to 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from workbench.importing.blocks import SourceDocument
from workbench.importing.columns import ColumnOverride
from workbench.importing.document import ImportedDocument
from workbench.importing.profiles.findings import Findings


@dataclass(frozen=True)
class ReadOptions:
    """What the user chose: column roles and names, whose statement it is."""

    column_overrides: Mapping[int, ColumnOverride] | None = None
    stakeholder: str | None = None
    on_row: Callable[[], None] | None = None  # called per row or paragraph read (progress)


@dataclass(frozen=True)
class Reading:
    document: ImportedDocument
    findings: Findings


class Profile(Protocol):
    name: str  # what --profile takes: "body-text", "un-table" ...
    description: str  # one line for the summary and the dialog

    def score(self, source: SourceDocument) -> float: ...

    def read(self, source: SourceDocument, options: ReadOptions) -> Reading: ...
