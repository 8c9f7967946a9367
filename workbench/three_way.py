"""Where a proposal's change stands in the current compromise: a three-way reading, as diff3.

Three texts: the base B a proposal amends, the change X the proposal makes to it (one of its
`ProposedChange`s), and the current compromise C. B and C are aligned once (`BaseMap`: traced
through the edit log by `base_trace`, else by a word diff; changes one space apart are not
joined, so each stretch the compromise changed stays as narrow as the words it touched). Then,
for each change, read like Meld or KDiff3 read two sides of a base:

- pending: the stretch of B the change replaces is in C as it was (nothing in C touches it);
- accepted: C has the change there: around it, C reads as B with X applied (and possibly
  changes next to it, by hand or from other proposals, that leave X's own words alone);
- conflict: C changed that stretch otherwise, by hand or by another accepted change.

Two readings of one text can both be right where changes sit next to each other ("the" gone
and "all" added before "principles" reads as one replacement as well as two changes), so a
change is tested against the compromise around it, together with each neighbouring change in
turn, before it is called a conflict. (Rejections are not read from texts: they are decisions
in the edit log, see `paragraph_state`.)
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from workbench.changes import ProposedChange, clash, glued, touches
from workbench.diff import Aligned, alignment, is_word, tokenize
from workbench.model import ChangeState

# How close (in characters) a stretch the compromise changed must be to a change for the two to
# be read together: a word or two, the most a diff can slide an edit along repeated words.
NEAR = 32
# Neighbouring changes tried, one at a time, before a change is called a conflict.
_NEIGHBOURS_TRIED = 6


class Placement(NamedTuple):
    """A change's state read from the texts, and where it sits in the compromise."""

    state: ChangeState  # pending, accepted or conflict
    start: int  # the stretch of the compromise the change is about
    end: int
    taken: str  # what compromise[start:end] reads once the change is taken


