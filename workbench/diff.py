"""Word-level differences between two texts: the hunks a proposal makes and the segments panes show.

Texts are cut into tokens (words, runs of white space, single punctuation marks; in scripts
written without spaces, such as Chinese, Japanese kana, Thai, Lao, Khmer and Myanmar, every
character is a token). Each distinct token is encoded as one private-use character, the way
diff-match-patch's own line mode works, so its character diff becomes a word diff. No semantic
cleanup runs on the encoded strings (it would judge private characters as if they were letters);
instead the raw diff is tidied on word boundaries: adjacent deletions and insertions become one
replace hunk, a lone space between two changes is absorbed into a single hunk, and pure
insertions or deletions slide to the position where they start and end on word boundaries.

The character diff runs in diff-match-patch's C++ port (fast_diff_match_patch) when it is
installed, else in its pure-Python original: the same algorithm, with the same settings, giving
the same diff; the C++ one is about ten times faster, which is what keeps diffing every proposal
of a long document quick. Only a diff that runs into the one-second time limit can differ (the
faster engine gets further before giving up); at that size neither result is reproducible.

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

try:
    from fast_diff_match_patch import diff as _native_diff
except ImportError:  # a platform without its wheel: the pure-Python engine gives the same diff
    _native_diff = None

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
    # A word; the inner + eats runs of letters in one step instead of one branch per letter.
    f"|(?:[^\\W{_NO_SPACE_RANGES}]+|[{_MARKS}])+"
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


@dataclass(slots=True)
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


def _private_codes() -> str:
    """Every code a token can get, in order: the BMP private-use area, then planes 15 and 16."""
    ranges = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
    return "".join(chr(code) for codes in ranges for code in codes)


# Kept as one string so that handing out codes is a C-level zip, not a Python call per token.
_CODES = _private_codes()


def _encode(tokens_a: Sequence[str], tokens_b: Sequence[str]) -> tuple[str, str]:
    """Encode each distinct token as one private-use character, like dmp's linesToChars."""
    # Codes in order of first appearance; built with C-level dict calls, no call per token.
    distinct = dict.fromkeys(tokens_a)
    distinct.update(dict.fromkeys(tokens_b))
    if len(distinct) > len(_CODES):
        raise ValueError("too many distinct words to diff")
    # strict=False: the codes outnumber the tokens; zip stops at the last token.
    code = dict(zip(distinct, _CODES, strict=False)).__getitem__
    return "".join(map(code, tokens_a)), "".join(map(code, tokens_b))


_DMP = diff_match_patch()
# diff-match-patch's default limit. It is more than a limit: only with one set does the
# algorithm split texts at a long common half ("half-match"), which shapes the hunks. Both
# engines get the same value so that they give the same diff.
_TIME_LIMIT_S = _DMP.Diff_Timeout
_PURE_OPS = {-1: "-", 0: "=", 1: "+"}


def _pure_counts(encoded_a: str, encoded_b: str) -> list[tuple[str, int]]:
    """The character diff as ("-" | "=" | "+", length) runs, from the pure-Python engine."""
    # No line mode (checklines=False): the encoded strings have no lines.
    diffs = _DMP.diff_main(encoded_a, encoded_b, False)
    return [(_PURE_OPS[op], len(text)) for op, text in diffs]


def _native_counts(encoded_a: str, encoded_b: str) -> list[tuple[str, int]]:
    """The same runs from the C++ engine; "No" cleanup, as the pure one runs none."""
    assert _native_diff is not None
    counts: list[tuple[str, int]] = _native_diff(
        encoded_a,
        encoded_b,
        timelimit=_TIME_LIMIT_S,
        checklines=False,
        cleanup="No",
        counts_only=True,
    )
    return counts


_diff_counts = _pure_counts if _native_diff is None else _native_counts


