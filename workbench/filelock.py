"""One writer per workbench file: an OS lock on a file beside it, released by the OS if we crash.

The lock is `flock` (Windows: `msvcrt.locking`) on `<file>.lock`. The operating system drops it
when the process dies, so a crashed program never locks the user out; the pid written inside
only serves the message shown to the second program.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from pathlib import Path
from typing import IO


class WriterLock:
    """Held by the program that may write; others open the file read-only."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle = handle
        self.path = path

    @classmethod
    def try_acquire(cls, db_path: Path) -> WriterLock | str:
        """The lock, or a sentence saying who holds it."""
        lock_path = db_path.with_name(db_path.name + ".lock")
        try:
            handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        except OSError:
            return "the folder cannot be written to"
        if not _lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another program"
            handle.close()
            return f"open for writing in another program ({holder})"
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} on {platform.node()}")
        handle.flush()
        return cls(handle, lock_path)

    def release(self) -> None:
        if self._handle.closed:
            return
        with contextlib.suppress(OSError):
            self._handle.seek(0)
            self._handle.truncate()
        # The empty lock file stays: unlinking it would let a waiting program lock a file
        # nobody else can see, and two writers would follow.
        _unlock(self._handle)
        self._handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
