"""Changes between two texts as segments, and who made each inserted or deleted word.

The word diff itself is the engine's (`workbench.diff.word_diff`); this module turns its hunks
into kept / inserted / deleted segments and attributes them from the compromise's provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from workbench.diff import word_diff
from workbench.exporting.rows import Segment, SegmentKind


class HunkLike(Protocol):
    """What we read of the engine's `diff.Hunk`: a splice of the base text."""

    @property
    def op(self) -> str: ...
    @property
    def base_start(self) -> int: ...
    @property
    def base_end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Owner:
    """Who a stretch of the compromise belongs to, as Word's revision author and date."""

    start: int
    end: int
    author: str
    at: str


def word_hunks(base: str, new: str) -> Sequence[HunkLike]:
    """The hunks turning `base` into `new`, by the engine's word diff."""
    if base == new:
        return []
    return word_diff(base, new)


def segments(base: str, hunks: Sequence[HunkLike]) -> list[Segment]:
    """Kept, deleted and inserted stretches, in reading order (deletion before insertion)."""
    result: list[Segment] = []
    position = 0
    for hunk in sorted(hunks, key=lambda h: (h.base_start, h.base_end)):
        if hunk.base_start > position:
            result.append(Segment(SegmentKind.EQUAL, base[position : hunk.base_start]))
        if hunk.base_end > hunk.base_start:
            result.append(Segment(SegmentKind.DELETED, base[hunk.base_start : hunk.base_end]))
        if hunk.op != "delete" and hunk.text:
            result.append(Segment(SegmentKind.INSERTED, hunk.text))
        position = max(position, hunk.base_end)
    if position < len(base):
        result.append(Segment(SegmentKind.EQUAL, base[position:]))
    return _keep_lines_whole(_share_common_ends(result))


def _common_prefix_length(a: str, b: str) -> int:
    """How many leading characters of white space two texts share: what a replacement deletes
    and puts back (a line break, a space), never part of a word ("1st" -> "31st" stays a
    replaced word, as Word would show it, not an inserted "3")."""
    length = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b or not char_a.isspace():
            break
        length += 1
    return length


def _share_common_ends(changes: list[Segment]) -> list[Segment]:
    """Keep what a replacement deletes and re-inserts (a line break, a space) as kept text.

    Accept and Reject read the same either way, but a deleted-and-reinserted line break shows
    as two stray paragraph marks in Word.
    """
    result: list[Segment] = []
    index = 0
    while index < len(changes):
        current = changes[index]
        following = changes[index + 1] if index + 1 < len(changes) else None
        if (
            current.kind == SegmentKind.DELETED
            and following is not None
            and following.kind == SegmentKind.INSERTED
        ):
            deleted, inserted = current.text, following.text
            head = _common_prefix_length(deleted, inserted)
            tail = _common_prefix_length(deleted[head:][::-1], inserted[head:][::-1])
            pieces = [
                Segment(SegmentKind.EQUAL, deleted[:head]),
                Segment(SegmentKind.DELETED, deleted[head : len(deleted) - tail]),
                Segment(SegmentKind.INSERTED, inserted[head : len(inserted) - tail]),
                Segment(SegmentKind.EQUAL, deleted[len(deleted) - tail :]),
            ]
            index += 2
        else:
            pieces = [current]
            index += 1
        for piece in pieces:
            if not piece.text:
                continue
            if result and piece.kind == SegmentKind.EQUAL and result[-1].kind == SegmentKind.EQUAL:
                result[-1] = Segment(SegmentKind.EQUAL, result[-1].text + piece.text)
            else:
                result.append(piece)
    return result


def _keep_lines_whole(changes: list[Segment]) -> list[Segment]:
    """Slide kept text back onto its own line when the diff matched it after added lines.

    "countries." becoming "countries and others.\nNew c)\nRecognising ITU." diffs as an
    insertion of three lines followed by the draft's "." kept at the very end. Accept and
    Reject in Word read the same either way, but the kept stop then sits on a line it never
    had, and readers that join rejected lines with a space (pandoc) read "countries .". The
    same splice with the kept text placed before the first added line break avoids both.
    """
    result: list[Segment] = []
    for segment in changes:
        previous = result[-1] if result else None
        if (
            previous is not None
            and segment.kind == SegmentKind.EQUAL
            and previous.kind != SegmentKind.EQUAL
            and "\n" in previous.text
            and "\n" not in segment.text
        ):
            changed, kept = previous.text, segment.text
            joined = changed + kept
            at = joined.find(kept)
            if at <= changed.index("\n"):
                result[-1:] = [
                    Segment(previous.kind, changed[:at]),
                    Segment(SegmentKind.EQUAL, kept),
                    Segment(previous.kind, joined[at + len(kept) :]),
                ]
                continue
        result.append(segment)
    return _merge_kept([s for s in result if s.text])


