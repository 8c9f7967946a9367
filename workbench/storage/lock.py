"""One writer per workbench file: an OS lock on the file itself, released by the OS if we crash.

The lock is `flock` on a descriptor of the workbench file (Windows: `msvcrt.locking` of a byte
far beyond anything SQLite locks), so it follows the file's identity: through a hard link, a
symlink or a new name, the file is the same and so is its lock. A second program (or a second
window in this one: flock locks belong to descriptors, not processes) cannot take it and opens
the file read-only. The operating system drops the lock when the process dies, so a crashed
program never locks the user out.

Beside the file, `<file>.lock` only says who holds the lock (the pid and machine, for the
second program's message). It is not the lock: removing it when a writer quits cleanly cannot
let two writers in, because the lock is on the workbench file, which stays.

`NameLock` is for a name rather than a file (a workbench file that does not exist yet, while
an import builds it): a lock file that is removed on release, with the check that makes that
safe (after locking, the name must still be the file locked).
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from pathlib import Path

from workbench.storage.handles import FileHandle, FileIdentity

INFO_SUFFIX = ".lock"
_ATTEMPTS = 20


def info_path(path: Path) -> Path:
    """Where the holder of `path`'s lock says who it is (beside the file's real name)."""
    real = path.resolve()
    return real.with_name(real.name + INFO_SUFFIX)


def _holder_line() -> str:
    return f"pid {os.getpid()} on {platform.node()}"


def _read_holder(path: Path) -> str:
    """The holder's line ("pid 12 on laptop"); whatever else is in the file stays out."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return " ".join(lines[0].split())[:120] if lines else ""


class WriterLock:
    """Held by the program that may write; others open the file read-only."""

    def __init__(self, handle: FileHandle, info: Path, line: str | None) -> None:
        self._handle = handle
        self._info = info
        self._line = line  # what we wrote into the info file (None: could not write it)
        self.held = True

    @classmethod
    def try_acquire(cls, handle: FileHandle) -> WriterLock | str:
        """The lock on the file `handle` holds open, or a sentence saying who holds it."""
        info = info_path(handle.path)
        if not _lock(handle.descriptor):
            holder = _read_holder(info) or "another program"
            return f"open for writing in another program ({holder})"
        line: str | None = _holder_line()
        try:
            info.write_text(f"{line}\n", encoding="utf-8")
        except OSError:
            # Only the message of a second program depends on it (a full disk, a folder we
            # may not write): the lock itself is held.
            line = None
            with contextlib.suppress(OSError):
                info.unlink(missing_ok=True)
        return cls(handle, info, line)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        # Removed while the lock is still ours, so it never names the next holder.
        if self._line is not None and _read_holder(self._info) == self._line:
            with contextlib.suppress(OSError):
                self._info.unlink()
        _unlock(self._handle.descriptor)


class NameLock:
    """A lock on a name (`<lock file>`), removed on release; for files that do not exist yet."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self._descriptor = descriptor

    @classmethod
    def try_acquire(cls, path: Path) -> NameLock | str:
        """The lock, or who holds it ("pid 12 on laptop"). Raises OSError if it cannot be made."""
        for _ in range(_ATTEMPTS):
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            descriptor = os.open(path, flags, 0o644)
            if not _lock(descriptor):
                holder = _read_holder(path) or "another program"
                os.close(descriptor)
                return holder
            # The previous holder removes the file on release: if it did so while we were
            # locking, we hold a file nobody else sees, so start again with the current one.
            try:
                same = FileIdentity.of(os.stat(path)) == FileIdentity.of(os.fstat(descriptor))
            except OSError:
                same = False
            if same:
                try:
                    os.ftruncate(descriptor, 0)
                    os.write(descriptor, (_holder_line() + "\n").encode("utf-8"))
                except OSError:
                    pass  # only the message of a second program depends on it
                return cls(path, descriptor)
            os.close(descriptor)
        return "another program, again and again"

    def release(self) -> None:
        if self._descriptor < 0:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # while still locked: see try_acquire
        os.close(self._descriptor)  # a lock file, never a workbench file: closing is safe
        self._descriptor = -1


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Far beyond SQLite's lock bytes (1 GiB and up) and any real file: locking it blocks no
    # read or write of the database itself (Windows locks are mandatory).
    _LOCK_OFFSET = 1 << 40

    def _lock(descriptor: int) -> bool:
        try:
            os.lseek(descriptor, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(descriptor, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(descriptor: int) -> bool:
        try:
            # flock, not fcntl: its locks belong to the open file description, so closing
            # another descriptor of the file cannot drop them, and they do not mix with
            # SQLite's own fcntl locks on the same file.
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_UN)
