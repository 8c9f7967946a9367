"""A proposal's changes: what it does to the text it amends (its base), numbered for ever.

A proposal is a set of changes to its base, the draft it was written against: diff(base,
proposal), word by word, with two changes one space apart read as one (as a negotiator reads
them). Base and proposal are both variants, and variants never change, so the changes of a
proposal never change either: they are computed once per (base, proposal) pair (cached here)
and numbered 1..n in text order, and "change 2" of a proposal means the same words for ever.

A change that alters nothing but white space (a line break where the base has a space) is no
change in anyone's name: it is left out before numbering.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from typing import NamedTuple

from workbench.diff import Hunk, only_white_space, word_diff

# Proposals whose changes are kept at hand for callers without a `ChangeCache` (the command
# line): a few hundred paragraphs' worth.
_CACHED_PAIRS = 2048


class ProposedChange(NamedTuple):
    """One change a proposal makes to its base: base[base_start:base_end] becomes `text`."""

    number: int  # 1..n within the proposal, in base order
    kind: str  # "insert" | "delete" | "replace"
    base_start: int
    base_end: int
    base_text: str  # the words of the base it replaces ("" for an insertion)
    text: str  # the words it puts there ("" for a deletion)


@lru_cache(maxsize=_CACHED_PAIRS)
def proposal_changes(base: str, proposal: str) -> tuple[ProposedChange, ...]:
    """The changes that turn `base` into `proposal`, numbered from 1 in base order."""
    kept = [
        _as_insertion(base, hunk)
        for hunk in word_diff(base, proposal)
        if not only_white_space(base[hunk.base_start : hunk.base_end], hunk.text)
    ]
    return tuple(
        ProposedChange(number, op, start, end, base[start:end], text)
        for number, (op, start, end, text) in enumerate(kept, start=1)
    )


def _as_insertion(base: str, hunk: Hunk) -> tuple[str, int, int, str]:
    """A space replaced by words and that same space is an insertion of the words: said so.

    Word diffs cut texts into words and runs of spaces, so "a b" -> "a  new b" reads as the
    space replaced by "  new"; as an insertion it is anchored on the words either side.
    """
    deleted = base[hunk.base_start : hunk.base_end]
    if deleted and deleted.isspace() and hunk.text != deleted:
        if hunk.text.startswith(deleted):
            return ("insert", hunk.base_end, hunk.base_end, hunk.text[len(deleted) :])
        if hunk.text.endswith(deleted):
            return ("insert", hunk.base_start, hunk.base_start, hunk.text[: -len(deleted)])
    return (hunk.op, hunk.base_start, hunk.base_end, hunk.text)


def touches(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when two stretches of one text are changed in ways whose order would matter.

    Two insertions at one spot touch; an insertion touches a stretch it falls strictly inside;
    two stretches touch when they share a character. A stretch and an insertion at its very
    edge do not: each can be applied whatever the other does.
    """
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def glued(base: str, inserted: str, at: int, start: int, end: int) -> bool:
    """Whether words inserted at `at` stick to the base's words start:end, which they meet
    there with no space between ("d’" before "Internet"): a change to either touches the other.
    """
    if not inserted or not base:
        return False
    if start == at and start < end:
        return not inserted[-1].isspace() and not base[start].isspace()
    if end == at and start < end:
        return not inserted[0].isspace() and not base[end - 1].isspace()
    return False


def clash(first: ProposedChange, second: ProposedChange, base: str = "") -> bool:
    """True when two changes of one base cannot both be taken as they are (rivals).

    They clash when they touch (see `touches`), when one inserts words stuck to the other's
    words (see `glued`, given the base), and when one turns a mere space into words, which a
    diff can match to any other space, next to the other.
    """
    if touches(first.base_start, first.base_end, second.base_start, second.base_end):
        return True
    for one, other in ((first, second), (second, first)):
        spaces = one.base_start < one.base_end and one.base_text.isspace()
        if spaces and other.base_start <= one.base_end and one.base_start <= other.base_end:
            return True
        insertion = one.base_start == one.base_end
        if insertion and glued(base, one.text, one.base_start, other.base_start, other.base_end):
            return True
    return False


_KINDS = ("insert", "delete", "replace")


class ChangeCache:
    """Proposals' changes kept for one open file, by proposal: a variant and its base never
    change, so a proposal always has the same changes. Packed (an array of numbers and one
    string a proposal), so a compilation of 100,000 proposals keeps them all in a few tens of
    megabytes; the window's idle-time counting fills it, and a paragraph switch then diffs
    nothing. A restored snapshot can reuse ids for other texts: `clear` it then."""

    def __init__(self) -> None:
        self._packed: dict[int, tuple[array[int], str]] = {}

    def __len__(self) -> int:
        return len(self._packed)

    def clear(self) -> None:
        self._packed.clear()

    def changes(self, proposal_id: int, base: str, proposal: str) -> tuple[ProposedChange, ...]:
        """The changes of the proposal `proposal_id`, whose text is `proposal`, to `base`."""
        packed = self._packed.get(proposal_id)
        if packed is None:
            found = proposal_changes(base, proposal)
            numbers = array("i")
            for change in found:
                numbers.extend(
                    (
                        _KINDS.index(change.kind),
                        change.base_start,
                        change.base_end,
                        len(change.text),
                    )
                )
            self._packed[proposal_id] = (numbers, "".join(change.text for change in found))
            return found
        numbers, texts = packed
        unpacked = []
        position = 0
        for index in range(0, len(numbers), 4):
            kind, start, end, length = numbers[index : index + 4]
            unpacked.append(
                ProposedChange(
                    index // 4 + 1,
                    _KINDS[kind],
                    start,
                    end,
                    base[start:end],
                    texts[position : position + length],
                )
            )
            position += length
        return tuple(unpacked)