def _merge_kept(changes: list[Segment]) -> list[Segment]:
    result: list[Segment] = []
    for segment in changes:
        if result and segment.kind == SegmentKind.EQUAL and result[-1].kind == SegmentKind.EQUAL:
            result[-1] = Segment(SegmentKind.EQUAL, result[-1].text + segment.text)
        else:
            result.append(segment)
    return result


def diff_segments(base: str, new: str) -> list[Segment]:
    """Segments turning `base` into `new`."""
    if base == new:
        return [Segment(SegmentKind.EQUAL, base)] if base else []
    return segments(base, word_hunks(base, new))


def attribute(
    changes: Sequence[Segment],
    owners: Sequence[Owner],
    deleted_by: Callable[[str, int], tuple[str, str]],
) -> list[Segment]:
    """Give each inserted stretch its owner(s) in the new text, each deletion `deleted_by`.

    `owners` are spans of the new text (the compromise) in order, leaving out text that is
    the base's own (the draft as first taken in): nobody inserted that. An insertion spanning
    two owners is cut in two so each part carries its own author and date.
    """
    result: list[Segment] = []
    offset = 0  # in the new text
    for segment in changes:
        if segment.kind == SegmentKind.DELETED:
            author, at = deleted_by(segment.text, offset)
            result.append(Segment(segment.kind, segment.text, author, at))
            continue
        end = offset + len(segment.text)
        if segment.kind == SegmentKind.EQUAL:
            result.append(segment)
        else:
            result.extend(_split_by_owner(segment, offset, end, owners))
        offset = end
    return result


def _split_by_owner(
    segment: Segment, start: int, end: int, owners: Sequence[Owner]
) -> list[Segment]:
    pieces: list[tuple[int, int, Owner | None]] = []
    covered = start
    for owner in owners:
        if owner.end <= covered or owner.start >= end:
            continue
        if owner.start > covered:
            pieces.append((covered, owner.start, None))
        piece_end = min(owner.end, end)
        pieces.append((max(owner.start, covered), piece_end, owner))
        covered = piece_end
    if covered < end:
        pieces.append((covered, end, None))
    # The word diff against the base and the edit log's own diffs may slide an insertion by a
    # space or a word ("access| and affordability" vs "access |and affordability "), so a
    # piece can fall on text no one inserted, or on a space the log gives to a neighbour: it
    # belongs with the words of the insertion it is part of.
    texts = [
        segment.text[piece_start - start : piece_end - start]
        for piece_start, piece_end, _ in pieces
    ]
    owners_of = [owner for _start, _end, owner in pieces]
    words = [index for index, text in enumerate(texts) if text.strip() and owners_of[index]]
    for index, text in enumerate(texts):
        if owners_of[index] is None or not text.strip():
            before = [w for w in words if w < index]
            after = [w for w in words if w > index]
            if before or after:
                owners_of[index] = owners_of[before[-1] if before else after[0]]
    fallback = next((o for o in owners_of if o is not None), None) or _nearest(owners, start, end)
    owners_of = [owner or fallback for owner in owners_of]
    result: list[Segment] = []
    for text, chosen in zip(texts, owners_of, strict=True):
        if (
            result
            and chosen is not None
            and (result[-1].author, result[-1].at) == (chosen.author, chosen.at)
        ):
            last = result[-1]
            result[-1] = Segment(last.kind, last.text + text, last.author, last.at)
        elif chosen is None:
            result.append(Segment(segment.kind, text))
        else:
            result.append(Segment(segment.kind, text, chosen.author, chosen.at))
    return result


def _nearest(owners: Sequence[Owner], start: int, end: int) -> Owner | None:
    """The owner closest to a stretch none of them covers (an insertion of repeated text)."""
    if not owners:
        return None
    return min(owners, key=lambda o: max(o.start - end, start - o.end, 0))
