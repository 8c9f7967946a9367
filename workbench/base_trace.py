"""How a base lies in the current compromise, traced through the paragraph's edit log.

Re-diffing a base against the compromise has to guess where words repeat: "the Internet, the
Internet" with one of them gone reads equally well as either one deleted. The edit log knows:
every accept, hand edit, undo and redo is a splice of the text before it. So each character of
the compromise carries its origin in the base (or none, for words that came in later), from the
starting text (aligned with the base by a word diff, or identical to it, as a draft usually is)
through every splice. Inside a splice only the words that really changed lose their origin (a
word diff of the old and new stretch, as `provenance` does for owners), so a wide splice such as
"accept all" keeps the words between its changes where they were.

The result is an alignment of the base with the compromise (`diff.Aligned` stretches), the same
shape `diff.alignment` gives, with each changed stretch refined by a word diff (a word typed
away and typed back is the base's word again).
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.diff import Aligned, alignment, word_diff
from workbench.model import TEXT_CHANGING_KINDS, Edit, EditKind

Origins = list[int | None]  # per character of a text: its offset in the base, or None


def traced_alignment(base: str, edits: Sequence[Edit]) -> list[Aligned]:
    """The base aligned with the compromise the log ends with (see the module docstring)."""
    text, origins = _trace(base, edits)
    return _segments(base, text, origins)


def _trace(base: str, edits: Sequence[Edit]) -> tuple[str, Origins]:
    text = ""
    origins: Origins = []
    before: dict[int, tuple[str, Origins]] = {}
    after: dict[int, tuple[str, Origins]] = {}
    for edit in edits:
        before[edit.id] = (text, origins)
        if edit.kind not in TEXT_CHANGING_KINDS:
            after[edit.id] = (text, origins)
            continue
        if edit.kind is EditKind.INITIAL:
            origins = _from_diff(base, edit.text_after)
        elif edit.kind in (EditKind.UNDO, EditKind.REDO):
            saved = (before if edit.kind is EditKind.UNDO else after).get(edit.target_edit_id or -1)
            if saved is not None and saved[0] == edit.text_after:
                origins = saved[1]
            else:  # a log we cannot follow: read the change from the texts
                origins = _splice(origins, text, 0, len(text), edit.text_after)
        elif text[: edit.start] + edit.inserted + text[edit.end :] == edit.text_after:
            origins = _splice(origins, text, edit.start, edit.end, edit.inserted)
        else:  # splice fields that do not fit: read the change from the texts
            origins = _splice(origins, text, 0, len(text), edit.text_after)
        text = edit.text_after
        after[edit.id] = (text, origins)
    return text, origins


def _from_diff(base: str, text: str) -> Origins:
    if base == text:
        return list(range(len(base)))
    origins: Origins = [None] * len(text)
    for segment in alignment(base, text):
        if segment.equal:
            for offset in range(segment.b_end - segment.b_start):
                origins[segment.b_start + offset] = segment.a_start + offset
    return origins


def _splice(origins: Origins, text: str, start: int, end: int, inserted: str) -> Origins:
    """Origins after text[start:end] became `inserted`: unchanged words inside keep theirs."""
    old = text[start:end]
    inner = origins[start:end]
    result: Origins = []
    position = 0
    for hunk in word_diff(old, inserted):
        result.extend(inner[position : hunk.base_start])
        result.extend([None] * len(hunk.text))
        position = hunk.base_end
    result.extend(inner[position:])
    return origins[:start] + result + origins[end:]


def _segments(base: str, text: str, origins: Origins) -> list[Aligned]:
    """Equal stretches where the compromise's characters come from the base in order; the
    stretches between them aligned by a word diff of their own."""
    segments: list[Aligned] = []
    a = b = 0  # how far both texts are covered
    index = 0
    while index <= len(text):
        origin = origins[index] if index < len(text) else None
        if origin is None or origin < a:
            index += 1
            continue
        run = 1
        while (
            index + run < len(text)
            and origins[index + run] is not None
            and origins[index + run] == origin + run
        ):
            run += 1
        _between(segments, base, text, a, origin, b, index)
        _add(segments, Aligned(True, origin, origin + run, index, index + run))
        a, b = origin + run, index + run
        index += run
    _between(segments, base, text, a, len(base), b, len(text))
    return segments


def _between(
    segments: list[Aligned], base: str, text: str, a0: int, a1: int, b0: int, b1: int
) -> None:
    """What lies between two traced stretches: aligned by a word diff of just that part."""
    if a0 == a1 and b0 == b1:
        return
    for part in alignment(base[a0:a1], text[b0:b1]):
        _add(
            segments,
            Aligned(
                part.equal, a0 + part.a_start, a0 + part.a_end, b0 + part.b_start, b0 + part.b_end
            ),
        )


def _add(segments: list[Aligned], segment: Aligned) -> None:
    """Append, joining a stretch to the last one when both are equal or both changed."""
    if segment.a_start == segment.a_end and segment.b_start == segment.b_end:
        return
    if segments and segments[-1].equal == segment.equal:
        last = segments.pop()
        segment = Aligned(segment.equal, last.a_start, segment.a_end, last.b_start, segment.b_end)
    segments.append(segment)
