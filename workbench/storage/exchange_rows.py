"""The rows a laptop exchanges with colleagues, and its bookkeeping of what went out and came in.

Shared rows (stakeholders, sections, paragraphs, variants, edits, and comments where the file
has them) are append-only and have ids unique across laptops (`ids`), so what a laptop sends
is simply its own origins' rows written since it last sent, and what it receives is inserted
as it is. Everything else in the file is local and never exchanged: settings (meta), the
search index, snapshots, the migration record, `local_heads` and the bookkeeping here:

- `sync_origins`: every laptop (origin) this file knows, with its owner's name; `mine` marks
  the origins this file has written under (a copy or a restored snapshot takes a new one);
- `sync_changesets`: the changesets this file has, by (origin, number): the ones it wrote and
  the ones it applied;
- `sync_sent`: for each of its own origins and each table, the last id sent;
- `sync_retired`: for each origin it no longer writes under, the last id of each table it
  had then (it still sends those rows if unsent, not rows of that origin received later).

A row received that the file already has is fine when it is the same row; a different row
under the same id is reported (the whole changeset is refused), never skipped in silence.
The one exception is a stakeholder: two laptops adding one name add one row, and if they gave
it different kinds, every laptop keeps the same one of the two (the smaller kind, then name),
with a warning.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.storage import ids
from workbench.storage.schema_objects import quote

# In the order rows can be inserted in (a row only points at rows of tables before it, or of
# its own table).
SHARED_TABLES = ("stakeholders", "sections", "paragraphs", "variants", "edits", "comments")
Row = tuple[Any, ...]


@dataclass
class Received:
    """What inserting a changeset's rows did."""

    inserted: dict[str, int] = field(default_factory=dict)
    already_here: int = 0
    warnings: list[str] = field(default_factory=list)
    paragraphs: set[int] = field(default_factory=set)  # paragraphs with new edits or rows


