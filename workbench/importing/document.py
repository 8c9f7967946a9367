"""What an import found, before anything is written: pure frozen values, no storage, no Word."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.importing.cleantext import TrackedChange
from workbench.model import Mark, Role, StakeholderKind


@dataclass(frozen=True)
class ImportedStakeholder:
    name: str
    kind: StakeholderKind


@dataclass(frozen=True)
class ImportedVariant:
    stakeholder: str  # an ImportedStakeholder's name
    role: Role
    text: str  # clean: struck words removed, tracked changes accepted
    marks: tuple[Mark, ...] = ()
    tracked: tuple[TrackedChange, ...] = ()
    note: str = ""  # a justification or rationale that came with a proposal
    tag: str = ""  # its own reference, shown with it: an amendment number ("AM 1829")


@dataclass(frozen=True)
class ImportedSection:
    number: str  # as written: "3.", "3a)", "Article 4", "Option 2"; "" for an unnumbered heading
    title: str
    parent_number: str | None  # the key of the section it sits under
    # A key unique in the document where number and title are not ("Option 1" under every
    # section): the path of numbers and titles from the top, "III./A./Option 1".
    path: str = ""

    @property
    def key(self) -> str:
        """How paragraphs and subsections refer to it: its path, else its number or title."""
        return self.path or self.number or self.title


@dataclass(frozen=True)
class ImportedParagraph:
    label: str  # as written, less a plain number's trailing dot: "39", "New 56bis"
    section_number: str | None  # the key of its section
    variants: tuple[ImportedVariant, ...]

    def variant(self, role: Role) -> ImportedVariant | None:
        return next((v for v in self.variants if v.role is role), None)


@dataclass(frozen=True)
class ImportedDocument:
    source: Path
    kind: str  # "table", "statement", or another layout profile's name ("body-text" ...)
    stakeholders: tuple[ImportedStakeholder, ...]
    sections: tuple[ImportedSection, ...]
    paragraphs: tuple[ImportedParagraph, ...]

    @property
    def variant_count(self) -> int:
        return sum(len(p.variants) for p in self.paragraphs)
