"""Comments on a paragraph: threads of a comment and its replies, resolved or open.

Stored as an append-only log (storage's `comments` table, see `model.Comment`): a comment, a
reply, a resolution and a reopening are each a row of their own, never updated, so laptops
can exchange rows as they are and a thread reads the same everywhere.

Where a comment is anchored: in a text that never changes. An imported Word comment is
anchored in the variant whose words it quotes (the draft, or the proposal that inserted them:
both are kept as imported for ever); a comment written in the workbench is anchored in the
compromise as its latest edit left it (edits are never rewritten either). So the anchor itself
never breaks. Where it stands in today's compromise is worked out each time: a variant's text
traced through the paragraph's edit log (`base_trace`: a repeated word is never taken for
another), a compromise's by a word diff: the quoted words found there, untouched, are where it
is shown; once any of them was changed or taken out, the comment is shown as detached, with
the words it was on, never silently moved to other words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.base_trace import traced_alignment
from workbench.diff import Aligned, alignment
from workbench.errors import WorkbenchError
from workbench.model import TEXT_CHANGING_KINDS, Comment, CommentKind, NewComment

if TYPE_CHECKING:
    from workbench.storage import WorkbenchStore
    from workbench.storage.integrity import CommentRow

_KINDS = {kind.value for kind in CommentKind}
_ANSWERS = {CommentKind.REPLY.value, CommentKind.RESOLVE.value, CommentKind.REOPEN.value}


@dataclass(frozen=True)
class Thread:
    """A comment, its replies in order, and whether it is resolved, as the log has it."""

    comment: Comment
    replies: tuple[Comment, ...]
    resolved: bool
    # Where its words are in the current compromise; None when they are gone (detached).
    placed: tuple[int, int] | None
    anchor: str  # what it is anchored in: "draft", "proposal", "compromise" or "paragraph"

    @property
    def detached(self) -> bool:
        return self.placed is None


def threads(wb: WorkbenchStore, paragraph_id: int) -> list[Thread]:
    """The paragraph's threads, oldest first, each placed on today's compromise."""
    log = wb.comments(paragraph_id)
    if not log:
        return []
    compromise = wb.compromise(paragraph_id)
    variants = {variant.id: variant for variant in wb.variants(paragraph_id)}
    log_edits = wb.edits(paragraph_id)
    edits = {edit.id: edit for edit in log_edits}
    roots = [row for row in log if row.kind is CommentKind.COMMENT]
    root_of = _roots(log)
    found = []
    for root in roots:
        replies = tuple(r for r in log if r.kind is CommentKind.REPLY and root_of[r.id] == root.id)
        states = [r for r in log if r.kind in _STATES and root_of[r.id] == root.id]
        resolved = bool(states) and states[-1].kind is CommentKind.RESOLVE
        segments: list[Aligned] | None = None
        if root.variant_id is not None and root.variant_id in variants:
            variant = variants[root.variant_id]
            anchor, text = variant.role.value, variant.text
            # Traced through the log, a repeated word is never taken for another.
            segments = traced_alignment(text, log_edits)
        elif root.edit_id is not None and root.edit_id in edits:
            anchor, text = "compromise", edits[root.edit_id].text_after
        else:
            anchor, text = "paragraph", compromise
        placed = placement(text, root.start, root.end, compromise, segments)
        found.append(Thread(root, replies, resolved, placed, anchor))
    return found


_STATES = (CommentKind.RESOLVE, CommentKind.REOPEN)


def _roots(log: Sequence[Comment]) -> dict[int, int]:
    """Each row's thread: the comment its chain of targets leads to."""
    by_id = {row.id: row for row in log}
    roots: dict[int, int] = {}
    for row in log:
        current, seen = row, {row.id}
        while current.target_id is not None and current.target_id in by_id:
            current = by_id[current.target_id]
            if current.id in seen:
                break
            seen.add(current.id)
        roots[row.id] = current.id
    return roots


def placement(
    anchor: str,
    start: int,
    end: int,
    compromise: str,
    segments: Sequence[Aligned] | None = None,
) -> tuple[int, int] | None:
    """Where anchor[start:end] stands in `compromise`, if every one of its characters is still
    there (words added between them are taken in); None once any was changed. `segments`: how
    the anchor lies in the compromise, if known (traced through the edit log), else a diff."""
    if anchor == compromise:
        return (start, end)
    if segments is None:
        segments = alignment(anchor, compromise)
    mapped_start: int | None = None
    mapped_end: int | None = None
    for segment in segments:
        a_start, a_end = segment.a_start, segment.a_end
        if not segment.equal:
            if a_start < end and start < a_end:
                return None  # a quoted character was changed or taken out
            if start == end and a_start < start < a_end:
                return None
            continue
        shift = segment.b_start - a_start
        if mapped_start is None and a_start <= start <= a_end and (start < a_end or start == end):
            mapped_start = start + shift
        if a_start <= end <= a_end and (end > a_start or start == end):
            mapped_end = end + shift
    if mapped_start is None or mapped_end is None or mapped_end < mapped_start:
        return None
    return (mapped_start, mapped_end)


