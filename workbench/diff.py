"""Word-level differences between two texts: the hunks a proposal makes and the segments panes show.

Texts are cut into tokens (words, runs of white space, single punctuation marks; in scripts
written without spaces, such as Chinese, Japanese kana, Thai, Lao, Khmer and Myanmar, every
character is a token). Each distinct token is encoded as one private-use character, the way
diff-match-patch's own line mode works, so its character diff becomes a word diff. No semantic
cleanup runs on the encoded strings (it would judge private characters as if they were letters);
instead the raw diff is tidied on word boundaries: adjacent deletions and insertions become one
replace hunk, a lone space between two changes is absorbed into a single hunk, and pure
insertions or deletions slide to the position where they start and end on word boundaries.

This is the only module (with merge.py) that knows diff-match-patch.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from diff_match_patch import diff_match_patch

INSERT = "insert"
DELETE = "delete"
REPLACE = "replace"
EQUAL = "equal"

# Scripts written without spaces between words: each character is its own token.
# (Hangul is written with spaces, so it is tokenised into words like Latin or Arabic.)
_NO_SPACE_RANGES = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u19e0-\u19ff"  # Khmer symbols
    "\u2e80-\u2fdf"  # CJK radicals
    "\u3005-\u3007"  # ideographic iteration marks and zero
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B-G
)


def _combining_marks() -> str:
    """Character-class ranges for combining marks, which belong to the word they sit on.

    Python's \\w leaves out Arabic harakat, Devanagari vowel signs and the like; without them a
    vocalised Arabic word would fall apart into letters and marks.
    """
    ranges: list[str] = []
    start = -1
    for code in range(0x300, 0x10000):
        mark = unicodedata.category(chr(code)).startswith("M")
        if mark and start < 0:
            start = code
        elif not mark and start >= 0:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = -1
    # Zero-width joiner and non-joiner keep Persian and Indic words whole.
    ranges.append("\\u200c\\u200d")
    return "".join(ranges)


_MARKS = _combining_marks()
_TOKEN_RE = re.compile(
    f"[{_NO_SPACE_RANGES}]"  # one character of a script written without spaces
    f"|(?:[^\\W{_NO_SPACE_RANGES}]|[{_MARKS}])+"  # a word
    r"|\s+"  # a run of white space
    r"|.",  # a single punctuation mark or symbol
    re.DOTALL,
)
_WORD_START_RE = re.compile(f"\\w|[{_MARKS}]")
_SENTENCE_END = frozenset(".!?;:。！？；：؟؛")


class Hunk(NamedTuple):
    """One change a text makes to a base: replace base[base_start:base_end] with `text`."""

    op: str  # "insert" | "delete" | "replace"
    base_start: int
    base_end: int
    text: str  # the new text; "" for a delete
    source: str = ""  # the stakeholder (or "typed") the change comes from

    def deleted(self, base: str) -> str:
        """The base text this hunk removes."""
        return base[self.base_start : self.base_end]


class DiffOp(NamedTuple):
    """A segment of a two-sided diff, for panes highlighting both texts.

    `a_start:a_end` is the segment in the base text, `b_start:b_end` in the other text; an
    insert is empty on the base side and a delete empty on the other side.
    """

    op: str  # "equal" | "delete" | "insert"
    text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass
class _Change:
    """A run of the tidied token diff: equal tokens, or deleted and inserted tokens."""

    equal: list[str]
    deleted: list[str]
    inserted: list[str]

    @property
    def is_equal(self) -> bool:
        return not (self.deleted or self.inserted)


@lru_cache(maxsize=256)
def tokenize(text: str) -> tuple[str, ...]:
    """Cut a text into the tokens the diff compares; they always join back into the text."""
    return tuple(_TOKEN_RE.findall(text))


def is_word(token: str) -> bool:
    """True for a word (or a character of a script without spaces), not space or punctuation."""
    return bool(_WORD_START_RE.match(token))


def _encode(tokens_a: Sequence[str], tokens_b: Sequence[str]) -> tuple[str, str]:
    """Encode each distinct token as one private-use character, like dmp's linesToChars."""
    # Codes in order of first appearance; built with C-level dict calls, no call per token.
    distinct = dict.fromkeys(tokens_a)
    distinct.update(dict.fromkeys(tokens_b))
    if len(distinct) > 0x1900 + 2 * 0xFFFE:
        raise ValueError("too many distinct words to diff")
    codes = dict(zip(distinct, map(_code, range(len(distinct))), strict=True))
    return "".join(map(codes.__getitem__, tokens_a)), "".join(map(codes.__getitem__, tokens_b))


