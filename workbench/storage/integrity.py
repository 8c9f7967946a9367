"""What SQLite can say about a workbench file's soundness, read without trusting the file.

SQLite's own checks (`integrity_check`, `foreign_key_check`), the header and the schema objects,
rows pointing at missing rows, and the edit log as raw rows for `workbench.checks` to replay.
Parameterised SQL only; nothing stored in the file is interpreted as code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.schema import APPLICATION_ID, SCHEMA_VERSION

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


def problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's checks, then (unless the file is damaged) the header, schema and orphan rows."""
    found = sqlite_problems(conn)
    if found and found[0].startswith("SQLite integrity"):
        return found  # a damaged file: reading further would only add noise
    return found + header_problems(conn) + orphan_problems(conn)


def edit_rows(conn: sqlite3.Connection) -> list[EditRow]:
    """Every edit, by paragraph and number, as stored."""
    return [
        EditRow(*row)
        for row in _rows(
            conn,
            'SELECT id, paragraph_id, seq, kind, start, "end", inserted, text_after, '
            "target_edit_id FROM edits ORDER BY paragraph_id, seq, id",
        )
    ]


def paragraph_labels(conn: sqlite3.Connection) -> dict[int, str]:
    return {row[0]: str(row[1]) for row in _rows(conn, "SELECT id, label FROM paragraphs")}


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    return list(conn.execute(sql, list(params)).fetchall())


def sqlite_problems(conn: sqlite3.Connection) -> list[str]:
    result = [str(row[0]) for row in _rows(conn, "PRAGMA integrity_check")]
    if result != ["ok"]:
        return [f"SQLite integrity check: {line}" for line in result[:20]]
    return [
        f"foreign key: row {row[1]} of {row[0]} points at a missing row of {row[2]}"
        for row in _rows(conn, "PRAGMA foreign_key_check")
    ]


def header_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    application_id = _rows(conn, "PRAGMA application_id")[0][0]
    if application_id != APPLICATION_ID:
        problems.append(f"application id is {application_id}, not a workbench file's")
    user_version = _rows(conn, "PRAGMA user_version")[0][0]
    if user_version > SCHEMA_VERSION:
        problems.append(f"schema version {user_version} is newer than this program's")
    triggers = {
        row[0] for row in _rows(conn, "SELECT name FROM sqlite_master WHERE type = 'trigger'")
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
        for row in _rows(conn, "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
    ]
    return problems


def orphan_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for template, sql in _ORPHANS:
        problems += [template.format(id=row[0], ref=row[1]) for row in _rows(conn, sql)]
    return problems
