"""Integrity and consistency checks of a workbench file: what `workbench check` reports.

Reads raw rows with parameterised SQL and interprets nothing stored in the file as code. Each
problem is one readable line; an empty list means the file is sound. The checks are SQLite's
own (`integrity_check`, `foreign_key_check`), then ours: every paragraph's edit log is
numbered 1..n, each splice applied to the text before it gives its stored text_after, undo and
redo restore what they name, and the compromise storage reports equals the replayed log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError
from workbench.model import TEXT_CHANGING_KINDS, EditKind, Status
from workbench.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from workbench.storage import WorkbenchFile

# The append-only triggers: a file without them may have had its history rewritten (or, for
# variants, its search index left behind what it indexes).
REQUIRED_TRIGGERS = (
    "edits_no_update",
    "edits_no_delete",
    "variants_no_update",
    "variants_no_delete",
)
# Every trigger the workbench makes. Any other trigger or view came from elsewhere and would
# run on our writes, so it is reported.
KNOWN_TRIGGERS = frozenset(REQUIRED_TRIGGERS)
_KINDS = {kind.value for kind in EditKind}
_TEXT_KINDS = {kind.value for kind in TEXT_CHANGING_KINDS}
_ORPHANS = (
    (
        "variant {id} belongs to missing paragraph {ref}",
        "SELECT v.id, v.paragraph_id FROM variants v LEFT JOIN paragraphs p "
        "ON p.id = v.paragraph_id WHERE p.id IS NULL",
    ),
    (
        "variant {id} names missing stakeholder {ref}",
        "SELECT v.id, v.stakeholder_id FROM variants v LEFT JOIN stakeholders s "
        "ON s.id = v.stakeholder_id WHERE s.id IS NULL",
    ),
    (
        "edit {id} belongs to missing paragraph {ref}",
        "SELECT e.id, e.paragraph_id FROM edits e LEFT JOIN paragraphs p "
        "ON p.id = e.paragraph_id WHERE p.id IS NULL",
    ),
    (
        "edit {id} names missing stakeholder {ref}",
        "SELECT e.id, e.stakeholder_id FROM edits e LEFT JOIN stakeholders s "
        "ON s.id = e.stakeholder_id WHERE e.stakeholder_id IS NOT NULL AND s.id IS NULL",
    ),
    (
        "edit {id} names missing variant {ref}",
        "SELECT e.id, e.variant_id FROM edits e LEFT JOIN variants v "
        "ON v.id = e.variant_id WHERE e.variant_id IS NOT NULL AND v.id IS NULL",
    ),
    (
        "variant {id} amends missing variant {ref}",
        "SELECT v.id, v.base_id FROM variants v LEFT JOIN variants b "
        "ON b.id = v.base_id WHERE v.base_id IS NOT NULL AND b.id IS NULL",
    ),
    (
        "paragraph {id} is in missing section {ref}",
        "SELECT p.id, p.section_id FROM paragraphs p LEFT JOIN sections s "
        "ON s.id = p.section_id WHERE p.section_id IS NOT NULL AND s.id IS NULL",
    ),
)


@dataclass(frozen=True)
class EditRow:
    """An edit as stored, read without trusting its kind or its numbers."""

    id: int
    paragraph_id: int
    seq: Any
    kind: str
    start: Any
    end: Any
    inserted: Any
    text_after: Any
    target_edit_id: int | None


def check(wb: WorkbenchFile) -> list[str]:
    """Every problem found in the open file, one line each; [] when it is sound."""
    problems = _sqlite_checks(wb)
    if problems and problems[0].startswith("SQLite integrity"):
        return problems  # a damaged file: reading further would only add noise
    problems += _header_checks(wb)
    problems += _orphan_checks(wb)
    problems += _log_checks(wb)
    problems += _start_checks(wb)
    return problems


def check_file(path: str | Path) -> list[str]:
    """Open read-only (nothing is written, not even by a migration) and check."""
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open(path, read_only=True) as wb:
        try:
            return check(wb)
        except sqlite3.DatabaseError as error:
            # Damage bad enough that SQLite cannot even read the rows the checks need.
            raise WorkbenchError(wb.path, f"cannot be read to the end ({error})") from error


def _rows(wb: WorkbenchFile, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return list(wb.db.execute(sql, list(params)).fetchall())


def _sqlite_checks(wb: WorkbenchFile) -> list[str]:
    result = [str(row[0]) for row in _rows(wb, "PRAGMA integrity_check")]
    if result != ["ok"]:
        return [f"SQLite integrity check: {line}" for line in result[:20]]
    return [
        f"foreign key: row {row[1]} of {row[0]} points at a missing row of {row[2]}"
        for row in _rows(wb, "PRAGMA foreign_key_check")
    ]


def _header_checks(wb: WorkbenchFile) -> list[str]:
    problems = []
    application_id = _rows(wb, "PRAGMA application_id")[0][0]
    if application_id != APPLICATION_ID:
        problems.append(f"application id is {application_id}, not a workbench file's")
    user_version = _rows(wb, "PRAGMA user_version")[0][0]
    if user_version > SCHEMA_VERSION:
        problems.append(f"schema version {user_version} is newer than this program's")
    triggers = {
        row[0] for row in _rows(wb, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    problems += [
        f"the append-only guard {name} is missing: the {name.split('_')[0]} may have been rewritten"
        for name in REQUIRED_TRIGGERS
        if name not in triggers
    ]
    problems += [
        f"trigger {name!r} was not made by the workbench: it would run on every change"
        for name in sorted(triggers - KNOWN_TRIGGERS)
    ]
    problems += [
        f"view {row[0]!r} was not made by the workbench"
        for row in _rows(wb, "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
    ]
    return problems


def _orphan_checks(wb: WorkbenchFile) -> list[str]:
    problems = []
    for template, sql in _ORPHANS:
        problems += [template.format(id=row[0], ref=row[1]) for row in _rows(wb, sql)]
    return problems


def _log_checks(wb: WorkbenchFile) -> list[str]:
    labels = {row[0]: str(row[1]) for row in _rows(wb, "SELECT id, label FROM paragraphs")}
    logs: dict[int, list[EditRow]] = {}
    for row in _rows(
        wb,
        'SELECT id, paragraph_id, seq, kind, start, "end", inserted, text_after, '
        "target_edit_id FROM edits ORDER BY paragraph_id, seq, id",
    ):
        edit = EditRow(*row)
        logs.setdefault(edit.paragraph_id, []).append(edit)
    problems = []
    for paragraph_id, edits in logs.items():
        name = f"paragraph {labels.get(paragraph_id, '?')} (id {paragraph_id})"
        problems += [f"{name}: {problem}" for problem in _check_log(edits)]
        stored = wb.compromise(paragraph_id) if paragraph_id in labels else None
        replayed = _replay(edits)
        if stored is not None and replayed is not None and stored != replayed:
            problems.append(f"{name}: the stored compromise differs from its replayed history")
    return problems


def _start_checks(wb: WorkbenchFile) -> list[str]:
    """Every paragraph's log starts its compromise (an INITIAL edit), and names real statuses
    and change numbers in the columns schema 4 added."""
    problems = [
        f"paragraph {row[1]} (id {row[0]}) has no starting text (no INITIAL edit)"
        for row in _rows(
            wb,
            "SELECT p.id, p.label FROM paragraphs p WHERE NOT EXISTS "
            "(SELECT 1 FROM edits e WHERE e.paragraph_id = p.id AND e.kind = 'initial')",
        )
    ]
    statuses = "', '".join(status.value for status in Status)
    problems += [
        f"edit {row[0]} sets an unknown status {row[1]!r}"
        for row in _rows(
            wb,
            f"SELECT id, status FROM edits WHERE status IS NOT NULL "
            f"AND status NOT IN ('{statuses}')",
        )
    ]
    problems += [
        f"edit {row[0]} names changes {row[1]!r}, not numbers"
        for row in _rows(wb, "SELECT id, changes FROM edits WHERE changes != ''")
        if not all(part.isdigit() for part in str(row[1]).split(","))
    ]
    return problems


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
        if edit.kind not in _KINDS:
            problems.append(f"{where} has an unknown kind {edit.kind!r}")
            continue
        if not isinstance(edit.text_after, str) or not isinstance(edit.inserted, str):
            problems.append(f"{where} has a text that is not text")
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
