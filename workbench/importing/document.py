"""What an import found, before anything is written: pure frozen values, no storage, no Word."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.importing.cleantext import CellText, CommentSpan
from workbench.importing.revisions import Revision, TrackedSpan
from workbench.model import Mark, Role, StakeholderKind


@dataclass(frozen=True)
class ImportedStakeholder:
    name: str
    kind: StakeholderKind


@dataclass(frozen=True)
class ImportedVariant:
    stakeholder: str  # an ImportedStakeholder's name
    role: Role
    # Clean: struck words removed. As a profile reads it, the words of Word's tracked changes
    # are all in it, covered by `spans`; `tracked.expand` then makes it the text with every
    # change rejected, and each author's changes a proposal of their own.
    text: str
    marks: tuple[Mark, ...] = ()
    spans: tuple[TrackedSpan, ...] = ()
    note: str = ""  # a justification or rationale that came with a proposal
    tag: str = ""  # its own reference, shown with it: an amendment number ("AM 1829")
    # The variant it amends, as an index into its paragraph's variants (a proposal built on
    # another proposal's text); None: the paragraph's draft, as always.
    base: int | None = None
    revisions: tuple[Revision, ...] = ()  # the tracked changes a proposal is made of
    comments: tuple[CommentSpan, ...] = ()  # Word comment ranges over `text` (before expand)

    @classmethod
    def of(
        cls, cell: CellText, stakeholder: str, role: Role, note: str = "", tag: str = ""
    ) -> ImportedVariant:
        """A variant of a cell's (or paragraph's) text, its changes and comments with it."""
        return cls(
            stakeholder,
            role,
            cell.text,
            cell.marks,
            cell.spans,
            note,
            tag,
            comments=cell.comments,
        )


@dataclass(frozen=True)
class ImportedComment:
    """A Word comment, placed on the words of one variant of its paragraph."""

    key: str  # the comment's id in the Word file
    author: str
    date: str  # as Word wrote it (ISO 8601), "" when it left none
    text: str
    variant: int | None  # index of the variant (in its paragraph) it is anchored in
    start: int  # the quoted words: variant text[start:end]
    end: int
    quote: str
    reply_to: str | None = None  # the key of the comment it answers
    resolved: bool = False  # the thread was marked done in Word


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
    comments: tuple[ImportedComment, ...] = ()

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
