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
from workbench.storage.handles import FileHandle
from workbench.storage.lock import INFO_SUFFIX

SQLITE_MAGIC = b"SQLite format 3\x00"
_WAL_FORMAT = 2  # header byte 18: the file is in WAL mode
_ALMOST_FULL = 64 * 1024  # less than this free: a write that needs a page or two fails
# SQLite's journals beside a workbench file: a stale one beside a new file would be replayed
# into it. With the writer lock's note, all the files that belong beside one.
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
SIDE_SUFFIXES = (*JOURNAL_SUFFIXES, INFO_SUFFIX)


def side_files(path: Path, suffixes: tuple[str, ...] = SIDE_SUFFIXES) -> list[Path]:
    """The files beside `path` that belong to it (not `path` itself)."""
    return [path.with_name(path.name + suffix) for suffix in suffixes]


def remove_database(path: Path) -> None:
    """Removes a workbench file and everything SQLite and the lock left beside it."""
    for leftover in (path, *side_files(path)):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def place_new_file(partial: Path, target: Path) -> None:
    """Gives the finished file `partial` the name `target`, which must not exist (atomic).

    A hard link fails if the name was taken meanwhile, where a rename would replace it; on
    file systems without hard links (FAT, some shares) a rename after a last look is the best
    there is. `partial` keeps its name until its caller removes it.
    """
    try:
        os.link(partial, target)
    except FileExistsError as error:
        raise WorkbenchError(
            target, "was created by another program meanwhile; not replaced"
        ) from error
    except OSError as error:
        if target.exists():
            raise WorkbenchError(
                target, "was created by another program meanwhile; not replaced"
            ) from error
        try:
            os.replace(partial, target)
        except OSError as again:
            raise WorkbenchError(
                target, f"cannot be written ({again.strerror or again})"
            ) from again


def casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else text


def connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    path = path.resolve()  # SQLite names its -wal and -shm after the real file, as we do
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


def open_handle(path: Path) -> FileHandle:
    """A descriptor of the file `path` names, or one line saying why there is none."""
    if not path.exists():
        raise WorkbenchError(path, "does not exist")
    if path.is_dir():
        raise WorkbenchError(path, "is a folder, not a workbench file")
    try:
        return FileHandle.open(path)
    except OSError as error:
        raise WorkbenchError(path, f"cannot be read ({error.strerror or error})") from error


def recognise(handle: FileHandle) -> None:
    """Refuse anything that is not ours before SQLite is asked to touch it."""
    path = handle.path
    try:
        header = handle.read_head(100)
    except OSError as error:
        raise WorkbenchError(path, f"cannot be read ({error.strerror or error})") from error
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        if header.startswith(b"PK"):
            raise WorkbenchError(path, "is a Word file, not a workbench file: import it instead")
        raise WorkbenchError(path, "is not a workbench file")
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return
    # The first page on disk can lag behind a WAL not folded into it yet (a file just made and
    # still open in the workbench). Only then is SQLite asked, through a read-only connection:
    # asking about anything else would leave -wal and -shm files beside another's database.
    if header[18] != _WAL_FORMAT or wal_is_empty(path.resolve()):
        raise WorkbenchError(path, "is an SQLite database but not a workbench file")
    try:
        probe = connect(path, read_only=True)
        try:
            application_id = probe.execute("PRAGMA application_id").fetchone()[0]
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise WorkbenchError(path, explain_read_error(path, error)) from error
    if application_id != APPLICATION_ID:
        raise WorkbenchError(path, "is an SQLite database but not a workbench file")


def check_is_workbench_file(path: Path) -> None:
    """`recognise` for a file not open yet (a snapshot about to be restored)."""
    handle = open_handle(path)
    try:
        recognise(handle)
    finally:
        handle.close()


def wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def damaged(path: Path, message: str) -> str:
    """What to say about a file SQLite finds damaged, with the two ways forward."""
    return (
        f"is damaged (SQLite: {message}); `workbench check {path}` lists what is wrong, and "
        f"`workbench restore {path} --list` the snapshots it can go back to"
    )


def explain_read_error(path: Path, error: sqlite3.DatabaseError) -> str:
    """A failed read or open, as the user can act on it."""
    message = str(error)
    if isinstance(error, sqlite3.OperationalError):
        if "unable to open" in message and not wal_is_empty(path):
            wal = path.name + "-wal"
            return (
                f"cannot be read here: its latest changes are still in {wal} beside it, and "
                f"SQLite cannot read them where nothing may be written (read-only media?); copy "
                f"{path.name} and {wal} to a folder you can write to and open the copy"
            )
        if "locked" in message or "busy" in message:
            return "is busy in another program; try again"
        if disk_is_full(path):
            return f"cannot be opened: the disk is full ({message}); free some space and try again"
        if "disk I/O" in message:
            return f"cannot be read: the disk is failing ({message})"
    if any(sign in message for sign in ("malformed", "not a database", "corrupt", "encrypted")):
        return damaged(path, message)
    return f"cannot be read as a workbench file ({message})"


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding `path` has (next to) no room left."""
    try:
        stats = os.statvfs(path if path.is_dir() else path.parent)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return False
    return stats.f_bavail * stats.f_frsize < _ALMOST_FULL


def explain_write_error(error: sqlite3.OperationalError, path: Path | None = None) -> str:
    message = str(error)
    if "full" in message or (path is not None and disk_is_full(path)):
        return f"the disk is full; nothing was changed ({message})"
    if "disk I/O" in message:
        return f"the disk is full or failing; nothing was changed ({message})"
    if "readonly" in message or "read-only" in message:
        return f"cannot be written; nothing was changed ({message})"
    if "locked" in message or "busy" in message:
        return "is busy in another program; nothing was changed, try again"
    return f"the change could not be written; nothing was changed ({message})"


def explain_write_error_any(error: sqlite3.Error) -> str:
    if isinstance(error, sqlite3.OperationalError):
        return explain_write_error(error)
    message = str(error)
    if any(sign in message for sign in ("malformed", "not a database", "corrupt")):
        return (
            f"is damaged, so nothing was changed (SQLite: {message}); `workbench check` lists "
            "what is wrong, and `workbench restore --list` the snapshots"
        )
    return f"the change could not be written; nothing was changed ({message})"
