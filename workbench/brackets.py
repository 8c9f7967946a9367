"""Square brackets in a compromise: how many bracketed passages remain, and the status to show.

Negotiators put text not yet agreed in [square brackets]; a paragraph is bracketed while any
remain. Nested brackets count once (the outer passage is what is still open); an "[" never
closed counts as an open passage too, a stray "]" is ignored. Full-width brackets used in
Chinese and Japanese texts count the same.
"""

from __future__ import annotations

from workbench.model import Status

_OPENING = frozenset("[［")
_CLOSING = frozenset("]］")
# Statuses the negotiators decide; brackets in the text never override them (a paragraph set
# bracketed by hand stays bracketed with no brackets left: the text is not agreed yet).
_HAND_SET_WINS = frozenset({Status.BRACKETED, Status.AGREED, Status.AGREED_AD_REF})


def open_brackets(text: str) -> int:
    """The number of top-level bracketed passages still in the text (unclosed ones included)."""
    count = depth = 0
    for char in text:
        if char in _OPENING:
            if depth == 0:
                count += 1
            depth += 1
        elif char in _CLOSING and depth > 0:
            depth -= 1
    return count


def effective_status(hand_set_status: Status, compromise: str) -> Status:
    """What the document shows: the status set by hand, except that an open paragraph with
    brackets left in its compromise counts as bracketed."""
    if hand_set_status in _HAND_SET_WINS:
        return hand_set_status
    return Status.BRACKETED if open_brackets(compromise) else Status.OPEN
