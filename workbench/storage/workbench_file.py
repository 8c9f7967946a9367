"""The workbench file itself: opening and creating, the writer lock, pragmas, transactions, copies.

One SQLite file a negotiation. Every write runs in one transaction (nested calls join it), so a
failure leaves the file exactly as it was. One program writes; any other opens the file
read-only and is told why. The records (`records.py`) are read and written through this
class's connection; the integrity checks (`integrity.py`) read through it too.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from workbench import __version__, snapshots
from workbench.errors import WorkbenchError
from workbench.filelock import WriterLock
from workbench.schema import MIGRATION_NAMES, SCHEMA_VERSION, migrations
from workbench.storage import integrity
from workbench.storage.connection import (
    casefold,
    check_is_workbench_file,
    connect,
    explain_write_error,
    explain_write_error_any,
    writable,
)
from workbench.storage.records import Records, utc_now


class WorkbenchFile(Records):
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
            conn = connect(path, read_only=False)
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
        check_is_workbench_file(path)
        reason: str | None = "opened read-only" if read_only else None
        lock: WriterLock | None = None
        if reason is None:
            acquired = WriterLock.try_acquire(path)
            if isinstance(acquired, WriterLock):
                lock = acquired
            else:
                reason = acquired
        if reason is None and not writable(path):
            reason = "the file or its folder is read-only"
            if lock is not None:  # a reader must not keep a writer waiting
                lock.release()
                lock = None
        try:
            conn = connect(path, read_only=reason is not None)
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
        conn = connect(self.path, read_only=self.read_only)
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
        self._conn.create_function("casefold", 1, casefold, deterministic=True)
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
        except sqlite3.OperationalError as error:
            raise WorkbenchError(self.path, explain_write_error(error)) from error
        except sqlite3.IntegrityError as error:
            raise WorkbenchError(self.path, f"the change was refused ({error})") from error

    # -- whole-file copies --------------------------------------------------------------

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
        check_is_workbench_file(source_path)
        if self.read_only:
            raise WorkbenchError(self.path, f"is read-only: {self.read_only_reason}")
        try:
            source = connect(source_path, read_only=True)
            try:
                if int(source.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
                    raise WorkbenchError(source_path, "was made by a newer version; not restored")
                if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise WorkbenchError(source_path, "is damaged; not restored")
                source.backup(self._conn)
            finally:
                source.close()
        except sqlite3.Error as error:
            raise WorkbenchError(self.path, explain_write_error_any(error)) from error
        self._prepare_connection()

    # -- integrity, read as stored --------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's checks, the header, schema objects and orphan rows; [] when sound."""
        return integrity.problems(self._conn)

    def raw_edit_rows(self) -> list[integrity.EditRow]:
        """Every edit as stored, not trusted (for checks that replay the log)."""
        return integrity.edit_rows(self._conn)

    def paragraph_labels(self) -> dict[int, str]:
        return integrity.paragraph_labels(self._conn)
