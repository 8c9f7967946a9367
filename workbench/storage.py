"""The workbench file: one SQLite file a negotiation, and the only module that touches SQLite.

Every write runs in one transaction (nested calls become savepoints), so a failure leaves the
file exactly as it was. One program writes; any other opens the file read-only and is told why.

Every paragraph has an INITIAL edit from the transaction that creates it: a paragraph created
without one gets it as that transaction commits, from the variants it then has
(`model.starting_variant`), so the current compromise is always the log's last text. A proposal
added without a base amends its paragraph's latest draft (a paragraph with no draft has
proposals for a new paragraph, with no base).
A paragraph's status is the one the log has in force (its last edit carrying a status).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlite_utils import Database

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.filelock import WriterLock
from workbench.model import (
    TEXT_CHANGING_KINDS,
    Edit,
    EditKind,
    Mark,
    NewEdit,
    Paragraph,
    Role,
    Section,
    Stakeholder,
    StakeholderKind,
    Status,
    Variant,
    starting_variant,
)
from workbench.schema import APPLICATION_ID, MIGRATION_NAMES, SCHEMA_VERSION, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
_SEARCH_INDEXED_THROUGH = "search_indexed_through"  # meta key: the last variant id indexed
_TEXT_KINDS_SQL = ", ".join(f"'{kind.value}'" for kind in TEXT_CHANGING_KINDS)
_EDIT_COLUMNS = (
    'id, paragraph_id, seq, kind, stakeholder_id, variant_id, author, at, start, "end", '
    "inserted, text_after, note, target_edit_id, changes, status"
)
# The status in force: the last edit of the paragraph that carries one (open if none does).
_STATUS_SQL = (
    "coalesce((SELECT e.status FROM edits e WHERE e.paragraph_id = p.id "
    "AND e.status IS NOT NULL ORDER BY e.seq DESC LIMIT 1), 'open')"
)
_PARAGRAPH_SQL = f"SELECT p.id, p.label, p.section_id, p.position, {_STATUS_SQL} FROM paragraphs p"
# Who is named on an INITIAL edit that storage writes itself (no user asked for it).
STARTING_AUTHOR = "workbench"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_label(label: str) -> str:
    """The key two spellings of one label share: "43 bis" ~ "43bis", "39." ~ "39"."""
    return "".join(label.lower().split()).rstrip(".")


class NewVariant(NamedTuple):
    """A variant to add with `add_variants` (what `add_variant` takes, as one value)."""

    paragraph_id: int
    stakeholder_id: int
    role: Role
    text: str
    marks: tuple[Mark, ...] = ()
    source: str = ""
    base_id: int | None = None  # the variant it amends (a proposal's draft)
    note: str = ""
    tag: str = ""


_VARIANT_COLUMNS = "id, paragraph_id, stakeholder_id, role, text, marks, source, base_id, note, tag"


class WorkbenchFile:
    """An open workbench file. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: WriterLock | None,
        read_only_reason: str | None,
    ) -> None:
        self.path = path
        self.db = Database(conn, execute_plugins=False)
        self._conn = conn
        self._lock = lock
        self.read_only_reason = read_only_reason
        self._new_paragraphs: set[int] = set()  # created in the open transaction

    # -- opening and closing ------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @classmethod
    def create(cls, path: str | Path) -> WorkbenchFile:
        """A new, empty workbench file; refuses to overwrite anything."""
        path = Path(path)
        if path.exists():
            raise WorkbenchError(path, "already exists; choose another name or open it")
        try:
            conn = _connect(path, read_only=False)
        except sqlite3.Error as error:
            raise WorkbenchError(path, f"cannot be created ({error})") from error
        lock = WriterLock.try_acquire(path)
        if not isinstance(lock, WriterLock):
            conn.close()
            raise WorkbenchError(path, f"cannot be created: {lock}")
        workbench = cls(path, conn, lock, None)
        try:
            workbench._prepare_connection()
            migrations.apply(workbench.db)
            with workbench.transaction():
                workbench.set_meta("created_by", f"Negotiation Workbench {__version__}")
                workbench.set_meta("created_at", utc_now())
        except sqlite3.Error as error:
            workbench.close()
            path.unlink(missing_ok=True)
            raise WorkbenchError(path, f"cannot be created ({error})") from error
        return workbench

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> WorkbenchFile:
        """Open an existing workbench file; read-only if another program is writing it."""
        path = Path(path)
        _check_is_workbench_file(path)
        reason: str | None = "opened read-only" if read_only else None
        lock: WriterLock | None = None
        if reason is None:
            acquired = WriterLock.try_acquire(path)
            if isinstance(acquired, WriterLock):
                lock = acquired
            else:
                reason = acquired
        if reason is None and not _writable(path):
            reason = "the file or its folder is read-only"
            if lock is not None:  # a reader must not keep a writer waiting
                lock.release()
                lock = None
        try:
            conn = _connect(path, read_only=reason is not None)
            workbench = cls(path, conn, lock, reason)
            # Before anything is written (even the journal mode): a newer file stays untouched.
            workbench._refuse_newer()
            workbench._prepare_connection()
            workbench._check_version_and_migrate()
        except sqlite3.DatabaseError as error:
            if lock is not None:
                lock.release()
            raise WorkbenchError(path, f"cannot be read as a workbench file ({error})") from error
        except WorkbenchError:
            if lock is not None:
                lock.release()
            raise
        return workbench

    def reopen_for_thread(self) -> WorkbenchFile:
        """A second connection to the same file for a worker thread; shares this lock."""
        conn = _connect(self.path, read_only=self.read_only)
        sibling = WorkbenchFile(self.path, conn, None, self.read_only_reason)
        sibling._prepare_connection()
        return sibling

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only and self._lock is not None:
                # Fold the WAL back so the single file is complete on its own.
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> WorkbenchFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare_connection(self) -> None:
        # SQLite's own lower() and LIKE fold ASCII only; search folds every script.
        self._conn.create_function("casefold", 1, _casefold, deterministic=True)
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA busy_timeout = 5000")
        if not self.read_only:
            with self.db.ensure_autocommit_on():
                self._conn.execute("PRAGMA journal_mode = WAL")
                # FULL: a commit is on disk before we report it, even on power loss.
                self._conn.execute("PRAGMA synchronous = FULL")

    def _refuse_newer(self) -> None:
        """Refuse a file with migrations this version does not know; reads only."""
        applied = [m.name for m in migrations.applied(self.db)]
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            made_by = (
                self.get_meta("written_by") or self.get_meta("created_by") or "a newer version"
            )
            raise WorkbenchError(
                self.path,
                f"was made by {made_by} (schema {len(applied)}); this is version {__version__} "
                f"(schema {SCHEMA_VERSION}): update the workbench to open it",
            )

    def _check_version_and_migrate(self) -> None:
        self._refuse_newer()
        applied = [m.name for m in migrations.applied(self.db)]
        if len(applied) < SCHEMA_VERSION:
            if self.read_only:
                raise WorkbenchError(
                    self.path, "needs upgrading, which cannot happen while it is read-only"
                )
            from workbench import snapshots  # lazy: snapshots calls back into this module

            snapshots.take(self, f"before upgrade from schema {len(applied)}")
            migrations.apply(self.db)

    # -- transactions -------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQLite transaction; a nested call joins the outer one (all or nothing)."""
        if self.read_only:
            raise WorkbenchError(self.path, f"is read-only: {self.read_only_reason}")
        if self._conn.in_transaction:
            # Inside an outer transaction: any failure propagates and rolls the whole of it
            # back, so a savepoint per write would only cost time (imports make thousands).
            yield
            return
        try:
            with self.db.atomic():
                yield
                self._start_new_paragraphs()
        except sqlite3.OperationalError as error:
            raise WorkbenchError(self.path, _explain_write_error(error)) from error
        except sqlite3.IntegrityError as error:
            raise WorkbenchError(self.path, f"the change was refused ({error})") from error
        finally:
            self._new_paragraphs.clear()

    def _start_new_paragraphs(self) -> None:
        """INITIAL edits for paragraphs created in this transaction that have none yet."""
        created = sorted(self._new_paragraphs)
        self._new_paragraphs.clear()
        if not created:
            return
        ids = json.dumps(created)
        started = {
            int(row[0])
            for row in self._rows(
                f"SELECT DISTINCT paragraph_id FROM edits WHERE kind IN ({_TEXT_KINDS_SQL}) "
                "AND paragraph_id IN (SELECT value FROM json_each(?))",
                [ids],
            )
        }
        missing = [paragraph_id for paragraph_id in created if paragraph_id not in started]
        if not missing:
            return
        grouped: dict[int, list[Variant]] = {}
        for row in self._rows(
            f"SELECT {_VARIANT_COLUMNS} FROM variants WHERE role IN ('compromise', 'draft') "
            "AND paragraph_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            [json.dumps(missing)],
        ):
            variant = _variant(row)
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        self.append_edits([initial_edit(pid, grouped.get(pid, ())) for pid in missing])

    # -- reads --------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cursor = self._conn.execute(sql, params)
        return cursor.fetchall()

    def stakeholders(self) -> list[Stakeholder]:
        return [
            _stakeholder(row)
            for row in self._rows("SELECT id, name, kind FROM stakeholders ORDER BY id")
        ]

    def stakeholder(self, stakeholder_id: int) -> Stakeholder:
        rows = self._rows("SELECT id, name, kind FROM stakeholders WHERE id = ?", [stakeholder_id])
        if not rows:
            raise WorkbenchError(self.path, f"has no stakeholder {stakeholder_id}")
        return _stakeholder(rows[0])

    def stakeholder_by_name(self, name: str) -> Stakeholder | None:
        rows = self._rows(
            "SELECT id, name, kind FROM stakeholders WHERE name = ? COLLATE NOCASE", [name.strip()]
        )
        return _stakeholder(rows[0]) if rows else None

    def sections(self) -> list[Section]:
        rows = self._rows(
            "SELECT id, number, title, parent_id, position FROM sections ORDER BY position"
        )
        return [Section(*row) for row in rows]

    def paragraphs(self) -> list[Paragraph]:
        rows = self._rows(f"{_PARAGRAPH_SQL} ORDER BY p.position")
        return [_paragraph(row) for row in rows]

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self._rows(f"{_PARAGRAPH_SQL} WHERE p.id = ?", [paragraph_id])
        if not rows:
            raise WorkbenchError(self.path, f"has no paragraph {paragraph_id}")
        return _paragraph(rows[0])

    def paragraph_by_label(self, label: str) -> Paragraph | None:
        paragraphs = self.paragraphs()
        for paragraph in paragraphs:
            if paragraph.label == label:
                return paragraph
        wanted = normalise_label(label)
        for paragraph in paragraphs:
            if normalise_label(paragraph.label) == wanted:
                return paragraph
        return None

    def variants(self, paragraph_id: int) -> list[Variant]:
        rows = self._rows(
            f"SELECT {_VARIANT_COLUMNS} FROM variants WHERE paragraph_id = ? ORDER BY id",
            [paragraph_id],
        )
        return [_variant(row) for row in rows]

    def variants_by_paragraph(self) -> dict[int, list[Variant]]:
        grouped: dict[int, list[Variant]] = {}
        rows = self._rows(f"SELECT {_VARIANT_COLUMNS} FROM variants ORDER BY paragraph_id, id")
        for row in rows:
            variant = _variant(row)
            grouped.setdefault(variant.paragraph_id, []).append(variant)
        return grouped

    def edits(self, paragraph_id: int) -> list[Edit]:
        rows = self._rows(
            f"SELECT {_EDIT_COLUMNS} FROM edits WHERE paragraph_id = ? ORDER BY seq", [paragraph_id]
        )
        return [_edit(row) for row in rows]

    def edit_counts(self) -> dict[int, int]:
        rows = self._rows("SELECT paragraph_id, count(*) FROM edits GROUP BY paragraph_id")
        return {int(row[0]): int(row[1]) for row in rows}

    def compromise(self, paragraph_id: int) -> str:
        rows = self._rows(
            f"SELECT text_after FROM edits WHERE paragraph_id = ? AND kind IN ({_TEXT_KINDS_SQL}) "
            "ORDER BY seq DESC LIMIT 1",
            [paragraph_id],
        )
        return str(rows[0][0]) if rows else ""

    def compromises(self) -> dict[int, str]:
        # SQLite returns the bare column from the row holding max(seq).
        rows = self._rows(
            f"SELECT paragraph_id, text_after, max(seq) FROM edits "
            f"WHERE kind IN ({_TEXT_KINDS_SQL}) GROUP BY paragraph_id"
        )
        return {paragraph_id: text for paragraph_id, text, _ in rows}

    def search(self, query: str) -> set[int]:
        """Paragraphs whose variants contain `query` (any script; case-insensitive).

        The trigram index is brought up to date first (`update_search_index`); a read-only
        file cannot be, so what it has not indexed yet is scanned instead.
        """
        query = query.strip()
        if not query:
            return set()
        if not self.read_only:
            self.update_search_index()
        hits: set[int] = set()
        through = 0  # shorter than a trigram: a plain scan of every variant is fast enough
        if len(query) >= 3:
            through = self._search_indexed_through()
            phrase = '"' + query.replace('"', '""') + '"'
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT v.paragraph_id FROM variants_search s "
                    "JOIN variants v ON v.id = s.rowid WHERE variants_search MATCH ?",
                    [phrase],
                )
            )
        hits.update(
            row[0]
            for row in self._rows(
                "SELECT DISTINCT paragraph_id FROM variants "
                "WHERE id > ? AND instr(casefold(text), ?) > 0",
                [through, query.casefold()],
            )
        )
        return hits

    def update_search_index(self) -> int:
        """Indexes the variants added since the last call, in one transaction; how many.

        Imports leave this out of their transaction (it was half of a large import's time);
        variants never change once written, so a watermark says what is indexed.
        """
        through = self._search_indexed_through()
        latest = int(self._rows("SELECT coalesce(max(id), 0) FROM variants")[0][0])
        if latest <= through:
            return 0
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO variants_search (rowid, text) "
                "SELECT id, text FROM variants WHERE id > ? AND id <= ?",
                [through, latest],
            )
            self.set_meta(_SEARCH_INDEXED_THROUGH, str(latest))
        return int(cursor.rowcount)

    def _search_indexed_through(self) -> int:
        return int(self.get_meta(_SEARCH_INDEXED_THROUGH) or 0)

    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[0][0]) if rows else None

    # -- writes -------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def add_stakeholder(
        self, name: str, kind: StakeholderKind = StakeholderKind.GOVERNMENT
    ) -> Stakeholder:
        existing = self.stakeholder_by_name(name)
        if existing is not None:
            return existing
        name = name.strip()
        if not name:
            raise WorkbenchError(self.path, "a stakeholder needs a name")
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO stakeholders (name, kind) VALUES (?, ?)", [name, kind.value]
            )
        return Stakeholder(_last_id(cursor), name, StakeholderKind(kind))

    def add_section(self, number: str, title: str, parent_id: int | None = None) -> Section:
        with self.transaction():
            position = self._next_position("sections")
            cursor = self._conn.execute(
                "INSERT INTO sections (number, title, parent_id, position) VALUES (?, ?, ?, ?)",
                [number, title, parent_id, position],
            )
        return Section(_last_id(cursor), number, title, parent_id, position)

    def add_paragraph(
        self, label: str, section_id: int | None, *, after_paragraph_id: int | None = None
    ) -> Paragraph:
        with self.transaction():
            if after_paragraph_id is None:
                position = self._next_position("paragraphs")
            else:
                position = self.paragraph(after_paragraph_id).position + 1
                self._conn.execute(
                    "UPDATE paragraphs SET position = position + 1 WHERE position >= ?", [position]
                )
            cursor = self._conn.execute(
                "INSERT INTO paragraphs (label, section_id, position, status) VALUES (?, ?, ?, ?)",
                [label, section_id, position, Status.OPEN.value],
            )
            self._new_paragraphs.add(_last_id(cursor))
        return Paragraph(_last_id(cursor), label, section_id, position, Status.OPEN)

    def add_variant(
        self,
        paragraph_id: int,
        stakeholder_id: int,
        role: Role,
        text: str,
        marks: Sequence[Mark] = (),
        source: str = "",
        *,
        base_id: int | None = None,
        note: str = "",
        tag: str = "",
    ) -> Variant:
        new = NewVariant(
            paragraph_id, stakeholder_id, role, text, tuple(marks), source, base_id, note, tag
        )
        return self.add_variants([new])[0]

    def append_edit(self, new_edit: NewEdit) -> Edit:
        at = new_edit.at or utc_now()
        with self.transaction():
            seq_row = self._rows(
                "SELECT coalesce(max(seq), 0) + 1 FROM edits WHERE paragraph_id = ?",
                [new_edit.paragraph_id],
            )
            seq = int(seq_row[0][0])
            cursor = self._conn.execute(
                "INSERT INTO edits (paragraph_id, seq, kind, stakeholder_id, variant_id, author, "
                'at, start, "end", inserted, text_after, note, target_edit_id, changes, status) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    new_edit.paragraph_id,
                    seq,
                    EditKind(new_edit.kind).value,
                    new_edit.stakeholder_id,
                    new_edit.variant_id,
                    new_edit.author,
                    at,
                    new_edit.start,
                    new_edit.end,
                    new_edit.inserted,
                    new_edit.text_after,
                    new_edit.note,
                    new_edit.target_edit_id,
                    _changes_text(new_edit.changes),
                    _status_text(new_edit.status),
                ],
            )
        return _edit_from(new_edit, _last_id(cursor), seq, at)

    # -- bulk writes, for imports: the same rows as the methods above, in few statements --

    def add_paragraphs(self, rows: Sequence[tuple[str, int | None]]) -> list[Paragraph]:
        """Appends paragraphs, given as (label, section id), after the last one, in order."""
        with self.transaction():
            first_id = self._next_id("paragraphs")
            first_position = self._next_position("paragraphs")
            paragraphs = [
                Paragraph(first_id + index, label, section_id, first_position + index, Status.OPEN)
                for index, (label, section_id) in enumerate(rows)
            ]
            self._conn.executemany(
                "INSERT INTO paragraphs (id, label, section_id, position, status) "
                "VALUES (?, ?, ?, ?, ?)",
                [(p.id, p.label, p.section_id, p.position, p.status.value) for p in paragraphs],
            )
            self._new_paragraphs.update(p.id for p in paragraphs)
        return paragraphs

    def add_variants(self, new_variants: Sequence[NewVariant]) -> list[Variant]:
        """Adds many variants in one transaction (what `add_variant` does, in bulk)."""
        if not new_variants:
            return []
        variants = []
        rows = []
        with self.transaction():
            first_id = self._next_id("variants")
            drafts = self._latest_drafts(new_variants)
            for index, new in enumerate(new_variants):
                base_id = new.base_id
                if base_id is None and Role(new.role) is Role.PROPOSAL:
                    base_id = drafts.get(new.paragraph_id)
                if Role(new.role) is Role.DRAFT:
                    drafts[new.paragraph_id] = first_id + index
                variant = Variant(
                    first_id + index,
                    new.paragraph_id,
                    new.stakeholder_id,
                    Role(new.role),
                    new.text,
                    tuple(new.marks),
                    new.source,
                    base_id,
                    new.note,
                    new.tag,
                )
                variants.append(variant)
                rows.append(
                    (
                        variant.id,
                        variant.paragraph_id,
                        variant.stakeholder_id,
                        variant.role.value,
                        variant.text,
                        _marks_json(variant.marks),
                        variant.source,
                        variant.base_id,
                        variant.note,
                        variant.tag,
                    )
                )
            self._conn.executemany(
                f"INSERT INTO variants ({_VARIANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return variants

    def _latest_drafts(self, new_variants: Sequence[NewVariant]) -> dict[int, int]:
        """Each paragraph's latest draft, for proposals added without a base: a proposal amends
        the draft of its paragraph (none for a paragraph only proposed, which has no draft)."""
        wanted = sorted(
            {
                v.paragraph_id
                for v in new_variants
                if v.base_id is None and Role(v.role) is Role.PROPOSAL
            }
        )
        if not wanted:
            return {}
        rows = self._rows(
            "SELECT paragraph_id, max(id) FROM variants WHERE role = 'draft' "
            "AND paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
            [json.dumps(wanted)],
        )
        return {int(row[0]): int(row[1]) for row in rows}

    def append_edits(self, new_edits: Sequence[NewEdit]) -> list[Edit]:
        """Appends edits to their paragraphs' logs, in order (what `append_edit` does, in bulk)."""
        if not new_edits:
            return []
        edits = []
        with self.transaction():
            paragraph_ids = sorted({new.paragraph_id for new in new_edits})
            last_seq = {
                int(row[0]): int(row[1])
                for row in self._rows(
                    "SELECT paragraph_id, max(seq) FROM edits "
                    "WHERE paragraph_id IN (SELECT value FROM json_each(?)) GROUP BY paragraph_id",
                    [json.dumps(paragraph_ids)],
                )
            }
            first_id = self._next_id("edits")
            now = utc_now()
            for index, new in enumerate(new_edits):
                seq = last_seq.get(new.paragraph_id, 0) + 1
                last_seq[new.paragraph_id] = seq
                edits.append(_edit_from(new, first_id + index, seq, new.at or now))
            self._conn.executemany(
                f"INSERT INTO edits ({_EDIT_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.id,
                        e.paragraph_id,
                        e.seq,
                        e.kind.value,
                        e.stakeholder_id,
                        e.variant_id,
                        e.author,
                        e.at,
                        e.start,
                        e.end,
                        e.inserted,
                        e.text_after,
                        e.note,
                        e.target_edit_id,
                        _changes_text(e.changes),
                        _status_text(e.status),
                    )
                    for e in edits
                ],
            )
        return edits

    def backup_to(self, dest_path: str | Path) -> None:
        """A consistent copy of the whole file (SQLite's online backup), e.g. before an import."""
        dest_path = Path(dest_path)
        dest_path.unlink(missing_ok=True)
        target = sqlite3.connect(dest_path)
        try:
            self._conn.backup(target)
            # One self-contained file (no WAL beside it), so it can be copied or mailed as is.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()

    def restore_from(self, source_path: str | Path) -> None:
        """Replace the whole content with a workbench file's (a snapshot), in place, atomically.

        The connection and the writer lock stay; callers reload what they show.
        """
        source_path = Path(source_path)
        _check_is_workbench_file(source_path)
        if self.read_only:
            raise WorkbenchError(self.path, f"is read-only: {self.read_only_reason}")
        try:
            source = _connect(source_path, read_only=True)
            try:
                if int(source.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
                    raise WorkbenchError(source_path, "was made by a newer version; not restored")
                if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise WorkbenchError(source_path, "is damaged; not restored")
                source.backup(self._conn)
            finally:
                source.close()
        except sqlite3.Error as error:
            raise WorkbenchError(self.path, _explain_write_error_any(error)) from error
        self._prepare_connection()

    def _next_id(self, table: str) -> int:
        # What SQLite would pick for a rowid: bulk writes set ids themselves to know them.
        return int(self._rows(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0])

    def _next_position(self, table: str) -> int:
        return int(self._rows(f"SELECT coalesce(max(position), 0) + 1 FROM {table}")[0][0])


# -- helpers ------------------------------------------------------------------------------


def _casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else text


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL file on read-only media: SQLite cannot create the -shm it wants. With no
            # WAL content beside it, the main file is complete, so read it as immutable.
            conn.close()
            if not _wal_is_empty(path):
                raise
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    return conn


def _check_is_workbench_file(path: Path) -> None:
    """Refuse anything that is not ours before SQLite is asked to touch it."""
    if not path.exists():
        raise WorkbenchError(path, "does not exist")
    if path.is_dir():
        raise WorkbenchError(path, "is a folder, not a workbench file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise WorkbenchError(path, f"cannot be read ({error.strerror})") from error
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        if header.startswith(b"PK"):
            raise WorkbenchError(path, "is a Word file, not a workbench file: import it instead")
        raise WorkbenchError(path, "is not a workbench file")
    # The header on disk can lag behind a WAL that another program has not checkpointed yet,
    # so ask SQLite, through a read-only connection that cannot change the file.
    try:
        probe = _connect(path, read_only=True)
        try:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise WorkbenchError(path, f"cannot be read as a workbench file ({error})") from error
    if application_id != APPLICATION_ID:
        raise WorkbenchError(path, "is an SQLite database but not a workbench file")


def _wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _explain_write_error(error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "full" in message or "disk I/O" in message:
        return f"the disk is full or failing; nothing was changed ({message})"
    if "readonly" in message or "read-only" in message:
        return f"cannot be written; nothing was changed ({message})"
    if "locked" in message or "busy" in message:
        return "is busy in another program; nothing was changed, try again"
    return f"the change could not be written; nothing was changed ({message})"


def _explain_write_error_any(error: sqlite3.Error) -> str:
    if isinstance(error, sqlite3.OperationalError):
        return _explain_write_error(error)
    return f"the change could not be written; nothing was changed ({error})"


def _last_id(cursor: sqlite3.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _stakeholder(row: Sequence[Any]) -> Stakeholder:
    return Stakeholder(row[0], row[1], StakeholderKind(row[2]))


def _paragraph(row: Sequence[Any]) -> Paragraph:
    return Paragraph(row[0], row[1], row[2], row[3], Status(row[4]))


def _variant(row: Sequence[Any]) -> Variant:
    marks = () if row[5] == "[]" else tuple(Mark(**item) for item in json.loads(row[5]))
    return Variant(
        row[0], row[1], row[2], Role(row[3]), row[4], marks, row[6], row[7], row[8], row[9]
    )


def _edit(row: Sequence[Any]) -> Edit:
    return Edit(
        id=row[0],
        paragraph_id=row[1],
        seq=row[2],
        kind=EditKind(row[3]),
        stakeholder_id=row[4],
        variant_id=row[5],
        author=row[6],
        at=row[7],
        start=row[8],
        end=row[9],
        inserted=row[10],
        text_after=row[11],
        note=row[12],
        target_edit_id=row[13],
        changes=_changes_from(row[14]),
        status=Status(row[15]) if row[15] is not None else None,
    )


def _marks_json(marks: Sequence[Mark]) -> str:
    if not marks:
        return "[]"
    return json.dumps(
        [_mark_to_json(mark) for mark in marks], ensure_ascii=False, separators=(",", ":")
    )


def _mark_to_json(mark: Mark) -> dict[str, Any]:
    return {"kind": mark.kind, "start": mark.start, "end": mark.end, "text": mark.text}


def _edit_from(new_edit: NewEdit, edit_id: int, seq: int, at: str) -> Edit:
    """The Edit a NewEdit becomes once written with its id, place in the log and time."""
    return Edit(
        id=edit_id,
        paragraph_id=new_edit.paragraph_id,
        seq=seq,
        kind=EditKind(new_edit.kind),
        stakeholder_id=new_edit.stakeholder_id,
        variant_id=new_edit.variant_id,
        author=new_edit.author,
        at=at,
        start=new_edit.start,
        end=new_edit.end,
        inserted=new_edit.inserted,
        text_after=new_edit.text_after,
        note=new_edit.note,
        target_edit_id=new_edit.target_edit_id,
        changes=tuple(new_edit.changes),
        status=Status(new_edit.status) if new_edit.status is not None else None,
    )


def initial_edit(paragraph_id: int, variants: Sequence[Variant], author: str = "") -> NewEdit:
    """The INITIAL edit a paragraph starts with, from its variants (`model.starting_variant`)."""
    start = starting_variant(variants)
    text = start.text if start is not None else ""
    return NewEdit(
        paragraph_id=paragraph_id,
        kind=EditKind.INITIAL,
        author=author or STARTING_AUTHOR,
        text_after=text,
        inserted=text,
        stakeholder_id=start.stakeholder_id if start is not None else None,
        variant_id=start.id if start is not None else None,
        note="starting text",
    )


def _changes_text(changes: Sequence[int]) -> str:
    return ",".join(str(number) for number in changes)


def _changes_from(text: str | None) -> tuple[int, ...]:
    return tuple(int(part) for part in (text or "").split(",") if part.strip().isdigit())


def _status_text(status: Status | None) -> str | None:
    return Status(status).value if status is not None else None
