"""Integrity and consistency checks of a workbench file: what `workbench check` reports.

Reads raw rows (storage's `integrity` reads them with parameterised SQL and interprets nothing
stored in the file as code). Each problem is one readable line; an empty list means the file is
sound. The checks are SQLite's own (`integrity_check`, `foreign_key_check`), the header, schema
objects and orphan rows (`WorkbenchStore.integrity_problems`), then the log: a paragraph's edits
form a graph (several laptops write it), and along the chain to each of its heads the edits are
numbered 1..n, each splice applied to the text before it gives its stored text_after, undo and
redo restore what they name, and the compromise storage reports equals the replayed log; every
reply and resolution names a comment of its paragraph, and every comment's quote is the words
at its place in the text it is anchored in (`comments.check_rows`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.comments import check_rows
from workbench.errors import WorkbenchError
from workbench.model import TEXT_CHANGING_KINDS, EditKind

if TYPE_CHECKING:
    from workbench.storage import WorkbenchStore
    from workbench.storage.integrity import EditRow

_KINDS = {kind.value for kind in EditKind}
_TEXT_KINDS = {kind.value for kind in TEXT_CHANGING_KINDS}


def check(wb: WorkbenchStore) -> list[str]:
    """Every problem found in the open file, one line each; [] when it is sound."""
    problems = wb.integrity_problems()
    if problems and problems[0].startswith("SQLite integrity"):
        return problems  # a damaged file: reading further would only add noise
    return problems + _log_checks(wb) + check_rows(wb.raw_comment_rows(), wb.paragraph_labels())


def check_file(path: str | Path) -> list[str]:
    """Open read-only (nothing is written, not even by a migration) and check."""
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open(path, read_only=True) as wb:
        return check(wb)


def _log_checks(wb: WorkbenchStore) -> list[str]:
    labels = wb.paragraph_labels()
    logs: dict[int, list[EditRow]] = {}
    for edit in wb.raw_edit_rows():
        logs.setdefault(edit.paragraph_id, []).append(edit)
    try:
        compromises = wb.compromises()
    except WorkbenchError:
        compromises = {}  # an unreadable text: the value checks above name it
    problems = []
    for paragraph_id, edits in logs.items():
        name = f"paragraph {labels.get(paragraph_id, '?')} (id {paragraph_id})"
        found: list[str] = []
        for chain in _chains(edits):
            found += [p for p in _check_log(chain) if p not in found]
        problems += [f"{name}: {problem}" for problem in found]
        stored = compromises.get(paragraph_id) if paragraph_id in labels else None
        replayed = {_replay(chain) for chain in _chains(edits)}
        if stored is not None and None not in replayed and stored not in replayed:
            problems.append(f"{name}: the stored compromise differs from its replayed history")
    return problems


def _chains(edits: list[EditRow]) -> list[list[EditRow]]:
    """The chain (first edit to head, by parents) to each head of the paragraph's graph;
    edits with no parent recorded (a file from before schema 6) follow by number."""
    by_id = {edit.id: edit for edit in edits}
    followed = {p for e in edits for p in (e.parent_id, e.merged_id) if p is not None}
    chains = []
    for head in (e for e in edits if e.id not in followed):
        chain: list[EditRow] = []
        current: EditRow | None = head
        while current is not None and current not in chain:
            chain.append(current)
            parent = current.parent_id
            current = by_id.get(parent) if isinstance(parent, int) else None
        chains.append(chain[::-1])
    return chains or [edits]


def _check_log(edits: list[EditRow]) -> list[str]:
    """The log read step by step: numbering, kinds, and each stored text against its splice."""
    problems = []
    seqs = [edit.seq for edit in edits]
    if seqs != list(range(1, len(edits) + 1)):
        problems.append(f"edit numbers are not 1..{len(edits)} without gaps ({_short(seqs)})")
    text = ""
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for edit in edits:
        where = f"edit {edit.seq} (id {edit.id})"
        if edit.kind not in _KINDS or not isinstance(edit.text_after, str):
            continue  # a bad value, reported as such (storage's value checks)
        if not isinstance(edit.inserted, str):
            continue
        if edit.kind not in _TEXT_KINDS:
            before[edit.id] = after[edit.id] = text  # a decision: undo and redo keep the text
            continue
        expected = _expected_text(edit, text, before, after)
        if expected is None:
            problems.append(f"{where} ({edit.kind}) has a splice or target that does not fit")
        elif expected != edit.text_after:
            problems.append(f"{where} ({edit.kind}): its stored text does not match its splice")
        before[edit.id] = text
        text = edit.text_after
        after[edit.id] = text
    return problems


def _expected_text(
    edit: EditRow, text: str, before: dict[int, str], after: dict[int, str]
) -> str | None:
    """What the edit should leave, from the text before it; None when it cannot apply."""
    if edit.kind == EditKind.INITIAL:
        return str(edit.inserted or edit.text_after)
    if edit.kind == EditKind.UNDO:
        return before.get(edit.target_edit_id) if edit.target_edit_id is not None else None
    if edit.kind == EditKind.REDO:
        return after.get(edit.target_edit_id) if edit.target_edit_id is not None else None
    start, end = edit.start, edit.end
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        return None
    return text[:start] + str(edit.inserted) + text[end:]


def _replay(edits: list[EditRow]) -> str | None:
    """The compromise rebuilt from the splices alone (history.replay over raw rows)."""
    text = ""
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for edit in edits:
        if edit.kind not in _TEXT_KINDS:
            before[edit.id] = after[edit.id] = text
            continue
        expected = _expected_text(edit, text, before, after)
        if expected is None:
            return None  # already reported by _check_log
        before[edit.id] = text
        text = expected
        after[edit.id] = text
    return text


def _short(values: list[Any]) -> str:
    shown = ", ".join(str(value) for value in values[:8])
    return shown + (", ..." if len(values) > 8 else "")
