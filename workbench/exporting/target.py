"""Where an export may be written: never over a workbench file, a read-only file or a folder.

An export replaces whatever is at its target, so the target is looked at first. The open
workbench file (by identity: under any name) and any other workbench or SQLite file are
refused; so is a read-only file (a rename would replace it all the same) and a folder. A name
that does not end in .docx is most likely a slip (`--to F.nwb`): refused unless the caller has
asked the user (`NeedsConfirmation` says what to ask).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.errors import WorkbenchError

SUFFIX = ".docx"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class NeedsConfirmation(WorkbenchError):
    """The target is allowed only if the user says so; `question` is what to ask."""

    def __init__(self, path: Path, problem: str, question: str) -> None:
        super().__init__(path, problem)
        self.question = question


def check(out: Path, workbench_path: Path | None, *, any_suffix: bool = False) -> None:
    """Refuses a target an export must not replace (WorkbenchError, one line)."""
    if out.is_dir():
        raise WorkbenchError(out, "is a folder; choose a file name ending in .docx")
    if out.exists():
        if workbench_path is not None and _same_file(out, workbench_path):
            raise WorkbenchError(
                out, "is the workbench file itself; an export would replace it: choose a .docx"
            )
        if _head(out).startswith(_SQLITE_MAGIC):
            raise WorkbenchError(
                out, "is a workbench (SQLite) file; an export would replace it: choose a .docx"
            )
        if not _writable(out):
            raise WorkbenchError(out, "is read-only; it was not replaced: choose another name")
    if out.suffix.lower() != SUFFIX and not any_suffix:
        raise NeedsConfirmation(
            out,
            "does not end in .docx, so Word may not open it: export to a .docx name",
            f"{out.name} does not end in .docx{' and already exists' if out.exists() else ''}. "
            "Export to it anyway?",
        )


def _same_file(out: Path, workbench_path: Path) -> bool:
    try:
        return os.path.samefile(out, workbench_path)
    except OSError:
        return False


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC))
    except OSError:
        return b""


def _writable(path: Path) -> bool:
    """Writable by its permissions, whoever we are: root's access() would say yes to 0444."""
    mode = path.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def mode_for(out: Path) -> int:
    """The permissions a new export gets: a replaced file's own, else what the umask allows."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        return 0o666  # os.open applies the umask to it
