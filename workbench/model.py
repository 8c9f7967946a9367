"""The negotiation text in negotiators' terms: value objects shared by every part of the domain.

Everything here is a frozen dataclass or an enum; none of it touches SQLite, Word or Qt.
Rows read from the workbench file come back as these objects, and the UI only ever sees these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where a paragraph stands in the negotiation."""

    OPEN = "open"
    BRACKETED = "bracketed"
    AGREED_AD_REF = "agreed ad ref"
    AGREED = "agreed"

    @classmethod
    def parse(cls, text: str) -> Status:
        """A status as typed on the command line: "agreed-ad-ref", "agreed ad ref", "Agreed"."""
        wanted = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
        return cls(wanted)


# Statuses under which the text is settled: changing it asks first (the window) or needs
# --force (the command line).
PROTECTED_STATUSES = frozenset({Status.AGREED, Status.AGREED_AD_REF})


class ChangeState(StrEnum):
    """Where a proposal's change stands against the current compromise."""

    PENDING = "pending"  # the words it changes are in the compromise as the base has them
    ACCEPTED = "accepted"  # the compromise has its words there
    REJECTED = "rejected"  # turned down (a REJECT in force in the paragraph's log)
    CONFLICT = "conflict"  # the compromise changed those words otherwise


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

    INITIAL = "initial"  # the compromise's starting text (see `starting_variant`)
    ACCEPT = "accept"  # a proposal's change(s) taken into the compromise
    REJECT = "reject"  # a proposal's change(s) turned down; the text is unchanged
    RESTORE = "restore"  # rejected change(s) offered again; the text is unchanged
    TYPED = "typed"  # a hand edit
    UNDO = "undo"  # takes `target_edit_id` out of force (restoring the text from before it)
    REDO = "redo"  # puts `target_edit_id` back in force after it was undone
    TRACKED = "tracked"  # a Word tracked change found on import (history only)
    STATUS = "status"  # a status set by hand; `status` holds the new status
    # A colleague's version taken in (`merged_id` names its head): the fork is resolved; the
    # splice gives the text as resolved, `status` the status both versions now share.
    MERGE = "merge"


TEXT_CHANGING_KINDS = frozenset(
    {
        EditKind.INITIAL,
        EditKind.ACCEPT,
        EditKind.TYPED,
        EditKind.UNDO,
        EditKind.REDO,
        EditKind.MERGE,
    }
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
    position: str  # an order key (`order_keys`): sections sort by (position, id)


@dataclass(frozen=True)
class Paragraph:
    id: int
    label: str  # as negotiators write it: "39", "43bis", "New 56bis", "57 new(b)"
    section_id: int | None
    position: str  # document order: an order key (`order_keys`), sorted by (position, id)
    # The status set by hand, as the edit log has it in force (the last edit carrying one);
    # brackets.effective_status says what to show for the whole document.
    status: Status


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
    # Which changes of `variant_id` an ACCEPT, REJECT or RESTORE concerns, by their numbers
    # (a proposal's changes are numbered 1..n against its base, for ever).
    changes: tuple[int, ...] = ()
    # The paragraph's status once this edit is in force: set by STATUS edits, and by UNDO and
    # REDO of them; None for edits that leave the status alone.
    status: Status | None = None
    # Edits of a paragraph form a graph (several laptops write): the laptop that wrote it, the
    # edit it follows (None for the INITIAL edit), and for a MERGE the other head it takes in.
    origin: int = 0
    parent_id: int | None = None
    merged_id: int | None = None


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
    changes: tuple[int, ...] = ()
    status: Status | None = None
    merged_id: int | None = None  # MERGE: the colleague's head taken in


def starting_variant(variants: Iterable[Variant]) -> Variant | None:
    """The variant a paragraph's compromise starts from: the compromise imported with it, else
    its draft, else none (a paragraph only proposed starts empty). The one rule, used wherever a
    paragraph's INITIAL edit is written."""
    listed = list(variants)
    for role in (Role.COMPROMISE, Role.DRAFT):
        for variant in listed:
            if variant.role is role:
                return variant
    return None


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
