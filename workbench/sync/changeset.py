"""Rows to and from an SQLite session changeset, through apsw (the stdlib sqlite3 has no
session API; apsw's wheels bundle an SQLite built with it).

apsw is used here on an in-memory database only, never on a workbench file: two SQLite
libraries in one process keep separate lists of the POSIX locks they hold on a file, and
closing one's descriptor of a file drops the other's locks on it. The workbench file is only
ever opened through `sqlite3` (storage); this module builds a changeset from rows storage read,
and reads one back into rows for storage to insert.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from typing import Any

import apsw

Row = tuple[Any, ...]


class ChangesetError(ValueError):
    """Bytes that are not a changeset the workbench can take; `str()` says why."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def encode(columns: Mapping[str, Sequence[str]], rows: Mapping[str, Sequence[Row]]) -> bytes:
    """The rows (by table; the first column is the primary key) as a compressed changeset of
    inserts."""
    db = apsw.Connection(":memory:")
    try:
        for table, names in columns.items():
            first, *rest = names
            listed = ", ".join([f"{_quote(first)} INTEGER PRIMARY KEY", *map(_quote, rest)])
            db.execute(f"CREATE TABLE {_quote(table)} ({listed})")
        session = apsw.Session(db, "main")
        session.attach()
        for table, found in rows.items():
            if found:
                width = len(columns[table])
                db.executemany(
                    f"INSERT INTO {_quote(table)} VALUES ({', '.join('?' * width)})", found
                )
        return zlib.compress(session.changeset(), 6)
    finally:
        db.close()


def decode(data: bytes) -> dict[str, list[Row]]:
    """The inserted rows, by table. Anything but inserts is refused: shared rows are never
    updated nor deleted, so a changeset that does is not one of ours."""
    try:
        raw = zlib.decompress(data)
    except zlib.error as error:
        raise ChangesetError(f"its changes cannot be unpacked ({error})") from error
    rows: dict[str, list[Row]] = {}
    try:
        for change in apsw.Changeset.iter(raw):
            if change.op != "INSERT" or change.new is None:
                raise ChangesetError(
                    f"it would {str(change.op).lower()} rows of {change.name}, which are only ever "
                    "added"
                )
            rows.setdefault(change.name, []).append(tuple(change.new))
    except apsw.Error as error:
        raise ChangesetError(f"its changes are damaged ({error})") from error
    return rows
