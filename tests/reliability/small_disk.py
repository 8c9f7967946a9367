"""A real small disk for full-disk tests: a tmpfs mounted for the test and filled with a file.

Mounting needs root (as here and in CI); elsewhere the tests using it are skipped, saying why.
No `PRAGMA max_page_count` stand-in: SQLite, the lock file, snapshots and exports all meet
the same ENOSPC a user's full disk gives.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(size_kb: int) -> Iterator[Path]:
    """A real filesystem of `size_kb` KB (tmpfs), to fill up; skipped where mounting is refused."""
    folder = Path(tempfile.mkdtemp(prefix="nwb-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        reason = (mounted.stderr or mounted.stdout).strip() or f"exit {mounted.returncode}"
        pytest.skip(f"cannot mount a small tmpfs here ({reason}): full-disk tests need root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)
        folder.rmdir()


def fill_disk(folder: Path, leave_kb: int = 0) -> Path:
    """Fills the disk holding `folder` to the last byte, then frees about `leave_kb` KB."""
    filler = folder / "filler.bin"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    chunk = b"\0" * 4096
    try:
        while True:
            os.write(descriptor, chunk)
    except OSError:
        pass  # ENOSPC: full
    finally:
        os.close(descriptor)
    if leave_kb:
        os.truncate(filler, max(0, filler.stat().st_size - leave_kb * 1024))
    return filler


def free_kb(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize // 1024