def _token_diff(tokens_a: Sequence[str], tokens_b: Sequence[str]) -> list[_Change]:
    """The raw token diff as alternating runs: equal, change, equal, ..., equal.

    The first and last equal runs may be empty; no other run is, and no two changes touch.
    """
    encoded_a, encoded_b = _encode(tokens_a, tokens_b)
    equal: list[str] = []
    changes = [_Change(equal, [], [])]
    change: _Change | None = None  # the change being gathered, None while in an equal run
    ia = ib = 0
    for op, count in _diff_counts(encoded_a, encoded_b):
        if not count:
            continue  # dmp can leave an empty edit behind; it changes nothing
        if op == "=":
            if change is not None:
                equal = []
                changes.append(_Change(equal, [], []))
                change = None
            equal.extend(tokens_a[ia : ia + count])
            ia += count
            ib += count
            continue
        if change is None:
            change = _Change([], [], [])
            changes.append(change)
        if op == "-":
            change.deleted.extend(tokens_a[ia : ia + count])
            ia += count
        else:
            change.inserted.extend(tokens_b[ib : ib + count])
            ib += count
    if change is not None:
        changes.append(_Change([], [], []))
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


def _tidy(changes: list[_Change], *, join_spaces: bool = True) -> list[_Change]:
    """Put changes on word boundaries and (with `join_spaces`) join changes one space apart.

    `changes` alternate equal run, change, equal run, ..., as `_token_diff` gives them.
    """
    for index in range(1, len(changes), 2):
        change = changes[index]
        if change.deleted and change.inserted:
            continue
        edit = change.deleted or change.inserted
        before = changes[index - 1].equal
        after = changes[index + 1].equal
        # The edit can only move where a neighbouring token repeats one of its ends.
        if not (before and before[-1] == edit[-1]) and not (after and after[0] == edit[0]):
            continue
        stream = before + edit + after
        start = _slide(stream, len(before), len(edit))
        if start != len(before):
            before[:] = stream[:start]
            edit[:] = stream[start : start + len(edit)]
            after[:] = stream[start + len(edit) :]
    # Sliding may have emptied an equal run, making its two changes one; and a lone space
    # between two changes reads as one change to a negotiator.
    result: list[_Change] = []
    in_change = False  # whether result[-1] is a change that the next one joins
    last = len(changes) - 1
    for index, run in enumerate(changes):
        if index % 2:
            if in_change:
                result[-1].deleted.extend(run.deleted)
                result[-1].inserted.extend(run.inserted)
            else:
                result.append(run)
                in_change = True
        elif run.equal:
            lone_space = len(run.equal) == 1 and run.equal[0].isspace()
            if join_spaces and in_change and index < last and lone_space:
                result[-1].deleted.append(run.equal[0])
                result[-1].inserted.append(run.equal[0])
            else:
                result.append(run)
                in_change = False
    return result


def _changes(a: str, b: str, *, join_spaces: bool = True) -> list[_Change]:
    if a == b:
        return [_Change(list(tokenize(a)), [], [])] if a else []
    return _tidy(_token_diff(tokenize(a), tokenize(b)), join_spaces=join_spaces)


def word_diff(a: str, b: str, source: str = "", *, join_spaces: bool = True) -> list[Hunk]:
    """The hunks that turn base text `a` into text `b`, in base order, offsets in characters.

    By default two changes separated by a lone space are one hunk, as a negotiator reads them;
    `join_spaces=False` keeps them apart (to see which of two neighbouring changes a text has).
    """
    if a == b:
        return []
    hunks: list[Hunk] = []
    position = 0
    for change in _changes(a, b, join_spaces=join_spaces):
        if change.is_equal:
            position += sum(map(len, change.equal))
            continue
        deleted = "".join(change.deleted)
        inserted = "".join(change.inserted)
        op = REPLACE if deleted and inserted else (DELETE if deleted else INSERT)
        hunks.append(Hunk(op, position, position + len(deleted), inserted, source))
        position += len(deleted)
    return hunks


class Aligned(NamedTuple):
    """A stretch of two aligned texts: equal on both sides, or changed from a to b."""

    equal: bool
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def alignment(a: str, b: str) -> list[Aligned]:
    """Both texts cut into alternating equal and changed stretches, covering each whole.

    Words are matched first, marks and white space only between them: two texts that share
    "Internet" and "ensure" are aligned on those, never on the commas and spaces around other
    words (a plain token diff may prefer as many commas as words, when the counts tie). Changes are
    never joined across a lone space, so each stays as narrow as the words it touches; an equal
    stretch is never empty.
    """
    if a == b:
        return [Aligned(True, 0, len(a), 0, len(b))] if a else []
    aligned: list[Aligned] = []
    pa = pb = 0
    for change in _tidy(_anchored_diff(tokenize(a), tokenize(b)), join_spaces=False):
        if change.is_equal:
            length = sum(map(len, change.equal))
            aligned.append(Aligned(True, pa, pa + length, pb, pb + length))
            pa += length
            pb += length
            continue
        deleted = sum(map(len, change.deleted))
        inserted = sum(map(len, change.inserted))
        aligned.append(Aligned(False, pa, pa + deleted, pb, pb + inserted))
        pa += deleted
        pb += inserted
    return aligned


