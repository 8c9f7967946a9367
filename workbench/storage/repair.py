"""`workbench check --repair`: the schema the workbench made, and values it can read, restored.

Runs in one transaction, after the caller has taken a snapshot. Triggers, indexes and views
the workbench did not make are dropped first (before they could run), its own are made again
from the migrations' definitions, and bad values are fixed only where no guess is involved:
text stored as a BLOB or a number becomes that text, a number stored as text that number,
unreadable redline marks are cleared (the text they mark is kept), a status or a stakeholder
kind the workbench does not know becomes "open" or "government". The rest (an unknown edit
kind, a changed table) is listed as not repaired: restoring a snapshot is the way back.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlite_utils.migrations import Migrations

from workbench.model import StakeholderKind, Status
from workbench.storage import schema_objects, values
from workbench.storage.schema_objects import quote

# Where an unknown value has one harmless reading: what the user sees and can set again.
_DEFAULTS: dict[type[StrEnum], StrEnum] = {
    Status: Status.OPEN,
    StakeholderKind: StakeholderKind.GOVERNMENT,
}
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_NO_FIX = object()


@dataclass
class RepairReport:
    repaired: list[str] = field(default_factory=list)
    not_repaired: list[str] = field(default_factory=list)


def repair(conn: sqlite3.Connection, migration_set: Migrations, applied: int) -> RepairReport:
    """Repairs what can be repaired; the caller runs this inside one transaction."""
    report = RepairReport()
    differences = schema_objects.differences(conn, migration_set, applied)
    for difference in differences:
        if difference.kind == "unexpected":
            conn.execute(f"DROP {difference.type.upper()} IF EXISTS {quote(difference.name)}")
            report.repaired.append(
                f"dropped {difference.type} {difference.name!r} (not made by the workbench)"
            )
    wanted = schema_objects.expected(migration_set, applied)
    # The workbench's own triggers go too (the append-only guards would refuse the value
    # fixes below); they are made again at the end, with changed indexes and views.
    remake = {
        key: sql
        for key, sql in wanted.items()
        if key[0] == "trigger" or (key[0] in ("index", "view") and _differs(key, differences))
    }
    for (kind, name), _ in remake.items():
        conn.execute(f"DROP {kind.upper()} IF EXISTS {quote(name)}")
    _fix_values(conn, report)
    for (kind, name), sql in remake.items():
        if sql is None:
            report.not_repaired.append(f"{kind} {name!r} cannot be made again here")
            continue
        conn.execute(sql)
        if _differs((kind, name), differences):
            report.repaired.append(f"made {kind} {name!r} again as the workbench defines it")
    for difference in differences:
        if difference.type == "table" and difference.kind != "unexpected":
            report.not_repaired.append(
                f"{difference.describe()}: not repaired; restore a snapshot "
                "(`workbench restore FILE --list`)"
            )
    return report


def _differs(key: tuple[str, str], differences: list[schema_objects.Difference]) -> bool:
    return any((d.type, d.name) == key and d.kind != "unexpected" for d in differences)


def _fix_values(conn: sqlite3.Connection, report: RepairReport) -> None:
    checkers = {
        (columns.table, name): check
        for columns in values.RECORDS
        for name, check in columns.columns
    }
    seen: set[tuple[str, object, str]] = set()
    for bad in values.bad_values(conn):
        if (bad.table, bad.row_id, bad.column) in seen:
            continue
        seen.add((bad.table, bad.row_id, bad.column))
        check = checkers[(bad.table, bad.column)]
        if bad.table == values.SEARCH_INDEXED.table:
            # Search indexed up to an unreadable point: the index is made anew from nothing.
            conn.execute("INSERT INTO variants_search(variants_search) VALUES ('delete-all')")
            conn.execute("DELETE FROM search_indexed")
            report.repaired.append(f"{bad}: the search index is made anew")
            continue
        current = _current(conn, bad)
        fixed = _fix(check, current)
        if fixed is _NO_FIX or values.problem_of(check, fixed):
            report.not_repaired.append(
                f"{bad}: not repaired; restore a snapshot (`workbench restore FILE --list`)"
            )
            continue
        key = _key_column(bad.table)
        try:
            conn.execute(
                f"UPDATE {bad.table} SET {quote(bad.column)} = ? WHERE {key} = ?",
                [fixed, bad.row_id],
            )
        except sqlite3.IntegrityError as error:  # e.g. the name is taken by another row now
            report.not_repaired.append(f"{bad}: not repaired ({error}); restore a snapshot")
            continue
        report.repaired.append(f"{bad}: now {_show(fixed)}")


def _key_column(table: str) -> str:
    """The column that names a row of `table` (what a BadValue's row_id is)."""
    return next(c.columns[0][0] for c in values.RECORDS if c.table == table)


def _current(conn: sqlite3.Connection, bad: values.BadValue) -> Any:
    key = _key_column(bad.table)
    row = conn.execute(
        f"SELECT {quote(bad.column)} FROM {bad.table} WHERE {key} = ?", [bad.row_id]
    ).fetchone()
    return row[0] if row else None


def _fix(check: values.Checker, value: Any) -> Any:
    """The value this column should hold, when there is exactly one reading; else _NO_FIX."""
    if check is values.text:
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return _NO_FIX
        return "" if value is None else str(value)
    if check in (values.integer, values.optional_integer):
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        if isinstance(value, str) and _INTEGER.match(value):
            return int(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return _NO_FIX
    if check is values.marks:
        return "[]"
    if isinstance(check, values.OneOf):
        spelled = " ".join(str(value).split()).lower() if isinstance(value, str) else None
        for member in check.kind:
            if member.value == spelled:
                return member.value
        default = _DEFAULTS.get(check.kind)
        return default.value if default is not None else _NO_FIX
    return _NO_FIX


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
