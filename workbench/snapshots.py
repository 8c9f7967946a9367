"""Snapshots: a whole copy of the workbench file taken before risky work, and restored on demand.

A snapshot is an SQLite online backup stored beside the file in `<file>.snapshots/`, named
`<UTC time>--<reason>.wb`, so an import (or a schema upgrade) can be taken back as a whole.
Restoring first snapshots the current state, so a restore can itself be undone.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.storage import SnapshotSource

FOLDER_SUFFIX = ".snapshots"
SUFFIX = ".wb"
PARTIAL_SUFFIX = ".partial"
# Enough to undo the last several imports without filling the disk with copies.
KEEP = 20
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME_RE = re.compile(r"^(\d{8}T\d{12}Z)(?:-\d+)?--(.*)\.wb$")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: str  # ISO 8601, UTC
    reason: str  # as the name keeps it: "before_import_of_tunis-ig.docx"

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def description(self) -> str:
        """The reason as people read it: "before import of tunis-ig.docx"."""
        return self.reason.replace("_", " ")


def folder(workbench_path: str | Path) -> Path:
    """Beside the file's real name: through a symlink it is the same file, and the same folder."""
    path = Path(workbench_path).resolve()
    return path.with_name(path.name + FOLDER_SUFFIX)


def take(wb: SnapshotSource, reason: str, *, prune: bool = True) -> Snapshot:
    """A consistent copy of `wb` as it is now (committed state only), named by time and reason."""
    target_folder = folder(wb.path)
    now = datetime.now(UTC)
    stamp = now.strftime(_STAMP_FORMAT)
    # Spaces become "_" and other unsafe characters "-", so `description` can give the
    # reason back with its spaces while a file name's own dashes stay dashes.
    slug = _UNSAFE.sub("-", "_".join(reason.split())).strip("-_")[:60] or "snapshot"
    partial: Path | None = None
    made_folder = not target_folder.exists()
    try:
        target_folder.mkdir(exist_ok=True)
        _remove_partial(target_folder)
        target = target_folder / f"{stamp}--{slug}{SUFFIX}"
        counter = 1
        while target.exists():
            target = target_folder / f"{stamp}-{counter}--{slug}{SUFFIX}"
            counter += 1
        # Written under a name `list_snapshots` ignores, then renamed: a crash mid-copy leaves
        # no half snapshot that `restore` would pick as the latest.
        partial = target.with_name(target.name + PARTIAL_SUFFIX)
        wb.backup_to(partial)
        os.replace(partial, target)
        _sync_folder(target_folder)
    except (OSError, WorkbenchError) as error:
        if partial is not None:
            partial.unlink(missing_ok=True)
        if made_folder:
            with contextlib.suppress(OSError):
                target_folder.rmdir()  # only if still empty
        why = error.problem if isinstance(error, WorkbenchError) else error.strerror or error
        raise WorkbenchError(
            wb.path, f"no snapshot could be saved in {target_folder}: {why}; nothing was changed"
        ) from error
    if prune:
        _prune(target_folder)
    return Snapshot(target, now.isoformat().replace("+00:00", "Z"), slug)


def list_snapshots(workbench_path: str | Path) -> list[Snapshot]:
    """The snapshots of a file, oldest first."""
    found = []
    target_folder = folder(workbench_path)
    if not target_folder.is_dir():
        return []
    for path in target_folder.iterdir():
        match = _NAME_RE.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
        found.append(Snapshot(path, taken.isoformat().replace("+00:00", "Z"), match.group(2)))
    return sorted(found, key=lambda snapshot: snapshot.path.name)


def find(workbench_path: str | Path, name: str | None = None) -> Snapshot:
    """The snapshot called `name` (a prefix of its name will do), else the latest."""
    snapshots = list_snapshots(workbench_path)
    if not snapshots:
        raise WorkbenchError(workbench_path, "has no snapshots to restore")
    if name is None:
        return snapshots[-1]
    matches = [s for s in snapshots if s.name == name] or [
        s for s in snapshots if s.name.startswith(name)
    ]
    if len(matches) != 1:
        problem = "matches several snapshots" if matches else "is not a snapshot of this file"
        raise WorkbenchError(
            workbench_path, f"{name!r} {problem}; see `workbench restore FILE --list`"
        )
    return matches[0]


def restore(wb: SnapshotSource, name: str | None = None) -> Snapshot:
    """Make `wb` what the snapshot holds (latest unless named); the current state is kept first.

    The open file stays open (same lock, same connection), so a window can restore in place
    and simply reload. Returns the snapshot that was restored.
    """
    chosen = find(wb.path, name)
    if wb.read_only:
        raise WorkbenchError(wb.path, f"cannot be restored: {wb.read_only_reason}")
    take(wb, f"before restoring {chosen.name[:24]}", prune=False)
    wb.restore_from(chosen.path)
    _prune(folder(wb.path))
    return chosen


def _prune(target_folder: Path) -> None:
    snapshots = sorted(
        (p for p in target_folder.iterdir() if _NAME_RE.match(p.name)), key=lambda p: p.name
    )
    for old in snapshots[:-KEEP]:
        old.unlink(missing_ok=True)


def _remove_partial(target_folder: Path) -> None:
    """Copies a crash interrupted; only the writer takes snapshots, so none is in progress."""
    for stale in target_folder.glob(f"*{SUFFIX}{PARTIAL_SUFFIX}"):
        stale.unlink(missing_ok=True)


def _sync_folder(target_folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(target_folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