class ExchangeRows:
    """Mixed into `WorkbenchFile`: reads and writes of exchanged rows and the bookkeeping."""

    path: Path
    _conn: sqlite3.Connection

    # -- what is shared ---------------------------------------------------------------------

    def shared_columns(self) -> dict[str, list[str]]:
        """Each shared table this file has, with its columns in order."""
        found = {}
        for table in SHARED_TABLES:
            columns = [row[1] for row in self._conn.execute(f"PRAGMA table_info({quote(table)})")]
            if columns:
                found[table] = columns
        return found

    # -- what goes out ----------------------------------------------------------------------

    def my_origins(self) -> list[int]:
        return [row[0] for row in self._conn.execute("SELECT origin FROM sync_origins WHERE mine")]

    def unsent_rows(self) -> tuple[dict[str, list[Row]], dict[tuple[int, str], int]]:
        """This file's own rows not sent yet, by table (every stakeholder goes along: a handful
        of rows, and the receiver may not have one a row names); and the new watermarks."""
        rows: dict[str, list[Row]] = {}
        marks: dict[tuple[int, str], int] = {}
        sent = {
            (row[0], row[1]): row[2]
            for row in self._conn.execute("SELECT origin, tbl, through FROM sync_sent")
        }
        ceilings = {
            (row[0], row[1]): row[2]
            for row in self._conn.execute("SELECT origin, tbl, ceiling FROM sync_retired")
        }
        current = self._current_origin()
        for table, columns in self.shared_columns().items():
            listed = ", ".join(quote(c) for c in columns)
            if table == "stakeholders":
                rows[table] = list(self._conn.execute(f"SELECT {listed} FROM stakeholders"))
                continue
            found: list[Row] = []
            for origin in self.my_origins():
                low, high = ids.id_range(origin)
                if origin != current:
                    high = min(high, ceilings.get((origin, table), low - 1))
                after = max(sent.get((origin, table), low - 1), low - 1)
                chunk = list(
                    self._conn.execute(
                        f"SELECT {listed} FROM {quote(table)} WHERE id > ? AND id <= ? ORDER BY id",
                        [after, high],
                    )
                )
                if chunk:
                    marks[(origin, table)] = int(chunk[-1][0])
                found += chunk
            rows[table] = found
        return rows, marks

    def _current_origin(self) -> int | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'origin'").fetchone()
        return int(row[0]) if row is not None and str(row[0]).isdigit() else None

    def retire_origins(self) -> None:
        """This file stops writing under its origins (it takes a new one): what each had here
        now is what it may still send of them (caller's transaction)."""
        for origin in self.my_origins():
            low, high = ids.id_range(origin)
            for table in self.shared_columns():
                if table == "stakeholders":
                    continue
                latest = self._conn.execute(
                    f"SELECT max(id) FROM {quote(table)} WHERE id >= ? AND id <= ?", [low, high]
                ).fetchone()[0]
                self._conn.execute(
                    "INSERT INTO sync_retired (origin, tbl, ceiling) VALUES (?, ?, ?) "
                    "ON CONFLICT(origin, tbl) DO NOTHING",
                    [origin, table, latest if latest is not None else low - 1],
                )

    def next_changeset_number(self, origin: int) -> int:
        row = self._conn.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM sync_changesets WHERE origin = ?", [origin]
        ).fetchone()
        return int(row[0])

    def record_sent(
        self, origin: int, seq: int, name: str, at: str, rows: int, marks: Mapping[Any, int]
    ) -> None:
        """The changeset `seq` of `origin` is written: its rows count as sent (caller's
        transaction)."""
        self._conn.executemany(
            "INSERT INTO sync_sent (origin, tbl, through) VALUES (?, ?, ?) "
            "ON CONFLICT(origin, tbl) DO UPDATE SET through = excluded.through",
            [(o, table, through) for (o, table), through in marks.items()],
        )
        self.record_changeset(origin, seq, name, at, rows)
        self._conn.execute(
            "UPDATE sync_origins SET name = ? WHERE origin = ? AND mine", [name, origin]
        )

    # -- what this file has -----------------------------------------------------------------

    def changesets_had(self) -> dict[int, set[int]]:
        """The changesets this file has (wrote or applied), by origin."""
        had: dict[int, set[int]] = {}
        for origin, seq in self._conn.execute("SELECT origin, seq FROM sync_changesets"):
            had.setdefault(int(origin), set()).add(int(seq))
        return had

    def origin_names(self) -> dict[int, str]:
        return {
            int(row[0]): str(row[1])
            for row in self._conn.execute("SELECT origin, name FROM sync_origins")
        }

    def record_changeset(self, origin: int, seq: int, name: str, at: str, rows: int) -> None:
        self.know_origin(origin, name)
        self._conn.execute(
            "INSERT INTO sync_changesets (origin, seq, name, at, rows) VALUES (?, ?, ?, ?, ?)",
            [origin, seq, name, at, rows],
        )

    def know_origin(self, origin: int, name: str) -> None:
        """Another laptop, known by name from now on (its variants get searched too)."""
        self._conn.execute(
            "INSERT INTO sync_origins (origin, name, mine) VALUES (?, ?, 0) "
            "ON CONFLICT(origin) DO UPDATE SET name = "
            "CASE WHEN excluded.name != '' THEN excluded.name ELSE sync_origins.name END",
            [origin, name],
        )

    # -- what comes in ----------------------------------------------------------------------

    def receive_rows(self, rows: Mapping[str, Sequence[Row]], source: str) -> Received:
        """Inserts a colleague's rows (the caller's transaction); rows already here must be the
        same rows. Foreign keys are checked when the transaction commits, so the rows of one
        changeset may come in any order."""
        self._conn.execute("PRAGMA defer_foreign_keys = ON")
        received = Received()
        columns = self.shared_columns()
        unknown = sorted(set(rows) - set(columns))
        if unknown:
            raise WorkbenchError(
                self.path, f"{source} has rows of a table unknown here ({unknown[0]})"
            )
        for table in SHARED_TABLES:
            incoming = rows.get(table)
            if not incoming:
                continue
            names = columns[table]
            width = max(len(row) for row in incoming)
            if width > len(names):
                raise WorkbenchError(
                    self.path,
                    f"{source} has {table} with columns unknown here: update the workbench",
                )
            here = self._existing(table, names, [row[0] for row in incoming])
            new = []
            for row in incoming:
                mine = here.get(row[0])
                if mine is None:
                    new.append(row)
                elif tuple(mine[: len(row)]) == tuple(row):
                    received.already_here += 1
                elif table == "stakeholders":
                    received.warnings += self._settle_stakeholder(mine, row)
                else:
                    raise WorkbenchError(
                        self.path,
                        f"{source} has {table} row {row[0]} unlike the one here (a file copied "
                        "with its origin, or changed behind the workbench's back): nothing of it "
                        "was applied",
                    )
            for width_group in sorted({len(row) for row in new}):
                group = [row for row in new if len(row) == width_group]
                listed = ", ".join(quote(c) for c in names[:width_group])
                self._conn.executemany(
                    f"INSERT INTO {quote(table)} ({listed}) VALUES "
                    f"({', '.join('?' * width_group)})",
                    group,
                )
            received.inserted[table] = len(new)
            if table == "paragraphs":
                received.paragraphs.update(int(row[0]) for row in new)
            elif table in ("edits", "variants", "comments"):
                at = names.index("paragraph_id")
                received.paragraphs.update(int(row[at]) for row in new)
        return received

    def _existing(self, table: str, names: list[str], row_ids: list[Any]) -> dict[Any, Row]:
        listed = ", ".join(quote(c) for c in names)
        found: dict[Any, Row] = {}
        for start in range(0, len(row_ids), 5000):
            chunk = row_ids[start : start + 5000]
            for row in self._conn.execute(
                f"SELECT {listed} FROM {quote(table)} WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(chunk)],
            ):
                found[row[0]] = tuple(row)
        return found

    def _settle_stakeholder(self, mine: Row, theirs: Row) -> list[str]:
        """One name, two kinds (or spellings): every laptop keeps the same one."""
        keep = min(tuple(mine), tuple(theirs), key=lambda row: (str(row[2]), str(row[1])))
        if keep != tuple(mine):
            self._conn.execute(
                "UPDATE stakeholders SET name = ?, kind = ? WHERE id = ?",
                [keep[1], keep[2], keep[0]],
            )
        return [
            f"stakeholder {mine[1]!r} is {mine[2]} here and {theirs[1]!r} {theirs[2]} on another "
            f"laptop: every laptop keeps {keep[1]!r} ({keep[2]})"
        ]