def _code(index: int) -> str:
    # The BMP private-use area first, then the private planes 15 and 16.
    if index < 0x1900:
        return chr(0xE000 + index)
    if index < 0x1900 + 0xFFFE:
        return chr(0xF0000 + index - 0x1900)
    return chr(0x100000 + index - 0x1900 - 0xFFFE)


_DMP = diff_match_patch()


def _token_diff(tokens_a: Sequence[str], tokens_b: Sequence[str]) -> list[_Change]:
    """The raw token diff, grouped into equal runs and changes (deleted and inserted tokens)."""
    encoded_a, encoded_b = _encode(tokens_a, tokens_b)
    changes: list[_Change] = []
    ia = ib = 0
    for op, encoded in _DMP.diff_main(encoded_a, encoded_b, False):
        count = len(encoded)
        if op == 0:
            changes.append(_Change(list(tokens_a[ia : ia + count]), [], []))
            ia += count
            ib += count
            continue
        if not changes or changes[-1].is_equal:
            changes.append(_Change([], [], []))
        if op < 0:
            changes[-1].deleted.extend(tokens_a[ia : ia + count])
            ia += count
        else:
            changes[-1].inserted.extend(tokens_b[ib : ib + count])
            ib += count
    return changes


def _boundary_score(left: str | None, right: str | None) -> int:
    """How good the gap between two tokens is for a change to start or end (higher: better)."""
    if left is None or right is None:
        return 6
    if "\n" in left or "\n" in right:
        return 5
    if left in _SENTENCE_END and right.isspace():
        return 4
    if right.isspace() and not is_word(left):
        return 3  # after a comma, before the space: "cats, [birds,] dogs"
    if left.isspace() or right.isspace():
        return 2
    if not is_word(left) or not is_word(right):
        return 1
    return 0


def _slide(stream: list[str], start: int, length: int) -> int:
    """Best start for a pure insertion/deletion of `length` tokens at `start` in `stream`.

    `stream` is the equal run before, the edit, and the equal run after. The edit may move
    wherever the text stays the same (the token leaving one end equals the one joining the
    other); the position whose two edges are the best word boundaries wins, leftmost on a tie.
    """
    while start > 0 and stream[start - 1] == stream[start + length - 1]:
        start -= 1
    best, best_score = start, -1
    while True:
        left = stream[start - 1] if start > 0 else None
        right = stream[start + length] if start + length < len(stream) else None
        score = _boundary_score(left, stream[start]) + _boundary_score(
            stream[start + length - 1], right
        )
        if score > best_score:
            best, best_score = start, score
        if right is None or stream[start] != right:
            return best
        start += 1


def _normalise(changes: list[_Change]) -> list[_Change]:
    """Drop empty runs and join neighbouring runs of the same kind."""
    result: list[_Change] = []
    for change in changes:
        if not (change.equal or change.deleted or change.inserted):
            continue
        if result and result[-1].is_equal == change.is_equal:
            result[-1].equal.extend(change.equal)
            result[-1].deleted.extend(change.deleted)
            result[-1].inserted.extend(change.inserted)
        else:
            result.append(change)
    return result


