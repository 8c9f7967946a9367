"""The exporter's input: plain value objects the layouts write, whatever the workbench holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SegmentKind(StrEnum):
    """How a stretch of text relates to the base it is compared with."""

    EQUAL = "equal"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Segment:
    """A stretch of text in a change: kept, inserted or deleted, and by whom and when."""

    kind: SegmentKind
    text: str
    author: str = ""
    at: str = ""  # ISO 8601; "" when unknown (Word then shows no date)


@dataclass(frozen=True)
class ExportHeading:
    """A section heading: "3a)" "Infrastructure", depth 1 for a top-level section."""

    number: str
    title: str
    depth: int = 1

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.number, self.title) if part)


@dataclass(frozen=True)
class ExportReply:
    """A reply in a comment thread."""

    author: str
    at: str
    text: str


@dataclass(frozen=True)
class ExportComment:
    """A comment thread placed on words of one cell of a row.

    `column` is the text column it is on: 0 the draft, 1..n the proposal columns in order,
    -1 the compromise; `start:end` are offsets in that cell's text (as it reads, deleted words
    left out). A comment whose words are gone is on the start of the compromise, and says so.
    """

    column: int
    start: int
    end: int
    author: str
    at: str
    text: str
    replies: tuple[ExportReply, ...] = ()
    resolved: bool = False


@dataclass(frozen=True)
class ExportRow:
    """One paragraph of the negotiation text as the table and clean layouts write it.

    `proposals` holds one cell per proposal column, each a list of segments (a single
    EQUAL segment for plain text, or the proposal's changes against the draft as a redline).
    `compromise_changes` is the compromise against the draft, attributed, for tracked changes.
    """

    label: str
    draft: str
    compromise: str
    compromise_changes: tuple[Segment, ...] = ()
    proposals: tuple[tuple[Segment, ...], ...] = ()
    status: str = ""  # as negotiators see it: "open", "bracketed", "agreed ad ref", "agreed"
    comments: tuple[ExportComment, ...] = ()
    # Per proposal column, the tags of that stakeholder's proposals here ("AM 1830"), if any.
    proposal_tags: tuple[str, ...] = ()


# Columns a landscape page holds beside the label and the status and still reads: the draft,
# three proposals and the compromise. With more proposals they go in rows, not columns.
MAX_PROPOSAL_COLUMNS = 3


@dataclass(frozen=True)
class ExportTable:
    """Everything the table layout writes: column titles and the rows with their headings."""

    draft_title: str  # "Draft (Chair)"
    proposal_titles: tuple[str, ...]  # ("Brazil proposal", ...)
    items: tuple[ExportHeading | ExportRow, ...]

    @property
    def stacked(self) -> bool:
        """Too many proposals to be columns: each paragraph's texts are rows, one under
        another (draft, each proposal made on it, compromise), as in a compilation."""
        return len(self.proposal_titles) > MAX_PROPOSAL_COLUMNS

    @property
    def text_columns(self) -> int:
        """Draft, proposals and compromise: the columns that hold the negotiated text."""
        return 1 if self.stacked else 2 + len(self.proposal_titles)


@dataclass(frozen=True)
class VersionEntry:
    """One entry of a paragraph's history: who did what, when, from whose text."""

    number: int
    at: str
    author: str
    stakeholder: str  # whose text it is ("" when typed by hand)
    kind: str
    change: tuple[Segment, ...]  # against the previous version
    note: str = ""


@dataclass(frozen=True)
class Share:
    """How much of the current compromise comes from one stakeholder (or hand typing)."""

    owner: str
    percent: float  # of the compromise's words


@dataclass(frozen=True)
class ParagraphHistory:
    """The caucus record of one paragraph: its versions and who owns the compromise."""

    label: str
    heading: str
    compromise: str
    versions: tuple[VersionEntry, ...]
    shares: tuple[Share, ...] = field(default=())
    status: str = ""  # as negotiators say it: "open", "bracketed", "agreed ad ref", "agreed"
