"""What every kind of record stands on: the file's connection, checked reads, meta, new ids.

`WorkbenchFile` provides the connection, the writer lock and `transaction()`; the record
classes read through `_rows` and `_read` (a bad value is one line naming it), and allocate ids
in this file's origin's range (`ids`) and order keys after the last row (`order_keys`).
"""

from __future__ import annotations

import abc
import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from workbench import order_keys
from workbench.errors import WorkbenchError
from workbench.storage import ids, values
from workbench.storage.connection import explain_read_error

_REPAIR_HINT = "`workbench check` lists such problems and `workbench check --repair` fixes them"
T = TypeVar("T")


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class RecordAccess(abc.ABC):
    """The connection the file class provides, read and written with checks.

    `WorkbenchFile` is the one concrete subclass: it opens the connection, holds the writer
    lock and runs `transaction()`; the record classes only know their tables.
    """

    path: Path
    _conn: sqlite3.Connection
    # Paragraphs created in the open transaction: each gets its INITIAL edit before it commits.
    _new_paragraphs: set[int]
    # This file's origin: the range its new rows' ids come from (None: not known yet, or the
    # file is read-only, so nothing is allocated).
    origin: int | None

    @property
    @abc.abstractmethod
    def read_only(self) -> bool: ...

    @abc.abstractmethod
    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One SQLite transaction; a nested call joins the outer one (all or nothing)."""

    # -- reads --------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._conn.execute(sql, params)
            return cursor.fetchall()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and self._conn.in_transaction:
                raise  # a write's own failure: its transaction explains it
            raise WorkbenchError(self.path, explain_read_error(self.path, error)) from error

    def _read(
        self, convert: Callable[[Sequence[Any]], T], rows: Sequence[Sequence[Any]]
    ) -> list[T]:
        """Rows into value objects, every value checked; a bad one is one line naming it."""
        try:
            return [convert(row) for row in rows]
        except values.BadValue as error:
            raise WorkbenchError(self.path, f"{error}; {_REPAIR_HINT}") from None

    # -- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT key, value FROM meta WHERE key = ?", [key])
        return str(self._read(values.META.read, rows)[0][1]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- new rows: ids from this file's origin, keys after the last -----------------------

    def _writing_origin(self) -> int:
        if self.origin is None:
            raise WorkbenchError(self.path, "has no origin to write under (opened read-only?)")
        # Another connection to this file (a worker restoring a snapshot) may have given it a
        # new origin since: the file says which is current.
        current = self._rows("SELECT value FROM meta WHERE key = 'origin'")
        if current and str(current[0][0]).isdigit() and int(current[0][0]) != self.origin:
            self.origin = int(current[0][0])
        return self.origin

    def _next_id(self, table: str) -> int:
        """The next id of this file's origin's range: bulk writes set ids themselves."""
        low, high = ids.id_range(self._writing_origin())
        latest = self._rows(f"SELECT max(id) FROM {table} WHERE id >= ? AND id <= ?", [low, high])[
            0
        ][0]
        following = low if latest is None else int(latest) + 1
        if following > high:
            raise WorkbenchError(self.path, f"has no ids left for {table} in its range")
        return following

    def _key_after_last(self, table: str) -> str:
        last = self._rows(f"SELECT position FROM {table} ORDER BY position DESC LIMIT 1")
        return order_keys.between(last[0][0] if last else None, None)