def _compromise_edit(wb: WorkbenchStore, paragraph_id: int) -> tuple[int | None, str]:
    """The edit that left today's compromise, and its text."""
    for edit in reversed(wb.edits(paragraph_id)):
        if edit.kind in TEXT_CHANGING_KINDS:
            return edit.id, edit.text_after
    return None, wb.compromise(paragraph_id)


def add_comment(
    wb: WorkbenchStore,
    paragraph_id: int,
    text: str,
    author: str,
    *,
    quote: str | None = None,
    start: int | None = None,
) -> Comment:
    """A new comment on words of today's compromise (the first `quote`, or the one at `start`;
    the whole paragraph without either), anchored in it as its latest edit left it."""
    if not text.strip():
        raise WorkbenchError(None, "a comment needs a text")
    edit_id, compromise = _compromise_edit(wb, paragraph_id)
    if quote:
        if start is None:
            at = compromise.find(quote)
        else:
            at = start if compromise[start : start + len(quote)] == quote else -1
        if at < 0:
            raise WorkbenchError(
                None, f"the compromise does not have the words {quote!r}; quote them as written"
            )
        span = (at, at + len(quote))
    else:
        span = (0, len(compromise))
    with wb.transaction():
        return wb.add_comments(
            [
                NewComment(
                    paragraph_id,
                    CommentKind.COMMENT,
                    author,
                    text.strip(),
                    edit_id=edit_id,
                    start=span[0],
                    end=span[1],
                    quote=compromise[span[0] : span[1]],
                )
            ]
        )[0]


def references(log: Sequence[Comment]) -> dict[int, str]:
    """Comments and replies named as a person types them ("c1", "c2" ...), in the order the
    paragraph's log has them: a row's id is a 64-bit number (its laptop's range)."""
    written = [row for row in log if row.kind in (CommentKind.COMMENT, CommentKind.REPLY)]
    return {row.id: f"c{number}" for number, row in enumerate(written, start=1)}


def comment_named(wb: WorkbenchStore, paragraph_id: int, given: str) -> int:
    """The id of the paragraph's comment `given`: its reference ("c2") or its id."""
    wanted = given.strip().casefold()
    for row_id, reference in references(wb.comments(paragraph_id)).items():
        if reference == wanted:
            return row_id
    if wanted.isdigit():
        return int(wanted)
    raise WorkbenchError(None, f"comment {given} is not on this paragraph")


def _thread_comment(wb: WorkbenchStore, paragraph_id: int, comment_id: int) -> Comment:
    found = next((c for c in wb.comments(paragraph_id) if c.id == comment_id), None)
    if found is None:
        raise WorkbenchError(None, f"comment {comment_id} is not on this paragraph")
    return found


def reply(
    wb: WorkbenchStore, paragraph_id: int, comment_id: int, text: str, author: str
) -> Comment:
    """An answer to comment `comment_id` (a comment or a reply), as a row of its own."""
    if not text.strip():
        raise WorkbenchError(None, "a reply needs a text")
    _thread_comment(wb, paragraph_id, comment_id)
    with wb.transaction():
        return wb.add_comments(
            [NewComment(paragraph_id, CommentKind.REPLY, author, text.strip(), comment_id)]
        )[0]


def resolve(
    wb: WorkbenchStore, paragraph_id: int, comment_id: int, author: str, *, reopen: bool = False
) -> Comment:
    """The thread of `comment_id` marked resolved (or open again), as a row of its own."""
    row = _thread_comment(wb, paragraph_id, comment_id)
    root = _roots(wb.comments(paragraph_id))[row.id]
    kind = CommentKind.REOPEN if reopen else CommentKind.RESOLVE
    with wb.transaction():
        return wb.add_comments([NewComment(paragraph_id, kind, author, target_id=root)])[0]


def check_rows(rows: Sequence[CommentRow], labels: dict[int, str]) -> list[str]:
    """Problems of the comment log as stored: kinds, targets and anchors (for `check`)."""
    problems = []
    for row in rows:
        name = f"comment {row.id}"
        if row.kind not in _KINDS:
            continue  # a bad value, reported as such (storage's value checks)
        if row.kind == CommentKind.COMMENT.value:
            if row.target_id is not None:
                problems.append(
                    f"{name}: a comment answers nothing, yet names comment {row.target_id}"
                )
        elif row.target_id is None:
            problems.append(f"{name}: a {row.kind} must name the comment it concerns")
        elif row.target_paragraph_id is not None and row.target_paragraph_id != row.paragraph_id:
            where = labels.get(row.paragraph_id, "?")
            problems.append(f"{name} (paragraph {where}): its comment is on another paragraph")
        if row.kind in _ANSWERS or not row.anchored:
            continue
        start, end, text = row.start, row.end, row.anchor_text
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(text, str)):
            continue
        if not 0 <= start <= end <= len(text):
            problems.append(f"{name}: its place {start}:{end} is outside the text it is on")
        elif isinstance(row.quote, str) and text[start:end] != row.quote:
            problems.append(f"{name}: the words it quotes are not those at its place")
    return problems