class BaseMap:
    """How one base lies in the compromise: their alignment, computed once per (B, C)."""

    def __init__(
        self, base: str, compromise: str, segments: Sequence[Aligned] | None = None
    ) -> None:
        """`segments`: how the base lies in the compromise, if known (`base_trace` reads it
        from the edit log); else a word diff of the two texts aligns them."""
        self.base = base
        self.compromise = compromise
        if segments is not None:
            self.segments: list[Aligned] = list(segments)
        elif base == compromise:
            self.segments = [Aligned(True, 0, len(base), 0, len(base))] if base else []
        else:
            self.segments = alignment(base, compromise)
        self.hunks = [segment for segment in self.segments if not segment.equal]
        self._token_bounds: list[int] | None = None
        # C's changes as a reader sees them: two changes one space apart are one ("quick
        # brown" -> "slow red" aligns as two words, with the space between left equal).
        self.regions: list[Aligned] = []
        self._region_hunks: dict[Aligned, list[Aligned]] = {}
        gap = False
        for segment in self.segments:
            if segment.equal:
                gap = bool(self.regions) and _blank(base, compromise, segment)
                continue
            if gap:
                last = self.regions.pop()
                hunks = self._region_hunks.pop(last)
                merged = Aligned(False, last.a_start, segment.a_end, last.b_start, segment.b_end)
                self.regions.append(merged)
                self._region_hunks[merged] = [*hunks, segment]
            else:
                self.regions.append(segment)
                self._region_hunks[segment] = [segment]
            gap = False

    # positions ---------------------------------------------------------------------------------
    def _equal_at(self, position: int) -> list[Aligned]:
        return [s for s in self.segments if s.equal and s.a_start <= position <= s.a_end]

    def _after(self, position: int) -> int:
        """Where a base position falls in C, after anything C inserted right there."""
        found = self._equal_at(position)
        if found:
            return found[-1].b_start + position - found[-1].a_start
        return 0 if position == 0 else len(self.compromise)

    def _before(self, position: int) -> int:
        """Where a base position falls in C, before anything C inserted right there."""
        found = self._equal_at(position)
        if found:
            return found[0].b_start + position - found[0].a_start
        return len(self.compromise) if position >= len(self.base) else 0

    def c_range(self, start: int, end: int, hunks: Sequence[Aligned]) -> tuple[int, int]:
        """The stretch of C standing for base[start:end], `hunks` of C's changes included.

        An edge where one of `hunks` begins (ends) takes that change's own edge in C; any other
        edge sits in equal text, outside anything C inserted right at it.
        """
        starting = [h.b_start for h in hunks if h.a_start == start]
        ending = [h.b_end for h in hunks if h.a_end == end]
        c_start = min(starting) if starting else self._after(start)
        c_end = max(ending) if ending else self._before(end)
        return c_start, max(c_start, c_end)

    # reading a change --------------------------------------------------------------------------
    def place(self, change: ProposedChange, neighbours: Sequence[ProposedChange] = ()) -> Placement:
        """Where `change` stands; `neighbours` are the changes to the same base (it may be
        among them)."""
        start, end = change.base_start, change.base_end
        if not self.hunks:  # C reads as the base: every change is pending, where it was
            return Placement(ChangeState.PENDING, start, end, change.text)
        near = [h for h in self.hunks if h.a_start <= end + NEAR and start <= h.a_end + NEAR]
        if not near:  # C left this part of the base alone
            c_start, c_end = self.c_range(start, end, ())
            return Placement(ChangeState.PENDING, c_start, c_end, change.text)
        touching = [
            hunk
            for region in self.regions
            if self._touching(change, region)
            for hunk in self._region_hunks[region]
        ]
        # The base's words it replaces still in C as they were: the change is not in effect,
        # unless C reads exactly as the change around them (the diff matched repeated words).
        intact = (
            start < end
            and not change.base_text.isspace()
            and not any(touches(start, end, h.a_start, h.a_end) for h in near)
        )
        accepted = self._accepted(change, near, neighbours, intact=intact)
        if accepted is not None:
            c_start, c_end = accepted
            return Placement(ChangeState.ACCEPTED, c_start, c_end, self.compromise[c_start:c_end])
        if not touching:
            c_start, c_end = self.c_range(start, end, ())
            return Placement(ChangeState.PENDING, c_start, c_end, change.text)
        chunk_start = min(start, *(h.a_start for h in touching))
        chunk_end = max(end, *(h.a_end for h in touching))
        # What C inserted right at the edges of the stretch it changed belongs to that change.
        edges = [h for h in near if h.a_start == h.a_end and h.a_start in (chunk_start, chunk_end)]
        touching = list(dict.fromkeys([*touching, *edges]))
        c_start, c_end = self.c_range(chunk_start, chunk_end, touching)
        taken = self.base[chunk_start:start] + change.text + self.base[end:chunk_end]
        return Placement(ChangeState.CONFLICT, c_start, c_end, taken)

    def _touching(self, change: ProposedChange, hunk: Aligned) -> bool:
        """Whether C's change `hunk` falls on the change's words (see `changes.clash`: words
        for a space, either side's, touch whatever is right at their edges)."""
        if touches(change.base_start, change.base_end, hunk.a_start, hunk.a_end):
            return True
        spaces = (change.base_start < change.base_end and change.base_text.isspace()) or (
            hunk.a_start < hunk.a_end and self.base[hunk.a_start : hunk.a_end].isspace()
        )
        if spaces and hunk.a_start <= change.base_end and change.base_start <= hunk.a_end:
            return True
        if change.base_start == change.base_end:  # words stuck to a word C changed
            return glued(self.base, change.text, change.base_start, hunk.a_start, hunk.a_end)
        if hunk.a_start == hunk.a_end:  # C's words stuck to the change's
            inserted = self.compromise[hunk.b_start : hunk.b_end]
            return glued(self.base, inserted, hunk.a_start, change.base_start, change.base_end)
        return False

    def _bounds(self) -> list[int]:
        """Offsets in the base where its tokens begin and end."""
        if self._token_bounds is None:
            bounds = [0]
            for token in tokenize(self.base):
                bounds.append(bounds[-1] + len(token))
            self._token_bounds = bounds
        return self._token_bounds

    def _widened(self, start: int, end: int) -> tuple[int, int]:
        """The window one token wider each side, for context, never into a change of C's."""
        bounds = self._bounds()
        before = bounds[max(0, bisect.bisect_left(bounds, start) - 1)]
        after = bounds[min(len(bounds) - 1, bisect.bisect_right(bounds, end))]
        for hunk in self.hunks:
            if hunk.a_end <= start:
                before = max(before, hunk.a_end)
            if hunk.a_start >= end:
                after = min(after, hunk.a_start)
        return min(before, start), max(after, end)

    def _accepted(
        self,
        change: ProposedChange,
        near: Sequence[Aligned],
        neighbours: Sequence[ProposedChange],
        *,
        intact: bool,
    ) -> tuple[int, int] | None:
        """Where C has the change's words, if it reads as the base with the change applied
        around it (alone, or with one neighbouring change beside it); None if it does not."""
        window_start, window_end = self._widened(
            min(change.base_start, *(h.a_start for h in near)),
            max(change.base_end, *(h.a_end for h in near)),
        )
        c_start, c_end = self.c_range(window_start, window_end, near)
        local = self.compromise[c_start:c_end]
        if change.text not in local:  # its words are not there at all: nothing to look for
            return None
        found = self._has(change, (), window_start, window_end, local, intact)
        if found is None:
            # Neighbours that could account for what C changed around it: at one of C's
            # changes there, and clear of this change.
            candidates = [
                other
                for other in neighbours
                if other is not change
                and window_start <= other.base_start
                and other.base_end <= window_end
                and any(h.a_start <= other.base_end and other.base_start <= h.a_end for h in near)
                and not touches(
                    change.base_start, change.base_end, other.base_start, other.base_end
                )
            ]
            candidates.sort(key=lambda other: _distance(change, other))
            for other in candidates[:_NEIGHBOURS_TRIED]:
                found = self._has(change, (other,), window_start, window_end, local, intact)
                if found is not None:
                    break
            if found is None and len(candidates) > 1:  # every neighbour that fits at once
                together: list[ProposedChange] = []
                for other in candidates:
                    if not any(clash(other, chosen, self.base) for chosen in together):
                        together.append(other)
                found = self._has(change, together, window_start, window_end, local, intact)
        if found is None:
            return None
        at = (c_start + found[0], c_start + found[1])
        region = self._region(change)
        if not region[0] <= at[0] <= at[1] <= region[1]:
            return None  # the same words, but elsewhere: not where this change puts them
        return at

    def _region(self, change: ProposedChange) -> tuple[int, int]:
        """The stretch of C where the change's words can be: its place in the base, with the
        white space beside it, and whatever C changed right there."""
        start, end = change.base_start, change.base_end
        before, after = self.base[:start], self.base[end:]
        low = start - (len(before) - len(before.rstrip()))
        high = end + (len(after) - len(after.lstrip()))
        regions = [r for r in self.regions if r.a_start <= high and low <= r.a_end]
        there = [hunk for region in regions for hunk in self._region_hunks[region]]
        low = min([low, *(h.a_start for h in there)])
        high = max([high, *(h.a_end for h in there)])
        c_low, c_high = self.c_range(low, high, there)
        # ...and the white space beside that stretch in C (a change's own leading or trailing
        # space may be matched to it).
        c_before, c_after = self.compromise[:c_low], self.compromise[c_high:]
        c_low -= len(c_before) - len(c_before.rstrip())
        c_high += len(c_after) - len(c_after.lstrip())
        return c_low, c_high

    def _has(
        self,
        change: ProposedChange,
        beside: Sequence[ProposedChange],
        window_start: int,
        window_end: int,
        local: str,
        intact: bool,
    ) -> tuple[int, int] | None:
        """Where in `local` (C's text for base[window_start:window_end]) the change's words
        stand untouched, with `beside` applied too; None when C changed them."""
        pieces: list[str] = []
        position = window_start
        span = (0, 0)
        for item in sorted((change, *beside), key=lambda c: (c.base_start, c.base_end)):
            pieces.append(self.base[position : item.base_start])
            offset = sum(map(len, pieces))
            if item is change:
                span = (offset, offset + len(item.text))
            pieces.append(item.text)
            position = item.base_end
        pieces.append(self.base[position:window_end])
        expected = "".join(pieces)
        if expected == local:
            return span
        if intact:
            return None  # the words it takes out are still there (a diff may match others)
        segments = alignment(expected, local)
        reach = span
        if span[0] == span[1]:
            # A deletion is only in effect if C put nothing in the words' place, not even
            # past a space (a diff is free to match the space on either side of a gap).
            before, after = expected[: span[0]], expected[span[1] :]
            reach = (
                span[0] - (len(before) - len(before.rstrip())),
                span[1] + (len(after) - len(after.lstrip())),
            )
        if any(_meets(reach, span, s) for s in segments if not s.equal):
            return None
        if _kept_elsewhere(change.base_text, local, segments):
            return None  # the words it takes out are in C, read as another change's words
        if not _anchored(segments, span, len(expected), len(local)):
            return None  # the same words matched elsewhere, cut off from the text around
        return _map_span(segments, span)


