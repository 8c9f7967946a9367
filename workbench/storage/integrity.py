"""What SQLite can say about a workbench file's soundness, read without trusting the file.

SQLite's own checks (`integrity_check`, `foreign_key_check`), the header, the schema objects
against the workbench's (`schema_objects`), rows pointing at missing rows, values the domain
cannot take (`values`), and the edit log as raw rows for `workbench.checks` to replay.
Parameterised SQL only; nothing stored in the file is interpreted as code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils.migrations import Migrations

from workbench.schema import APPLICATION_ID, SCHEMA_VERSION
from workbench.storage import schema_objects, values

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
        # Every paragraph starts its log (storage writes it with the paragraph, schema 4).
        "paragraph {ref} (id {id}) has no starting text (no INITIAL edit)",
        "SELECT p.id, p.label FROM paragraphs p WHERE NOT EXISTS "
        "(SELECT 1 FROM edits e WHERE e.paragraph_id = p.id AND e.kind = 'initial')",
    ),
    (
        "comment {id} belongs to missing paragraph {ref}",
        "SELECT c.id, c.paragraph_id FROM comments c LEFT JOIN paragraphs p "
        "ON p.id = c.paragraph_id WHERE p.id IS NULL",
    ),
    (
        "comment {id} answers missing comment {ref}",
        "SELECT c.id, c.target_id FROM comments c LEFT JOIN comments t "
        "ON t.id = c.target_id WHERE c.target_id IS NOT NULL AND t.id IS NULL",
    ),
    (
        "comment {id} is anchored in missing variant {ref}",
        "SELECT c.id, c.variant_id FROM comments c LEFT JOIN variants v "
        "ON v.id = c.variant_id WHERE c.variant_id IS NOT NULL AND v.id IS NULL",
    ),
    (
        "comment {id} is anchored in missing edit {ref}",
        "SELECT c.id, c.edit_id FROM comments c LEFT JOIN edits e "
        "ON e.id = c.edit_id WHERE c.edit_id IS NOT NULL AND e.id IS NULL",
    ),
    # This laptop's place in each paragraph's graph: the text and status shown are read there.
    (
        "paragraph {ref} (id {id}) has no head on this laptop (local_heads)",
        "SELECT p.id, p.label FROM paragraphs p WHERE NOT EXISTS "
        "(SELECT 1 FROM local_heads h WHERE h.paragraph_id = p.id)",
    ),
    (
        "the head of paragraph {id} is edit {ref}: missing, or another paragraph's",
        "SELECT h.paragraph_id, h.edit_id FROM local_heads h LEFT JOIN edits e "
        "ON e.id = h.edit_id WHERE e.id IS NULL OR e.paragraph_id != h.paragraph_id",
    ),
    (
        "the text of paragraph {id} is read from edit {ref}: missing, or another paragraph's",
        "SELECT h.paragraph_id, h.text_edit_id FROM local_heads h LEFT JOIN edits e "
        "ON e.id = h.text_edit_id WHERE h.text_edit_id IS NOT NULL "
        "AND (e.id IS NULL OR e.paragraph_id != h.paragraph_id)",
    ),
    (
        "the status of paragraph {id} is read from edit {ref}: missing, another paragraph's, "
        "or one that sets no status",
        "SELECT h.paragraph_id, h.status_edit_id FROM local_heads h LEFT JOIN edits e "
        "ON e.id = h.status_edit_id WHERE h.status_edit_id IS NOT NULL "
        "AND (e.id IS NULL OR e.paragraph_id != h.paragraph_id OR e.status IS NULL)",
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
    parent_id: Any = None
    merged_id: Any = None


def problems(conn: sqlite3.Connection, migration_set: Migrations, applied: int) -> list[str]:
    """SQLite's checks, then (unless the file is damaged) header, schema, orphans, values."""
    found = sqlite_problems(conn)
    if found and found[0].startswith("SQLite integrity"):
        return found  # a damaged file: reading further would only add noise
    found += header_problems(conn)
    found += [d.describe() for d in schema_objects.differences(conn, migration_set, applied)]
    found += orphan_problems(conn)
    found += [str(bad) for bad in values.bad_values(conn)]
    return found


def edit_rows(conn: sqlite3.Connection) -> list[EditRow]:
    """Every edit, by paragraph and number, as stored."""
    return [
        EditRow(*row)
        for row in _rows(
            conn,
            'SELECT id, paragraph_id, seq, kind, start, "end", inserted, text_after, '
            "target_edit_id, parent_id, merged_id FROM edits ORDER BY paragraph_id, seq, id",
        )
    ]


@dataclass(frozen=True)
class CommentRow:
    """A comment as stored, with what it points at, read without trusting any of it."""

    id: int
    paragraph_id: Any
    kind: Any
    target_id: Any
    start: Any
    end: Any
    quote: Any
    anchor_text: Any  # the text of its variant, or the compromise its edit left; None if none
    anchored: bool  # it names a variant or an edit
    target_paragraph_id: Any  # the paragraph of the comment it names, if any
    target_kind: Any


def comment_rows(conn: sqlite3.Connection) -> list[CommentRow]:
    """Every comment with its anchor's text and its target's paragraph; [] without the table."""
    try:
        rows = _rows(
            conn,
            'SELECT c.id, c.paragraph_id, c.kind, c.target_id, c.start, c."end", c.quote, '
            "coalesce(v.text, e.text_after), "
            "c.variant_id IS NOT NULL OR c.edit_id IS NOT NULL, t.paragraph_id, t.kind "
            "FROM comments c LEFT JOIN variants v ON v.id = c.variant_id "
            "LEFT JOIN edits e ON e.id = c.edit_id LEFT JOIN comments t ON t.id = c.target_id "
            "ORDER BY c.id",
        )
    except sqlite3.OperationalError:
        return []  # a table or column missing: the schema check says so
    return [
        CommentRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            bool(row[8]),
            row[9],
            row[10],
        )
        for row in rows
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
    return problems


def orphan_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for template, sql in _ORPHANS:
        try:
            problems += [template.format(id=row[0], ref=row[1]) for row in _rows(conn, sql)]
        except sqlite3.OperationalError:
            continue  # a table or column missing: the schema check says so
    return problems
