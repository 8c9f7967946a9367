"""The workbench file itself: opening and creating, the writer lock, pragmas, transactions, copies.

One SQLite file a negotiation. Every write runs in one transaction (nested calls join it), so a
failure leaves the file exactly as it was. One program writes; any other opens the file
read-only and is told why. The records (`records.py`) are read and written through this
class's connection; the integrity checks (`integrity.py`) read through it too.

The file is known by its identity (device and inode), held open from opening to closing
(`handles.py`): the writer lock is on it, and before every write the file is checked to be
still the one its name gives and to have that one name. A file renamed, replaced, deleted or
hard-linked while open is not written to again: the write is refused with a line saying what
happened and where the data is, and the file stays open read-only so it can be saved as a copy.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from workbench import __version__, schema, snapshots
from workbench.errors import FileMovedError, WorkbenchError
from workbench.schema import MIGRATION_NAMES, SCHEMA_VERSION, migrations
from workbench.storage import ids, integrity, schema_objects
from workbench.storage import repair as repairing
from workbench.storage.commit_pause import pause_before_commit
from workbench.storage.connection import (
    JOURNAL_SUFFIXES,
    casefold,
    check_is_workbench_file,
    connect,
    damaged,
    disk_is_full,
    explain_read_error,
    explain_write_error,
    explain_write_error_any,
    open_handle,
    place_new_file,
    recognise,
    remove_database,
    side_files,
    writable,
)
from workbench.storage.exchange_rows import ExchangeRows
from workbench.storage.handles import FileHandle
from workbench.storage.lock import WriterLock
from workbench.storage.record_access import utc_now
from workbench.storage.records import Records

REPAIR_HINT = "`workbench check --repair` restores the workbench's schema"
# Meta keys (meta is local to a file, never exchanged; a copy takes it along).
NEGOTIATION_KEY = "negotiation"
ORIGIN_KEY = "origin"
ORIGIN_FILE_KEY = "origin_file"


class WorkbenchFile(Records, ExchangeRows):
    """An open workbench file. Use as a context manager, or call `close()`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: WriterLock | None,
        read_only_reason: str | None,
        handle: FileHandle,
    ) -> None:
        self.path = path
        self.db = Database(conn, execute_plugins=False)
        self._conn = conn
        self._lock = lock
        self._handle = handle
        self.read_only_reason = read_only_reason
        # The schema objects the workbench did not make, or changed (read-only until repaired).
        self.schema_differences: list[schema_objects.Difference] = []
        self._new_paragraphs: set[int] = set()  # created in the open transaction
        self.origin: int | None = None  # known once the file is open for writing

    # -- opening and closing ------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def real_path(self) -> Path:
        """The file's own name, symlinks followed: SQLite's -wal and -shm are named after it."""
        return self.path.resolve()

    @classmethod
    def create(cls, path: str | Path) -> WorkbenchFile:
        """A new, empty workbench file; refuses to overwrite anything."""
        path = Path(path)
        try:
            # Made here, exclusively: of two programs creating one name, one gets it.
            handle = FileHandle.create(path)
        except FileExistsError as error:
            raise WorkbenchError(path, "already exists; choose another name or open it") from error
        except OSError as error:
            raise WorkbenchError(path, f"cannot be created ({error.strerror or error})") from error
        lock = WriterLock.try_acquire(handle)
        if not isinstance(lock, WriterLock):  # someone opened it in between: theirs now
            handle.close()
            raise WorkbenchError(path, f"cannot be created: {lock}")
        workbench: WorkbenchFile | None = None
        try:
            conn = connect(path, read_only=False)
            workbench = cls(path, conn, lock, None, handle)
            workbench._prepare_connection()
            schema.apply(workbench.db, migrations)
            with workbench.transaction():
                workbench.set_meta("created_by", f"Negotiation Workbench {__version__}")
                workbench.set_meta("created_at", utc_now())
                # Copies of this file (one a laptop) exchange their work: this names it.
                workbench.set_meta(NEGOTIATION_KEY, secrets.token_hex(16))
                workbench._claim_origin()
        except (sqlite3.Error, WorkbenchError) as error:
            problem = (
                error.problem
                if isinstance(error, WorkbenchError)
                else explain_write_error_any(error)
            )
            if workbench is not None:
                workbench.close()
            else:
                lock.release()
                handle.close()
            remove_database(path)  # ours alone: nobody else could open it while we held it
            raise WorkbenchError(path, f"cannot be created: {problem}") from error
        return workbench

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> WorkbenchFile:
        """Open an existing workbench file; read-only if another program is writing it."""
        return cls._open(Path(path), read_only=read_only, repair=False)

    @classmethod
    def open_for_repair(cls, path: str | Path) -> WorkbenchFile:
        """Open for `workbench check --repair`: writable despite a tampered schema, not upgraded.

        Refused (one line) when it cannot be written at all: another program writes it, or it
        is on read-only media.
        """
        workbench = cls._open(Path(path), read_only=False, repair=True)
        if workbench.read_only:
            reason = workbench.read_only_reason
            workbench.close()
            raise WorkbenchError(path, f"cannot be repaired: {reason}")
        return workbench

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, repair: bool) -> WorkbenchFile:
        handle = open_handle(path)
        lock: WriterLock | None = None
        try:
            recognise(handle)
            reason: str | None = "opened read-only" if read_only else None
            if reason is None:
                acquired = WriterLock.try_acquire(handle)
                if isinstance(acquired, WriterLock):
                    lock = acquired
                else:
                    reason = acquired
            if reason is None and not writable(path.resolve()):
                reason = "the file or its folder is read-only"
                lock = _released(lock)  # a reader must not keep a writer waiting
            if reason is None and handle.links() > 1:
                # The lock stays: nobody writes under the other name while this is open.
                reason = (
                    f"it has {handle.links()} names (hard links), and SQLite keeps unsaved "
                    "changes by name, so two names can lose them: keep one name to edit it"
                )
            conn = connect(path, read_only=reason is not None)
        except sqlite3.DatabaseError as error:
            _released(lock)
            handle.close()
            raise WorkbenchError(path, explain_read_error(path.resolve(), error)) from error
        except BaseException:
            _released(lock)
            handle.close()
            raise
        workbench = cls(path, conn, lock, reason, handle)
        try:
            # Before anything is written (even the journal mode): a newer file stays untouched.
            workbench._refuse_newer()
            workbench._check_schema(repair=repair)
            workbench._prepare_connection()
            if not repair:
                workbench._check_version_and_migrate()
                workbench._check_origin()
        except sqlite3.DatabaseError as error:
            workbench.close()
            raise WorkbenchError(path, explain_read_error(path.resolve(), error)) from error
        except BaseException:
            workbench.close()
            raise
        return workbench

    def reopen_for_thread(self) -> WorkbenchFile:
        """A second connection to the same file for a worker thread; shares this lock."""
        handle = self._handle.share()
        try:
            conn = connect(self.path, read_only=self.read_only)
        except sqlite3.DatabaseError as error:
            handle.close()
            raise WorkbenchError(self.path, explain_read_error(self.real_path, error)) from error
        sibling = WorkbenchFile(self.path, conn, None, self.read_only_reason, handle)
        sibling.schema_differences = self.schema_differences
        sibling.origin = self.origin
        sibling._prepare_connection()
        return sibling

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self._lock is not None and not self.read_only:
                # Fold the WAL back so the single file is complete on its own.
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        self._lock = _released(self._lock)
        self._handle.close()

    def __enter__(self) -> WorkbenchFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare_connection(self) -> None:
        # SQLite's own lower() and LIKE fold ASCII only; search folds every script.
        self._conn.create_function("casefold", 1, casefold, deterministic=True)
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA busy_timeout = 5000")
        # Nothing stored in the file (a view, a trigger) may call our functions.
        self._conn.execute("PRAGMA trusted_schema = OFF")
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

    def _check_schema(self, *, repair: bool) -> None:
        """A schema changed outside the workbench opens read-only: its triggers never run."""
        applied = len(migrations.applied(self.db))
        self.schema_differences = schema_objects.differences(self._conn, migrations, applied)
        if not self.schema_differences or repair:
            return
        first = self.schema_differences[0].describe()
        more = len(self.schema_differences) - 1
        also = f" (and {more} more difference{'s' if more > 1 else ''})" if more else ""
        reason = f"its schema was changed outside the workbench: {first}{also}; {REPAIR_HINT}"
        if self.read_only_reason is None:
            self._become_read_only(reason)
        elif self.read_only_reason == "opened read-only":
            self.read_only_reason = reason

    def _become_read_only(self, reason: str) -> None:
        """Stop writing: release the lock (a reader keeps no writer waiting), read-only."""
        self.read_only_reason = reason
        self._lock = _released(self._lock)

    def _check_version_and_migrate(self) -> None:
        self._refuse_newer()
        applied = [m.name for m in migrations.applied(self.db)]
        if len(applied) < SCHEMA_VERSION:
            if self.read_only:
                raise WorkbenchError(
                    self.path, "needs upgrading, which cannot happen while it is read-only"
                )
            snapshots.take(self, f"before upgrade from schema {len(applied)}")
            schema.apply(self.db, migrations)

    # -- the origin: the range this file's new rows take their ids from -------------------

    def _check_origin(self) -> None:
        """The origin this file writes under; a new one for a copy.

        The file records its origin with the identity (device and inode) of the file it was
        given to. A file copied by hand, restored from a backup or moved to another disk has
        another identity: it gets a new origin before its first write, so a copy and its
        original never allocate the same ids (what they had in common keeps its ids).
        """
        if self.read_only:
            return
        origin = self.get_meta(ORIGIN_KEY)
        if (
            origin is not None
            and origin.isdigit()
            and self.get_meta(ORIGIN_FILE_KEY) == (self._identity_text())
        ):
            self.origin = int(origin)
            return
        with self.transaction():
            self._claim_origin()

    def _claim_origin(self) -> None:
        """A new origin for this file, recorded in the caller's transaction."""
        self.retire_origins()
        taken = {row[0] for row in self._conn.execute("SELECT origin FROM sync_origins")}
        origin = ids.new_origin(taken)
        self._conn.execute(
            "INSERT INTO sync_origins (origin, name, mine) VALUES (?, '', 1)", [origin]
        )
        self.set_meta(ORIGIN_KEY, str(origin))
        self.set_meta(ORIGIN_FILE_KEY, self._identity_text())
        self.origin = origin

    def _identity_text(self) -> str:
        identity = self._handle.identity
        return f"{identity.device}:{identity.inode}"

    # -- the file under its name ---------------------------------------------------------

    def _ensure_still_ours(self) -> None:
        """Before a write: the name still gives this file, and it has no other name."""
        named = self._handle.named_by(self.path)
        links = self._handle.links()
        if named and links == 1:
            return
        # Whatever happened, what was committed goes into the file itself now: the WAL
        # beside the old name would be lost with it, or replayed into another file.
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        error = _moved_error(self.path, self._handle, named=named, links=links)
        self._become_read_only(error.happened)
        raise error

    def save_as(self, target: str | Path) -> Path:
        """A copy of the whole file at `target` (a new name), through SQLite's backup.

        Works on a file open read-only too: that is how the window keeps what it has when the
        file was deleted or replaced under it. Refuses to overwrite anything.
        """
        target = Path(target)
        if target.exists():
            raise WorkbenchError(target, "already exists; choose another name")
        partial = target.with_name(f".{target.name}.saving")
        remove_database(partial)
        try:
            self.backup_to(partial)
            place_new_file(partial, target)
        finally:
            remove_database(partial)
        return target

    def replace_by(self, finished: Path) -> None:
        """Puts the finished workbench file `finished` in this one's place, then closes this.

        Under this file's writer lock to the end: the connection is closed first (its WAL
        folded in and gone, so nothing of the old file can be replayed into the new one),
        then one rename, then the lock goes.
        """
        if self.read_only:
            raise WorkbenchError(self.path, f"cannot be replaced: {self.read_only_reason}")
        self._ensure_still_ours()
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()
        try:
            for journal in side_files(self.real_path, JOURNAL_SUFFIXES):
                journal.unlink(missing_ok=True)
            os.replace(finished, self.real_path)
        except OSError as error:
            raise WorkbenchError(
                self.path, f"cannot be replaced ({error.strerror or error}); it is as it was"
            ) from error
        finally:
            self._lock = _released(self._lock)
            self._handle.close()

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
        self._ensure_still_ours()
        try:
            with self.db.atomic():
                yield
                self.start_new_paragraphs()  # every paragraph starts with its INITIAL edit
                pause_before_commit()
        except sqlite3.OperationalError as error:
            raise WorkbenchError(self.path, explain_write_error(error, self.real_path)) from error
        except sqlite3.IntegrityError as error:
            raise WorkbenchError(self.path, f"the change was refused ({error})") from error
        except sqlite3.DatabaseError as error:
            raise WorkbenchError(self.path, explain_write_error_any(error)) from error
        finally:
            self._new_paragraphs.clear()

    # -- whole-file copies --------------------------------------------------------------

    def backup_to(self, dest_path: str | Path) -> None:
        """A consistent copy of the whole file (SQLite's online backup), e.g. before an import.

        On failure (a full disk) nothing is left at `dest_path` and the error is one line.
        """
        dest_path = Path(dest_path)
        dest_path.unlink(missing_ok=True)
        try:
            target = sqlite3.connect(dest_path)
            try:
                self._conn.backup(target)
                # One self-contained file (no WAL beside it), so it can be copied or mailed.
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        except sqlite3.Error as error:
            remove_database(dest_path)
            raise WorkbenchError(dest_path, _explain_copy_error(error, dest_path)) from error

    def restore_from(self, source_path: str | Path) -> None:
        """Replace the whole content with a workbench file's (a snapshot), in place, atomically.

        The connection and the writer lock stay; callers reload what they show.
        """
        source_path = Path(source_path)
        check_is_workbench_file(source_path)
        if self.read_only:
            raise WorkbenchError(self.path, f"is read-only: {self.read_only_reason}")
        self._ensure_still_ours()
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
        self._check_schema(repair=False)
        if self.read_only:
            return
        # The snapshot's own rows went out to colleagues with their ids, and this file may
        # have written more since: from here on it writes under a new origin, so no id it
        # gives can be one a colleague already holds for another row.
        if len(migrations.applied(self.db)) < SCHEMA_VERSION:
            schema.apply(self.db, migrations)
        with self.transaction():
            self._claim_origin()

    # -- integrity, read as stored --------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's checks, the header, schema objects, orphan rows and bad values; [] if sound."""
        applied = len(migrations.applied(self.db))
        try:
            return integrity.problems(self._conn, migrations, applied)
        except sqlite3.DatabaseError as error:
            # Damage bad enough that SQLite cannot even read the rows the checks need.
            raise WorkbenchError(self.path, damaged(self.path, str(error))) from error

    def repair(self) -> repairing.RepairReport:
        """The workbench's schema made again and the values it can fix fixed, in one transaction.

        For `workbench check --repair`, on a file from `open_for_repair`, after a snapshot.
        """
        applied = len(migrations.applied(self.db))
        with self.transaction():
            report = repairing.repair(self._conn, migrations, applied)
        self.schema_differences = schema_objects.differences(self._conn, migrations, applied)
        return report

    def raw_edit_rows(self) -> list[integrity.EditRow]:
        """Every edit as stored, not trusted (for checks that replay the log)."""
        return integrity.edit_rows(self._conn)

    def raw_comment_rows(self) -> list[integrity.CommentRow]:
        """Every comment as stored, not trusted, with its anchor's text (for checks)."""
        return integrity.comment_rows(self._conn)

    def paragraph_labels(self) -> dict[int, str]:
        return integrity.paragraph_labels(self._conn)


