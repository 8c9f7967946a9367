"""The SQLite side of the workbench file: connecting, recognising our files, side files, errors.

Plain functions over paths and `sqlite3` connections; `WorkbenchFile` builds on them. This is
the one place that knows which files SQLite and the writer lock leave beside a workbench file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.schema import APPLICATION_ID

SQLITE_MAGIC = b"SQLite format 3\x00"
# Files SQLite and the writer lock leave beside a workbench file, as suffixes of its name.
SIDE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
# The journals alone: a stale one beside a new file would be replayed into it.
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def side_files(path: Path, suffixes: tuple[str, ...] = SIDE_SUFFIXES) -> list[Path]:
    """The files beside `path` that belong to it (not `path` itself)."""
    return [path.with_name(path.name + suffix) for suffix in suffixes]


def remove_database(path: Path) -> None:
    """Removes a workbench file and everything SQLite and the lock left beside it."""
    for leftover in (path, *side_files(path)):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else text


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL file on read-only media: SQLite cannot create the -shm it wants. With no
            # WAL content beside it, the main file is complete, so read it as immutable.
            conn.close()
            if not wal_is_empty(path):
                raise
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    return conn


def check_is_workbench_file(path: Path) -> None:
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
        probe = connect(path, read_only=True)
        try:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise WorkbenchError(path, f"cannot be read as a workbench file ({error})") from error
    if application_id != APPLICATION_ID:
        raise WorkbenchError(path, "is an SQLite database but not a workbench file")


def wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def explain_write_error(error: sqlite3.OperationalError) -> str:
    message = str(error)
    if "full" in message or "disk I/O" in message:
        return f"the disk is full or failing; nothing was changed ({message})"
    if "readonly" in message or "read-only" in message:
        return f"cannot be written; nothing was changed ({message})"
    if "locked" in message or "busy" in message:
        return "is busy in another program; nothing was changed, try again"
    return f"the change could not be written; nothing was changed ({message})"


def explain_write_error_any(error: sqlite3.Error) -> str:
    if isinstance(error, sqlite3.OperationalError):
        return explain_write_error(error)
    return f"the change could not be written; nothing was changed ({error})"
