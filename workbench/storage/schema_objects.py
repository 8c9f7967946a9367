"""The schema objects a workbench file should have, and what differs in one that was tampered with.

A trigger planted in the file with another SQLite program would run on the workbench's own
writes (an index too, and a view could stand in for a table), so on opening, the file's
tables, indexes, triggers and views are compared with the set the migrations make: any other
trigger, index or view, and any of ours changed or missing, is a difference. A table of
someone's own is left alone: it is data and runs nothing. That set is computed, not listed:
the migrations the file has applied are applied to an empty in-memory database, so every
future migration is covered by itself.
Objects a library generates (the migration record of sqlite-utils, the shadow tables of the
full-text index) are compared by name only, since their exact text depends on its version.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

ObjectKey = tuple[str, str]  # (type, name): ("trigger", "edits_no_update")
_CACHE: dict[tuple[tuple[str, ...], int], dict[ObjectKey, str | None]] = {}


@dataclass(frozen=True)
class Difference:
    """One way the file's schema differs from the workbench's."""

    kind: str  # "unexpected", "missing" or "changed"
    type: str  # table, index, trigger, view
    name: str
    expected_sql: str | None  # what the workbench makes (None for "unexpected")

    def describe(self) -> str:
        if self.kind == "unexpected":
            runs = " and would run on every change" if self.type == "trigger" else ""
            return f"{self.type} {self.name!r} was not made by the workbench{runs}"
        if self.kind == "missing":
            if self.type == "trigger" and self.name.endswith(("_no_update", "_no_delete")):
                table = self.name.split("_no_")[0]
                return (
                    f"the append-only guard {self.name} is missing: the {table} may have been "
                    "rewritten"
                )
            return f"{self.type} {self.name!r} is missing"
        return f"{self.type} {self.name!r} differs from the workbench's definition"


def expected(migration_set: Migrations, applied: int) -> dict[ObjectKey, str | None]:
    """The objects (and their SQL; None where only the name counts) after `applied` migrations."""
    names = tuple(migration.name for migration in migration_set._migrations)
    key = (names[:applied], applied)
    if key not in _CACHE:
        db = Database(sqlite3.connect(":memory:"), execute_plugins=False)
        stop = names[applied] if applied < len(names) else None
        if applied > 0:
            migration_set.apply(db, stop_before=stop)
        _CACHE[key] = _with_library_objects_by_name(_objects(db.conn))
        db.close()
    return _CACHE[key]


def differences(
    conn: sqlite3.Connection, migration_set: Migrations, applied: int
) -> list[Difference]:
    """How the file's schema objects differ from the workbench's; [] when they are the same."""
    wanted = expected(migration_set, applied)
    found = _objects(conn)
    result = []
    for key, sql in sorted(found.items()):
        if key not in wanted:
            if key[0] != "table":  # a table of someone's own is data; it runs nothing
                result.append(Difference("unexpected", key[0], key[1], None))
        elif wanted[key] is not None and sql != wanted[key]:
            result.append(Difference("changed", key[0], key[1], wanted[key]))
    result += [
        Difference("missing", key[0], key[1], sql)
        for key, sql in sorted(wanted.items())
        if key not in found
    ]
    return result


def quote(name: str) -> str:
    """An identifier, quoted for SQL whatever it contains."""
    return '"' + name.replace('"', '""') + '"'


def _objects(conn: sqlite3.Connection) -> dict[ObjectKey, str | None]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return {(str(row[0]), str(row[1])): row[2] for row in rows}


def _with_library_objects_by_name(
    objects: dict[ObjectKey, str | None],
) -> dict[ObjectKey, str | None]:
    virtual = [
        name
        for (kind, name), sql in objects.items()
        if kind == "table" and sql is not None and sql.upper().startswith("CREATE VIRTUAL TABLE")
    ]
    by_name_only = {
        key
        for key in objects
        if key[1].startswith(Migrations.migrations_table)
        or key[1].startswith("idx_" + Migrations.migrations_table)
        or any(key[1].startswith(f"{table}_") and key[0] == "table" for table in virtual)
    }
    return {key: (None if key in by_name_only else sql) for key, sql in objects.items()}