def _released(lock: WriterLock | None) -> WriterLock | None:
    """Releases `lock` if there is one; None, to put in its place."""
    if lock is not None:
        lock.release()
    return None


def _explain_copy_error(error: sqlite3.Error, dest_path: Path) -> str:
    message = str(error)
    if "full" in message or disk_is_full(dest_path):
        return f"the disk is full ({message})"
    if "disk I/O" in message:
        return f"the disk is full or failing ({message})"
    return f"cannot be written ({message})"


def _moved_error(path: Path, handle: FileHandle, *, named: bool, links: int) -> FileMovedError:
    """What happened to the open file, and where its data is, in one line."""
    if links > 1:
        return FileMovedError(
            path,
            "linked",
            "it was given a second name (a hard link) while open",
            "SQLite keeps unsaved changes by name, so two names can lose them; everything "
            "before is in the file: remove the other name, then open it again",
        )
    now_at = handle.where_now() if links > 0 else None
    if links == 0:
        where = "what it held is now only in this open copy: save it under a new name to keep it"
    elif now_at is not None:
        where = f"everything before is in {now_at}: open that file to go on"
    else:
        where = "everything before is in the file under its new name: open it there"
    if not named and os.path.lexists(path):
        return FileMovedError(
            path, "replaced", "another file was put in its place while open", where, now_at
        )
    if links == 0:
        return FileMovedError(path, "deleted", "it was deleted while open", where)
    return FileMovedError(path, "moved", "it was renamed or moved while open", where, now_at)
