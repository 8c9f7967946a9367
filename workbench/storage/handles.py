"""Descriptors of open workbench files, kept per file identity (device and inode) in this process.

A file is known by its identity, not its name: a hard link, a symlink and a rename all keep it,
and a file put in its place does not. Two reasons to hold a descriptor for as long as a
workbench file is open:

- It names the file even after the path stops naming it, so we can tell that the file was
  renamed, replaced or deleted while open, and where it is now.
- POSIX drops every fcntl lock a process holds on a file when *any* of its descriptors of that
  file is closed, and SQLite's locks are such locks. So a descriptor of ours is never closed
  while anything of ours may still use the file: every descriptor opened on one identity stays
  open until the last `FileHandle` of that identity in this process is closed.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import NamedTuple

_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


class FileIdentity(NamedTuple):
    device: int
    inode: int

    @classmethod
    def of(cls, stat: os.stat_result) -> FileIdentity:
        return cls(stat.st_dev, stat.st_ino)


class _Registry:
    """Open descriptors and users per identity; closed together when the last user leaves."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._descriptors: dict[FileIdentity, list[int]] = {}
        self._users: dict[FileIdentity, int] = {}

    def add(self, identity: FileIdentity, descriptor: int) -> None:
        with self._guard:
            self._descriptors.setdefault(identity, []).append(descriptor)
            self._users[identity] = self._users.get(identity, 0) + 1

    def join(self, identity: FileIdentity) -> None:
        with self._guard:
            self._users[identity] += 1

    def leave(self, identity: FileIdentity) -> None:
        with self._guard:
            self._users[identity] -= 1
            if self._users[identity] > 0:
                return
            del self._users[identity]
            descriptors = self._descriptors.pop(identity, [])
        for descriptor in descriptors:
            os.close(descriptor)

    def users(self, identity: FileIdentity) -> int:
        with self._guard:
            return self._users.get(identity, 0)


_REGISTRY = _Registry()


class FileHandle:
    """An open descriptor of one workbench file, by identity; `close()` when done with it."""

    def __init__(self, path: Path, descriptor: int, identity: FileIdentity) -> None:
        self.path = path
        self.descriptor = descriptor
        self.identity = identity
        self._closed = False

    @classmethod
    def open(cls, path: Path) -> FileHandle:
        """The file `path` names now (a symlink is followed). Raises OSError."""
        descriptor = os.open(path, os.O_RDONLY | _O_CLOEXEC | _O_BINARY)
        return cls._register(path, descriptor)

    @classmethod
    def create(cls, path: Path) -> FileHandle:
        """A new empty file at `path`; FileExistsError if anything is there (atomic)."""
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _O_CLOEXEC | _O_BINARY
        descriptor = os.open(path, flags, 0o666)  # the umask decides, as for any new file
        return cls._register(path, descriptor)

    @classmethod
    def _register(cls, path: Path, descriptor: int) -> FileHandle:
        try:
            identity = FileIdentity.of(os.fstat(descriptor))
        except OSError:
            os.close(descriptor)  # not registered: nothing of ours can be using it
            raise
        _REGISTRY.add(identity, descriptor)
        return cls(path, descriptor, identity)

    def share(self) -> FileHandle:
        """Another user of the same descriptor (a connection for a worker thread)."""
        _REGISTRY.join(self.identity)
        return FileHandle(self.path, self.descriptor, self.identity)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            _REGISTRY.leave(self.identity)

    def read_head(self, size: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(self.descriptor, size, 0)
        os.lseek(self.descriptor, 0, os.SEEK_SET)  # pragma: no cover - Windows
        return os.read(self.descriptor, size)  # pragma: no cover

    def links(self) -> int:
        """How many names the file has now (0: deleted, still open here)."""
        return os.fstat(self.descriptor).st_nlink

    def named_by(self, path: Path) -> bool:
        """Whether `path` still names this file."""
        try:
            return FileIdentity.of(os.stat(path)) == self.identity
        except OSError:
            return False

    def where_now(self) -> Path | None:
        """Where the file is now, if the system can say (Linux); None if it has no name."""
        if not sys.platform.startswith("linux"):
            return None
        try:
            target = os.readlink(f"/proc/self/fd/{self.descriptor}")
        except OSError:
            return None
        if target.endswith(" (deleted)") or not target.startswith("/"):
            return None
        return Path(target)