def _tidy(changes: list[_Change]) -> list[_Change]:
    """Put changes on word boundaries and join changes separated by a single space."""
    # Every change gets an equal run on both sides (maybe empty) so sliding can move tokens.
    padded: list[_Change] = []
    for change in _normalise(changes):
        if not change.is_equal and (not padded or not padded[-1].is_equal):
            padded.append(_Change([], [], []))
        padded.append(change)
    if padded and not padded[-1].is_equal:
        padded.append(_Change([], [], []))
    changes = padded
    for index, change in enumerate(changes):
        if change.is_equal or not (change.deleted or change.inserted):
            continue
        if change.deleted and change.inserted:
            continue
        edit = change.deleted or change.inserted
        before = changes[index - 1].equal
        after = changes[index + 1].equal
        stream = before + edit + after
        start = _slide(stream, len(before), len(edit))
        if start != len(before):
            before[:] = stream[:start]
            edit[:] = stream[start : start + len(edit)]
            after[:] = stream[start + len(edit) :]
    changes = _normalise(changes)
    # A lone space between two changes reads as one change to a negotiator.
    result: list[_Change] = []
    index = 0
    while index < len(changes):
        change = changes[index]
        if (
            result
            and not result[-1].is_equal
            and change.is_equal
            and len(change.equal) == 1
            and change.equal[0].isspace()
            and index + 1 < len(changes)
        ):
            following = changes[index + 1]
            result[-1].deleted.extend([*change.equal, *following.deleted])
            result[-1].inserted.extend([*change.equal, *following.inserted])
            index += 2
            continue
        result.append(change)
        index += 1
    return result


def _changes(a: str, b: str) -> list[_Change]:
    if a == b:
        return [_Change(list(tokenize(a)), [], [])] if a else []
    return _tidy(_token_diff(tokenize(a), tokenize(b)))


def word_diff(a: str, b: str, source: str = "") -> list[Hunk]:
    """The hunks that turn base text `a` into text `b`, in base order, offsets in characters."""
    hunks: list[Hunk] = []
    position = 0
    for change in _changes(a, b):
        if change.is_equal:
            position += sum(map(len, change.equal))
            continue
        deleted = "".join(change.deleted)
        inserted = "".join(change.inserted)
        op = REPLACE if deleted and inserted else (DELETE if deleted else INSERT)
        hunks.append(Hunk(op, position, position + len(deleted), inserted, source))
        position += len(deleted)
    return hunks


def diff_ops(a: str, b: str) -> list[DiffOp]:
    """Both sides of the diff as equal/delete/insert segments, the way the panes highlight them.

    The segments are the same changes `word_diff` reports: a replace hunk is a delete segment
    followed by an insert segment.
    """
    ops: list[DiffOp] = []
    pa = pb = 0
    for change in _changes(a, b):
        if change.is_equal:
            text = "".join(change.equal)
            ops.append(DiffOp(EQUAL, text, pa, pa + len(text), pb, pb + len(text)))
            pa += len(text)
            pb += len(text)
            continue
        if change.deleted:
            text = "".join(change.deleted)
            ops.append(DiffOp(DELETE, text, pa, pa + len(text), pb, pb))
            pa += len(text)
        if change.inserted:
            text = "".join(change.inserted)
            ops.append(DiffOp(INSERT, text, pa, pa, pb, pb + len(text)))
            pb += len(text)
    return ops


def apply_hunks(base: str, hunks: Iterable[Hunk]) -> str:
    """Apply non-overlapping hunks, all measured against `base`, in one go."""
    ordered = sorted(hunks, key=lambda hunk: (hunk.base_start, hunk.base_end))
    pieces: list[str] = []
    position = 0
    for hunk in ordered:
        if hunk.base_start < position:
            raise ValueError(f"overlapping hunks at {hunk.base_start}")
        pieces.append(base[position : hunk.base_start])
        pieces.append(hunk.text)
        position = hunk.base_end
    pieces.append(base[position:])
    return "".join(pieces)
