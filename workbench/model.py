"""The negotiation text in negotiators' terms: value objects shared by every part of the domain.

Everything here is a frozen dataclass or an enum; none of it touches SQLite, Word or Qt.
Rows read from the workbench file come back as these objects, and the UI only ever sees these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where a paragraph stands in the negotiation."""

    OPEN = "open"
    BRACKETED = "bracketed"
    AGREED_AD_REF = "agreed ad ref"
    AGREED = "agreed"


class StakeholderKind(StrEnum):
    CHAIR = "chair"
    GOVERNMENT = "government"
    PRIVATE_SECTOR = "private sector"
    CIVIL_SOCIETY = "civil society"
    INTERGOVERNMENTAL = "intergovernmental organization"
    INTERNATIONAL = "international organization"


class Role(StrEnum):
    """What a variant is for: the base text, a proposed change, or an agreed compromise."""

    DRAFT = "draft"
    PROPOSAL = "proposal"
    COMPROMISE = "compromise"


class EditKind(StrEnum):
    """One entry of a paragraph's append-only edit log."""

    INITIAL = "initial"  # the compromise's starting text (imported compromise, else the draft)
    ACCEPT = "accept"  # a proposal's hunk taken into the compromise
    REJECT = "reject"  # a proposal's hunk turned down; the text is unchanged
    TYPED = "typed"  # a hand edit
    UNDO = "undo"  # restores the text from before `target_edit_id`
    REDO = "redo"  # re-applies `target_edit_id` after it was undone
    TRACKED = "tracked"  # a Word tracked change found on import (history only)
    STATUS = "status"  # a status set by hand; `note` holds the new status


TEXT_CHANGING_KINDS = frozenset(
    {EditKind.INITIAL, EditKind.ACCEPT, EditKind.TYPED, EditKind.UNDO, EditKind.REDO}
)

# Who made an edit typed by hand when no source variant applies.
TYPED_SOURCE = "typed"


@dataclass(frozen=True)
class Stakeholder:
    id: int
    name: str
    kind: StakeholderKind


@dataclass(frozen=True)
class Section:
    id: int
    number: str  # as written: "3.", "3a)"
    title: str
    parent_id: int | None
    position: int


@dataclass(frozen=True)
class Paragraph:
    id: int
    label: str  # as negotiators write it: "39", "43bis", "New 56bis", "57 new(b)"
    section_id: int | None
    position: int  # document order across the whole text
    status: Status  # the status set by hand; see brackets.effective_status for what to show


@dataclass(frozen=True)
class Mark:
    """A manual-redline mark inside a variant's clean text (struck text is kept in `text`)."""

    kind: str  # "deleted" (struck in the source) or "added" (underlined in the source)
    start: int  # offset in the variant's clean text where the mark stands
    end: int  # for "added": the end of the added text; for "deleted": == start
    text: str  # the added or deleted words


@dataclass(frozen=True)
class Variant:
    id: int
    paragraph_id: int
    stakeholder_id: int
    role: Role
    text: str
    marks: tuple[Mark, ...] = ()
    source: str = ""  # where it was imported from (file name), for the history
    # The variant this one amends: a proposal's base is the draft it was written against
    # (None for drafts, compromises, and proposals imported without a draft beside them).
    base_id: int | None = None
    note: str = ""  # the proposal's justification or rationale, as it came with it
    tag: str = ""  # a reference of its own, shown with it: an amendment number ("AM 1829")


@dataclass(frozen=True)
class Edit:
    """One entry of the append-only log that builds a paragraph's compromise.

    `start`/`end`/`inserted` describe the splice applied to the previous text (for REJECT,
    the hunk turned down, against the text as it stood). `text_after` is the compromise
    after the edit, so any version is one read and replaying the log can be checked.
    """

    id: int
    paragraph_id: int
    seq: int  # 1, 2, 3 ... within the paragraph
    kind: EditKind
    stakeholder_id: int | None  # whose text this is; None when typed by hand
    variant_id: int | None
    author: str  # the user who made the edit (or the Word author of a tracked change)
    at: str  # ISO 8601, UTC
    start: int
    end: int
    inserted: str
    text_after: str
    note: str = ""
    target_edit_id: int | None = None  # for UNDO and REDO


@dataclass(frozen=True)
class NewEdit:
    """What a caller hands to storage to append; storage assigns id, seq and time."""

    paragraph_id: int
    kind: EditKind
    author: str
    text_after: str
    start: int = 0
    end: int = 0
    inserted: str = ""
    stakeholder_id: int | None = None
    variant_id: int | None = None
    note: str = ""
    target_edit_id: int | None = None
    at: str | None = None  # None: now


class CommentKind(StrEnum):
    """One row of a paragraph's append-only comment log."""

    COMMENT = "comment"  # a new thread, on words of a text
    REPLY = "reply"  # an answer; `target_id` is the comment it answers
    RESOLVE = "resolve"  # the thread `target_id` starts is marked resolved
    REOPEN = "reopen"  # the thread `target_id` starts is open again


@dataclass(frozen=True)
class Comment:
    """A row of the comment log: comments, replies and resolutions are each a row of their own,
    never updated, so two laptops can exchange them as they are (see `workbench.comments`).

    A comment is anchored in a text that never changes: a variant's (`variant_id`: the draft,
    or the proposal whose words it quotes) or the compromise as one edit left it (`edit_id`),
    at `start:end`, whose words were `quote`. Where it stands in today's compromise is worked
    out from there, and said when its words are gone.
    """

    id: int
    paragraph_id: int
    kind: CommentKind
    target_id: int | None  # the comment a reply answers, or whose thread is (re)solved
    author: str
    at: str  # ISO 8601, UTC
    text: str
    variant_id: int | None
    edit_id: int | None
    start: int
    end: int
    quote: str
    source: str = ""  # the file it was imported from; "" when written in the workbench


@dataclass(frozen=True)
class NewComment:
    """What a caller hands to storage to append; storage assigns the id (and the time)."""

    paragraph_id: int
    kind: CommentKind
    author: str
    text: str = ""
    target_id: int | None = None
    variant_id: int | None = None
    edit_id: int | None = None
    start: int = 0
    end: int = 0
    quote: str = ""
    source: str = ""
    at: str | None = None  # None: now
