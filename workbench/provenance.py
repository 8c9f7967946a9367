"""Who wrote each word of a compromise: owned spans from the edit log, and each owner's share.

The log is replayed keeping an owner for every character. The initial text belongs to its
stakeholder; an accepted splice to the proposal's stakeholder; a typed splice to its author
(stakeholder_id None). Inside a splice only the words that really changed (by `word_diff`
between the old and new stretch) change owner, so an "accept all" recorded as one splice still
leaves the untouched words between its hunks with their earlier owners. UNDO restores the owners
from before the undone edit, REDO those from after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workbench.diff import is_word, tokenize, word_diff
from workbench.model import TEXT_CHANGING_KINDS, Edit, EditKind


@dataclass(frozen=True)
class Owner:
    """Where a character came from: a stakeholder's text, or someone typing."""

    stakeholder_id: int | None
    author: str
    at: str
    edit_id: int | None


@dataclass(frozen=True)
class OwnedSpan:
    """A stretch of the current compromise that came from one edit of one owner.

    Adjacent spans are merged only when their whole owner (stakeholder, author, time, edit)
    is the same, so the exporter can attribute each tracked change to its edit.
    """

    start: int
    end: int
    text: str
    stakeholder_id: int | None
    author: str
    at: str
    edit_id: int | None

    def label(self, names: Mapping[int, str]) -> str:
        """The owner as negotiators say it: the stakeholder's name, or "typed by <author>"."""
        if self.stakeholder_id is None:
            return f"typed by {self.author}"
        return names.get(self.stakeholder_id, f"stakeholder {self.stakeholder_id}")


def _owner(edit: Edit) -> Owner:
    if edit.kind is EditKind.TYPED:
        return Owner(None, edit.author, edit.at, edit.id)
    return Owner(edit.stakeholder_id, edit.author, edit.at, edit.id)


def _splice(owners: list[Owner], before: str, edit: Edit) -> list[Owner]:
    """Owners after a splice: only the words that changed inside it take the new owner."""
    owner = _owner(edit)
    old = before[edit.start : edit.end]
    inner = owners[edit.start : edit.end]
    result: list[Owner] = []
    position = 0
    for hunk in word_diff(old, edit.inserted):
        result.extend(inner[position : hunk.base_start])
        result.extend([owner] * len(hunk.text))
        position = hunk.base_end
    result.extend(inner[position:])
    return owners[: edit.start] + result + owners[edit.end :]


def owners_by_character(edits: Sequence[Edit]) -> tuple[str, list[Owner]]:
    """The current compromise and the owner of each of its characters."""
    text = ""
    owners: list[Owner] = []
    before: dict[int, tuple[str, list[Owner]]] = {}
    after: dict[int, tuple[str, list[Owner]]] = {}
    for edit in edits:
        before[edit.id] = (text, owners)
        if edit.kind not in TEXT_CHANGING_KINDS:
            after[edit.id] = (text, owners)  # a decision: undoing it keeps the words' owners
            continue
        if edit.kind is EditKind.INITIAL:
            text = edit.text_after
            owners = [_owner(edit)] * len(text)
        elif edit.kind in (EditKind.UNDO, EditKind.REDO):
            saved = (before if edit.kind is EditKind.UNDO else after).get(edit.target_edit_id or -1)
            if saved is not None and saved[0] == edit.text_after:
                text, owners = saved
            else:  # a log we cannot follow: attribute the difference to whoever undid
                owners = _splice_whole(owners, text, edit)
                text = edit.text_after
        elif text[: edit.start] + edit.inserted + text[edit.end :] == edit.text_after:
            owners = _splice(owners, text, edit)
            text = edit.text_after
        else:  # splice fields missing or stale: diff the whole text instead
            owners = _splice_whole(owners, text, edit)
            text = edit.text_after
        after[edit.id] = (text, owners)
    return text, owners


def _splice_whole(owners: list[Owner], text: str, edit: Edit) -> list[Owner]:
    whole = Edit(**{**edit.__dict__, "start": 0, "end": len(text), "inserted": edit.text_after})
    return _splice(owners, text, whole)


def spans(edits: Sequence[Edit]) -> list[OwnedSpan]:
    """Contiguous spans covering the whole current compromise, each with one owner."""
    text, owners = owners_by_character(edits)
    result: list[OwnedSpan] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or owners[index] != owners[start]:
            owner = owners[start]
            result.append(
                OwnedSpan(
                    start,
                    index,
                    text[start:index],
                    owner.stakeholder_id,
                    owner.author,
                    owner.at,
                    owner.edit_id,
                )
            )
            start = index
    return result


def word_counts(owned: Sequence[OwnedSpan], names: Mapping[int, str]) -> dict[str, float]:
    """Words per owner label; a word split between owners is shared by its characters."""
    text = "".join(span.text for span in owned)
    label_at: list[str] = []
    for span in owned:
        label_at.extend([span.label(names)] * len(span.text))
    counts: dict[str, float] = {}
    tokens = tokenize(text)
    has_words = any(is_word(token) for token in tokens)
    position = 0
    for token in tokens:
        counted = is_word(token) if has_words else not token.isspace()
        if counted:
            for label in label_at[position : position + len(token)]:
                counts[label] = counts.get(label, 0.0) + 1 / len(token)
        position += len(token)
    return counts


def percentages(counts: Mapping[str, float]) -> dict[str, float]:
    """Counts as percentages adding up to 100, largest first (empty when there is nothing)."""
    total = sum(counts.values())
    if total <= 0:
        return {}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {label: 100 * count / total for label, count in ordered}


def shares(owned: Sequence[OwnedSpan], names: Mapping[int, str]) -> dict[str, float]:
    """Each owner's share of a paragraph's words, in percent."""
    return percentages(word_counts(owned, names))


def document_shares(
    paragraphs: Iterable[Sequence[OwnedSpan]], names: Mapping[int, str]
) -> dict[str, float]:
    """Each owner's share of the words of several paragraphs together, in percent."""
    total: dict[str, float] = {}
    for owned in paragraphs:
        for label, count in word_counts(owned, names).items():
            total[label] = total.get(label, 0.0) + count
    return percentages(total)