# What an alignment matches first, then within what is left between those matches: words,
# then marks, then anything (white space).
_TIERS = (is_word, lambda token: not token.isspace())


def _anchored_diff(
    tokens_a: Sequence[str], tokens_b: Sequence[str], tier: int = 0
) -> list[_Change]:
    """The token diff of `_token_diff`, words matched first, marks next, spaces last."""
    if tier == len(_TIERS):
        return _token_diff(tokens_a, tokens_b)
    key = _TIERS[tier]
    index_a = [i for i, token in enumerate(tokens_a) if key(token)]
    index_b = [i for i, token in enumerate(tokens_b) if key(token)]
    keys_a = [tokens_a[i] for i in index_a]
    keys_b = [tokens_b[i] for i in index_b]
    anchors = _matches(_token_diff(keys_a, keys_b), index_a, index_b)
    best = _between(tokens_a, tokens_b, anchors, tier)
    if tier > 0 and anchors:
        # Marks repeat ("[" twice): of the matches a diff makes from either end, keep the one
        # that leaves fewer changes (a bracket kept with its words, not with the next ones).
        backward = _token_diff(keys_a[::-1], keys_b[::-1])
        last_a, last_b = len(index_a) - 1, len(index_b) - 1
        flipped = sorted(
            (index_a[last_a - i], index_b[last_b - j])
            for i, j in _matches(backward, list(range(len(index_a))), list(range(len(index_b))))
        )
        if flipped != anchors:
            other = _between(tokens_a, tokens_b, flipped, tier)
            if sum(not c.is_equal for c in other) < sum(not c.is_equal for c in best):
                best = other
    return best


def _matches(
    runs: Sequence[_Change], index_a: Sequence[int], index_b: Sequence[int]
) -> list[tuple[int, int]]:
    """The pairs of positions a diff of selected tokens matched, as positions in the texts."""
    anchors: list[tuple[int, int]] = []
    done_a = done_b = 0
    for run in runs:
        if run.is_equal:
            count = len(run.equal)
            anchors.extend(
                zip(index_a[done_a : done_a + count], index_b[done_b : done_b + count], strict=True)
            )
            done_a += count
            done_b += count
        else:
            done_a += len(run.deleted)
            done_b += len(run.inserted)
    return anchors


def _between(
    tokens_a: Sequence[str],
    tokens_b: Sequence[str],
    anchors: Sequence[tuple[int, int]],
    tier: int,
) -> list[_Change]:
    """The diff with `anchors` matched, what lies between them matched by the next tier."""
    changes = [_Change([], [], [])]
    last_a = last_b = 0
    for i, j in [*anchors, (len(tokens_a), len(tokens_b))]:
        gap_a, gap_b = tokens_a[last_a:i], tokens_b[last_b:j]
        if gap_a == gap_b:
            changes[-1].equal.extend(gap_a)
        elif not gap_a or not gap_b:
            changes.append(_Change([], list(gap_a), list(gap_b)))
            changes.append(_Change([], [], []))
        else:  # what lies between two matches: matched by the next tier
            runs = _anchored_diff(gap_a, gap_b, tier + 1)
            changes[-1].equal.extend(runs[0].equal)
            changes.extend(runs[1:])
        if i < len(tokens_a):
            changes[-1].equal.append(tokens_a[i])
        last_a, last_b = i + 1, j + 1
    return changes


def only_white_space(deleted: str, inserted: str) -> bool:
    """True when a change alters nothing but white space (a line break for a space, a space
    added after a comma): the same words and marks on both sides, once spaces are set aside."""
    # The regex itself, not `tokenize`: these fragments would only push whole texts out of
    # its cache.
    return [t for t in _TOKEN_RE.findall(deleted) if not t.isspace()] == [
        t for t in _TOKEN_RE.findall(inserted) if not t.isspace()
    ]


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