def _kept_elsewhere(words: str, local: str, segments: Sequence[Aligned]) -> bool:
    """Whether C's changes in the window bring every word of `words` (the base's words a
    change takes out): then C kept them, and the diff only matched them to other words."""
    wanted = Counter(token for token in tokenize(words) if is_word(token))
    added: Counter[str] = Counter()
    for segment in segments:
        if not segment.equal:
            text = local[segment.b_start : segment.b_end]
            added.update(token for token in tokenize(text) if is_word(token))
    return bool(wanted) and not wanted - added


def _meets(reach: tuple[int, int], span: tuple[int, int], segment: Aligned) -> bool:
    """Whether a change of C's falls on the span (for a deletion: anywhere in its reach)."""
    if span[0] < span[1] or reach == span:
        return touches(span[0], span[1], segment.a_start, segment.a_end)
    return segment.a_start <= reach[1] and reach[0] <= segment.a_end


def _anchored(
    segments: Sequence[Aligned], span: tuple[int, int], length: int, local_length: int
) -> bool:
    """True when the span is matched together with the text next to it: not merely the same
    words found at another place. Words need text matched beside them on one side; a
    deletion (an empty span) on both, since the words it took out stood between them. The
    edge of both texts counts as matched text."""
    for segment in segments:
        if segment.equal and segment.a_start <= span[0] and span[1] <= segment.a_end:
            shift = segment.b_start - segment.a_start
            left = segment.a_start < span[0] or (span[0] == 0 and span[0] + shift == 0)
            right = segment.a_end > span[1] or (
                span[1] == length and span[1] + shift == local_length
            )
            return (left or right) if span[0] < span[1] else (left and right)
    return False


def _blank(base: str, compromise: str, segment: Aligned) -> bool:
    """An equal stretch of nothing but white space, on both sides."""
    return (
        base[segment.a_start : segment.a_end].isspace()
        and compromise[segment.b_start : segment.b_end].isspace()
    )


def _distance(change: ProposedChange, other: ProposedChange) -> int:
    if other.base_end <= change.base_start:
        return change.base_start - other.base_end
    return max(0, other.base_start - change.base_end)


def _map_span(segments: Sequence[Aligned], span: tuple[int, int]) -> tuple[int, int]:
    """An untouched span of the first text, in the second (it lies in equal text, or is an
    empty span at the edge of a stretch that changed)."""
    for segment in segments:
        if segment.equal and segment.a_start <= span[0] and span[1] <= segment.a_end:
            shift = segment.b_start - segment.a_start
            return span[0] + shift, span[1] + shift
    for segment in segments:
        if segment.a_start == span[0]:
            return segment.b_start, segment.b_start
        if segment.a_end == span[0]:
            return segment.b_end, segment.b_end
    return 0, 0
